"""The operators' target profile use cases on the in-memory stores (profiles and the audit trail)."""

import pytest

from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.admin.trail import object_key
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.orga import service_target_profiles as service
from chalicelib.orga.schemas_target_profiles import BadgesIn, StagesIn, TargetProfileEdit, TargetProfileIn
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store import target_profiles as store
from chalicelib.orga.store.campaigns_memory import MemoryCampaigns
from chalicelib.orga.store.target_profiles import InMemoryTargetProfileStore

OP = "op-1"


@pytest.fixture(autouse=True)
def memory():
    profiles, trail = InMemoryTargetProfileStore(), MemoryTrail()
    store.use_store(profiles)
    previous = admin_store.use(admin_store.Stores(trail=trail))
    previous_campaigns = campaign_store.use(MemoryCampaigns())
    yield profiles, trail
    store.use_store(None)
    admin_store.use(previous)
    campaign_store.use(previous_campaigns)


def new(**changes) -> str:
    body = {"name": "Sécurité", "category": "SUBJECT", "tubes": [{"tube_id": "hameconnageIndice", "level": 3},
                                                                  {"tube_id": "authentificationForte", "level": 2}]}
    return service.create(OP, TargetProfileIn.model_validate(body | changes)).id


def test_create_then_edit_keeps_what_is_not_sent_and_records_each_write(memory):
    _, trail = memory
    pid = new()
    edited = service.edit(OP, pid, TargetProfileEdit.model_validate({"description": "Les réflexes"}))
    assert (edited.name, edited.description, edited.skill_count, edited.version) == ("Sécurité", "Les réflexes", 5, 2)
    entries = sorted(trail.entries[object_key("target-profile", pid)].values(), key=lambda e: e.entry_id)
    assert [e.action for e in entries] == ["target-profile-created", "target-profile-edited"]


def test_a_field_that_cannot_be_empty_is_refused():
    pid = new()
    with pytest.raises(Invalid) as refused:
        service.edit(OP, pid, TargetProfileEdit.model_validate({"name": None}))
    assert refused.value.details[0]["field"] == "name"


def test_stages_are_kept_in_threshold_order_and_need_a_kind():
    pid = new()
    stages = [{"threshold": 60, "title": "Bien", "message": "Bravo"},
              {"threshold": 0, "title": "Début", "message": "Go"}]
    shown = service.set_stages(OP, pid, StagesIn.model_validate({"kind": "mastery", "stages": stages}))
    assert [s.threshold for s in shown.stages] == [0, 60]
    with pytest.raises(Invalid) as refused:
        service.set_stages(OP, pid, StagesIn.model_validate({"kind": None, "stages": stages}))
    assert refused.value.code == "STAGE_KIND_MISSING"
    cleared = service.set_stages(OP, pid, StagesIn.model_validate({"kind": "mastery", "stages": []}))
    assert (cleared.stage_kind, cleared.stages) == (None, [])


def test_badges_keep_their_id_by_key():
    pid = new()
    badge = {"key": "PHISHING", "title": "Anti-hameçonnage", "criteria": [{"kind": "campaign", "threshold": 50}]}
    first = service.set_badges(OP, pid, BadgesIn.model_validate({"badges": [badge]})).badges[0].id
    other = {**badge, "key": "AUTRE"}
    again = service.set_badges(OP, pid, BadgesIn.model_validate({"badges": [other, badge]})).badges
    assert again[1].id == first and again[0].id != first


def test_an_outdated_profile_is_frozen_but_may_be_copied_and_detached():
    pid = new()
    service.attach(OP, pid, ["org-1", "org-2"])
    service.outdate(OP, pid)
    with pytest.raises(Invalid) as refused:
        service.set_public(OP, pid, True)
    assert refused.value.code == "TARGET_PROFILE_OUTDATED"
    assert service.outdate(OP, pid).outdated  # again: nothing changes
    assert service.detach(OP, pid, "org-1").organization_ids == ["org-2"]
    copy = service.copy(OP, pid)
    assert (copy.name, copy.outdated, copy.organization_ids) == ("[Copie] Sécurité", False, [])


def test_an_unknown_profile_and_a_stale_write():
    with pytest.raises(NotFound):
        service.detail("nope")
    with pytest.raises(NotFound):
        service.detail("x" * 3000)  # never sent to the table as a key
    pid = new()
    before = store.get_store().get(pid)
    service.set_public(OP, pid, True)
    with pytest.raises(Conflict):
        store.get_store().save(before, before)


def test_the_list_pages_through_every_profile():
    ids = {new(name=f"P{i}") for i in range(5)}
    seen, cursor = [], None
    while True:
        page = service.page(cursor, 2)
        seen += [p.id for p in page.items]
        if not (cursor := page.next_cursor):
            break
    assert set(seen) == ids and len(seen) == 5


def test_other_rooms_read_skills_and_results_through_the_api():
    from chalicelib.orga import api as orga

    orga.forget_target_profile()
    pid = new()
    service.set_stages(OP, pid, StagesIn.model_validate({"kind": "mastery", "stages": [
        {"threshold": 0, "title": "Début", "message": "Go"}, {"threshold": 40, "title": "Bien", "message": "Bravo"}]}))
    orga.forget_target_profile(pid)
    skills = orga.target_profile_skills(pid)
    assert skills == ("@hameconnageIndice1", "@hameconnageIndice2", "@hameconnageIndice3",
                      "@authentificationForte1", "@authentificationForte2")
    result = orga.target_profile_result(pid, skills[:2])
    assert (result.mastery_percent, result.stage.stage.title) == (40, "Bien")
    assert [p.id for p in orga.target_profiles_available_to("org-9")] == []


def test_the_tubes_of_a_profile_a_campaign_uses_are_frozen_but_it_may_be_copied():
    from datetime import UTC, datetime

    from chalicelib.orga.campaigns import CampaignFields, created

    pid = new()
    fewer = {"tubes": [{"tube_id": "hameconnageIndice", "level": 2}]}
    assert service.edit(OP, pid, TargetProfileEdit.model_validate(fewer)).skill_count < 5  # unused: free
    campaign = created("c1", "BCDFGH234", "o1", CampaignFields("Rentrée", "ASSESSMENT", pid), "u1",
                       datetime(2026, 9, 1, tzinfo=UTC))
    assert campaign_store.current().create(campaign)
    with pytest.raises(Conflict) as refused:
        service.edit(OP, pid, TargetProfileEdit.model_validate({"tubes": [{"tube_id": "hameconnageIndice",
                                                                           "level": 3}]}))
    assert refused.value.code == "TARGET_PROFILE_IN_USE" and "Copiez-le" in refused.value.message
    assert service.edit(OP, pid, TargetProfileEdit.model_validate({"description": "Les réflexes"})).description
    same = {"tubes": [{"tube_id": "hameconnageIndice", "level": 2}], "name": "Sécurité 2"}
    assert service.edit(OP, pid, TargetProfileEdit.model_validate(same)).name == "Sécurité 2"  # tubes unchanged
    copied = service.copy(OP, pid)
    grown = {"tubes": [{"tube_id": "hameconnageIndice", "level": 3}]}
    assert service.edit(OP, copied.id, TargetProfileEdit.model_validate(grown)).skill_count > 0
