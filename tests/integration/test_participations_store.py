"""The participations store on moto: the same conditions as its in-memory twin, sharded campaign reads."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.orga import participations as rules
from chalicelib.orga.participations import Participation
from chalicelib.orga.store import participations as store
from chalicelib.orga.store.participations import DynamoParticipations, StaleWrite

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def started(user: str, sending: int = 1, campaign: str = "c1", at: datetime = T0) -> Participation:
    return Participation(participation_id=rules.participation_id(user, sending, campaign), campaign_id=campaign,
                         organization_id="o1", user_id=user, sending=sending, status=rules.STARTED, created_at=at,
                         first_name="Léa", last_name="Martin", external_id="M-1")


@pytest.fixture
def dynamo(aws: None) -> DynamoParticipations:
    return DynamoParticipations()


def test_start_share_improve_and_read_back(dynamo: DynamoParticipations) -> None:
    first = started("u1")
    dynamo.start(first, None)
    with pytest.raises(StaleWrite):
        dynamo.start(first, None)  # a double start
    snapshot = rules.assessment_snapshot({"@a1": "1.1", "@b1": "1.2"}, {"@a1"}, {"@a1", "@b1"}, pix=8, stage=1,
                                         badges=["b1"])
    dynamo.share(rules.shared(first, snapshot, T0 + timedelta(minutes=30)))
    with pytest.raises(StaleWrite):
        dynamo.share(rules.shared(first, snapshot, T0))  # sharing twice
    second = started("u1", 2, at=T0 + timedelta(hours=1))
    dynamo.start(second, first)
    sendings = dynamo.sendings("u1", "c1")
    assert [(p.sending, p.status, p.improved) for p in sendings] == [(1, "SHARED", True), (2, "STARTED", False)]
    assert sendings[0].snapshot == snapshot
    assert dynamo.get("u1", "c1", 1) == replace(sendings[0])
    assert [p.participation_id for p in dynamo.of_user("u1")] == [first.participation_id, second.participation_id]


def test_the_campaign_index_reads_every_shard(dynamo: DynamoParticipations) -> None:
    users = [f"user-{i}" for i in range(40)]
    for i, user in enumerate(users):
        dynamo.start(started(user, at=T0 + timedelta(seconds=i)), None)
    dynamo.start(started("elsewhere", campaign="c2"), None)
    assert len({store.shard_of(u) for u in users}) == store.SHARDS  # the 40 spread over the 8 shards
    read = list(dynamo.of_campaign("c1"))
    assert sorted(p.user_id for p in read) == sorted(users)
    dynamo.delete(read[0], T0)
    assert sum(1 for p in dynamo.of_campaign("c1") if p.deleted_at is not None) == 1


def test_two_starts_of_one_sending_at_once_write_one_participation(dynamo: DynamoParticipations) -> None:
    outcomes: list[str] = []

    def go() -> None:
        try:
            dynamo.start(started("u1"), None)
            outcomes.append("written")
        except StaleWrite:
            outcomes.append("refused")

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 3 + ["written"]
    assert [p.sending for p in dynamo.sendings("u1", "c1")] == [1]
