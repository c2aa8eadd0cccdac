"""A test cannot be passed without reading the questions: blind answerers (first proposal, longest proposal,
typed answers skipped) run the real engine on the real bank and stay at level 1 or below on average.

The full table over every competence is `python -m bench.blind`; this is its quick form, on competences
whose right answers were all written first (where the authored order gave most away).
"""

import pytest

from bench.blind import STRATEGIES, measure

COMPETENCES = ["2.4", "5.1"]
LEARNERS = 6


@pytest.fixture(scope="module")
def rows():
    return {(r.strategy, r.shuffled): r for r in measure(COMPETENCES, LEARNERS)}


@pytest.mark.parametrize("strategy", list(STRATEGIES))
def test_a_blind_strategy_stays_at_level_one_or_below(rows, strategy):
    row = rows[(strategy, True)]
    assert row.tests == len(COMPETENCES) * LEARNERS
    assert row.level <= 1.0, row


def test_the_check_would_catch_the_authored_order(rows):
    """Without the shuffle, the same harness sees the bias: the check is not one that cannot fail."""
    authored = rows[("first (QCM: the first three)", False)]
    assert authored.level > 1.0, authored
    assert authored.level > 2 * rows[("first (QCM: the first three)", True)].level + 0.5
