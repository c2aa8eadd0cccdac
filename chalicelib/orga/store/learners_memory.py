"""The in-memory twin of the learners store, for the use cases' tests: the same generations and the same
conditional commit, under one lock per operation (as DynamoDB applies each conditional write atomically)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

from chalicelib.orga.learners import ImportRequest, Learner, ListHead
from chalicelib.orga.store.learners import PROGRESS_EVERY, Filters, search_key


class MemoryLearners:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[str, ImportRequest] = {}
        self.heads: dict[str, ListHead] = {}
        self.generations: dict[tuple[str, str], dict[str, Learner]] = {}
        self.links: dict[tuple[str, str], str] = {}  # (organization, "L#<learner>" | "U#<user>") → the other
        self.fail_after: int | None = None  # tests: the write breaks after this many learners

    def save_request(self, request: ImportRequest, now: datetime) -> None:
        with self._lock:
            self.requests[request.job_id] = request

    def request(self, job_id: str) -> ImportRequest | None:
        with self._lock:
            return self.requests.get(job_id)

    def head(self, organization_id: str) -> ListHead | None:
        with self._lock:
            return self.heads.get(organization_id)

    def learners(self, organization_id: str, generation: str) -> Iterator[Learner]:
        with self._lock:
            found = list(self.generations.get((organization_id, generation), {}).values())
        yield from found

    def write(self, organization_id: str, generation: str, learners: Iterable[Learner],
              progress: Callable[[int], None] | None = None) -> int:
        written = 0
        for learner in learners:
            if self.fail_after is not None and written >= self.fail_after:
                raise RuntimeError("write interrupted (test)")
            with self._lock:
                self.generations.setdefault((organization_id, generation), {})[learner.learner_id] = learner
            written += 1
            if progress and written % PROGRESS_EVERY == 0:
                progress(written)
        return written

    def commit(self, organization_id: str, previous: ListHead | None, head: ListHead) -> bool:
        with self._lock:
            if self.heads.get(organization_id) != previous:
                return False
            self.heads[organization_id] = head
            return True

    def replace_in_place(self, organization_id: str, head: ListHead, learner: Learner) -> bool:
        with self._lock:
            generation = self.generations.get((organization_id, head.generation), {})
            if self.heads.get(organization_id) != head or learner.learner_id not in generation:
                return False
            generation[learner.learner_id] = learner
            self.heads[organization_id] = dataclasses.replace(head, version=head.version + 1)
            return True

    def drop(self, organization_id: str, generation: str) -> None:
        with self._lock:
            self.generations.pop((organization_id, generation), None)

    def born_on(self, organization_id: str, generation: str, birth_date: date) -> list[Learner]:
        return [learner for learner in self.learners(organization_id, generation)
                if learner.record.birth_date == birth_date and not learner.key.startswith("ANON:")]

    def learner(self, organization_id: str, generation: str, learner_id: str) -> Learner | None:
        with self._lock:
            return self.generations.get((organization_id, generation), {}).get(learner_id)

    def page(self, organization_id: str, generation: str, filters: Filters, limit: int,
             start: dict[str, Any] | None) -> tuple[list[Learner], dict[str, Any] | None]:
        with self._lock:
            ordered = sorted(self.generations.get((organization_id, generation), {}).values(),
                             key=lambda learner: learner.learner_id)
        after = start["learner_id"] if start else ""
        found = [learner for learner in ordered if learner.learner_id > after and (
            (not filters.division or learner.record.division == filters.division)
            and (not filters.group or learner.record.group == filters.group)
            and (not filters.search or (filters.search in search_key(learner.record)
                                        and not learner.key.startswith("ANON:"))))][:limit]
        return found, {"learner_id": found[-1].learner_id} if len(found) == limit else None

    def links_of(self, organization_id: str, learner_ids: list[str],
                 user_id: str | None) -> tuple[dict[str, str], str | None]:
        with self._lock:
            linked = {i: self.links[(organization_id, f"L#{i}")] for i in learner_ids
                      if (organization_id, f"L#{i}") in self.links}
            return linked, self.links.get((organization_id, f"U#{user_id}")) if user_id else None

    def link(self, organization_id: str, learner_id: str, user_id: str, now: datetime) -> bool:
        with self._lock:
            keys = ((organization_id, f"L#{learner_id}"), (organization_id, f"U#{user_id}"))
            if any(key in self.links for key in keys):
                return False
            self.links[keys[0]], self.links[keys[1]] = user_id, learner_id
            return True

    def unlink(self, organization_id: str, learner_id: str) -> None:
        with self._lock:
            user_id = self.links.pop((organization_id, f"L#{learner_id}"), None)
            if user_id is not None:
                self.links.pop((organization_id, f"U#{user_id}"), None)

    def linked_to(self, user_id: str) -> list[tuple[str, str]]:
        with self._lock:
            return sorted((org, learner) for (org, key), learner in self.links.items() if key == f"U#{user_id}")
