"""A campaign assessment through the real app, on moto: the orga room starts it (evaluation.api), the
learner takes it through /api/campaign-assessments/…, with checkpoints and resume; someone else is refused."""


import pytest

from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine.checking import right_answer
from chalicelib.evaluation import api as evaluation_api
from chalicelib.evaluation.models import CompetenceRecord, ParticipationRecord, competence_key, participation_key
from tests.integration.test_evaluation_api import sign_up
from tests.unit.test_campaign_assessment import profile

SKILLS = profile()
PART = "part-42"
PATH = f"/api/campaign-assessments/{PART}"


@pytest.fixture
def learner(api) -> tuple[str, str]:
    return sign_up(api)


def answer(api, token: str, state: dict, *, skipped: bool = False, assessment_id: str | None = None):
    challenge_id = state["challenge"]["id"]
    body = {"assessment_id": assessment_id or state["assessment_id"], "challenge_id": challenge_id, "skipped": skipped}
    if not skipped:
        challenge = get_release().challenges[challenge_id]
        body["answer"] = answer_for_display(challenge, state["assessment_id"], right_answer(challenge.solution))
    return api.call("POST", PATH + "/answers", body, token=token)


def test_a_whole_campaign_test_with_checkpoints_resume_and_outcome(api, learner):
    token, user_id = learner
    status, _, _ = api.call("GET", PATH, token=token)
    assert status == 404  # not started: the orga room starts it
    started = evaluation_api.start_campaign_assessment(user_id, PART, SKILLS)
    status, state, _ = api.call("GET", PATH, token=token)
    assert status == 200 and state["assessment_id"] == started.assessment_id and state["resumed"] is True
    assert not {"solution", "answer", "accept"} & _keys(state["challenge"])
    checkpoints = []
    for _ in range(60):
        level = get_release().challenges[state["challenge"]["id"]].level
        status, outcome, _ = answer(api, token, state, skipped=level > 2)
        assert status == 200, outcome
        if outcome["checkpoint"]:
            checkpoints.append([a["number"] for a in outcome["checkpoint"]["answers"]])
        state = outcome["assessment"]
        if state["progress"]["answered"] == 5:
            status, again, _ = api.call("GET", PATH + "/checkpoint", token=token)  # a reload at the checkpoint
            assert status == 200 and [a["number"] for a in again["answers"]] == [1, 2, 3, 4, 5]
            status, resumed, _ = api.call("GET", PATH, token=token)
            assert resumed["challenge"] == state["challenge"]
        if state["status"] == "completed":
            break
    assert state["status"] == "completed" and state["challenge"] is None
    assert checkpoints[0] == [1, 2, 3, 4, 5]
    results = state["results"]
    assert results["skills"] == 30 and results["tested"] == 30 and 0 < results["validated"] < 30
    validated, tested = evaluation_api.campaign_outcome(user_id, PART)
    assert len(validated) == results["validated"] and tested == SKILLS
    # the answers counted in the learner's profile
    assert CompetenceRecord.count(user_id, CompetenceRecord.sk.startswith(competence_key(""))) >= 4
    assert ParticipationRecord.get(user_id, participation_key(PART)).status == "completed"
    status, profile_body, _ = api.call("GET", "/api/profile", token=token)
    assert sum(c["pix"] for c in profile_body["competences"]) > 0


def test_a_double_click_is_recorded_once(api, learner):
    token, user_id = learner
    evaluation_api.start_campaign_assessment(user_id, PART, SKILLS)
    _, state, _ = api.call("GET", PATH, token=token)
    first = answer(api, token, state)
    second = answer(api, token, state)
    assert first[0] == second[0] == 200 and first[1] == second[1]
    assert first[1]["assessment"]["progress"]["answered"] == 1


def test_someone_else_is_refused_and_never_reads_the_test(api, learner):
    token, user_id = learner
    evaluation_api.start_campaign_assessment(user_id, PART, SKILLS)
    _, state, _ = api.call("GET", PATH, token=token)
    other_token, _ = sign_up(api, "autre@example.org")
    assert api.call("GET", PATH, token=other_token)[0] == 404
    assert api.call("GET", PATH + "/checkpoint", token=other_token)[0] == 404
    status, body, _ = answer(api, other_token, state)  # the owner's assessment id: refused unread
    assert status == 403 and body["error"]["code"] == "NOT_YOUR_ASSESSMENT"
    status, body, _ = api.call("POST", PATH + "/problem-reports",
                               {"challenge_id": state["challenge"]["id"], "category": "other"}, token=other_token)
    assert status == 404
    assert api.call("GET", PATH, token=None)[0] == 401


def test_a_problem_report_on_the_served_challenge(api, learner):
    token, user_id = learner
    evaluation_api.start_campaign_assessment(user_id, PART, SKILLS)
    _, state, _ = api.call("GET", PATH, token=token)
    status, body, _ = api.call("POST", PATH + "/problem-reports",
                               {"challenge_id": state["challenge"]["id"], "category": "instruction"}, token=token)
    assert status == 201 and body["report_id"]


def _keys(value):
    """Every key of a JSON value, at any depth: what a response discloses, whatever its texts say."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()
