"""A whole competence evaluation over HTTP, through the local stack as the browser reaches it."""

import uuid

import pytest

from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine.checking import right_answer
from tests.e2e.test_stack_http import call

pytestmark = pytest.mark.e2e


def test_a_learner_takes_a_whole_evaluation_and_sees_it_in_the_profile(stack_url):
    body = {"first_name": "Sam", "last_name": "Leroy", "email": f"sam-{uuid.uuid4().hex[:8]}@example.org",
            "password": "Bonjour2026", "cgu_accepted": True}
    status, session = call(stack_url, "POST", "/api/users", body)
    assert status == 201
    token = session["access_token"]
    status, profile = call(stack_url, "GET", "/api/profile", token=token)
    assert status == 200
    code = next(c["code"] for c in profile["competences"] if c["available"])

    status, state = call(stack_url, "POST", f"/api/competence-evaluations/{code}", token=token)
    assert status == 200 and state["challenge"]
    release = get_release()
    checkpoints = 0
    for _ in range(60):
        challenge = release.challenges[state["challenge"]["id"]]
        answer = {"assessment_id": state["assessment_id"], "challenge_id": challenge.id}
        if challenge.level <= 3:
            # Positions as shown to this assessment (the stack shares this process's secret).
            answer["answer"] = answer_for_display(challenge, state["assessment_id"], right_answer(challenge.solution))
        else:
            answer["skipped"] = True
        status, outcome = call(stack_url, "POST", f"/api/competence-evaluations/{code}/answers", answer, token)
        assert status == 200, outcome
        checkpoints += outcome["checkpoint"] is not None
        state = outcome["assessment"]
        if state["status"] == "completed":
            break
    else:
        pytest.fail("the evaluation never ended")
    assert checkpoints >= 1

    status, results = call(stack_url, "GET", f"/api/competence-evaluations/{code}/results", token=token)
    assert status == 200 and results["answers"]
    status, profile = call(stack_url, "GET", "/api/profile", token=token)
    mine = next(c for c in profile["competences"] if c["code"] == code)
    assert mine["evaluation"] == "completed" and mine["pix"] == results["pix"]
    assert profile["total_pix"] == results["pix"]
