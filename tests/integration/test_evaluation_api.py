"""The evaluation API through the real app, on moto: a learner takes a competence's adaptive test."""

import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from chalicelib import clock
from chalicelib.content.api import answer_for_display
from chalicelib.content.model import Challenge
from chalicelib.content.release import get_release
from chalicelib.engine.checking import right_answer
from chalicelib.evaluation.assessment import TIMER_GRACE
from chalicelib.evaluation.bank import get_bank
from chalicelib.evaluation.models import AnswerRecord, CompetenceRecord, ProblemReport, competence_key

CHALLENGE_KEYS = {
    "id", "type", "instruction", "choices", "fields", "attachments", "illustration", "timer", "focused", "locale",
}


def competence_with_challenges() -> str:
    """A competence of the release that has challenges to serve (content may still be incomplete)."""
    return next(code for code in get_release().competences if get_bank().items_of(code))


CODE = competence_with_challenges()


def sign_up(api, email: str = "lea@example.org") -> tuple[str, str]:
    body = {"first_name": "Léa", "last_name": "Roux", "email": email, "password": "Bonjour2026", "cgu_accepted": True}
    status, session, _ = api.call("POST", "/api/users", body)
    assert status == 201
    return session["access_token"], session["user"]["id"]


@pytest.fixture
def learner(api) -> str:
    return sign_up(api)[0]


def right(challenge_id: str):
    return right_answer(get_release().challenges[challenge_id].solution)


def wrong(challenge_id: str):
    """An answer of the right shape that the checker refuses."""
    challenge = get_release().challenges[challenge_id]
    solution = challenge.solution
    if challenge.type == "QCU":
        return next(i for i in range(1, solution.choice_count + 1) if i != solution.answer[0])
    if challenge.type == "QCM":
        others = [i for i in range(1, solution.choice_count + 1) if i not in solution.answer]
        return others or [solution.answer[0]]
    return {f.id: "zzzz qqqq wwww" for f in solution.fields}


def knows_up_to(level: int):
    """A scripted learner: right on skills up to `level`, wrong above."""

    def policy(challenge_id: str):
        return right(challenge_id) if get_release().challenges[challenge_id].level <= level else wrong(challenge_id)

    return policy


def start(api, token: str, code: str = CODE):
    return api.call("POST", f"/api/competence-evaluations/{code}", token=token)


def as_shown(challenge_id: str, assessment_id: str, value):
    """An answer written in the content's indexes, as the page sends it: positions in the order shown."""
    return answer_for_display(get_release().challenges[challenge_id], assessment_id, value)


def answer(api, token: str, state: dict, value=None, *, skipped: bool = False, code: str = CODE):
    """Answer the served challenge with `value` in the content's indexes (the right answer by default)."""
    challenge_id = state["challenge"]["id"]
    body = {"assessment_id": state["assessment_id"], "challenge_id": challenge_id, "skipped": skipped}
    if not skipped:
        content = value if value is not None else right(challenge_id)
        body["answer"] = as_shown(challenge_id, state["assessment_id"], content)
    return api.call("POST", f"/api/competence-evaluations/{code}/answers", body, token=token)


def take_whole_evaluation(api, token: str, policy) -> tuple[dict, list[dict]]:
    """Answer until the end; return the last outcome and every outcome."""
    status, state, _ = start(api, token)
    assert status == 200, state
    outcomes = []
    for _ in range(60):
        challenge_id = state["challenge"]["id"]
        status, outcome, _ = answer(api, token, state, policy(challenge_id))
        assert status == 200, outcome
        outcomes.append(outcome)
        state = outcome["assessment"]
        if state["status"] == "completed":
            return outcome, outcomes
    pytest.fail("the evaluation never ended")


def test_framework_is_public_with_domains_competences_tubes_and_levels(api):
    status, framework, _ = api.call("GET", "/api/frameworks")
    assert status == 200
    competences = [c for d in framework["domains"] for c in d["competences"]]
    assert len(framework["domains"]) == 5 and len(competences) == 16
    assert [lv["level"] for lv in framework["levels"]] == list(range(1, 9))
    assert any(c["tubes"] for c in competences)


