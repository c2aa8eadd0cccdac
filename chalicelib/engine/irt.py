"""The measurement model: ability on a grid, item response curves, and P(level | ability) per competence.

Ability θ is on the level scale (a skill of level L has its mastery threshold near L − 0.5). The learner's
ability in a tube is θ plus a tube effect (sd TUBE_SCATTER); a skill is mastered when that tube ability
reaches the skill's threshold, so the level follows from pix, not from θ read directly.
Everything is plain lists of floats: the engine runs in pure Python, and `sum(map(mul, …))` keeps the
inner products in C.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

GRID_MIN = -1.5
GRID_STEP = 0.25
GRID_SIZE = 45  # -1.5 … 9.5
GRID: tuple[float, ...] = tuple(GRID_MIN + GRID_STEP * k for k in range(GRID_SIZE))

# Model constants (not fitted to any learner): a broad prior over the 8 levels, the per-tube scatter of
# ability, the uncertainty of calibrated difficulties, and a small guessing floor (QCU can be guessed).
PRIOR_MEAN = 3.5
PRIOR_SD = 2.5
TUBE_SCATTER = 0.4
CALIBRATION_ERROR = 0.25
GUESS = 0.05
_NEGLIGIBLE = 1e-7  # pix sums less likely than this are dropped while convolving tubes
PROBABILITY_FLOOR = 1e-9


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def normal_prior(mean: float = PRIOR_MEAN, sd: float = PRIOR_SD) -> list[float]:
    weights = [math.exp(-0.5 * ((t - mean) / sd) ** 2) for t in GRID]
    total = sum(weights)
    return [w / total for w in weights]


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class Curve:
    """An item's response model on the grid: P(correct), P(wrong) and Fisher information."""

    correct: tuple[float, ...]
    wrong: tuple[float, ...]
    information: tuple[float, ...]


def item_curve(discrimination: float, difficulty: float, scatter: float) -> Curve:
    """2PL with a guessing floor, averaged over a normal scatter of the learner's ability around θ.

    The average of a logistic over a normal is close to a logistic with a flatter slope
    a / sqrt(1 + π a² s² / 8); the scatter covers the tube effect and the calibration error.
    """
    slope = discrimination / math.sqrt(1.0 + math.pi * discrimination**2 * scatter**2 / 8.0)
    correct, wrong, information = [], [], []
    for theta in GRID:
        s = _logistic(slope * (theta - difficulty))
        p = min(1.0 - PROBABILITY_FLOOR, max(PROBABILITY_FLOOR, GUESS + (1.0 - GUESS) * s))
        derivative = (1.0 - GUESS) * slope * s * (1.0 - s)
        correct.append(p)
        wrong.append(1.0 - p)
        information.append(derivative * derivative / (p * (1.0 - p)))
    return Curve(tuple(correct), tuple(wrong), tuple(information))


@dataclass(frozen=True, slots=True)
class LevelTable:
    """P(level = L | θ) for each grid point, stored by level (`by_level[L][k]`), and E[pix | θ]."""

    by_level: tuple[tuple[float, ...], ...]
    pix: tuple[float, ...]


def level_table(
    tubes: Sequence[Sequence[tuple[float, float]]], max_level: int, pix_per_level: int = 8
) -> LevelTable:
    """Distribution of the level given θ, for a competence whose tubes list (threshold, pix) by threshold.

    Within a tube the mastered skills are those whose threshold is under θ + tube effect: the tube's pix
    takes a few values, one per number of mastered skills. The competence's pix is the sum over
    independent tubes, convolved exactly (its atoms sit right on level boundaries, where a normal
    approximation would lose half of them).
    """
    by_level: list[list[float]] = [[] for _ in range(max_level + 1)]
    expected_pix = []
    for theta in GRID:
        totals = {0.0: 1.0}
        for skills in tubes:
            outcomes = []
            cumulated = 0.0
            for index, (threshold, pix) in enumerate(skills):
                reached = normal_cdf((theta - threshold) / TUBE_SCATTER)
                beyond = normal_cdf((theta - skills[index + 1][0]) / TUBE_SCATTER) if index + 1 < len(skills) else 0.0
                cumulated += pix
                outcomes.append((cumulated, reached - beyond))  # mastered up to this skill, not the next
            outcomes.append((0.0, 1.0 - normal_cdf((theta - skills[0][0]) / TUBE_SCATTER)))
            convolved: dict[float, float] = {}
            for total, p in totals.items():
                for pix, q in outcomes:
                    if p * q > _NEGLIGIBLE:
                        key = round(total + pix, 6)
                        convolved[key] = convolved.get(key, 0.0) + p * q
            totals = convolved
        mass = sum(totals.values())
        levels = [0.0] * (max_level + 1)
        for total, p in totals.items():
            levels[min(max_level, int(math.floor(total + 1e-9)) // pix_per_level)] += p / mass
        for level, p in enumerate(levels):
            by_level[level].append(p)
        expected_pix.append(sum(math.floor(total + 1e-9) * p for total, p in totals.items()) / mass)
    return LevelTable(tuple(tuple(row) for row in by_level), tuple(expected_pix))


def times(weights: Sequence[float], curve: Sequence[float]) -> list[float]:
    return list(map(mul, weights, curve))


def normalised(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights]


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    return sum(map(mul, a, b))


def level_distribution(weights: Sequence[float], table: LevelTable) -> list[float]:
    """Unnormalised P(level) under grid weights: Σ_k w_k P(L | θ_k)."""
    return [dot(weights, row) for row in table.by_level]


def median_level(distribution: Sequence[float]) -> int:
    """The level that minimises the expected absolute error under `distribution` (unnormalised)."""
    half = sum(distribution) / 2.0
    running = 0.0
    for level, p in enumerate(distribution):
        running += p
        if running >= half:
            return level
    return len(distribution) - 1


def absolute_risk(distribution: Sequence[float]) -> float:
    """Expected absolute level error of the best guess, weighted by the distribution's mass."""
    guess = median_level(distribution)
    return sum(p * abs(level - guess) for level, p in enumerate(distribution) if p)
