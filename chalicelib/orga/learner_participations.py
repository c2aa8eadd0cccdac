"""A listed learner's participations in the organisation's campaigns (the learner's page in the list).

Participations are keyed under the account (store/participations.py), not under the list: the page of a
learner reads those of the linked account (one Query of the person's partition) and keeps the
organisation's, each campaign named (one GetItem per campaign, a person has a handful).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store import participations as participation_store


@dataclass(frozen=True, slots=True)
class Participation:
    campaign_id: str
    campaign_name: str
    status: str  # STARTED | SHARED
    created_at: datetime


def of(organization_id: str, user_id: str) -> list[Participation]:
    """The account's participations (every sending, not deleted) in the organisation's campaigns that still
    exist, newest first."""
    names: dict[str, str | None] = {}
    found = []
    for p in participation_store.current().of_user(user_id):
        if p.organization_id != organization_id or p.deleted_at is not None:
            continue
        if p.campaign_id not in names:
            campaign = campaign_store.get(p.campaign_id)
            names[p.campaign_id] = campaign.name if campaign is not None and campaign.deleted_at is None else None
        name = names[p.campaign_id]
        if name is not None:
            found.append(Participation(p.campaign_id, name, p.status, p.created_at))
    return sorted(found, key=lambda p: p.created_at, reverse=True)