def test_a_whole_evaluation_with_checkpoints_results_and_profile(api, learner):
    status, before, _ = api.call("GET", "/api/profile", token=learner)
    assert status == 200
    assert before["total_pix"] == 0 and before["max_pix"] == 1024 and len(before["competences"]) == 16

    last, outcomes = take_whole_evaluation(api, learner, knows_up_to(3))

    count = len(outcomes)
    assert 5 <= count <= 30
    for number, outcome in enumerate(outcomes, 1):
        checkpoint = outcome["checkpoint"]
        if number % 5 == 0:
            assert len(checkpoint["answers"]) == 5
        elif number == count:
            assert len(checkpoint["answers"]) == count % 5
        else:
            assert checkpoint is None
        assert outcome["assessment"]["progress"]["answered"] == number
    for reviewed in (a for o in outcomes if o["checkpoint"] for a in o["checkpoint"]["answers"]):
        assert reviewed["right_answer"]
        assert reviewed["correct"] == (reviewed["result"] == "ok")
        if not reviewed["correct"]:
            assert reviewed["tutorials"] == [] or reviewed["tutorials"][0]["url"]
    summary = last["assessment"]["results"]
    assert last["assessment"]["challenge"] is None
    assert summary["pix"] > 0 and summary["pix_gained"] == summary["pix"]

    status, results, _ = api.call("GET", f"/api/competence-evaluations/{CODE}/results", token=learner)
    assert status == 200
    assert results["status"] == "completed" and results["pix"] == summary["pix"]
    assert [a["number"] for a in results["answers"]] == list(range(1, count + 1))
    assert all(a["answered_at"] and a["right_answer"] for a in results["answers"])

    status, after, _ = api.call("GET", "/api/profile", token=learner)
    mine = next(c for c in after["competences"] if c["code"] == CODE)
    assert mine["pix"] == summary["pix"] and mine["level"] == summary["level"]
    assert mine["evaluation"] == "completed" and 0 < mine["progress"] <= 1
    assert mine["improve_opens_at"] < mine["reset_opens_at"]
    assert after["total_pix"] == summary["pix"]

    status, recommended, _ = api.call("GET", "/api/tutorials/recommended", token=learner)
    assert status == 200
    failed = [a for a in results["answers"] if not a["correct"]]
    if any(a["tutorials"] for a in failed):
        assert recommended["tutorials"]


def test_no_challenge_sent_to_the_learner_carries_its_solution(api, learner):
    _, outcomes = take_whole_evaluation(api, learner, knows_up_to(8))
    served = [o["assessment"]["challenge"] for o in outcomes if o["assessment"]["challenge"]]
    served += [a["challenge"] for o in outcomes if o["checkpoint"] for a in o["checkpoint"]["answers"]]
    assert served
    for challenge in served:
        assert set(challenge) <= CHALLENGE_KEYS
        solution = get_release().challenges[challenge["id"]].solution
        text = json.dumps({k: v for k, v in challenge.items() if k != "instruction"}, ensure_ascii=False)
        for field in solution.fields:
            for accepted in field.accept:
                if len(accepted) > 3 and not field.dropdown:
                    assert accepted not in text, challenge["id"]


def test_starting_again_resumes_at_the_same_challenge(api, learner):
    _, first, _ = start(api, learner)
    assert first["resumed"] is False and first["challenge"]
    _, outcome, _ = answer(api, learner, first)
    current = outcome["assessment"]["challenge"]
    status, again, _ = start(api, learner)
    assert status == 200
    assert again["resumed"] is True
    assert again["assessment_id"] == first["assessment_id"]
    assert again["challenge"] == current and again["progress"]["answered"] == 1


def test_skipping_a_challenge_records_aband(api, learner):
    _, state, _ = start(api, learner)
    status, outcome, _ = answer(api, learner, state, skipped=True)
    assert status == 200
    assert outcome["result"] == "aband"
    _, results, _ = api.call("GET", f"/api/competence-evaluations/{CODE}/results", token=learner)
    assert results["answers"][0]["result"] == "aband" and results["answers"][0]["your_answer"] is None


def challenge_served(api, wanted: Callable[[Challenge], bool], what: str) -> tuple[str, str, dict, Challenge]:
    """A new learner in front of a challenge of the kind `wanted` (the engine picks; the test puts one there)."""
    challenge = next((c for c in get_release().challenges.values() if wanted(c) and c.id in get_bank().items), None)
    if challenge is None:
        pytest.skip(f"no {what} challenge in this release")
    token, user_id = sign_up(api)
    _, state, _ = start(api, token, challenge.competence)
    record = CompetenceRecord.get(user_id, competence_key(challenge.competence))
    record.update(actions=[CompetenceRecord.served_challenge.set(challenge.id)])
    state["challenge"] = {"id": challenge.id}
    return token, user_id, state, challenge


