"""Campaigns as the routes show them."""

from __future__ import annotations

from collections.abc import Iterable

from chalicelib.orga import schemas_campaigns as schemas
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.store import target_profiles as target_profile_store


def profile_names(campaigns: Iterable[Campaign]) -> dict[str, str]:
    names = {}
    for profile_id in {c.target_profile_id for c in campaigns if c.target_profile_id}:
        profile = target_profile_store.get_store().get(profile_id)
        if profile is not None:
            names[profile_id] = profile.name
    return names


def campaign(c: Campaign, *, user_id: str, role: str | None,
             names: dict[str, str] | None = None) -> schemas.CampaignOut:
    if names is None:
        names = profile_names([c])
    return schemas.CampaignOut(
        id=c.id, code=c.code, link=f"/campagnes/{c.code}", organization_id=c.organization_id, name=c.name,
        type=c.type, target_profile_id=c.target_profile_id,
        target_profile_name=names.get(c.target_profile_id) if c.target_profile_id else None, title=c.title,
        landing_text=c.landing_text, result_text=c.result_text, result_button_text=c.result_button_text,
        result_button_url=c.result_button_url, external_id_label=c.external_id_label,
        external_id_type=c.external_id_type, multiple_sendings=c.multiple_sendings, owner_id=c.owner_id,
        creator_id=c.creator_id, created_at=c.created_at, archived_at=c.archived_at,
        has_participations=c.has_participations, can_edit=role == "ADMIN" or c.owner_id == user_id)
