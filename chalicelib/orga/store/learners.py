"""The learners store: the only module that reads and writes `models/learners.py`.

It returns the domain objects of `orga/learners.py`. Keys, generations and costs: the models' docstring.
`current()` is the store the use cases call; tests swap in the in-memory twin (`learners_memory.py`) with
`use()`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol, cast

from pynamodb.exceptions import PutError, PynamoDBException, UpdateError

from chalicelib import db
from chalicelib.orga.imports import ImportedLearner
from chalicelib.orga.imports.names import fold
from chalicelib.orga.learners import ImportRequest, Learner, ListHead
from chalicelib.orga.models import learners as m

PROGRESS_EVERY = 500  # learners written between two progress reports
REQUEST_LIFETIME = timedelta(days=7)
HEAD = "LIST"


class LearnerStore(Protocol):
    def save_request(self, request: ImportRequest, now: datetime) -> None: ...

    def request(self, job_id: str) -> ImportRequest | None: ...

    def head(self, organization_id: str) -> ListHead | None:
        """The current generation (consistent read: an import reads it before building the next)."""

    def learners(self, organization_id: str, generation: str) -> Iterator[Learner]: ...

    def write(self, organization_id: str, generation: str, learners: Iterable[Learner],
              progress: Callable[[int], None] | None = None) -> int:
        """Write a generation's learners (nobody reads them until `commit`); returns how many."""

    def commit(self, organization_id: str, previous: ListHead | None, head: ListHead) -> bool:
        """Make `head` current if `previous` (None: no list yet) still is, unchanged; False otherwise."""

    def replace_in_place(self, organization_id: str, head: ListHead, learner: Learner) -> bool:
        """Rewrite one learner of the current generation and raise its version (an anonymisation); False
        when the generation changed meanwhile."""

    def drop(self, organization_id: str, generation: str) -> None:
        """Delete a generation's learners (a superseded or a failed one)."""

    def born_on(self, organization_id: str, generation: str, birth_date: date) -> list[Learner]:
        """The generation's learners born that day (reconciliation's candidates)."""

    def learner(self, organization_id: str, generation: str, learner_id: str) -> Learner | None: ...

    def page(self, organization_id: str, generation: str, filters: Filters, limit: int,
             start: dict[str, Any] | None) -> tuple[list[Learner], dict[str, Any] | None]:
        """One page of the generation's learners matching `filters`, and the key to continue from."""

    def links_of(self, organization_id: str, learner_ids: list[str],
                 user_id: str | None) -> tuple[dict[str, str], str | None]:
        """(learner id → linked user id, for those linked; the learner `user_id` is linked to, if any)."""

    def link(self, organization_id: str, learner_id: str, user_id: str, now: datetime) -> bool:
        """Link both ways, if neither the learner nor the account is linked in the organisation yet."""

    def unlink(self, organization_id: str, learner_id: str) -> None: ...

    def linked_to(self, user_id: str) -> list[tuple[str, str]]:
        """(organization id, learner id) of every learner the account is linked to (eventually consistent)."""


def to_json(record: ImportedLearner) -> str:
    fields = dataclasses.asdict(record)
    fields["birth_date"] = record.birth_date.isoformat()
    return json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False)


def from_json(text: str) -> ImportedLearner:
    fields: dict[str, Any] = json.loads(text)
    fields["birth_date"] = date.fromisoformat(fields["birth_date"])
    return ImportedLearner(**fields)


def _generation_key(organization_id: str, generation: str) -> str:
    return f"G#{organization_id}#{generation}"


def birth_key(organization_id: str, generation: str, birth_date: date) -> str:
    return f"{organization_id}#{generation}#{birth_date.isoformat()}"


@dataclass(frozen=True, slots=True)
class Filters:
    division: str | None = None
    group: str | None = None
    search: str | None = None  # part of a name, folded


