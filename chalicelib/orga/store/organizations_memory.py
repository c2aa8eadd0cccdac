"""The in-memory twin of the organisations store, for use-case tests (same answers, no DynamoDB)."""

from __future__ import annotations

import threading
from typing import Any

from chalicelib.orga.organizations import Organization, search_key
from chalicelib.orga.store.organizations import Page


class MemoryOrganizations:
    def __init__(self) -> None:
        self.items: dict[str, Organization] = {}
        self._lock = threading.Lock()

    def get(self, organization_id: str) -> Organization | None:
        return self.items.get(organization_id)

    def create(self, organization: Organization) -> None:
        with self._lock:
            assert organization.id not in self.items, "organisation ids are random: a clash is a bug"
            self.items[organization.id] = organization

    def save(self, organization: Organization) -> bool:
        with self._lock:
            if organization.id not in self.items:
                return False
            self.items[organization.id] = organization
            return True

    def search(self, prefix: str, limit: int, start: dict[str, Any] | None) -> Page:
        keyed = sorted((f"{search_key(o.name)}#{o.id}", o) for o in self.items.values())
        after = (start or {}).get("name_key", "")
        rows = [(k, o) for k, o in keyed if k.startswith(search_key(prefix)) and k > after]
        page = rows[:limit]
        last = {"name_key": page[-1][0]} if len(rows) > limit else None
        return [o for _, o in page], last

    def by_external_id(self, external_id: str) -> list[Organization]:
        return [o for o in self.items.values() if o.external_id == external_id.upper()]
