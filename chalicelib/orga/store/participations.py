"""The participations store: the only module that reads and writes `models/participations.py`.

It returns the domain objects of `orga/participations.py`. Keys, indexes and costs: the models' docstring.
`current()` is the store the use cases call; tests swap in the in-memory twin (`participations_memory.py`)
with `use()`.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from pynamodb.exceptions import PynamoDBException

from chalicelib import db
from chalicelib.errors import Unavailable
from chalicelib.orga.learners import ANONYMISED
from chalicelib.orga.models import participations as m
from chalicelib.orga.participations import Participation, Snapshot

SHARDS = m.SHARDS


class StaleWrite(Exception):
    """A conditional write was refused: someone wrote first (a double start, a double share)."""


def shard_of(user_id: str) -> int:
    return int.from_bytes(hashlib.sha256(user_id.encode()).digest()[:4], "big") % SHARDS


def campaign_shard(campaign_id: str, user_id: str) -> str:
    return f"{campaign_id}#{shard_of(user_id)}"


def _user_key(user_id: str) -> str:
    return f"U#{user_id}"


def _sk(campaign_id: str, sending: int) -> str:
    return f"P#{campaign_id}#{sending:04d}"


def listed(participation: Participation) -> str:
    return f"{participation.created_at.isoformat()}#{participation.participation_id}"


def folded(value: str) -> str:
    """Lower case without accents: how names are compared and sorted."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.casefold()) if not unicodedata.combining(c))


NAME_SEPARATOR = "\x1f"  # sorts before every character a name may hold (names refuse control characters)


def name_key(participation: Participation) -> str:
    """The name-ordered key: last name, first name, then the id (two homonyms keep a stable order)."""
    return NAME_SEPARATOR.join((folded(participation.last_name), folded(participation.first_name),
                                participation.participation_id))


def in_list(participation: Participation) -> bool:
    """In the organisation's participants list: the person's latest sending, not deleted."""
    return participation.deleted_at is None and not participation.improved


READ_BUDGET = 2000  # rows a filtered page reads at most before answering with what it found and a cursor


class ParticipationStore(Protocol):
    def sendings(self, user_id: str, campaign_id: str) -> list[Participation]:
        """The user's sendings in the campaign, first first (consistent read)."""

    def get(self, user_id: str, campaign_id: str, sending: int) -> Participation | None: ...

    def of_user(self, user_id: str) -> list[Participation]: ...

    def start(self, new: Participation, replaces: Participation | None) -> None:
        """Write a new sending (and mark the one it replaces improved); StaleWrite when a condition fails."""

    def share(self, participation: Participation) -> None:
        """Write the shared participation (status, date, snapshot) if it is still STARTED; else StaleWrite."""

    def set_progress(self, participation: Participation, progress: float) -> None: ...

    def credit_settled(self, participation: Participation) -> None:
        """The start's credit is counted: its pending mark goes."""

    def delete(self, participation: Participation, at: datetime) -> None: ...

    def forget_participant(self, participation: Participation) -> None:
        """Its participant anonymised: names, external id and student number gone, the rest (status,
        snapshot, class) kept; nothing when it no longer exists."""

    def of_campaign(self, campaign_id: str) -> Iterator[Participation]:
        """Every participation of the campaign, shard after shard, page by page (bounded memory)."""

    def by_name(self, campaign_id: str, after: str | None, page: int) -> Iterator[tuple[str, Participation]]:
        """The listed participations (`in_list`) whose `name_key` is after `after`, in name order, with their
        key: the shards' name-ordered streams merged, read `page` rows at a time per shard. Rows carry what
        the list shows (no snapshot beyond its mastery rate, stage and badges)."""

    def count_listed(self, campaign_id: str) -> int: ...


# --- records <-> domain ----------------------------------------------------------------------------


