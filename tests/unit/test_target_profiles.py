"""Target profile rules, on the real release: its skills, competences, copy, availability and validation."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.content.api import get_release
from chalicelib.errors import Invalid
from chalicelib.orga.target_profiles import (
    Badge,
    BadgeCriterion,
    CappedTube,
    Stage,
    TargetProfile,
    level_stage_threshold,
    validate,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RELEASE = get_release()

STAGES = (Stage(0, "Départ", "Bienvenue"), Stage(50, "À mi-chemin", "Continuez"), Stage(80, "Expert", "Bravo"))


def profile(**changes) -> TargetProfile:
    base = TargetProfile(
        id="tp-1", name="Recherche", category="COMPETENCES", description="", comment=None,
        tubes=(CappedTube("rechercheRequete", 3), CappedTube("sourceFiabilite", 3)),
        stage_kind="mastery", stages=STAGES,
        badges=(Badge("b-1", "CHERCHEUR", "Chercheur", "Vous savez chercher.", None, False,
                      (BadgeCriterion("campaign", 70),
                       BadgeCriterion("tubes", 50, (CappedTube("rechercheRequete", 2),), "Requêtes"))),),
        public=False, organization_ids=frozenset({"org-1"}), outdated=False, resettable=False, image_url=None,
        created_at=T0,
    )
    return replace(base, **changes)


def test_its_skills_are_each_tube_up_to_its_cap():
    assert profile().skill_names(RELEASE) == (
        "@rechercheRequete1", "@rechercheRequete2", "@rechercheRequete3", "@sourceFiabilite2", "@sourceFiabilite3")


def test_its_competences_come_in_the_release_order():
    tubes = (CappedTube("hameconnageIndice", 2), CappedTube("rechercheRequete", 1))
    assert profile(tubes=tubes).competences(RELEASE) == ("1.1", "4.1")


def test_a_level_stage_stands_for_the_share_of_skills_up_to_that_level():
    p = profile()  # levels 1, 2, 3 then 2, 3
    assert level_stage_threshold(p, 0, RELEASE) == 0
    assert level_stage_threshold(p, 2, RELEASE) == pytest.approx(3 / 5)
    assert level_stage_threshold(p, 3, RELEASE) == 1


def test_a_copy_is_named_so_and_neither_public_attached_nor_outdated():
    original = replace(profile(public=True, outdated=True), version=4)
    copy = original.copy("tp-2", T0.replace(hour=10))
    assert (copy.id, copy.name, copy.public, copy.organization_ids, copy.outdated, copy.version) == (
        "tp-2", "[Copie] Recherche", False, frozenset(), False, 0)
    assert copy.tubes == original.tubes and copy.stages == original.stages and copy.badges == original.badges


@pytest.mark.parametrize(("public", "attached", "outdated", "available"), [
    (True, set(), False, True),
    (False, {"org-1"}, False, True),
    (False, {"org-2"}, False, False),
    (True, {"org-1"}, True, False),
])
def test_who_may_use_it(public, attached, outdated, available):
    p = profile(public=public, organization_ids=frozenset(attached), outdated=outdated)
    assert p.available_to("org-1") is available


def test_a_sound_profile_passes():
    validate(profile(), RELEASE)
    validate(profile(stage_kind=None, stages=(), badges=()), RELEASE)
    validate(profile(stage_kind="level", stages=(Stage(0, "a", "b"), Stage(3, "c", "d"))), RELEASE)


def badge(*criteria: BadgeCriterion) -> tuple[Badge, ...]:
    return (Badge("b", "K", "T", "M", None, False, criteria),)


REQUETE = "rechercheRequete"
CASES = [
    ("TARGET_PROFILE_NAME", dict(name="  ")),
    ("TARGET_PROFILE_CATEGORY", dict(category="NOPE")),
    ("TARGET_PROFILE_NO_TUBE", dict(tubes=(), badges=())),
    ("TARGET_PROFILE_UNKNOWN_TUBE", dict(tubes=(CappedTube("inconnu", 2),))),
    ("TARGET_PROFILE_DUPLICATE_TUBE", dict(tubes=(CappedTube(REQUETE, 2), CappedTube(REQUETE, 3)))),
    ("TARGET_PROFILE_TUBE_LEVEL", dict(tubes=(CappedTube("rechercheRequete", 0),))),
    ("TARGET_PROFILE_TUBE_LEVEL", dict(tubes=(CappedTube("rechercheRequete", 9),))),
    ("TARGET_PROFILE_TUBE_EMPTY", dict(tubes=(CappedTube("rechercheRequete", 2), CappedTube("veilleFlux", 2)))),
    ("STAGE_ZERO_MISSING", dict(stages=(Stage(10, "a", "b"),))),
    ("STAGE_ZERO_MISSING", dict(stages=())),
    ("STAGE_KIND_MISSING", dict(stage_kind=None)),
    ("STAGE_THRESHOLD_DUPLICATE", dict(stages=(Stage(0, "a", "b"), Stage(40, "c", "d"), Stage(40, "e", "f")))),
    ("STAGE_THRESHOLD_RANGE", dict(stages=(Stage(0, "a", "b"), Stage(101, "c", "d")))),
    ("STAGE_THRESHOLD_RANGE", dict(stage_kind="level", stages=(Stage(0, "a", "b"), Stage(9, "c", "d")))),
    ("STAGE_THRESHOLD_RANGE", dict(stage_kind="level", stages=(Stage(0, "a", "b"), Stage(4, "c", "d")))),
    ("STAGE_TEXT_MISSING", dict(stages=(Stage(0, " ", "b"),))),
    ("BADGE_KEY_DUPLICATE", dict(badges=profile().badges * 2)),
    ("BADGE_NO_CRITERION", dict(badges=badge())),
    ("BADGE_CRITERION_THRESHOLD", dict(badges=badge(BadgeCriterion("campaign", 120)))),
    ("BADGE_CRITERION_TUBES", dict(badges=badge(BadgeCriterion("tubes", 50)))),
    ("BADGE_CRITERION_TUBES", dict(badges=badge(BadgeCriterion("tubes", 50, (CappedTube(REQUETE, 4),))))),
    ("BADGE_CRITERION_TUBES", dict(badges=badge(BadgeCriterion("tubes", 50, (CappedTube("hameconnageIndice", 1),))))),
    ("BADGE_CRITERION_TUBES", dict(badges=badge(BadgeCriterion("campaign", 50, (CappedTube(REQUETE, 1),))))),
]


@pytest.mark.parametrize(("code", "changes"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_a_broken_rule_is_refused_with_its_code(code, changes):
    with pytest.raises(Invalid) as refused:
        validate(profile(**changes), RELEASE)
    assert refused.value.code == code
    assert refused.value.details and refused.value.details[0]["field"]
