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


@pytest.fixture(params=["dynamo", "memory"])
def either(request: pytest.FixtureRequest) -> store.ParticipationStore:
    if request.param == "memory":
        from chalicelib.orga.store.participations_memory import MemoryParticipations

        return MemoryParticipations()
    request.getfixturevalue("aws")
    return DynamoParticipations()


def test_the_name_index_lists_each_person_s_latest_sending_in_name_order(either: store.ParticipationStore) -> None:
    names = [("Émile", "Zola"), ("Léa", "martin"), ("Lea", "Martin"), ("Ana", "Durand"), ("Hugo", "Ébert"),
             ("Zoé", "De La Tour"), ("Jean", "De"), ("Paul", "Martin-Roux")] + [(f"P{i:02d}", f"N{i:02d}")
                                                                              for i in range(24)]
    people = {f"user-{i}": name for i, name in enumerate(names)}
    for user, (first, last) in people.items():
        either.start(replace(started(user), first_name=first, last_name=last), None)
    either.start(started("elsewhere", campaign="c2"), None)
    first = either.sendings("user-0", "c1")[0]
    snapshot = rules.assessment_snapshot({"@a1": "1.1"}, {"@a1"}, {"@a1"}, stage=1, badges=["b1"])
    either.share(rules.shared(first, snapshot, T0))
    either.start(replace(started("user-0", 2), first_name="Émile", last_name="Zola"), first)  # replaces sending 1
    either.delete(either.sendings("user-3", "c1")[0], T0)  # Ana Durand leaves the list
    either.forget_participant(either.sendings("user-4", "c1")[0])  # Hugo Ébert anonymised: sorted as such

    rows = list(either.by_name("c1", None, 3))
    keys = [key for key, _ in rows]
    assert keys == sorted(keys) and len(rows) == len(people) - 1 == either.count_listed("c1")
    assert [(p.user_id, p.sending) for _, p in rows if p.user_id == "user-0"] == [("user-0", 2)]
    assert "user-3" not in {p.user_id for _, p in rows}
    lasts = [p.last_name for _, p in rows]
    assert lasts[:3] == ["(anonymisé)", "De", "De La Tour"] and lasts[-1] == "Zola"
    assert lasts.index("martin") < lasts.index("Martin-Roux")
    assert {p.first_name for _, p in rows if p.last_name.lower() == "martin"} == {"Léa", "Lea"}
    after = keys[9]
    assert [key for key, _ in either.by_name("c1", after, 4)] == keys[10:]
    either.share(rules.shared(either.sendings("user-1", "c1")[0], snapshot, T0))
    shared = next(p for _, p in either.by_name("c1", None, 50) if p.user_id == "user-1")
    assert shared.snapshot is not None and (shared.snapshot.mastery_rate, shared.snapshot.stage,
                                            shared.snapshot.badges) == (1.0, 1, ("b1",))