def dump_snapshot(snapshot: Snapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {
        "mastery_rate": snapshot.mastery_rate, "pix": snapshot.pix, "validated_skills": list(snapshot.validated_skills),
        "validated_by_competence": dict(snapshot.validated_by_competence),
        "tested_by_competence": dict(snapshot.tested_by_competence), "stage": snapshot.stage,
        "badges": list(snapshot.badges), "levels": dict(snapshot.levels),
        "pix_by_competence": dict(snapshot.pix_by_competence), "certifiable": snapshot.certifiable,
    }


def load_snapshot(raw: dict[str, Any] | None) -> Snapshot | None:
    if raw is None:
        return None
    return Snapshot(
        mastery_rate=float(raw["mastery_rate"]), pix=int(raw["pix"]), validated_skills=tuple(raw["validated_skills"]),
        validated_by_competence=raw["validated_by_competence"], tested_by_competence=raw["tested_by_competence"],
        stage=raw["stage"], badges=tuple(raw["badges"]), levels=raw["levels"],
        pix_by_competence=raw["pix_by_competence"], certifiable=raw["certifiable"],
    )


def _record(p: Participation) -> m.ParticipationRecord:
    snap = p.snapshot
    return m.ParticipationRecord(
        name_key=name_key(p) if in_list(p) else None,
        mastery_rate=snap.mastery_rate if snap else None, stage=snap.stage if snap else None,
        badges=list(snap.badges) if snap else None,
        pk=_user_key(p.user_id), sk=_sk(p.campaign_id, p.sending), participation_id=p.participation_id,
        campaign_id=p.campaign_id, organization_id=p.organization_id, user_id=p.user_id, sending=p.sending,
        status=p.status, created_at=p.created_at, shared_at=p.shared_at, deleted_at=p.deleted_at,
        improved=p.improved, reset=p.reset, first_name=p.first_name, last_name=p.last_name,
        external_id=p.external_id, learner_id=p.learner_id, credit_pending=p.credit_pending or None,
        division=p.division, group=p.group, student_number=p.student_number,
        progress=p.progress, snapshot=dump_snapshot(p.snapshot),
        campaign_shard=campaign_shard(p.campaign_id, p.user_id), listed=listed(p),
    )


class _Item:
    """An item as DynamoDB returns it (`{"name": {"S": …}}`), read attribute by attribute."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        self.raw = raw

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self.raw.get(name)
        return value["S"] if value is not None and "S" in value else default

    def number(self, name: str) -> float | None:
        value = self.raw.get(name)
        return float(value["N"]) if value is not None and "N" in value else None

    def flag(self, name: str) -> bool:
        value = self.raw.get(name)
        return bool(value.get("BOOL")) if value is not None else False

    def moment(self, name: str) -> datetime | None:  # UTCDateTimeAttribute's text, e.g. 2026-03-02T09:00:00.000000+0000
        value = self.text(name)
        return datetime.fromisoformat(value) if value else None

    def json(self, name: str) -> Any:
        value = self.text(name)
        return json.loads(value) if value is not None else None


def _domain_item(raw: dict[str, dict[str, Any]]) -> Participation:
    """A participation from its item as DynamoDB returns it: every read decodes its items here (`_items`), not
    through PynamoDB's attribute objects, which cost ≈ 0.1 ms an item: 13 s for the 100,000 participations of a
    national campaign that its results read (bench.campaigns), against ≈ 1 s here."""
    item = _Item(raw)
    created_at = item.moment("created_at")
    assert created_at is not None
    snapshot = item.json("snapshot")
    return Participation(
        participation_id=item.text("participation_id") or "", campaign_id=item.text("campaign_id") or "",
        organization_id=item.text("organization_id") or "", user_id=item.text("user_id") or "",
        sending=int(item.number("sending") or 0), status=item.text("status") or "", created_at=created_at,
        first_name=item.text("first_name", "") or "", last_name=item.text("last_name", "") or "",
        external_id=item.text("external_id"), shared_at=item.moment("shared_at"), improved=item.flag("improved"),
        reset=item.flag("reset"), deleted_at=item.moment("deleted_at"), progress=item.number("progress") or 0.0,
        learner_id=item.text("learner_id"), division=item.text("division"), group=item.text("group"),
        student_number=item.text("student_number"),
        snapshot=load_snapshot(snapshot) if snapshot is not None else _row_snapshot(item),
        credit_pending=item.flag("credit_pending"),
    )


def _items(hash_key: str, condition: Any = None, *, index: str | None = None, consistent: bool = False,
           page: int | None = None) -> Iterator[dict[str, dict[str, Any]]]:
    """A Query's items as DynamoDB returns them, request after request (each ≤ 1 MB, or `page` items)."""
    connection = m.ParticipationRecord._get_connection()
    start = None
    while True:
        answer = connection.query(hash_key, range_key_condition=condition, index_name=index,
                                  consistent_read=consistent, exclusive_start_key=start, limit=page)
        yield from answer.get("Items", ())
        start = answer.get("LastEvaluatedKey")
        if not start:
            return


def _row_snapshot(item: _Item) -> Snapshot | None:
    """A row of the name index has no snapshot, only its mastery rate, stage and badges (what a list shows)."""
    rate = item.number("mastery_rate")
    if rate is None:
        return None
    stage = item.number("stage")
    return Snapshot(mastery_rate=rate, pix=0, stage=None if stage is None else int(stage),
                    badges=tuple(str(b) for b in item.json("badges") or ()))


def _anonymised(participation: Participation) -> Participation:
    return replace(participation, first_name=ANONYMISED, last_name=ANONYMISED)


_UNAVAILABLE = {None, "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
                "InternalServerError", "ServiceUnavailable"}


def _raise(error: PynamoDBException) -> None:
    if db.condition_failed(error):
        raise StaleWrite(db.response_code(error)) from error
    if db.response_code(error) in _UNAVAILABLE:
        raise Unavailable("STORAGE_UNAVAILABLE",
                          "Le service est momentanément indisponible : réessayez dans un instant.") from error
    raise error


class DynamoParticipations:
    def sendings(self, user_id: str, campaign_id: str) -> list[Participation]:
        condition = m.ParticipationRecord.sk.startswith(f"P#{campaign_id}#")
        return [_domain_item(raw) for raw in _items(_user_key(user_id), condition, consistent=True)]

    def get(self, user_id: str, campaign_id: str, sending: int) -> Participation | None:
        raw = m.ParticipationRecord._get_connection().get_item(_user_key(user_id), _sk(campaign_id, sending))
        return _domain_item(raw["Item"]) if "Item" in raw else None

    def of_user(self, user_id: str) -> list[Participation]:
        return [_domain_item(raw) for raw in _items(_user_key(user_id), m.ParticipationRecord.sk.startswith("P#"))]

    def start(self, new: Participation, replaces: Participation | None) -> None:
        R = m.ParticipationRecord
        try:
            with db.transaction() as tx:
                tx.save(_record(new), condition=R.pk.does_not_exist())
                if replaces is not None:  # it leaves the participants list: the new sending takes its place
                    tx.update(R(_user_key(replaces.user_id), _sk(replaces.campaign_id, replaces.sending)),
                              actions=[R.improved.set(True), R.name_key.remove()], condition=R.status == "SHARED")
        except PynamoDBException as error:
            _raise(error)

    def share(self, participation: Participation) -> None:
        R = m.ParticipationRecord
        record = R(_user_key(participation.user_id), _sk(participation.campaign_id, participation.sending))
        assert participation.shared_at is not None
        try:
            snap = participation.snapshot
            assert snap is not None
            record.update(actions=[R.status.set(participation.status), R.shared_at.set(participation.shared_at),
                                   R.snapshot.set(dump_snapshot(snap)), R.progress.set(participation.progress),
                                   R.mastery_rate.set(snap.mastery_rate), R.badges.set(list(snap.badges)),
                                   R.stage.set(snap.stage) if snap.stage is not None else R.stage.remove()],
                          condition=(R.status == "STARTED") & R.deleted_at.does_not_exist())
        except PynamoDBException as error:
            _raise(error)

    def set_progress(self, participation: Participation, progress: float) -> None:
        R = m.ParticipationRecord
        R(_user_key(participation.user_id), _sk(participation.campaign_id, participation.sending)).update(
            actions=[R.progress.set(progress)])

    def credit_settled(self, participation: Participation) -> None:
        R = m.ParticipationRecord
        try:
            R(_user_key(participation.user_id), _sk(participation.campaign_id, participation.sending)).update(
                actions=[R.credit_pending.remove()], condition=R.pk.exists())
        except PynamoDBException as error:
            _raise(error)

    def delete(self, participation: Participation, at: datetime) -> None:
        R = m.ParticipationRecord
        try:
            R(_user_key(participation.user_id), _sk(participation.campaign_id, participation.sending)).update(
                actions=[R.deleted_at.set(at), R.name_key.remove()], condition=R.pk.exists())
        except PynamoDBException as error:
            _raise(error)

    def forget_participant(self, participation: Participation) -> None:
        R = m.ParticipationRecord
        try:
            R(_user_key(participation.user_id), _sk(participation.campaign_id, participation.sending)).update(
                actions=[R.first_name.set(ANONYMISED), R.last_name.set(ANONYMISED), R.external_id.remove(),
                         R.student_number.remove(),
                         R.name_key.set(name_key(_anonymised(participation))) if in_list(participation)
                         else R.name_key.remove()], condition=R.pk.exists())
        except PynamoDBException as error:
            if not db.condition_failed(error):
                raise

    def of_campaign(self, campaign_id: str) -> Iterator[Participation]:
        index = m.ParticipationRecord.by_campaign.Meta.index_name
        for shard in range(SHARDS):
            yield from (_domain_item(raw) for raw in _items(f"{campaign_id}#{shard}", index=index))

    def by_name(self, campaign_id: str, after: str | None, page: int) -> Iterator[tuple[str, Participation]]:
        index = m.ParticipationRecord.by_campaign_name.Meta.index_name
        condition = m.ParticipationRecord.name_key > after if after is not None else None

        def shard(n: int) -> Iterator[tuple[str, Participation]]:
            for raw in _items(f"{campaign_id}#{n}", condition, index=index, page=page):
                yield raw["name_key"]["S"], _domain_item(raw)

        return heapq.merge(*(shard(n) for n in range(SHARDS)), key=lambda row: row[0])

    def count_listed(self, campaign_id: str) -> int:
        return sum(m.ParticipationRecord.by_campaign_name.count(f"{campaign_id}#{n}") for n in range(SHARDS))


_current: ParticipationStore = DynamoParticipations()


def current() -> ParticipationStore:
    return _current


def use(store: ParticipationStore) -> ParticipationStore:
    """Swap the store (tests); returns the previous one."""
    global _current
    previous, _current = _current, store
    return previous
