"""The in-memory twin of the participations store, for the use cases' tests: the same conditions, applied
under one lock per operation (as DynamoDB applies each conditional write or transaction atomically)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from chalicelib.orga.learners import ANONYMISED
from chalicelib.orga.participations import SHARED, STARTED, Participation
from chalicelib.orga.store.participations import StaleWrite, campaign_shard, in_list, listed, name_key


class MemoryParticipations:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.items: dict[tuple[str, str, int], Participation] = {}
        self.writes = 0

    def sendings(self, user_id: str, campaign_id: str) -> list[Participation]:
        with self._lock:
            return sorted((p for (u, c, _), p in self.items.items() if u == user_id and c == campaign_id),
                          key=lambda p: p.sending)

    def get(self, user_id: str, campaign_id: str, sending: int) -> Participation | None:
        with self._lock:
            return self.items.get((user_id, campaign_id, sending))

    def of_user(self, user_id: str) -> list[Participation]:
        with self._lock:
            return sorted((p for (u, _, _), p in self.items.items() if u == user_id),
                          key=lambda p: (p.campaign_id, p.sending))

    def start(self, new: Participation, replaces: Participation | None) -> None:
        with self._lock:
            key = (new.user_id, new.campaign_id, new.sending)
            if key in self.items:
                raise StaleWrite("participation exists")
            if replaces is not None:
                old = self.items.get((replaces.user_id, replaces.campaign_id, replaces.sending))
                if old is None or old.status != SHARED:
                    raise StaleWrite("previous not shared")
            if replaces is not None:
                old_key = (replaces.user_id, replaces.campaign_id, replaces.sending)
                self.items[old_key] = replace(self.items[old_key], improved=True)
            self.items[key] = new
            self.writes += 1

    def share(self, participation: Participation) -> None:
        with self._lock:
            key = (participation.user_id, participation.campaign_id, participation.sending)
            old = self.items.get(key)
            if old is None or old.status != STARTED or old.deleted_at is not None:
                raise StaleWrite("not started")
            self.items[key] = replace(old, status=participation.status, shared_at=participation.shared_at,
                                      snapshot=participation.snapshot, progress=participation.progress)

    def set_progress(self, participation: Participation, progress: float) -> None:
        with self._lock:
            key = (participation.user_id, participation.campaign_id, participation.sending)
            if key in self.items:
                self.items[key] = replace(self.items[key], progress=progress)

    def credit_settled(self, participation: Participation) -> None:
        with self._lock:
            key = (participation.user_id, participation.campaign_id, participation.sending)
            if key not in self.items:
                raise StaleWrite("no participation")
            self.items[key] = replace(self.items[key], credit_pending=False)

    def delete(self, participation: Participation, at: datetime) -> None:
        with self._lock:
            key = (participation.user_id, participation.campaign_id, participation.sending)
            if key not in self.items:
                raise StaleWrite("no participation")
            self.items[key] = replace(self.items[key], deleted_at=at)

    def forget_participant(self, participation: Participation) -> None:
        with self._lock:
            key = (participation.user_id, participation.campaign_id, participation.sending)
            if key in self.items:
                self.items[key] = replace(self.items[key], first_name=ANONYMISED, last_name=ANONYMISED,
                                          external_id=None, student_number=None)

    def by_name(self, campaign_id: str, after: str | None, page: int) -> Iterator[tuple[str, Participation]]:
        with self._lock:
            found = sorted((name_key(p), p) for p in self.items.values()
                           if p.campaign_id == campaign_id and in_list(p))
        yield from ((key, p) for key, p in found if after is None or key > after)

    def count_listed(self, campaign_id: str) -> int:
        with self._lock:
            return sum(1 for p in self.items.values() if p.campaign_id == campaign_id and in_list(p))

    def of_campaign(self, campaign_id: str) -> Iterator[Participation]:
        with self._lock:
            found = [p for p in self.items.values() if p.campaign_id == campaign_id]
        # the Dynamo store reads shard after shard, each in `listed` order: the same order here
        yield from sorted(found, key=lambda p: (campaign_shard(p.campaign_id, p.user_id), listed(p)))
