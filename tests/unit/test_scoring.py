"""Pix and levels: the scoring rules of DOMAIN.md."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.engine import scoring


@pytest.mark.parametrize(
    ("skills_at_level", "pix"),
    [(1, 4.0), (2, 4.0), (3, 8 / 3), (4, 2.0), (5, 1.6), (8, 1.0)],
)
def test_a_level_is_worth_8_pix_shared_by_its_skills_at_most_4_each(skills_at_level, pix):
    assert scoring.pix_value(skills_at_level) == pytest.approx(pix)


def test_pix_values_of_a_competence_count_skills_per_level():
    values = scoring.pix_values({"@a1": 1, "@b1": 1, "@c1": 1, "@a2": 2, "@a3": 3, "@b3": 3})
    assert values["@a1"] == pytest.approx(8 / 3)
    assert values["@a2"] == 4.0
    assert values["@b3"] == 4.0


@pytest.mark.parametrize(
    ("validated", "pix"),
    [
        ([], 0),
        ([8 / 3] * 3, 8),  # a float sum of 7.999… still makes a full level
        ([4.0, 4.0, 1.6], 9),
        ([1.6] * 4, 6),
    ],
)
def test_competence_pix_floors_the_sum_of_validated_skills(validated, pix):
    assert scoring.competence_pix(validated) == pix


@pytest.mark.parametrize(
    ("pix", "max_level", "level"),
    [(0, 7, 0), (7, 7, 0), (8, 7, 1), (39, 7, 4), (63, 7, 7), (64, 7, 7), (64, 8, 8), (47, 5, 5)],
)
def test_level_is_pix_over_8_capped_by_the_highest_reachable_level(pix, max_level, level):
    assert scoring.competence_level(pix, max_level) == level


def test_a_full_profile_is_worth_1024_pix():
    assert scoring.MAX_PROFILE_PIX == 1024
    assert scoring.profile_pix({f"c{i}": 64 for i in range(16)}) == 1024


@given(
    st.lists(st.sampled_from([4.0, 8 / 3, 2.0, 1.6, 4 / 3, 8 / 7, 1.0]), max_size=40),
    st.sampled_from([4.0, 8 / 3, 2.0, 1.6, 4 / 3, 8 / 7, 1.0]),
)
def test_pix_never_decreases_when_a_skill_is_validated(validated, added):
    assert scoring.competence_pix([*validated, added]) >= scoring.competence_pix(validated)
