"""Results against a target profile, on the real release: one participant's, collective results, analysis."""

from datetime import UTC, datetime

import pytest

from chalicelib.content.api import get_release
from chalicelib.orga.results import (
    CollectiveTube,
    analysis,
    collective_result,
    need_score,
    participant_result,
)
from chalicelib.orga.target_profiles import Badge, BadgeCriterion, CappedTube, Stage, TargetProfile

RELEASE = get_release()
T0 = datetime(2026, 3, 2, tzinfo=UTC)
R, S, H = "rechercheRequete", "sourceFiabilite", "hameconnageIndice"
# 7 skills: @rechercheRequete1-3 and @sourceFiabilite2-3 (1.1), @hameconnageIndice1-2 (4.1)
TUBES = (CappedTube(R, 3), CappedTube(S, 3), CappedTube(H, 2))
MASTERY_STAGES = (Stage(0, "Départ", "m0"), Stage(30, "Bronze", "m1"), Stage(60, "Argent", "m2"),
                  Stage(85, "Or", "m3"))
BADGES = (
    Badge("b1", "SECURITE", "Sécurité", "m", None, False, (BadgeCriterion("tubes", 100, (CappedTube(H, 2),)),)),
    Badge("b2", "EXPERT", "Expert", "m", None, True,
          (BadgeCriterion("campaign", 70), BadgeCriterion("tubes", 50, (CappedTube(R, 3), CappedTube(S, 3))))),
)


def profile(stage_kind="mastery", stages=MASTERY_STAGES, badges=BADGES) -> TargetProfile:
    return TargetProfile("tp", "P", "COMPETENCES", "", None, TUBES, stage_kind, stages, badges, True,
                         frozenset(), False, False, None, T0)


def skills(*names: str) -> list[str]:
    return [f"@{n}" for n in names]


@pytest.mark.parametrize(("validated", "percent", "stage", "number", "badges"), [
    ([], 0, "Départ", 0, []),
    (skills("rechercheRequete1", "rechercheRequete2"), 28, "Départ", 0, []),  # 2/7 = 28.6 %
    (skills("rechercheRequete1", "hameconnageIndice1", "hameconnageIndice2"), 42, "Bronze", 1, ["SECURITE"]),
    (skills("rechercheRequete1", "rechercheRequete2", "rechercheRequete3", "sourceFiabilite2",
            "hameconnageIndice1"), 71, "Argent", 2, ["EXPERT"]),
    (skills("rechercheRequete1", "rechercheRequete2", "rechercheRequete3", "sourceFiabilite2", "sourceFiabilite3",
            "hameconnageIndice1", "hameconnageIndice2", "motCle1", "baliseHtml1"), 100, "Or", 3,
     ["SECURITE", "EXPERT"]),  # skills outside the profile do not count
])
def test_a_participant_result(validated, percent, stage, number, badges):
    result = participant_result(profile(), RELEASE, validated)
    assert result.mastery_percent == percent
    assert (result.stage.stage.title, result.stage.number, result.stage.count) == (stage, number, 3)
    assert [b.key for b in result.badges] == badges
    assert result.total == 7


def test_per_competence_and_tube_validated_tested_and_reached_level():
    validated = skills("rechercheRequete1", "rechercheRequete3", "hameconnageIndice1")
    tested = skills("rechercheRequete2", "sourceFiabilite2")
    result = participant_result(profile(), RELEASE, validated, tested)
    assert [(c.code, c.validated, c.tested, c.total) for c in result.competences] == [("1.1", 2, 4, 5),
                                                                                     ("4.1", 1, 1, 2)]
    assert [(t.tube_id, t.validated, t.tested, t.total, t.reached_level, t.max_level) for t in result.tubes] == [
        (R, 2, 3, 3, 3, 3), (S, 0, 1, 2, 0, 3), (H, 1, 1, 2, 1, 2)]
    assert result.competences[0].mastery_rate == pytest.approx(2 / 5)
    assert (result.validated, result.tested) == (3, 5)


