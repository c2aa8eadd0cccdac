"""The in-memory twin of the campaigns store, for use-case tests (same conditions, no DynamoDB)."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.store.campaigns import Filters, Page, created_key, matches


class MemoryCampaigns:
    def __init__(self) -> None:
        self.items: dict[str, Campaign] = {}
        self.codes: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, campaign_id: str) -> Campaign | None:
        return self.items.get(campaign_id)

    def by_code(self, code: str) -> Campaign | None:
        campaign_id = self.codes.get(code)
        return self.items.get(campaign_id) if campaign_id else None

    def create(self, campaign: Campaign) -> bool:
        with self._lock:
            if campaign.code in self.codes or campaign.id in self.items:
                return False
            self.codes[campaign.code] = campaign.id
            self.items[campaign.id] = campaign
            return True

    def save(self, campaign: Campaign) -> bool:
        with self._lock:
            stored = self.items.get(campaign.id)
            if stored is None or (stored.has_participations and not campaign.has_participations):
                return False
            if stored.code != campaign.code:
                return False
            self.items[campaign.id] = campaign
            return True

    def of_organization(self, organization_id: str, filters: Filters, limit: int,
                        start: dict[str, Any] | None) -> Page:
        rows = sorted(((created_key(c), c) for c in self.items.values()
                       if c.organization_id == organization_id and matches(c, filters)), reverse=True)
        if start:
            rows = [(k, c) for k, c in rows if k < start["created_key"]]
        page = [c for _, c in rows[:limit]]
        last = {"created_key": created_key(page[-1])} if len(rows) > limit else None
        return page, last

    def uses_profile(self, target_profile_id: str) -> bool:
        return any(c.target_profile_id == target_profile_id for c in self.items.values())

    def change_code(self, campaign: Campaign, code: str) -> bool:
        with self._lock:
            stored = self.items.get(campaign.id)
            if code in self.codes or stored is None or stored.code != campaign.code:
                return False
            del self.codes[campaign.code]
            self.codes[code] = campaign.id
            self.items[campaign.id] = replace(stored, code=code)
            return True

    def swap_codes(self, first: Campaign, second: Campaign) -> bool:
        with self._lock:
            a, b = self.items.get(first.id), self.items.get(second.id)
            if a is None or b is None or a.code != first.code or b.code != second.code:
                return False
            self.codes[a.code], self.codes[b.code] = b.id, a.id
            self.items[a.id], self.items[b.id] = replace(a, code=b.code), replace(b, code=a.code)
            return True

    def mark_participated(self, campaign_id: str) -> bool:
        with self._lock:
            stored = self.items.get(campaign_id)
            if stored is None or stored.has_participations:
                return False
            self.items[campaign_id] = replace(stored, has_participations=True)
            return True