def timed_challenge_served(api) -> tuple[str, dict, Challenge]:
    token, _, state, timed = challenge_served(api, lambda c: bool(c.timer), "timed")
    return token, state, timed


@pytest.mark.parametrize(("beyond_grace", "result"), [(-1, "ok"), (1, "timedout")])
def test_an_answer_is_timed_out_after_the_timer_and_its_grace(api, monkeypatch, beyond_grace, result):
    token, state, timed = timed_challenge_served(api)
    now = clock.now()
    late = timedelta(seconds=timed.timer + beyond_grace) + TIMER_GRACE
    monkeypatch.setattr(clock, "now", lambda: now + late)
    status, outcome, _ = answer(api, token, state, right(timed.id), code=timed.competence)
    assert status == 200
    assert outcome["result"] == result


def test_the_page_sends_no_answer_when_the_timer_runs_out(api):
    token, state, timed = timed_challenge_served(api)
    body = {"assessment_id": state["assessment_id"], "challenge_id": timed.id, "answer": None}
    status, outcome, _ = api.call("POST", f"/api/competence-evaluations/{timed.competence}/answers", body, token=token)
    assert status == 200
    assert outcome["result"] == "timedout"


def test_an_answer_sent_twice_is_recorded_once_with_the_same_outcome(api):
    token, user_id = sign_up(api)
    _, state, _ = start(api, token)
    first = answer(api, token, state)
    second = answer(api, token, state)
    assert first[0] == second[0] == 200
    assert first[1] == second[1]
    recorded = list(AnswerRecord.query(user_id, AnswerRecord.sk.startswith("ANSWER#")))
    assert len(recorded) == 1


def test_answering_another_challenge_than_the_one_served_is_409(api, learner):
    _, state, _ = start(api, learner)
    other = next(i.challenge_id for i in get_bank().items_of(CODE) if i.challenge_id != state["challenge"]["id"])
    state["challenge"] = {"id": other}
    status, body, _ = answer(api, learner, state)
    assert status == 409
    assert body["error"]["code"] == "NOT_THE_CURRENT_CHALLENGE"


def test_answering_after_the_end_is_409(api, learner):
    _, state, _ = start(api, learner)
    while state["status"] == "started":
        previous = state
        state = answer(api, learner, state, skipped=True)[1]["assessment"]
    other = next(i.challenge_id for i in get_bank().items_of(CODE) if i.challenge_id != previous["challenge"]["id"])
    status, body, _ = answer(api, learner, {**previous, "challenge": {"id": other}})
    assert status == 409
    assert body["error"]["code"] == "EVALUATION_COMPLETED"
    status, body, _ = start(api, learner)
    assert status == 409 and "retenter" in body["error"]["message"]


def test_answering_someone_elses_evaluation_is_403(api, learner):
    _, state, _ = start(api, learner)
    intruder, _ = sign_up(api, "intrus@example.org")
    start(api, intruder)
    status, body, _ = answer(api, intruder, state)
    assert status == 403
    assert body["error"]["code"] == "NOT_YOUR_ASSESSMENT"


@pytest.mark.parametrize("payload", [{"pas": "un champ"}, "texte", [0, 0], True])
def test_an_answer_of_the_wrong_shape_is_400(api, learner, payload):
    _, state, _ = start(api, learner)
    status, body, _ = answer(api, learner, state, payload)
    assert status == 400
    assert body["error"]["code"] == "INVALID_ANSWER" and body["error"]["message"]
    assert answer(api, learner, state)[0] == 200  # nothing was recorded: the challenge is still served


def test_an_unknown_competence_is_404(api, learner):
    assert start(api, learner, "9.9")[0] == 404
    status, body, _ = api.call("GET", "/api/competence-evaluations/9.9/results", token=learner)
    assert status == 404 and body["error"]["code"] == "COMPETENCE_NOT_FOUND"


