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

    def mark_participated(self, campaign_id: str) -> bool:
        with self._lock:
            stored = self.items.get(campaign_id)
            if stored is None or stored.has_participations:
                return False
            self.items[campaign_id] = replace(stored, has_participations=True)
            return True
