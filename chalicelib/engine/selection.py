"""Choosing the next challenge and estimating the level of a one-competence test (positioning).

The state is the assessment's answers `(challenge_id, result)` and, optionally, the learner's earlier
knowledge of the competence; the posterior is recomputed from them at each call (cheap), so nothing but
that list needs storing. Same inputs and seed, same challenge. See docs/engine.md.
"""

import math
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from . import irt, posterior
from .bank import Bank, Item
from .knowledge import CompetenceKnowledge
from .memo import BankMemo
from .posterior import Answer as Answer  # part of selection's interface: its callers name their answers
from .posterior import Belief

Seed = int | str
# The first answers go where they settle the level best (risk, one step ahead); later, that myopic rule
# keeps probing one boundary, and information about θ serves the level better.
RISK_PHASE = 12
SCREENED = 8  # items kept by information before the exact (slower) risk computation
ACTIVE_LEVEL = 1e-4  # levels less likely than this now stay out of reach of one more answer


@dataclass(frozen=True, slots=True)
class Rules:
    """When to stop, and how much randomness protects the bank from over-exposure.

    `min_length`/`max_length` count the assessment's answers; in between, the test stops once the level is
    settled: the posterior probability that the true level lies within one of the estimate reaches
    `settled` (every competence's, in framework mode). Among items scoring within `tolerance` (relative)
    of the best, one of the best `pool` is drawn at random; the draw narrows to the best item over the
    first `narrowing` answers, whatever the stop. `eligible`: the share of the bank open to one assessment,
    drawn from its seed (a bank's best items would otherwise reach nearly every learner of their level).
    """

    min_length: int = 6
    max_length: int = 15
    settled: float = 0.99
    pool: int = 2
    tolerance: float = 0.05
    eligible: float = 1.0
    narrowing: int = 30


# Tuned on Track P of the measurement benchmark (docs/engine.md, `python -m bench.stopping`): the test stops
# once the learner is off by two levels or more with probability under 1 %, after 6 to 15 answers.
POSITIONING = Rules()
# How the remaining length is announced (`remaining_of`): on the benchmark, a test still going on needs about
# REMAINING_BASE more answers once settled-looking, plus DOUBT_DECADE per tenfold its doubt (the probability
# of being off by two levels or more) stands above the stop's; fitted there (mean absolute error ≈ 1.8
# answers, bias −0.1 to −0.2 on three seeds), against 2.2 for "the minimum minus the answers".
DOUBT_DECADE = 4.0
REMAINING_BASE = 2.0


@dataclass(frozen=True, slots=True)
class Estimate:
    level: int
    pix: int
    confidence: float  # posterior probability of `level`


def candidates(bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None) -> list[Item]:
    """Unseen challenges of the competence whose skill is not already known from earlier tests, and that
    share no overlap pair with a challenge already asked (their solutions would reveal each other).

    A skill may come back with another challenge in the same test: at a learner's boundary, a second
    look at the same skill is often the most informative question (the later answer sets its knowledge).
    """
    asked = {challenge_id for challenge_id, _ in answers}
    asked |= bank.excluded_by(asked)
    known = set()
    if prior is not None:
        known = {skill.name for tube, level, _ in prior.elements() if (skill := bank.skill_at(tube, level))}
    items = [item for item in bank.items_of(competence) if item.challenge_id not in asked and item.skill not in known]
    if not answers:
        untimed = [item for item in items if not item.timed]
        items = untimed or items  # a timer on the very first challenge is a rough welcome
    return items


def eligible(items: Sequence[Item], seed: Seed, share: float) -> list[Item]:
    """The items open to the assessment of this seed: each with probability `share`, the same at every
    request of the assessment (a stable hash, not Python's salted one). All, if none would be."""
    if share >= 1.0:
        return list(items)
    limit = share * 2**32
    start = zlib.crc32(f"{seed}/".encode())
    kept = [item for item in items if zlib.crc32(item.challenge_id.encode(), start) < limit]
    return kept or list(items)


# Per bank: the challenge ids of a competence open to the assessment of a seed.
_OPEN: BankMemo[frozenset[str]] = BankMemo()


def eligible_in(bank: Bank, competence: str, items: Sequence[Item], seed: Seed, share: float) -> list[Item]:
    """`eligible(items, seed, share)` for items of one competence, the competence's draw memoised per seed
    (a whole-framework test asks for it at every request)."""
    if share >= 1.0:
        return list(items)
    opened = _OPEN.get(
        bank,
        (seed, share, competence),
        lambda: frozenset(item.challenge_id for item in eligible(bank.items_of(competence), seed, share)),
    )
    kept = [item for item in items if item.challenge_id in opened]
    return kept or list(items)


def decision_rng(seed: Seed, answered: int) -> random.Random:
    """The randomness of one decision: the assessment's seed and how many answers it has."""
    return random.Random(f"{seed}:{answered}")


def by_information(bank: Bank, found: Belief, items: Sequence[Item]) -> list[tuple[float, Item]]:
    """Items with their Fisher information averaged over the posterior, most informative first."""
    weights = found.weights
    scored = [(math.sumprod(weights, bank.model(item.challenge_id).information), item) for item in items]
    scored.sort(key=lambda pair: -pair[0])
    return scored


def at_mean(bank: Bank, found: Belief, items: Sequence[Item], count: int) -> list[Item]:
    """The `count` items most informative at the posterior mean: a quick screen."""
    mean = math.sumprod(found.weights, irt.GRID)
    k = min(irt.GRID_SIZE - 1, max(0, round((mean - irt.GRID_MIN) / irt.GRID_STEP)))
    return sorted(items, key=lambda item: -bank.model(item.challenge_id).information[k])[:count]


