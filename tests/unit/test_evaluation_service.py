"""The evaluation use cases on the in-memory store (no moto): start, resume, answer, replays, a concurrent
writer between the read and the write, a storage that does not answer, completion, retry and reset."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib import clock
from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine.checking import right_answer
from chalicelib.errors import Conflict, Forbidden, NotFound, TooManyAttempts, Unavailable
from chalicelib.evaluation import schemas, service, store, tutorials
from chalicelib.evaluation.bank import get_bank
from chalicelib.evaluation.store import unavailable
from chalicelib.evaluation.store_memory import InMemoryEvaluationStore

USER = "learner-1"
CODE = next(code for code in get_release().competences if get_bank().items_of(code))
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def later(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def now(monkeypatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr(clock, "now", lambda: fixed.at)
    return fixed


@pytest.fixture
def memory(now) -> InMemoryEvaluationStore:
    fake = InMemoryEvaluationStore()
    store.use_store(fake)
    yield fake
    store.use_store(None)


def request(state, *, skipped: bool = False, challenge_id: str | None = None):
    challenge_id = challenge_id or state.challenge.id
    challenge = get_release().challenges[challenge_id]
    # The right answer as the page sends it: positions in the order this assessment shows.
    value = None if skipped else answer_for_display(challenge, state.assessment_id, right_answer(challenge.solution))
    return schemas.AnswerRequest(assessment_id=state.assessment_id, challenge_id=challenge_id, answer=value,
                                 skipped=skipped)


def finish(state):
    while state.status == "started":
        state = service.answer_challenge(USER, CODE, request(state, skipped=True)).assessment
    return state


def test_start_serves_a_challenge_and_starting_again_resumes_it(memory):
    first = service.start_evaluation(USER, CODE)
    assert first.status == "started" and first.challenge and not first.resumed
    again = service.start_evaluation(USER, CODE)
    assert again.resumed and again.assessment_id == first.assessment_id and again.challenge == first.challenge
    assert memory.writes == 1


def test_an_answer_is_one_read_and_one_write(memory):
    state = service.start_evaluation(USER, CODE)
    reads, writes = memory.reads, memory.writes
    outcome = service.answer_challenge(USER, CODE, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1
    assert (memory.reads - reads, memory.writes - writes) == (1, 1)
    (recorded,) = memory.answers(USER, CODE)
    assert recorded.number == 1 and recorded.result == "ok" and recorded.value is not None


def test_a_double_submitted_answer_is_recorded_once_with_the_same_outcome(memory):
    state = service.start_evaluation(USER, CODE)
    first = service.answer_challenge(USER, CODE, request(state))
    second = service.answer_challenge(USER, CODE, request(state))
    assert first == second
    assert len(memory.answers(USER, CODE)) == 1


def test_a_concurrent_writer_between_read_and_write_is_a_conflict(memory):
    state = service.start_evaluation(USER, CODE)

    def another_tab_writes() -> None:  # a newer version of the progress, without this answer
        memory.competences_[(USER, CODE)] = memory.competences_[(USER, CODE)].changed()

    memory.before_write = another_tab_writes
    with pytest.raises(Conflict) as refused:
        service.answer_challenge(USER, CODE, request(state))
    assert refused.value.code == "CONCURRENT_UPDATE"
    assert memory.answers(USER, CODE) == []


def test_a_concurrent_writer_recording_the_same_answer_is_replayed(memory):
    state = service.start_evaluation(USER, CODE)
    memory.before_write = lambda: service.answer_challenge(USER, CODE, request(state))  # the double click
    outcome = service.answer_challenge(USER, CODE, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1
    assert len(memory.answers(USER, CODE)) == 1


def test_a_storage_timeout_after_the_write_replays_the_recorded_answer(memory):
    state = service.start_evaluation(USER, CODE)
    memory.fail_writes, memory.lost_response = unavailable(), True  # written, the response lost
    outcome = service.answer_challenge(USER, CODE, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1
    assert len(memory.answers(USER, CODE)) == 1


def test_a_storage_timeout_before_the_write_asks_to_try_again(memory):
    state = service.start_evaluation(USER, CODE)
    memory.fail_writes = unavailable()
    with pytest.raises(Unavailable) as refused:
        service.answer_challenge(USER, CODE, request(state))
    assert refused.value.code == "STORAGE_UNAVAILABLE"
    assert memory.answers(USER, CODE) == []
    assert service.answer_challenge(USER, CODE, request(state)).result == "ok"  # trying again works


def test_answering_a_challenge_not_served_or_someone_elses_assessment_is_refused(memory):
    state = service.start_evaluation(USER, CODE)
    other = next(i.challenge_id for i in get_bank().items_of(CODE) if i.challenge_id != state.challenge.id)
    with pytest.raises(Conflict) as refused:
        service.answer_challenge(USER, CODE, request(state, challenge_id=other))
    assert refused.value.code == "NOT_THE_CURRENT_CHALLENGE"
    with pytest.raises(Forbidden):
        service.answer_challenge("intruder", CODE, request(state))


def test_a_completed_evaluation_has_results_and_refuses_answers_and_restarts(memory):
    served = service.start_evaluation(USER, CODE)
    last = finish(served)
    assert last.status == "completed" and last.challenge is None and last.results is not None
    answered = {a.challenge_id for a in memory.answers(USER, CODE)}
    other = next(i.challenge_id for i in get_bank().items_of(CODE) if i.challenge_id not in answered)
    with pytest.raises(Conflict) as refused:
        service.answer_challenge(USER, CODE, request(served, challenge_id=other, skipped=True))
    assert refused.value.code == "EVALUATION_COMPLETED"
    with pytest.raises(Conflict) as again:
        service.start_evaluation(USER, CODE)
    assert again.value.code == "EVALUATION_COMPLETED" and "retenter à partir du" in again.value.message
    results = service.results(USER, CODE)
    assert [a.number for a in results.answers] == list(range(1, last.progress.answered + 1))


def test_results_are_read_consistently(memory, monkeypatch):
    finish(service.start_evaluation(USER, CODE))
    asked = []
    original_competence, original_answers = memory.competence, memory.answers
    monkeypatch.setattr(memory, "competence", lambda *a, **k: asked.append(k.get("consistent", True))
                        or original_competence(*a, **k))
    monkeypatch.setattr(memory, "answers", lambda *a, **k: asked.append(k.get("consistent", False))
                        or original_answers(*a, **k))
    service.results(USER, CODE)
    assert asked == [True, True]


def test_retry_opens_4_days_and_reset_7_days_after_the_last_answer(memory, now):
    finish(service.start_evaluation(USER, CODE))
    with pytest.raises(Conflict) as closed:
        service.retry_competence(USER, CODE)
    assert closed.value.code == "RETRY_NOT_OPEN" and closed.value.meta["opens_at"]
    now.later(days=4, minutes=1)
    retried = service.retry_competence(USER, CODE)
    assert retried.status == "started"
    with pytest.raises(Conflict) as running:
        service.reset_competence(USER, CODE)
    assert running.value.code == "EVALUATION_IN_PROGRESS"
    finish(retried)
    with pytest.raises(Conflict) as too_soon:
        service.reset_competence(USER, CODE)
    assert too_soon.value.code == "RESET_NOT_OPEN"
    now.later(days=8)
    cleared = service.reset_competence(USER, CODE)
    assert cleared.pix == 0 and cleared.evaluation == "none"
    assert service.start_evaluation(USER, CODE).status == "started"


def test_retry_before_any_answer_says_there_is_nothing_to_retry(memory):
    with pytest.raises(Conflict) as closed:
        service.retry_competence(USER, CODE)
    assert closed.value.code == "RETRY_NOT_OPEN" and "rien à retenter" in closed.value.message


def test_an_unknown_or_loosely_written_competence_is_not_found(memory):
    for code in ("9.9", f"{CODE};drop", f" {CODE}", f"{CODE}\n"):
        with pytest.raises(NotFound) as missing:
            service.start_evaluation(USER, code)
        assert missing.value.code == "COMPETENCE_NOT_FOUND"
    assert memory.writes == 0


def test_problem_reports_stop_at_10_an_hour_and_open_again_the_next_hour(memory, now):
    state = service.start_evaluation(USER, CODE)
    report = schemas.ProblemReportRequest(challenge_id=state.challenge.id, category="other", comment="?")
    for _ in range(10):
        service.report_problem(USER, CODE, report)
    with pytest.raises(TooManyAttempts) as refused:
        service.report_problem(USER, CODE, report)
    assert refused.value.code == "TOO_MANY_REPORTS" and refused.value.retry_after_seconds == 3601
    assert len(memory.team_reports) == 10
    now.later(hours=1)
    service.report_problem(USER, CODE, report)
    assert len(memory.problem_reports(USER)) == 11


def test_recommended_tutorials_of_one_competence_are_its_own(memory, now):
    release = get_release()
    state = service.start_evaluation(USER, CODE)
    for _ in range(3):
        state = service.answer_challenge(USER, CODE, request(state, skipped=True)).assessment
        now.later(minutes=1)
    ours = {t.id for s in release.skills.values() if s.competence == CODE for t in release.tutorials_of(s.name)}
    found = [t.id for t in tutorials.recommended_tutorials(USER, CODE).tutorials]
    assert set(found) <= ours
    if not found:
        pytest.skip("the skills failed have no tutorial in this release")
    other = next(code for code in release.competences if code != CODE)
    assert tutorials.recommended_tutorials(USER, other).tutorials == []


def test_removing_a_tutorial_never_saved_is_not_found(memory):
    tutorial_id = next(iter(get_release().tutorials))
    with pytest.raises(NotFound) as missing:
        tutorials.unsave_tutorial(USER, tutorial_id)
    assert missing.value.code == "TUTORIAL_NOT_SAVED"
    tutorials.save_tutorial(USER, tutorial_id)
    tutorials.unsave_tutorial(USER, tutorial_id)
    assert tutorials.saved_tutorials(USER, 20, None).tutorials == []


def test_personal_data_holds_everything_kept_about_the_learner(memory):
    import json

    from chalicelib.evaluation.api import personal_data

    state = service.start_evaluation(USER, CODE)
    service.answer_challenge(USER, CODE, request(state))
    tutorial_id = next(iter(get_release().tutorials))
    tutorials.save_tutorial(USER, tutorial_id)
    report = schemas.ProblemReportRequest(challenge_id=state.challenge.id, category="other", comment="Ambigu.")
    service.report_problem(USER, CODE, report)
    data = json.loads(json.dumps(personal_data(USER)))  # JSON-ready
    (competence,) = data["competences"]
    assert competence["competence"] == CODE and competence["knowledge"]
    assert competence["last_assessment"]["id"] == state.assessment_id
    assert [a["challenge_id"] for a in data["answers"]] == [state.challenge.id]
    assert [t["tutorial_id"] for t in data["saved_tutorials"]] == [tutorial_id]
    assert [r["comment"] for r in data["problem_reports"]] == ["Ambigu."]
    assert personal_data("someone-else") == {"competences": [], "campaign_assessments": [], "answers": [],
                                             "saved_tutorials": [], "problem_reports": []}
