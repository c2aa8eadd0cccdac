"""Choosing the next challenge and estimating the level: one competence (positioning) or the whole framework.

The state is the list of answers `(challenge_id, result)` of the assessment and, optionally, the
learner's earlier knowledge per competence; the posterior is recomputed from them at each call (cheap),
so nothing but that list needs storing. Same inputs and seed, same challenge. See docs/engine.md.
"""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from . import irt
from .bank import Bank, Item
from .knowledge import DIRECT, SUCCESS, CompetenceKnowledge

Seed = int | str
CANDIDATES_SCORED = 12  # items kept by expected information before the exact (slower) risk computation


class Answer(NamedTuple):
    """One answered challenge; serialises to JSON as [challenge_id, result]."""

    challenge_id: str
    result: str


@dataclass(frozen=True, slots=True)
class Rules:
    """When to stop, and how much randomness protects the bank from over-exposure.

    `min_length`/`max_length` count the assessment's answers; the test stops early once the most probable
    level reaches `confidence` (every competence's, in framework mode). Among items whose risk reduction is
    within `tolerance` of the best, one of the best `pool` is drawn at random.
    """

    min_length: int = 8
    max_length: int = 30
    confidence: float = 0.97
    pool: int = 3
    tolerance: float = 0.25


POSITIONING = Rules()
FRAMEWORK = Rules(min_length=32, max_length=32, pool=6, tolerance=0.5)


@dataclass(frozen=True, slots=True)
class Estimate:
    level: int
    pix: int
    confidence: float  # posterior probability of `level`


@dataclass(slots=True)
class _Belief:
    """Posterior grid weights of one competence, normalised."""

    weights: list[float]

    def levels(self, bank: Bank, competence: str) -> list[float]:
        return irt.level_distribution(self.weights, bank.level_table(competence))


def _observations(
    bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None
) -> list[Sequence[float]]:
    """The response curves seen so far in the competence: earlier direct knowledge, then this test's answers."""
    curves: list[Sequence[float]] = []
    if prior is not None:
        for tube, level, element in prior.elements():
            skill = bank.skill_at(tube, level)
            if element.source == DIRECT and skill is not None:
                curve = bank.skill_curve(skill.name)
                curves.append(curve.correct if element.validated else curve.wrong)
    for challenge_id, result in answers:
        item = bank.items.get(challenge_id)
        if item is not None and item.competence == competence:
            curve = bank.curve(challenge_id)
            curves.append(curve.correct if result == SUCCESS else curve.wrong)
    return curves


def _likelihood(curves: Sequence[Sequence[float]]) -> list[float]:
    weights = [1.0] * irt.GRID_SIZE
    for curve in curves:
        weights = irt.times(weights, curve)
        top = max(weights)
        weights = [w / top for w in weights]  # keeps 30 answers of small probabilities away from underflow
    return weights


def _candidates(
    bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None
) -> list[Item]:
    """Unseen challenges of the competence whose skill is neither answered in this test nor already known."""
    asked = {challenge_id for challenge_id, _ in answers}
    answered_skills = {bank.items[c].skill for c in asked if c in bank.items}
    known = set()
    if prior is not None:
        known = {skill.name for tube, level, _ in prior.elements() if (skill := bank.skill_at(tube, level))}
    items = [
        item
        for item in bank.items_of(competence)
        if item.challenge_id not in asked and item.skill not in answered_skills and item.skill not in known
    ]
    if not answers:
        untimed = [item for item in items if not item.timed]
        items = untimed or items  # a timer on the very first challenge is a rough welcome
    return items


def _choose_item(bank: Bank, competence: str, belief: _Belief, items: Sequence[Item], rules: Rules, rng: random.Random) -> Item:
    """The item whose answer most reduces the expected absolute error on the level (one step ahead).

    Expected information screens the candidates; the exact risk is computed for the best few; one of the
    near-best is drawn so no challenge is shown to everyone.
    """
    weights = belief.weights
    screened = sorted(items, key=lambda item: -irt.dot(weights, bank.curve(item.challenge_id).information))
    screened = screened[:CANDIDATES_SCORED]
    table = bank.level_table(competence)
    levels = irt.level_distribution(weights, table)
    risk = irt.absolute_risk(levels)
    scored = []
    for item in screened:
        if_correct = irt.level_distribution(irt.times(weights, bank.curve(item.challenge_id).correct), table)
        if_wrong = [total - part for total, part in zip(levels, if_correct)]
        scored.append((risk - irt.absolute_risk(if_correct) - irt.absolute_risk(if_wrong), item))
    scored.sort(key=lambda pair: -pair[0])
    best = scored[0][0]
    pool = [item for gain, item in scored[: rules.pool] if gain >= best - abs(best) * rules.tolerance]
    return rng.choice(pool)


def _single_belief(
    bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None
) -> _Belief:
    likelihood = _likelihood(_observations(bank, competence, answers, prior))
    return _Belief(irt.normalised(irt.times(irt.normal_prior(), likelihood)))


def _estimate(bank: Bank, competence: str, belief: _Belief) -> Estimate:
    table = bank.level_table(competence)
    levels = irt.level_distribution(belief.weights, table)
    level = irt.median_level(levels)
    lowest = 8 * level
    highest = lowest + 7 if level < bank.max_level else 8 * (bank.max_level + 1)  # pix must give that level
    pix = min(highest, max(lowest, round(irt.dot(belief.weights, table.pix))))
    return Estimate(level, pix, levels[level])


def next_challenge(
    bank: Bank,
    competence: str,
    answers: Sequence[Answer],
    prior: CompetenceKnowledge | None = None,
    seed: Seed = 0,
    rules: Rules = POSITIONING,
) -> str | None:
    """The next challenge of a one-competence test, or None when the test is over."""
    in_competence = sum(1 for c, _ in answers if c in bank.items and bank.items[c].competence == competence)
    if in_competence >= rules.max_length:
        return None
    belief = _single_belief(bank, competence, answers, prior)
    if in_competence >= rules.min_length and _estimate(bank, competence, belief).confidence >= rules.confidence:
        return None
    items = _candidates(bank, competence, answers, prior)
    if not items:
        return None
    return _choose_item(bank, competence, belief, items, rules, random.Random(seed)).challenge_id


def estimate(
    bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None = None
) -> Estimate:
    """Level (the posterior median) and pix of a one-competence test."""
    return _estimate(bank, competence, _single_belief(bank, competence, answers, prior))