def by_risk(
    bank: Bank, found: Belief, items: Sequence[Item], levels: Sequence[float] | None = None
) -> list[tuple[float, Item]]:
    """Items with the reduction of the expected absolute level error their answer brings (one step ahead).
    `levels`: the current level distribution, when already known."""
    levels = levels or posterior.levels(bank, found)
    risk = irt.absolute_risk(levels)
    active = [level for level, p in enumerate(levels) if p > ACTIVE_LEVEL]
    return [
        (risk - irt.absolute_risk(if_wrong) - irt.absolute_risk(if_correct), item)
        for item, (if_wrong, if_correct) in zip(items, posterior.after_answers(bank, found, items, active), strict=True)
    ]


def draw(scored: Sequence[tuple[float, Item]], rules: Rules, progress: float, rng: random.Random) -> Item:
    """One of the best-scored items: among the first `pool` within `tolerance` of the best.

    The draw is widest at the start of a test, where every learner looks alike and would otherwise get
    the same challenges, and narrows to the best item as the test individualises.
    """
    progress = min(1.0, progress)
    ranked = sorted(scored, key=lambda pair: -pair[0])
    best = ranked[0][0]
    width = max(1, round(rules.pool * (1.0 - progress)))
    floor = best - abs(best) * rules.tolerance * (1.0 - progress)
    return rng.choice([item for score, item in ranked[:width] if score >= floor])


def single_belief(bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None) -> Belief:
    found = posterior.evidence(bank, posterior.observations(bank, competence, answers, prior))
    return posterior.belief(competence, found, irt.PRIOR)


def estimate_of(bank: Bank, found: Belief) -> Estimate:
    levels = posterior.levels(bank, found)
    level = irt.median_level(levels)
    lowest = 8 * level
    highest = lowest + 7 if level < bank.max_level else 8 * (bank.max_level + 1)  # pix must give that level
    pix = min(highest, max(lowest, round(posterior.expected_pix(bank, found))))
    return Estimate(level, pix, levels[level] / sum(levels))


def within_one(levels: Sequence[float]) -> float:
    """The probability that the true level is within one of the estimate (the median of `levels`, unnormalised)."""
    guess = irt.median_level(levels)
    return sum(levels[max(0, guess - 1) : guess + 2]) / sum(levels)


def answered_in(bank: Bank, competence: str, answers: Sequence[Answer]) -> int:
    return sum(1 for c, _ in answers if c in bank.items and bank.items[c].competence == competence)


def next_challenge(
    bank: Bank,
    competence: str,
    answers: Sequence[Answer],
    prior: CompetenceKnowledge | None = None,
    seed: Seed = 0,
    rules: Rules = POSITIONING,
) -> str | None:
    """The next challenge of a one-competence test, or None when the test is over."""
    in_competence = answered_in(bank, competence, answers)
    if in_competence >= rules.max_length:
        return None
    found = single_belief(bank, competence, answers, prior)
    levels = None
    if in_competence >= rules.min_length:
        levels = posterior.levels(bank, found)
        if within_one(levels) >= rules.settled:
            return None
    items = candidates(bank, competence, answers, prior)
    if not items:
        return None
    scored = by_information(bank, found, eligible(items, seed, rules.eligible))
    if in_competence < RISK_PHASE:
        scored = by_risk(bank, found, [item for _, item in scored[:SCREENED]], levels)
    return draw(scored, rules, in_competence / rules.narrowing, decision_rng(seed, len(answers))).challenge_id


def length_range(rules: Rules = POSITIONING) -> tuple[int, int]:
    """The fewest and the most challenges a test asks, to announce before it starts (fewer only when the
    competence runs out of challenges)."""
    return rules.min_length, rules.max_length


def remaining_of(answered: int, levels: Sequence[float], rules: Rules = POSITIONING) -> int:
    """How many challenges are still to come, the next one included, after `answered` answers that leave
    the level distribution `levels`: 0 when the rule stops here, else an expectation from the current
    doubt, between max(1, min_length − answered) and max_length − answered."""
    if answered >= rules.max_length:
        return 0
    near = within_one(levels)
    if answered >= rules.min_length and near >= rules.settled:
        return 0
    left = rules.max_length - answered
    if rules.settled >= 1.0:  # never settled: the test runs to its maximum
        return left
    doubt = max(1.0 - near, 1e-12)
    expected = REMAINING_BASE + DOUBT_DECADE * max(0.0, math.log10(doubt / (1.0 - rules.settled)))
    return min(left, max(1, rules.min_length - answered, round(expected)))


def remaining(
    bank: Bank,
    competence: str,
    answers: Sequence[Answer],
    prior: CompetenceKnowledge | None = None,
    rules: Rules = POSITIONING,
) -> int:
    """How many challenges a one-competence test still asks, the next one included (0: it is over), for
    a progress bar and a "remaining" count that follow the stop rule. Same arguments as `next_challenge`."""
    in_competence = answered_in(bank, competence, answers)
    if in_competence >= rules.max_length:
        return 0
    left = len(candidates(bank, competence, answers, prior))
    if not left:
        return 0
    levels = posterior.levels(bank, single_belief(bank, competence, answers, prior))
    return min(left, remaining_of(in_competence, levels, rules))


def estimate(
    bank: Bank, competence: str, answers: Sequence[Answer], prior: CompetenceKnowledge | None = None
) -> Estimate:
    """Level (the posterior median) and pix of a one-competence test."""
    return estimate_of(bank, single_belief(bank, competence, answers, prior))