@pytest.mark.parametrize(("validated", "stage"), [
    ([], "N0"),
    (skills("rechercheRequete1", "hameconnageIndice1"), "N1"),  # level 1: 2 skills of 7 → 28.6 %
    (skills("rechercheRequete1", "rechercheRequete2", "hameconnageIndice1"), "N1"),
    (skills("rechercheRequete1", "rechercheRequete2", "hameconnageIndice1", "hameconnageIndice2",
            "sourceFiabilite2"), "N2"),  # level 2: 5 of 7
])
def test_a_level_stage_is_reached_at_the_share_of_skills_up_to_that_level(validated, stage):
    stages = (Stage(0, "N0", "m"), Stage(1, "N1", "m"), Stage(2, "N2", "m"), Stage(3, "N3", "m"))
    assert participant_result(profile("level", stages), RELEASE, validated).stage.stage.title == stage


def test_no_stage_when_the_profile_has_none():
    assert participant_result(profile(None, ()), RELEASE, []).stage is None


def test_collective_results_average_the_snapshots():
    snapshots = [
        skills("rechercheRequete1", "rechercheRequete2", "hameconnageIndice1"),
        skills("rechercheRequete1", "sourceFiabilite2", "sourceFiabilite3"),
        [],
        skills("rechercheRequete1", "rechercheRequete1"),  # counted once
    ]
    collective = collective_result(profile(), RELEASE, snapshots)
    assert collective.participants == 4
    assert collective.mastery_rate == pytest.approx(7 / 28)
    by_tube = {t.tube_id: t for t in collective.tubes}
    assert by_tube[R].mean_reached_level == pytest.approx((2 + 1 + 0 + 1) / 4)
    assert by_tube[R].mastery_rate == pytest.approx(4 / 12)
    assert by_tube[S].mean_reached_level == pytest.approx(3 / 4)
    assert (by_tube[S].max_level, by_tube[H].max_level) == (3, 2)
    c11, c41 = collective.competences
    assert (c11.code, c11.total, c41.total) == ("1.1", 5, 2)
    assert c11.mastery_rate == pytest.approx(6 / 20)
    assert c41.mastery_rate == pytest.approx(1 / 8)
    assert c11.mean_reached_level == pytest.approx((1.0 + 0.75) / 2)


def test_no_participant_gives_zeros_not_a_division_error():
    collective = collective_result(profile(), RELEASE, [])
    assert collective.mastery_rate == 0 and all(t.mean_reached_level == 0 for t in collective.tubes)


def tube(reached: float, mastery: float, difficulty: float = 2.0, max_level: int = 4) -> CollectiveTube:
    return CollectiveTube("t", "1.1", "T", 4, max_level, difficulty, reached, mastery)


@pytest.mark.parametrize(("more", "less"), [
    (tube(0, 0), tube(2, 0.5)),  # further from the top needs more work
    (tube(2, 0.2), tube(2, 0.8)),  # fewer skills validated
    (tube(1, 0.3, difficulty=1.5), tube(1, 0.3, difficulty=5)),  # easier tubes come first
])
def test_the_need_score_orders_tubes(more, less):
    assert need_score(more) > need_score(less)


def test_need_score_bounds():
    assert need_score(tube(0, 0, difficulty=1)) == 100
    assert need_score(tube(4, 1, difficulty=8)) == 0


def test_the_analysis_ranks_tubes_with_their_tutorials():
    snapshots = [skills("hameconnageIndice1", "hameconnageIndice2", "rechercheRequete1")] * 3
    ranked = analysis(collective_result(profile(), RELEASE, snapshots), RELEASE)
    assert [r.tube.tube_id for r in ranked] == [S, R, H]
    assert [r.priority for r in ranked] == [1, 1, 3]  # S: nothing validated; R: 1 of 3; H: all
    assert ranked[0].score > ranked[1].score > ranked[2].score
    assert all(r.tutorials for r in ranked)
    first = RELEASE.tutorials[RELEASE.tubes[S].tutorials[0]]
    assert (ranked[0].tutorials[0].url, ranked[0].tutorials[0].title) == (first.url, first.title)
