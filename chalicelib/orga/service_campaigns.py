"""Use cases of campaigns: members create and list them; their owner or an admin edits, archives, deletes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib import clock
from chalicelib.errors import Conflict, Invalid, NotFound, Unavailable
from chalicelib.memberships import api as memberships
from chalicelib.orga import campaigns as rules
from chalicelib.orga.campaigns import Campaign, CampaignFields
from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import campaigns as store
from chalicelib.orga.store import organizations as organization_store
from chalicelib.orga.store import target_profiles as target_profile_store
from chalicelib.orga.target_profiles import TargetProfile

SCOPE = "organization"
CODE_DRAWS = 10


def _organization(organization_id: str) -> Organization:
    org = organization_store.current().get(organization_id)
    if org is None:
        raise NotFound("ORGANIZATION_NOT_FOUND", "Cette organisation n'existe pas.")
    return org


def _not_found() -> NotFound:
    return NotFound("CAMPAIGN_NOT_FOUND", "Cette campagne n'existe pas.")


def campaign(organization_id: str, campaign_id: str) -> Campaign:
    """A campaign of this organisation (another's is not found, as a missing or deleted one)."""
    found = store.current().get(campaign_id)
    if found is None or found.organization_id != organization_id or found.deleted_at is not None:
        raise _not_found()
    return found


def target_profile_for(organization_id: str, profile_id: str | None) -> TargetProfile | None:
    """The target profile a campaign of the organisation may use: it exists (and is public or attached to
    the organisation: another's is not found) and is not outdated."""
    if profile_id is None:
        return None
    profile = target_profile_store.get_store().get(profile_id)
    if profile is None or not (profile.public or organization_id in profile.organization_ids):
        raise NotFound("TARGET_PROFILE_NOT_FOUND", "Ce profil cible n'existe pas.")
    if profile.outdated:
        raise Invalid("TARGET_PROFILE_OUTDATED", "Ce profil cible est périmé : choisissez-en un autre.",
                      details=[{"field": "target_profile_id", "message": "périmé"}])
    return profile


def available_target_profiles(organization_id: str) -> list[TargetProfile]:
    _organization(organization_id)
    return target_profile_store.get_store().available_to(organization_id)


def create(organization_id: str, user_id: str, fields: CampaignFields) -> Campaign:
    org = _organization(organization_id)
    if org.archived:
        raise Conflict("ORGANIZATION_ARCHIVED", "Cette organisation est archivée : elle ne crée plus de campagne.")
    checked = rules.checked(fields)
    target_profile_for(organization_id, checked.target_profile_id)
    campaign_id, now = rules.new_id(), clock.now()
    for _ in range(CODE_DRAWS):
        candidate = rules.created(campaign_id, rules.new_code(), organization_id, checked, user_id, now)
        if store.current().create(candidate):
            return candidate
    raise Unavailable("CAMPAIGN_CODE_UNAVAILABLE", "Aucun code libre n'a été trouvé : réessayez.")


def list_campaigns(organization_id: str, user_id: str, *, mine: bool, archived: bool | None,
                   kind: rules.CampaignType | None, limit: int,
                   start: dict[str, Any] | None) -> store.Page:
    _organization(organization_id)
    filters = store.Filters(owner_id=user_id if mine else None, archived=archived, type=kind)
    return store.of_organization(organization_id, filters, limit, start)


def _changeable(organization_id: str, campaign_id: str, user_id: str) -> Campaign:
    found = campaign(organization_id, campaign_id)
    role = next(iter(memberships.roles(SCOPE, user_id, organization_id)), None)
    rules.may_change(found, user_id, role)
    return found


def update(organization_id: str, campaign_id: str, user_id: str, fields: CampaignFields) -> Campaign:
    before = _changeable(organization_id, campaign_id, user_id)
    for _ in range(2):  # once more if a participation arrived between the read and the write
        after = rules.changed(before, fields)
        if after.target_profile_id != before.target_profile_id:
            target_profile_for(organization_id, after.target_profile_id)
        if store.current().save(after):
            return after
        before = campaign(organization_id, campaign_id)
    raise Conflict("CAMPAIGN_CHANGED", "La campagne vient d'être modifiée : rechargez la page.")


def _set(organization_id: str, campaign_id: str, user_id: str, **changes: Any) -> Campaign:
    before = _changeable(organization_id, campaign_id, user_id)
    after = replace(before, **changes)
    if not store.current().save(after):
        after = replace(campaign(organization_id, campaign_id), **changes)
        if not store.current().save(after):
            raise Conflict("CAMPAIGN_CHANGED", "La campagne vient d'être modifiée : rechargez la page.")
    return after


def archive(organization_id: str, campaign_id: str, user_id: str) -> Campaign:
    if campaign(organization_id, campaign_id).archived_at is not None:
        raise Conflict("CAMPAIGN_ARCHIVED", "Cette campagne est déjà archivée.")
    return _set(organization_id, campaign_id, user_id, archived_at=clock.now())


def unarchive(organization_id: str, campaign_id: str, user_id: str) -> Campaign:
    if _organization(organization_id).archived:
        raise Conflict("ORGANIZATION_ARCHIVED", "Cette organisation est archivée.")
    if campaign(organization_id, campaign_id).archived_at is None:
        raise Conflict("CAMPAIGN_NOT_ARCHIVED", "Cette campagne n'est pas archivée.")
    return _set(organization_id, campaign_id, user_id, archived_at=None)


def delete(organization_id: str, campaign_id: str, user_id: str) -> None:
    """Soft: the campaign leaves the lists and its code opens nothing; participations stay."""
    _set(organization_id, campaign_id, user_id, deleted_at=clock.now())
