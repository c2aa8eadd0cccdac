"""The measurement model: ability on a grid, tube effects, item curves, and how pix and levels follow.

A learner has an ability θ per competence, on the level scale (a skill of level L is mastered from a
threshold near L − 0.5), and in each tube an ability θ + u, the tube effect u ~ N(0, TUBE_SCATTER).
A challenge is answered by the tube ability (2PL with a small guessing floor); a skill is mastered when
the tube ability reaches its threshold; pix and the level follow from the mastered skills. So the level
is never read off θ: it comes from the pix each tube is expected to bring.

θ lives on GRID; the tube ability on EXTENDED, the same lattice widened by the tube-effect NODES, so
θ + u is a lattice point. Everything is plain lists of floats: the engine is pure Python, and
`math.sumprod(…)` keeps the inner products in C.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import add, mul, sub

GRID_MIN = -1.5
GRID_STEP = 0.25
GRID_SIZE = 45  # θ in -1.5 … 9.5
GRID: tuple[float, ...] = tuple(GRID_MIN + GRID_STEP * k for k in range(GRID_SIZE))
NODE_REACH = 4  # tube effects u = j × GRID_STEP for j in -4 … 4 (± 2.5 TUBE_SCATTER)
NODE_COUNT = 2 * NODE_REACH + 1
EXTENDED: tuple[float, ...] = tuple(GRID_MIN + GRID_STEP * (k - NODE_REACH) for k in range(GRID_SIZE + 2 * NODE_REACH))

# Model constants, not fitted to any learner: a broad prior over the 8 levels, the spread of a learner's
# ability across the tubes of a competence, the uncertainty of calibrated difficulties, a guessing floor.
PRIOR_MEAN = 3.5
PRIOR_SD = 2.5
TUBE_SCATTER = 0.4
CALIBRATION_ERROR = 0.25
GUESS = 0.05
PROBABILITY_FLOOR = 1e-9
_CELL_SD = GRID_STEP / math.sqrt(12.0)  # a lattice point stands for a cell of tube abilities
_NEGLIGIBLE = 1e-7  # pix sums less likely than this are dropped while convolving tubes
PIX_STEP = 0.25  # resolution of the expected-pix → level lookup
_PER_PIX = 1.0 / PIX_STEP


def _gaussian_weights(points: Sequence[float], mean: float, sd: float) -> tuple[float, ...]:
    weights = [math.exp(-0.5 * ((x - mean) / sd) ** 2) for x in points]
    total = sum(weights)
    return tuple(w / total for w in weights)


NODE_WEIGHTS = _gaussian_weights([GRID_STEP * j for j in range(-NODE_REACH, NODE_REACH + 1)], 0.0, TUBE_SCATTER)


def normal_cdf(x: float) -> float:
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def normal_prior(mean: float = PRIOR_MEAN, sd: float = PRIOR_SD) -> tuple[float, ...]:
    return _gaussian_weights(GRID, mean, sd)


PRIOR = normal_prior()


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def times(a: Sequence[float], b: Sequence[float]) -> list[float]:
    return list(map(mul, a, b))


def sums(a: Sequence[float], b: Sequence[float]) -> list[float]:
    return list(map(add, a, b))


def differences(a: Sequence[float], b: Sequence[float]) -> list[float]:
    return list(map(sub, a, b))


def normalised(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights]


def over_tube_effect(extended: Sequence[float]) -> list[float]:
    """Σ_j w_j f(θ + u_j) for every θ of GRID: integrates a function of the tube ability over the tube effect.

    Whole slices at a time, pairing the nodes ±j (their weights are equal), rather than one short inner
    product per grid point.
    """
    weight = NODE_WEIGHTS[NODE_REACH]
    total = [weight * x for x in extended[NODE_REACH : NODE_REACH + GRID_SIZE]]
    last = NODE_COUNT - 1
    for j in range(NODE_REACH):
        weight = NODE_WEIGHTS[j]
        below, above = extended[j : j + GRID_SIZE], extended[last - j : last - j + GRID_SIZE]
        total = [t + weight * (low + high) for t, low, high in zip(total, below, above, strict=True)]
    return total


@dataclass(frozen=True, slots=True)
class ItemModel:
    """One challenge (or one earlier skill result) in the model, per outcome (0: wrong, 1: correct).

    `tube[o]`: P(o | tube ability) on EXTENDED. `marginal[o]`: P(o | θ), the tube effect integrated out.
    `tube_pix[o]`: E[pix of its tube | θ, o], what this answer alone says of its tube.
    `information`: Fisher information of `marginal[1]` on GRID.
    """

    tube: tuple[tuple[float, ...], tuple[float, ...]]
    marginal: tuple[tuple[float, ...], tuple[float, ...]]
    tube_pix: tuple[tuple[float, ...], tuple[float, ...]]
    information: tuple[float, ...]


def item_model(discrimination: float, difficulty: float, pix_of_tube: Sequence[float]) -> ItemModel:
    """2PL with a guessing floor on the tube ability; the calibration error flattens the slope
    (a logistic averaged over a normal is close to a logistic of slope a / sqrt(1 + π a² s² / 8))."""
    slope = discrimination / math.sqrt(1.0 + math.pi * discrimination**2 * CALIBRATION_ERROR**2 / 8.0)
    correct = [
        min(
            1.0 - PROBABILITY_FLOOR, max(PROBABILITY_FLOOR, GUESS + (1.0 - GUESS) * _logistic(slope * (x - difficulty)))
        )
        for x in EXTENDED
    ]
    wrong = [1.0 - p for p in correct]
    marginal = (tuple(over_tube_effect(wrong)), tuple(over_tube_effect(correct)))
    wrong_pix, correct_pix = (
        tuple(n / m for n, m in zip(over_tube_effect(times(curve, pix_of_tube)), marginal[o], strict=True))
        for o, curve in enumerate((wrong, correct))
    )
    information = []
    for k, p in enumerate(marginal[1]):
        lower, upper = marginal[1][max(0, k - 1)], marginal[1][min(GRID_SIZE - 1, k + 1)]
        slope_here = (upper - lower) / (2.0 * GRID_STEP if 0 < k < GRID_SIZE - 1 else GRID_STEP)
        information.append(slope_here * slope_here / (p * (1.0 - p)))
    return ItemModel((tuple(wrong), tuple(correct)), marginal, (wrong_pix, correct_pix), tuple(information))


def tube_pix(skills: Sequence[tuple[float, float]]) -> tuple[float, ...]:
    """The pix a tube brings at each tube ability of EXTENDED; `skills` are (threshold, pix)."""
    return tuple(sum(pix * normal_cdf((x - threshold) / _CELL_SD) for threshold, pix in skills) for x in EXTENDED)


def mastery_curve(threshold: float) -> tuple[float, ...]:
    """P(the skill of this threshold is mastered | tube ability) on EXTENDED (a lattice point stands for a
    cell of tube abilities, as in `tube_pix`)."""
    return tuple(normal_cdf((x - threshold) / _CELL_SD) for x in EXTENDED)


@dataclass(frozen=True, slots=True)
class LevelTable:
    """How levels follow from θ in one competence, before any tube is observed.

    `by_theta[L][k]`: P(level L | θ_k). `pix[k]`: E[pix | θ_k]. `by_pix[L][i]`: P(level L | expected
    pix = i × PIX_STEP), the distribution of the level at the θ where the competence is expected to bring
    that many pix: an observed tube moves the expected pix, and the level distribution is read there.
    """

    by_theta: tuple[tuple[float, ...], ...]
    pix: tuple[float, ...]
    by_pix: tuple[tuple[float, ...], ...]

    def indexes(self, expected_pix: Sequence[float]) -> list[int]:
        """Where each expected pix is read in `by_pix` (an expected pix lies in 0 … the competence's pix)."""
        return [int(pix * _PER_PIX + 0.5) for pix in expected_pix]


def level_table(tubes: Sequence[Sequence[tuple[float, float]]], max_level: int, pix_per_level: int = 8) -> LevelTable:
    """The level table of a competence whose tubes list their skills as (threshold, pix), by threshold.

    Within a tube the mastered skills are those under θ + u, so the tube's pix takes one value per
    number of mastered skills; the competence's pix, a sum over independent tubes, is convolved exactly
    (its atoms sit right on level boundaries, where a normal approximation would lose half of them).
    """
    distributions = []
    expected = []
    for theta in GRID:
        totals = {0.0: 1.0}
        for skills in tubes:
            outcomes = [(0.0, 1.0 - normal_cdf((theta - skills[0][0]) / TUBE_SCATTER))]
            cumulated = 0.0
            for index, (threshold, pix) in enumerate(skills):
                reached = normal_cdf((theta - threshold) / TUBE_SCATTER)
                beyond = normal_cdf((theta - skills[index + 1][0]) / TUBE_SCATTER) if index + 1 < len(skills) else 0.0
                cumulated += pix
                outcomes.append((cumulated, reached - beyond))  # mastered up to this skill, not the next
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
            levels[min(max_level, math.floor(total + 1e-9) // pix_per_level)] += p / mass
        distributions.append(levels)
        expected.append(sum(total * p for total, p in totals.items()) / mass)
    most = sum(pix for skills in tubes for _, pix in skills)
    rows = [_interpolate(i * PIX_STEP, expected, distributions) for i in range(int(most / PIX_STEP) + 2)]
    return LevelTable(
        tuple(tuple(row[level] for row in distributions) for level in range(max_level + 1)),
        tuple(expected),
        tuple(tuple(row[level] for row in rows) for level in range(max_level + 1)),
    )


def _interpolate(target: float, expected: Sequence[float], distributions: Sequence[Sequence[float]]) -> list[float]:
    """The level distribution at the θ where the expected pix equals `target` (expected pix grows with θ)."""
    if target <= expected[0]:
        return list(distributions[0])
    for k in range(1, len(expected)):
        if expected[k] >= target:
            span = expected[k] - expected[k - 1]
            share = (target - expected[k - 1]) / span if span > 0 else 1.0
            return [(1 - share) * a + share * b for a, b in zip(distributions[k - 1], distributions[k], strict=True)]
    return list(distributions[-1])


_DISTANCES = tuple(tuple(float(abs(level - guess)) for level in range(16)) for guess in range(16))


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
    return math.sumprod(distribution, _DISTANCES[guess][: len(distribution)])
