"""The target profile store on moto, and its in-memory twin held to the same contract."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.errors import Conflict
from chalicelib.orga.store.target_profiles import DynamoTargetProfileStore, InMemoryTargetProfileStore
from chalicelib.orga.target_profiles import Badge, BadgeCriterion, CappedTube, Stage, TargetProfile

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["dynamodb", "memory"])
def store(request):
    if request.param == "memory":
        return InMemoryTargetProfileStore()
    request.getfixturevalue("aws")
    return DynamoTargetProfileStore()


def profile(profile_id: str = "tp-1", **changes) -> TargetProfile:
    base = TargetProfile(
        id=profile_id, name=f"Profil {profile_id}", category="COMPETENCES", description="Pour « tous »", comment="c",
        tubes=(CappedTube("rechercheRequete", 3), CappedTube("sourceFiabilite", 2)),
        stage_kind="mastery", stages=(Stage(0, "Départ", "Bienvenue", "Début", None), Stage(60, "Bien", "Bravo")),
        badges=(Badge("b-1", "CHERCHEUR", "Chercheur", "Bravo", "https://img/x.svg", True,
                      (BadgeCriterion("campaign", 70),
                       BadgeCriterion("tubes", 50, (CappedTube("rechercheRequete", 2),), "Requêtes"))),),
        public=False, organization_ids=frozenset(), outdated=False, resettable=True, image_url=None, created_at=T0,
    )
    return replace(base, **changes)


def test_a_profile_round_trips_as_it_was_written(store):
    saved = store.save(profile(organization_ids=frozenset({"org-1", "org-2"})), None)
    assert saved.version == 1
    assert store.get("tp-1") == saved
    assert store.get("nope") is None


def test_a_save_from_a_stale_read_is_refused(store):
    first = store.save(profile(), None)
    store.save(replace(first, name="A"), first)
    with pytest.raises(Conflict) as refused:
        store.save(replace(first, name="B"), first)
    assert refused.value.code == "TARGET_PROFILE_CHANGED"
    with pytest.raises(Conflict):
        store.save(profile(), None)  # the id is taken
    assert store.get("tp-1").name == "A"


def test_available_to_is_public_and_attached_ones_not_outdated(store):
    store.save(profile("a", name="Zèbre", public=True), None)
    store.save(profile("b", name="abeille", organization_ids=frozenset({"org-1"})), None)
    store.save(profile("c", organization_ids=frozenset({"org-2"})), None)
    old = store.save(profile("d", public=True, organization_ids=frozenset({"org-1"})), None)
    store.save(replace(old, outdated=True), old)
    assert [p.id for p in store.available_to("org-1")] == ["b", "a"]
    assert [p.id for p in store.available_to("org-3")] == ["a"]


def test_detaching_and_making_private_remove_the_pointers(store):
    first = store.save(profile(public=True, organization_ids=frozenset({"org-1", "org-2"})), None)
    store.save(replace(first, public=False, organization_ids=frozenset({"org-2"})), first)
    assert store.available_to("org-1") == []
    assert [p.id for p in store.available_to("org-2")] == ["tp-1"]


def test_the_operators_list_pages_newest_first(store):
    for i in range(5):
        store.save(profile(f"tp-{i}", created_at=T0 + timedelta(minutes=i)), None)
    seen, start = [], None
    while True:
        page, start = store.list(start, 2)
        seen += [p.id for p in page]
        if not start:
            break
    assert seen == ["tp-4", "tp-3", "tp-2", "tp-1", "tp-0"]
