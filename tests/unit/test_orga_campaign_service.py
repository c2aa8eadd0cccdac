"""Campaign and organisation use cases on the in-memory twins (organisations, campaigns, target profiles,
audit trail); membership roles are given by the test."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound
from chalicelib.memberships import api as memberships
from chalicelib.orga import service_campaigns as campaigns
from chalicelib.orga import service_organizations as organizations
from chalicelib.orga.campaigns import CODE_PATTERN, CampaignFields
from chalicelib.orga.schemas_organizations import NewOrganization, OrganizationChange
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store import organizations as organization_store
from chalicelib.orga.store import target_profiles as profile_store
from chalicelib.orga.store.campaigns_memory import MemoryCampaigns
from chalicelib.orga.store.organizations_memory import MemoryOrganizations
from chalicelib.orga.target_profiles import CappedTube, TargetProfile

NOW = datetime(2026, 9, 1, tzinfo=UTC)


def profile(pid, *, public=False, organization_ids=(), outdated=False):
    return TargetProfile(pid, f"Profil {pid}", "COMPETENCES", "", None, (CappedTube("rechercheRequete", 2),), None,
                         (), (), public, frozenset(organization_ids), outdated, False, None, NOW)


@pytest.fixture
def orga(monkeypatch):
    roles: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(memberships, "roles", lambda scope, user, org: frozenset(
        {roles[(user, org)]} if (user, org) in roles else ()))
    previous = (organization_store.use(MemoryOrganizations()), campaign_store.use(MemoryCampaigns()),
                admin_store.use(admin_store.Stores(trail=MemoryTrail())))
    profiles = profile_store.InMemoryTargetProfileStore()
    profile_store.use_store(profiles)
    org = organizations.create(NewOrganization(name="Durand", type="PRO"), "operator")
    for p in (profile("public", public=True), profile("ours", organization_ids={org.id}), profile("theirs"),
              profile("old", public=True, outdated=True)):
        profiles.profiles[p.id] = p
    roles[("owner", org.id)] = "MEMBER"
    roles[("other", org.id)] = "MEMBER"
    roles[("boss", org.id)] = "ADMIN"
    yield org
    organization_store.use(previous[0])
    campaign_store.use(previous[1])
    admin_store.use(previous[2])
    profile_store.use_store(None)


ASSESSMENT = CampaignFields(name="Rentrée", type="ASSESSMENT", target_profile_id="public")


def test_a_campaign_uses_a_profile_the_organisation_may_use(orga):
    created = campaigns.create(orga.id, "owner", ASSESSMENT)
    assert CODE_PATTERN.match(created.code) and created.owner_id == created.creator_id == "owner"
    assert campaigns.create(orga.id, "owner", replace(ASSESSMENT, target_profile_id="ours")).target_profile_id == "ours"
    with pytest.raises(NotFound):
        campaigns.create(orga.id, "owner", replace(ASSESSMENT, target_profile_id="theirs"))
    with pytest.raises(Invalid) as refused:
        campaigns.create(orga.id, "owner", replace(ASSESSMENT, target_profile_id="old"))
    assert refused.value.code == "TARGET_PROFILE_OUTDATED"
    assert [p.id for p in campaigns.available_target_profiles(orga.id)] == ["ours", "public"]


def test_codes_are_drawn_again_on_a_clash(orga, monkeypatch):
    first = campaigns.create(orga.id, "owner", ASSESSMENT)
    draws = iter([first.code, first.code, "BCDFGH234"])
    monkeypatch.setattr(campaigns.rules, "new_code", lambda: next(draws))
    assert campaigns.create(orga.id, "owner", ASSESSMENT).code == "BCDFGH234"


def test_only_the_owner_or_an_admin_changes_and_participations_fix_sendings(orga):
    created = campaigns.create(orga.id, "owner", ASSESSMENT)
    with pytest.raises(Forbidden):
        campaigns.update(orga.id, created.id, "other", replace(ASSESSMENT, name="Autre"))
    assert campaigns.update(orga.id, created.id, "boss", replace(ASSESSMENT, multiple_sendings=True)).multiple_sendings
    assert campaign_store.mark_participated(created.id)
    with pytest.raises(Conflict) as refused:
        campaigns.update(orga.id, created.id, "owner", ASSESSMENT)
    assert refused.value.code == "MULTIPLE_SENDINGS_FIXED"
    assert campaigns.archive(orga.id, created.id, "owner").archived_at is not None
    with pytest.raises(Conflict):
        campaigns.archive(orga.id, created.id, "owner")
    assert campaigns.unarchive(orga.id, created.id, "boss").archived_at is None
    campaigns.delete(orga.id, created.id, "owner")
    with pytest.raises(NotFound):
        campaigns.campaign(orga.id, created.id)


def test_an_archived_organisation_creates_no_campaign_and_its_fields_follow_the_rules(orga):
    with pytest.raises(Invalid):
        organizations.update(orga.id, OrganizationChange(manages_students=True), "operator")
    renamed = organizations.update(orga.id, OrganizationChange(name="Durand SA", tags=["a", "A"]), "operator")
    assert (renamed.name, renamed.tags) == ("Durand SA", ("A",))
    organizations.archive(orga.id, "operator")
    with pytest.raises(Conflict) as refused:
        campaigns.create(orga.id, "owner", ASSESSMENT)
    assert refused.value.code == "ORGANIZATION_ARCHIVED"
    trail = admin_store.current().trail
    assert isinstance(trail, MemoryTrail) and sum(len(e) for e in trail.entries.values()) == 3