@pytest.mark.parametrize("code", [f"{CODE};drop", f"{CODE}%3Bdrop", f"{CODE}%20", f"{CODE}."])
def test_a_competence_code_is_read_exactly(api, learner, code):
    status, body, _ = api.call("POST", f"/api/competence-evaluations/{code}", token=learner)
    assert status == 404, body
    assert api.call("GET", f"/api/competence-evaluations/{CODE}/results", token=learner)[1]["error"]["code"] == (
        "RESULTS_NOT_FOUND"
    )  # nothing was started under the loose code
    status, body, _ = api.call("GET", f"/api/tutorials/recommended?competence={code}", token=learner)
    assert status == 404 and body["error"]["code"] == "COMPETENCE_NOT_FOUND"


def test_retry_and_reset_open_4_and_7_days_after_the_last_answer(api, learner, monkeypatch):
    _, state, _ = start(api, learner)
    while state["status"] == "started":
        state = answer(api, learner, state, skipped=True)[1]["assessment"]
    status, body, _ = api.call("POST", f"/api/competences/{CODE}/retry", token=learner)
    assert status == 409
    assert body["error"]["code"] == "RETRY_NOT_OPEN" and "à partir du" in body["error"]["message"]
    status, body, _ = api.call("POST", f"/api/competences/{CODE}/reset", token=learner)
    assert status == 409 and body["error"]["code"] == "RESET_NOT_OPEN"

    now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: now + timedelta(days=4, minutes=1))
    status, retried, _ = api.call("POST", f"/api/competences/{CODE}/retry", token=learner)
    assert status == 200
    assert retried["status"] == "started" and retried["assessment_id"] != state["assessment_id"]
    assert api.call("POST", f"/api/competences/{CODE}/reset", token=learner)[0] == 409  # one in progress

    while retried["status"] == "started":
        retried = answer(api, learner, retried, skipped=True)[1]["assessment"]
    monkeypatch.setattr(clock, "now", lambda: now + timedelta(days=12))
    status, competence, _ = api.call("POST", f"/api/competences/{CODE}/reset", token=learner)
    assert status == 200
    assert competence["pix"] == 0 and competence["evaluation"] == "none" and competence["progress"] == 0


def test_retry_before_any_answer_is_409(api, learner):
    status, body, _ = api.call("POST", f"/api/competences/{CODE}/retry", token=learner)
    assert status == 409 and body["error"]["message"]


def test_a_problem_report_is_kept_for_the_content_team(api, learner):
    _, state, _ = start(api, learner)
    body = {"challenge_id": state["challenge"]["id"], "category": "instruction", "comment": "La consigne est ambiguë."}
    status, received, _ = api.call("POST", f"/api/competence-evaluations/{CODE}/problem-reports", body, token=learner)
    assert status == 201 and received["message"]
    reports = list(ProblemReport.query(state["challenge"]["id"]))
    assert [r.comment for r in reports] == ["La consigne est ambiguë."]
    body["challenge_id"] = "inconnue"
    status, refused, _ = api.call("POST", f"/api/competence-evaluations/{CODE}/problem-reports", body, token=learner)
    assert status == 404 and refused["error"]["code"] == "CHALLENGE_NOT_FOUND"


def test_problem_reports_are_limited_to_10_an_hour_per_learner(api, learner):
    _, state, _ = start(api, learner)
    body = {"challenge_id": state["challenge"]["id"], "category": "other", "comment": "Encore."}
    path = f"/api/competence-evaluations/{CODE}/problem-reports"
    assert [api.call("POST", path, body, token=learner)[0] for _ in range(10)] == [201] * 10
    status, refused, headers = api.call("POST", path, body, token=learner)
    assert status == 429 and refused["error"]["code"] == "TOO_MANY_REPORTS"
    assert 0 < int(headers["Retry-After"]) <= 3600 and "min" in refused["error"]["message"]
    assert len(list(ProblemReport.query(state["challenge"]["id"]))) == 10
    other, _ = sign_up(api, "autre@example.org")
    start(api, other)
    assert api.call("POST", path, body, token=other)[0] == 201  # per learner: another one may report


