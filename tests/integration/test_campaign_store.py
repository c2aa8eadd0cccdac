"""The campaign assessment's storage on moto, and its in-memory twin held to the same contract: one read
brings the test and the learner's competences, the answer's write puts three items or none."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from botocore.exceptions import ReadTimeoutError
from pynamodb.connection import Connection

from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.errors import Unavailable
from chalicelib.evaluation.domain import CampaignProgress, CompetenceProgress, RecordedAnswer, StaleWrite
from chalicelib.evaluation.runner import STARTED, Assessment
from chalicelib.evaluation.store import DynamoEvaluationStore
from chalicelib.evaluation.store_memory import InMemoryEvaluationStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
USER = "u-1"
SKILLS = frozenset({"@tubeA1", "@tubeA2", "@tubeB3"})


@pytest.fixture(params=["dynamodb", "memory"])
def store(request):
    if request.param == "memory":
        return InMemoryEvaluationStore()
    request.getfixturevalue("aws")
    return DynamoEvaluationStore()


def campaign(version: int = 1, answers: tuple = (), participation: str = "p-2") -> CampaignProgress:
    assessment = Assessment(f"{USER}.abc", STARTED, T0, answers, "c2", T0, recent=([1],) if answers else ())
    return CampaignProgress(USER, participation, SKILLS, assessment, version)


def competence(version: int = 1, code: str = "1.1") -> CompetenceProgress:
    knowledge = knowledge_rules.apply_answer(knowledge_rules.empty(code), "tubeA", 1, [1, 2], "ok", T0)
    return CompetenceProgress(USER, code, knowledge, None, version)


def answer() -> RecordedAnswer:
    return RecordedAnswer(USER, "1.1", f"{USER}.abc", 1, "c1", "ok", {"answer": [1], "shown": [2, 1]}, False, 900, T0)


def test_one_read_brings_the_test_and_every_competence_but_not_the_other_tests(store):
    assert store.campaign(USER, "p-2").campaign is None
    store.start_campaign(campaign())
    store.start_campaign(campaign(participation="p-1"))  # sorts before: read, not returned
    store.start_campaign(campaign(participation="p-3"))  # sorts after: not read
    store.save_competence(competence(code="1.1"))
    store.save_competence(competence(code="5.2"))
    read = store.campaign(USER, "p-2")
    assert read.campaign == campaign()
    assert sorted(read.competences) == ["1.1", "5.2"] and read.competences["1.1"] == competence()
    assert store.campaign("someone-else", "p-2").campaign is None
    assert [c.participation_id for c in store.campaigns(USER)] == ["p-1", "p-2", "p-3"]


def test_a_test_starts_once(store):
    store.start_campaign(campaign())
    with pytest.raises(StaleWrite):
        store.start_campaign(replace(campaign(), skills=frozenset({"@other1"})))
    assert store.campaign(USER, "p-2").campaign == campaign()


def test_an_answer_writes_the_three_items_or_none(store):
    store.start_campaign(campaign())
    after = campaign(2, (("c1", "ok"),))
    store.record_campaign_answer(answer(), after, competence(1))  # the competence had no item yet
    read = store.campaign(USER, "p-2")
    assert read.campaign == after and read.competences["1.1"] == competence(1)
    assert store.answers(USER, "1.1", f"{USER}.abc", consistent=True) == [answer()]
    with pytest.raises(StaleWrite):  # the same answer again (a double click that read before the first wrote)
        store.record_campaign_answer(answer(), campaign(3, (("c1", "ok"),)), competence(2))
    with pytest.raises(StaleWrite):  # the competence changed meanwhile (another tab's test)
        store.record_campaign_answer(replace(answer(), number=2), campaign(3, (("c1", "ok"),) * 2), competence(1))
    with pytest.raises(StaleWrite):  # the test changed meanwhile
        store.record_campaign_answer(replace(answer(), number=2), campaign(2, (("c1", "ok"),) * 2), competence(2))
    read = store.campaign(USER, "p-2")
    assert read.campaign.version == 2 and read.competences["1.1"].version == 1
    assert len(store.answers(USER)) == 1


def test_a_retry_starts_with_the_knowledge_it_forgets_or_not_at_all(store):
    store.save_competence(competence(1, "1.1"))
    forgotten = replace(competence(2, "1.1"), knowledge=knowledge_rules.empty("1.1"))
    with pytest.raises(StaleWrite):  # expects version 2 stored: finds 1
        store.start_campaign(campaign(), [replace(forgotten, version=3)])
    assert store.campaign(USER, "p-2").campaign is None
    store.start_campaign(campaign(), [forgotten])
    read = store.campaign(USER, "p-2")
    assert read.campaign == campaign() and read.competences["1.1"] == forgotten


@pytest.mark.parametrize("call", ["read", "start", "answer"])
def test_dynamodb_not_answering_is_storage_unavailable(aws, monkeypatch, call):
    dynamo = DynamoEvaluationStore()
    dynamo.start_campaign(campaign())

    def timeout(*args, **kwargs):
        raise ReadTimeoutError(endpoint_url="https://dynamodb.eu-west-3.amazonaws.com")

    monkeypatch.setattr(Connection, "_make_api_call", timeout)
    with pytest.raises(Unavailable) as refused:
        if call == "read":
            dynamo.campaign(USER, "p-2")
        elif call == "start":
            dynamo.start_campaign(campaign(participation="p-9"))
        else:
            dynamo.record_campaign_answer(answer(), campaign(2, (("c1", "ok"),)), competence(1))
    assert refused.value.code == "STORAGE_UNAVAILABLE"