def search_key(record: ImportedLearner) -> str:
    names = [*record.first_names, *record.last_names]
    return "|".join([*(fold(n) for n in names), fold(record.first_name + record.last_name),
                     fold(record.last_name + record.first_name)])


def _learner(item: m.LearnerRecord) -> Learner:
    return Learner(item.learner_id, item.natural_key, from_json(item.data), bool(item.active))


class DynamoLearners:
    def save_request(self, request: ImportRequest, now: datetime) -> None:
        m.ImportRequestRecord(f"IMPORT#{request.job_id}", "REQUEST", organization_id=request.organization_id,
                              format=request.format, mode=request.mode, uai=request.uai,
                              expires_at=now + REQUEST_LIFETIME).save()

    def request(self, job_id: str) -> ImportRequest | None:
        try:
            found = m.ImportRequestRecord.get(f"IMPORT#{job_id}", "REQUEST", consistent_read=True)
        except m.ImportRequestRecord.DoesNotExist:
            return None
        return ImportRequest(job_id, found.organization_id, cast(Any, found.format), cast(Any, found.mode),
                             found.uai)

    def head(self, organization_id: str) -> ListHead | None:
        try:
            found = m.ListHeadRecord.get(f"O#{organization_id}", HEAD, consistent_read=True)
        except m.ListHeadRecord.DoesNotExist:
            return None
        return ListHead(found.generation, found.format, found.imported_at, int(found.learners), int(found.active),
                        int(found.version or 0),
                        None if found.divisions is None else tuple(cast(list[str], found.divisions)),
                        None if found.groups is None else tuple(cast(list[str], found.groups)))

    def learners(self, organization_id: str, generation: str) -> Iterator[Learner]:
        for item in m.LearnerRecord.query(_generation_key(organization_id, generation)):
            yield _learner(item)

    @staticmethod
    def _record(key: str, organization_id: str, generation: str, learner: Learner) -> m.LearnerRecord:
        anonymous = learner.key.startswith("ANON:")  # never a reconciliation candidate, never found by name
        return m.LearnerRecord(
            key, f"L#{learner.learner_id}", learner_id=learner.learner_id, natural_key=learner.key,
            birth_key=None if anonymous else birth_key(organization_id, generation, learner.record.birth_date),
            active=learner.active, division=learner.record.division, group=learner.record.group,
            search_key=None if anonymous else search_key(learner.record), data=to_json(learner.record))

    def write(self, organization_id: str, generation: str, learners: Iterable[Learner],
              progress: Callable[[int], None] | None = None) -> int:
        key = _generation_key(organization_id, generation)
        written = 0
        with m.LearnerRecord.batch_write() as batch:  # 25 a request; unprocessed items are retried
            for learner in learners:
                batch.save(self._record(key, organization_id, generation, learner))
                written += 1
                if progress and written % PROGRESS_EVERY == 0:
                    progress(written)
        return written

    def commit(self, organization_id: str, previous: ListHead | None, head: ListHead) -> bool:
        record = m.ListHeadRecord(f"O#{organization_id}", HEAD, generation=head.generation, format=head.format,
                                  imported_at=head.imported_at, learners=head.learners, active=head.active,
                                  version=head.version,
                                  divisions=None if head.divisions is None else list(head.divisions),
                                  groups=None if head.groups is None else list(head.groups))
        condition = (m.ListHeadRecord.pk.does_not_exist() if previous is None
                     else (m.ListHeadRecord.generation == previous.generation)
                     & (m.ListHeadRecord.version == previous.version))
        try:
            record.save(condition=condition)
        except (PutError, UpdateError) as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def replace_in_place(self, organization_id: str, head: ListHead, learner: Learner) -> bool:
        key = _generation_key(organization_id, head.generation)
        try:
            with db.transaction() as transaction:
                transaction.save(self._record(key, organization_id, head.generation, learner),
                                 condition=m.LearnerRecord.pk.exists())
                transaction.update(m.ListHeadRecord(f"O#{organization_id}", HEAD),
                                   [m.ListHeadRecord.version.set(head.version + 1)],
                                   condition=(m.ListHeadRecord.generation == head.generation)
                                   & (m.ListHeadRecord.version == head.version))
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def drop(self, organization_id: str, generation: str) -> None:
        key = _generation_key(organization_id, generation)
        with m.LearnerRecord.batch_write() as batch:
            for item in m.LearnerRecord.query(key, attributes_to_get=["pk", "sk"]):
                batch.delete(item)

    def born_on(self, organization_id: str, generation: str, birth_date: date) -> list[Learner]:
        key = birth_key(organization_id, generation, birth_date)
        return [_learner(item) for item in m.LearnerRecord.by_birth_date.query(key)]

    def learner(self, organization_id: str, generation: str, learner_id: str) -> Learner | None:
        try:
            return _learner(m.LearnerRecord.get(_generation_key(organization_id, generation), f"L#{learner_id}"))
        except m.LearnerRecord.DoesNotExist:
            return None

    def page(self, organization_id: str, generation: str, filters: Filters, limit: int,
             start: dict[str, Any] | None) -> tuple[list[Learner], dict[str, Any] | None]:
        condition = None
        for term in (m.LearnerRecord.division == filters.division if filters.division else None,
                     m.LearnerRecord.group == filters.group if filters.group else None,
                     m.LearnerRecord.search_key.contains(filters.search) if filters.search else None):
            if term is not None:
                condition = term if condition is None else condition & term
        results = m.LearnerRecord.query(_generation_key(organization_id, generation), filter_condition=condition,
                                        limit=limit, last_evaluated_key=start)
        found = [_learner(item) for item in results]
        return found, results.last_evaluated_key if len(found) == limit else None

    def links_of(self, organization_id: str, learner_ids: list[str],
                 user_id: str | None) -> tuple[dict[str, str], str | None]:
        pk = f"O#{organization_id}"
        keys = [(pk, f"LINK#L#{learner_id}") for learner_id in learner_ids]
        keys += [(pk, f"LINK#U#{user_id}")] if user_id else []
        linked: dict[str, str] = {}
        mine: str | None = None
        for item in m.LinkRecord.batch_get(keys, consistent_read=True):
            if item.sk.startswith("LINK#U#"):
                mine = item.learner_id
            else:
                linked[item.learner_id] = item.user_id
        return linked, mine

    def link(self, organization_id: str, learner_id: str, user_id: str, now: datetime) -> bool:
        pk = f"O#{organization_id}"
        try:
            with db.transaction() as transaction:
                for sk in (f"LINK#L#{learner_id}", f"LINK#U#{user_id}"):
                    transaction.save(m.LinkRecord(pk, sk, learner_id=learner_id, user_id=user_id, linked_at=now),
                                     condition=m.LinkRecord.pk.does_not_exist())
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def unlink(self, organization_id: str, learner_id: str) -> None:
        pk = f"O#{organization_id}"
        try:
            found = m.LinkRecord.get(pk, f"LINK#L#{learner_id}", consistent_read=True)
        except m.LinkRecord.DoesNotExist:
            return
        with db.transaction() as transaction:
            transaction.delete(m.LinkRecord(pk, f"LINK#L#{learner_id}"))
            transaction.delete(m.LinkRecord(pk, f"LINK#U#{found.user_id}"))

    def linked_to(self, user_id: str) -> list[tuple[str, str]]:
        found = []
        for item in m.LinkRecord.by_user.query(user_id):
            if item.sk.startswith("LINK#L#"):
                found.append((item.pk.removeprefix("O#"), item.sk.removeprefix("LINK#L#")))
        return sorted(found)


_current: LearnerStore = DynamoLearners()


def current() -> LearnerStore:
    return _current


def use(store: LearnerStore) -> LearnerStore:
    """Swap the store (tests); returns the previous one."""
    global _current
    previous, _current = _current, store
    return previous