def test_saved_tutorials(api, learner):
    tutorial_id = next(iter(get_release().tutorials))
    path = f"/api/tutorials/saved/{tutorial_id}"
    assert api.call("GET", path, token=learner)[0] == 404
    status, saved, _ = api.call("PUT", path, token=learner)
    assert status == 200 and saved["saved"] is True
    assert api.call("PUT", path, token=learner)[0] == 200
    assert api.call("GET", path, token=learner)[1]["id"] == tutorial_id
    assert [t["id"] for t in api.call("GET", "/api/tutorials/saved", token=learner)[1]["tutorials"]] == [tutorial_id]
    assert api.call("DELETE", path, token=learner)[0] == 204
    assert api.call("GET", "/api/tutorials/saved", token=learner)[1]["tutorials"] == []
    status, body, _ = api.call("PUT", "/api/tutorials/saved/inconnu", token=learner)
    assert status == 404 and body["error"]["code"] == "TUTORIAL_NOT_FOUND"


def test_saved_tutorials_come_page_by_page_with_a_cursor_only_their_owner_can_use(api, learner):
    ids = sorted(get_release().tutorials)[:5]
    for tutorial_id in ids:
        assert api.call("PUT", f"/api/tutorials/saved/{tutorial_id}", token=learner)[0] == 200
    status, first, _ = api.call("GET", "/api/tutorials/saved?limit=2", token=learner)
    assert status == 200 and [t["id"] for t in first["tutorials"]] == ids[:2]
    cursor = first["next_cursor"]
    _, second, _ = api.call("GET", f"/api/tutorials/saved?limit=2&cursor={cursor}", token=learner)
    assert [t["id"] for t in second["tutorials"]] == ids[2:4]
    other, _ = sign_up(api, "curieux@example.org")
    status, body, _ = api.call("GET", f"/api/tutorials/saved?limit=2&cursor={cursor}", token=other)
    assert (status, body["error"]["code"]) == (400, "INVALID_CURSOR")
    status, body, _ = api.call("GET", "/api/tutorials/saved?limit=1000", token=learner)
    assert (status, body["error"]["code"]) == (400, "INVALID_PAGE_SIZE")


def test_removing_a_tutorial_never_saved_is_404(api, learner):
    tutorial_id = next(iter(get_release().tutorials))
    status, body, _ = api.call("DELETE", f"/api/tutorials/saved/{tutorial_id}", token=learner)
    assert status == 404 and body["error"]["code"] == "TUTORIAL_NOT_SAVED"
    api.call("PUT", f"/api/tutorials/saved/{tutorial_id}", token=learner)
    assert api.call("DELETE", f"/api/tutorials/saved/{tutorial_id}", token=learner)[0] == 204
    assert api.call("DELETE", f"/api/tutorials/saved/{tutorial_id}", token=learner)[0] == 404


def test_a_competence_page_recommends_the_tutorials_of_that_competence(api, learner):
    """Failures in two competences: each competence's page gets its own tutorials, Mes tutos gets both."""
    release = get_release()
    with_tutorials = [code for code in release.competences if get_bank().items_of(code)
                      and any(release.tutorials_of(s.name) for s in release.skills.values() if s.competence == code)]
    if len(with_tutorials) < 2:
        pytest.skip("fewer than two competences with tutorials")
    for code in with_tutorials[:2]:
        _, state, _ = start(api, learner, code)
        for _ in range(3):
            state = answer(api, learner, state, wrong(state["challenge"]["id"]), code=code)[1]["assessment"]
    mine = {}
    for code in with_tutorials[:2]:
        status, body, _ = api.call("GET", f"/api/tutorials/recommended?competence={code}", token=learner)
        assert status == 200
        mine[code] = [t["id"] for t in body["tutorials"]]
        of_code = {t.id for s in release.skills.values() if s.competence == code for t in release.tutorials_of(s.name)}
        assert mine[code] and set(mine[code]) <= of_code
    everything = [t["id"] for t in api.call("GET", "/api/tutorials/recommended", token=learner)[1]["tutorials"]]
    assert set(everything) == set(mine[with_tutorials[0]]) | set(mine[with_tutorials[1]])
    assert everything[0] in mine[with_tutorials[1]]  # the competence failed last comes first



