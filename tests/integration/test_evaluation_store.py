"""The evaluation store on moto, and its in-memory twin held to the same contract; DynamoDB's failures
become the store's outcomes (a failed condition → StaleWrite, no answer at all → STORAGE_UNAVAILABLE)."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from botocore.exceptions import ReadTimeoutError
from pynamodb.connection import Connection

from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.errors import Unavailable
from chalicelib.evaluation.domain import CompetenceProgress, ProblemReport, RecordedAnswer, ReportQuota, StaleWrite
from chalicelib.evaluation.runner import STARTED, Assessment
from chalicelib.evaluation.store import DynamoEvaluationStore
from chalicelib.evaluation.store_memory import InMemoryEvaluationStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USER = "u-1"


@pytest.fixture(params=["dynamodb", "memory"])
def store(request):
    if request.param == "memory":
        return InMemoryEvaluationStore()
    request.getfixturevalue("aws")
    return DynamoEvaluationStore()


def progress(version: int = 1, answers: tuple = ()) -> CompetenceProgress:
    knowledge = knowledge_rules.apply_answer(knowledge_rules.empty("1.1"), "tubeA", 2, [1, 2, 3], "ko", T0)
    assessment = Assessment(f"{USER}.abc", STARTED, T0, answers, "c2", T0)
    return CompetenceProgress(USER, "1.1", knowledge, assessment, version)


def answer(number: int = 1) -> RecordedAnswer:
    return RecordedAnswer(USER, "1.1", f"{USER}.abc", number, "c1", "ok", {"r": "é"}, True, 1200, T0)


def test_a_progress_round_trips_as_it_was_written(store):
    store.save_competence(progress())
    read = store.competence(USER, "1.1")
    assert read == progress()
    assert knowledge_rules.to_json(read.knowledge) == knowledge_rules.to_json(progress().knowledge)
    assert store.competences(USER) == [progress()] and store.competence(USER, "2.1") is None


def test_the_answers_a_checkpoint_reviews_round_trip_with_the_learners_values(store):
    answers = (("c1", "ok"), ("c2", "ko"), ("c3", "aband"), ("c4", "ok"), ("c5", "ok"), ("c6", "ko"))
    written = progress(answers=answers)
    written = replace(written, assessment=replace(written.assessment, recent=([2, 3],)))
    store.save_competence(written)
    assert store.competence(USER, "1.1") == written
    with_text = replace(written, version=2, assessment=replace(written.assessment, recent=({"f": "Île"}, None)))
    store.save_competence(with_text)
    assert store.competence(USER, "1.1").assessment.recent == ({"f": "Île"}, None)


def test_a_write_expecting_another_version_is_stale(store):
    store.save_competence(progress())
    with pytest.raises(StaleWrite):
        store.save_competence(progress())  # version 1 again: "must not exist"
    store.save_competence(progress(2))
    with pytest.raises(StaleWrite):
        store.record_answer(answer(), progress(2, (("c1", "ok"),)))  # expects 1, finds 2
    assert store.answers(USER) == []


def test_an_answer_is_written_once_with_its_progress(store):
    store.save_competence(progress())
    store.record_answer(answer(), progress(2, (("c1", "ok"),)))
    assert store.answers(USER, "1.1", f"{USER}.abc", consistent=True) == [answer()]
    assert store.competence(USER, "1.1").assessment.answers == (("c1", "ok"),)
    with pytest.raises(StaleWrite):
        store.record_answer(answer(), progress(3, (("c1", "ok"),)))  # the same answer again
    assert store.competence(USER, "1.1").version == 2


def test_removing_a_tutorial_never_saved_says_so(store):
    from chalicelib.evaluation.domain import SavedTutorial

    assert store.unsave_tutorial(USER, "t1") is False
    store.save_tutorial(USER, SavedTutorial("t1", T0))
    assert store.saved_tutorial(USER, "t1") == SavedTutorial("t1", T0)
    assert store.unsave_tutorial(USER, "t1") is True
    assert store.saved_tutorials(USER) == []


@pytest.mark.parametrize(("saved", "limit", "pages"), [(5, 2, [2, 2, 1]), (4, 2, [2, 2]), (0, 3, [0]), (3, 5, [3])])
def test_saved_tutorials_come_page_by_page_and_end(store, saved, limit, pages):
    from chalicelib.evaluation.domain import SavedTutorial

    for n in range(saved):
        store.save_tutorial(USER, SavedTutorial(f"t{n}", T0))
    store.save_tutorial("someone-else", SavedTutorial("t9", T0))
    seen, after, sizes = [], None, []
    while True:
        page, after = store.saved_tutorials_page(USER, limit, after)
        sizes.append(len(page))
        seen += [s.tutorial_id for s in page]
        if after is None:
            break
    assert seen == [f"t{n}" for n in range(saved)]
    assert sizes[:len(pages)] == pages and sizes[len(pages):] in ([], [0])  # DynamoDB may end on an empty page


def test_reports_are_counted_per_learner_and_window(store):
    def report(n: int, user: str = USER) -> ProblemReport:
        return ProblemReport(f"r{n}", "c1", "1.1", "other", "Texte", user, T0)

    assert [store.report_problem(report(n), ReportQuota("2026-03-02T09", 2)) for n in range(3)] == [True, True, False]
    assert store.report_problem(report(3), ReportQuota("2026-03-02T10", 2)) is True
    assert store.report_problem(report(4, "u-2"), ReportQuota("2026-03-02T09", 2)) is True
    assert [r.report_id for r in store.problem_reports(USER)] == ["r0", "r1", "r3"]


@pytest.mark.parametrize("call", ["read", "answer"])
def test_dynamodb_not_answering_is_storage_unavailable(aws, monkeypatch, call):
    dynamo = DynamoEvaluationStore()
    dynamo.save_competence(progress())

    def timeout(*args, **kwargs):
        raise ReadTimeoutError(endpoint_url="https://dynamodb.eu-west-3.amazonaws.com")

    monkeypatch.setattr(Connection, "_make_api_call", timeout)
    with pytest.raises(Unavailable) as refused:
        if call == "read":
            dynamo.competence(USER, "1.1")
        else:
            dynamo.record_answer(answer(), progress(2, (("c1", "ok"),)))
    assert refused.value.code == "STORAGE_UNAVAILABLE"


def test_all_answers_reads_every_learners_answers_by_parts_and_nothing_else(store):
    for user in ("u-1", "u-2"):
        for number in (1, 2):
            progress_of = replace(progress(version=number), user_id=user)
            store.record_answer(replace(answer(number), user_id=user), progress_of)
    everything = list(store.all_answers())
    assert sorted((a.user_id, a.number) for a in everything) == [("u-1", 1), ("u-1", 2), ("u-2", 1), ("u-2", 2)]
    assert all(a.challenge_id == "c1" and a.answered_at == T0 for a in everything)
    parts = [a for segment in range(3) for a in store.all_answers(segment, 3)]
    assert sorted((a.user_id, a.number) for a in parts) == sorted((a.user_id, a.number) for a in everything)
