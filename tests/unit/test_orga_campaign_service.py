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


def test_an_operator_changes_a_code_or_swaps_two_with_a_trail(orga):
    from chalicelib.admin import api as admin
    from chalicelib.orga import service_campaign_codes as codes

    first = campaigns.create(orga.id, "owner", ASSESSMENT)
    second = campaigns.create(orga.id, "owner", ASSESSMENT)
    changed = codes.change_code("op-1", first.id, " bcdfgh 234 ")
    assert changed.code == "BCDFGH234" and campaign_store.current().by_code("BCDFGH234").id == first.id
    assert campaign_store.current().by_code(first.code) is None  # the old code opens nothing now
    for bad, code in (("BCDFGI234", "INVALID_CAMPAIGN_CODE"), ("BCDFGH234", "CAMPAIGN_CODE_UNCHANGED")):
        with pytest.raises(Invalid) as refused:
            codes.change_code("op-1", first.id, bad)
        assert refused.value.code == code
    with pytest.raises(Conflict) as taken:
        codes.change_code("op-1", second.id, "BCDFGH234")
    assert taken.value.code == "CAMPAIGN_CODE_TAKEN"
    with pytest.raises(NotFound):
        codes.change_code("op-1", "nope", "BCDFGH235")

    a, b = codes.swap_codes("op-2", first.id, second.id)
    assert (a.code, b.code) == (second.code, "BCDFGH234")
    assert campaign_store.current().by_code(second.code).id == first.id
    assert campaign_store.current().by_code("BCDFGH234").id == second.id
    with pytest.raises(Invalid):
        codes.swap_codes("op-2", first.id, first.id)
    def entries(campaign_id):
        return {(e["action"], e["actor_id"], tuple((c["field"], c["before"], c["after"]) for c in e["changes"]))
                for e in admin.trail("campaign", campaign_id)["entries"]}

    assert entries(first.id) == {
        ("campaign-code-changed", "op-1", (("code", first.code, "BCDFGH234"),)),
        ("campaign-code-swapped", "op-2", (("code", "BCDFGH234", second.code), ("swapped_with", None, second.id)))}
    assert entries(second.id) == {
        ("campaign-code-swapped", "op-2", (("code", second.code, "BCDFGH234"), ("swapped_with", None, first.id)))}


def test_an_edit_read_before_a_code_change_does_not_undo_it(orga):
    from chalicelib.orga import service_campaign_codes as codes

    created = campaigns.create(orga.id, "owner", ASSESSMENT)
    stale = campaign_store.current().get(created.id)
    codes.change_code("op-1", created.id, "BCDFGH234")
    assert not campaign_store.current().save(replace(stale, name="Autre"))  # its code is the old one: refused
    assert campaigns.update(orga.id, created.id, "owner", replace(ASSESSMENT, name="Autre")).code == "BCDFGH234"