def test_leaving_a_focused_challenge_is_recorded_with_the_answer(api):
    token, user_id, state, focused = challenge_served(api, lambda c: c.focused, "focused")
    body = {"assessment_id": state["assessment_id"], "challenge_id": focused.id,
            "answer": as_shown(focused.id, state["assessment_id"], right(focused.id)), "focused_out": True}
    path = f"/api/competence-evaluations/{focused.competence}/answers"
    status, outcome, _ = api.call("POST", path, body, token=token)
    assert status == 200 and outcome["result"] == "ok"  # positioning records it; certification will count it
    (recorded,) = AnswerRecord.query(user_id, AnswerRecord.sk.startswith(f"ANSWER#{focused.competence}#"))
    assert recorded.focused_out == 1


def test_a_checkpoint_review_numbers_as_asked_and_shows_the_learners_answer(api, learner):
    """Wrong answers in the content's indexes: the second checkpoint reviews 6 to 10, each with the learner's
    own answer beside the right one, as shown (positions of this assessment), and the explanation if any."""
    _, state, _ = start(api, learner)
    given, outcomes = [], []
    while state["status"] == "started" and len(outcomes) < 10:
        challenge_id = state["challenge"]["id"]
        value = wrong(challenge_id)
        given.append((challenge_id, value))
        status, outcome, _ = answer(api, learner, state, value)
        assert status == 200
        outcomes.append(outcome)
        state = outcome["assessment"]
    second = outcomes[9]["checkpoint"] if len(outcomes) == 10 else outcomes[-1]["checkpoint"]
    assert [a["number"] for a in second["answers"]] == list(range(6, 6 + len(second["answers"])))
    release = get_release()
    for reviewed, (challenge_id, value) in zip(second["answers"], given[5:], strict=True):
        challenge = release.challenges[challenge_id]
        assert reviewed["challenge"]["id"] == challenge_id
        assert reviewed["explanation"] == challenge.explanation
        mine = reviewed["your_answer"]
        if challenge.choices:
            chosen = [value] if isinstance(value, int) else value
            assert [c["text"] for c in mine["choices"]] == sorted(
                (challenge.choices[i - 1] for i in chosen), key=reviewed["challenge"]["choices"].index
            )
            assert all(reviewed["challenge"]["choices"][c["index"] - 1] == c["text"] for c in mine["choices"])
        else:
            assert {f["id"]: f["value"] for f in mine["fields"]} == value
    status, results, _ = api.call("GET", f"/api/competence-evaluations/{CODE}/results", token=learner)
    assert [a["your_answer"] for a in results["answers"][5:10]] == [a["your_answer"] for a in second["answers"]]


def test_the_stored_answer_says_what_was_chosen_and_shown_and_old_answers_still_display(api):
    token, user_id = sign_up(api)
    _, state, _ = start(api, token)
    while not state["challenge"]["choices"]:
        state = answer(api, token, state, skipped=True)[1]["assessment"]
    challenge = get_release().challenges[state["challenge"]["id"]]
    answer(api, token, state, wrong(challenge.id))
    recorded = [r for r in AnswerRecord.query(user_id, AnswerRecord.sk.startswith("ANSWER#"))
                if r.challenge_id == challenge.id][0]
    stored = json.loads(recorded.value)
    assert stored["answer"] == wrong(challenge.id)  # the content's indexes
    assert [challenge.choices[i - 1] for i in stored["shown"]] == state["challenge"]["choices"]
    # An answer recorded before the proposals were shuffled: the bare payload, in the content's indexes.
    recorded.update(actions=[AnswerRecord.value.set(json.dumps(wrong(challenge.id)))])
    _, results, _ = api.call("GET", f"/api/competence-evaluations/{CODE}/results", token=token)
    (mine,) = [a["your_answer"] for a in results["answers"] if a["challenge"]["id"] == challenge.id]
    chosen = wrong(challenge.id)
    chosen = [chosen] if isinstance(chosen, int) else chosen
    assert {c["text"] for c in mine["choices"]} == {challenge.choices[i - 1] for i in chosen}


def test_progress_follows_the_engines_stop_rule_and_the_profile_says_the_length(api, learner):
    status, profile, _ = api.call("GET", "/api/profile", token=learner)
    assert profile["test_length"] == {"min": 6, "max": 15, "mean": 8}
    last, outcomes = take_whole_evaluation(api, learner, knows_up_to(3))
    assert 6 <= len(outcomes) <= 15
    for outcome in outcomes[:-1]:
        assert outcome["assessment"]["progress"]["estimated_remaining"] >= 1
    assert last["assessment"]["progress"]["estimated_remaining"] == 0
