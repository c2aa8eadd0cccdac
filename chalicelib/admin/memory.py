"""The Admin room's stores in memory: twins of `store/*` for service tests (no moto)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime
from typing import Any

from chalicelib.admin.team import Member, MemberPage
from chalicelib.admin.trail import Entry, EntryPage, object_key


class MemoryTrail:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Entry]] = {}
        self._lock = threading.Lock()

    def append(self, entry: Entry) -> None:
        with self._lock:
            trail = self.entries.setdefault(object_key(entry.object_type, entry.object_id), {})
            if entry.entry_id in trail:
                raise ValueError("an entry of the trail is never replaced")
            trail[entry.entry_id] = entry

    def page(self, object_type: str, object_id: str, start: dict[str, Any] | None, limit: int) -> EntryPage:
        with self._lock:
            key = object_key(object_type, object_id)
            ordered = sorted(self.entries.get(key, {}).values(), key=lambda e: e.entry_id, reverse=True)
        if start:
            ordered = [e for e in ordered if e.entry_id < start["entry_id"]]
        taken = ordered[:limit]
        more = len(ordered) > limit
        last = {"object_key": key, "entry_id": taken[-1].entry_id} if more and taken else None
        return EntryPage(taken, last)


class MemoryTeam:
    def __init__(self) -> None:
        self.members: dict[str, Member] = {}
        self._lock = threading.Lock()

    def member(self, user_id: str) -> Member | None:
        with self._lock:
            return self.members.get(user_id)

    def add(self, member: Member) -> bool:
        with self._lock:
            if member.user_id in self.members:
                return False
            self.members[member.user_id] = member
            return True

    def save(self, member: Member, seen: datetime) -> bool:
        with self._lock:
            current = self.members.get(member.user_id)
            if current is None or current.updated_at != seen:
                return False
            self.members[member.user_id] = dataclasses.replace(member)
            return True

    def page(self, start: dict[str, Any] | None, limit: int) -> MemberPage:
        with self._lock:
            ordered = sorted(self.members.values(), key=lambda m: m.user_id)
        if start:
            ordered = [m for m in ordered if m.user_id > start["user_id"]]
        taken = ordered[:limit]
        last = {"team": "team", "user_id": taken[-1].user_id} if len(ordered) > limit else None
        return MemberPage(taken, last)
