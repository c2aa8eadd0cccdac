"""The whole framework in one test (certification-style): several competences, one budget of challenges.

A learner's competences are linked: each competence ability is their general level g plus a spread
(COMPETENCE_SPREAD). Answers in any competence inform g, and g informs the competences not yet asked,
so a budget of two challenges per competence still places every level. The next challenge comes from
the competence whose level is the most uncertain, chosen as in one-competence mode.
"""

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from . import irt
from .bank import Bank
from .knowledge import CompetenceKnowledge
from .selection import FRAMEWORK, Answer, Estimate, Rules, Seed, _Belief, _candidates, _choose_item, _estimate, _likelihood, _observations

COMPETENCE_SPREAD = 1.0  # sd of a competence around the general level; a population figure to fit on profiles
_GENERAL_STEP = 2  # the general level lives on every other point of the ability grid
_BAND = 3.5  # kernel cut-off, in spreads


@dataclass(frozen=True, slots=True)
class _Kernel:
    """N(θ; g, spread) between the general grid (rows) and the ability grid, kept to its band."""

    rows: tuple[tuple[int, tuple[float, ...]], ...]  # per g: first θ index, weights over θ (sum 1)
    columns: tuple[tuple[int, tuple[float, ...]], ...]  # per θ: first g index, the same weights by g


def _kernel(spread: float) -> _Kernel:
    general = irt.GRID[::_GENERAL_STEP]
    rows = []
    for g in general:
        band = [k for k, theta in enumerate(irt.GRID) if abs(theta - g) <= _BAND * spread]
        weights = [math.exp(-0.5 * ((irt.GRID[k] - g) / spread) ** 2) for k in band]
        total = sum(weights)
        rows.append((band[0], tuple(w / total for w in weights)))
    columns = []
    for k in range(irt.GRID_SIZE):
        touching = [(j, weights[k - start]) for j, (start, weights) in enumerate(rows) if start <= k < start + len(weights)]
        columns.append((touching[0][0], tuple(w for _, w in touching)))
    return _Kernel(tuple(rows), tuple(columns))


_KERNEL = _kernel(COMPETENCE_SPREAD)
_GENERAL_PRIOR = tuple(irt.normal_prior()[:: _GENERAL_STEP])


def _beliefs(
    bank: Bank,
    competences: Sequence[str],
    answers: Sequence[Answer],
    prior: Mapping[str, CompetenceKnowledge],
) -> dict[str, _Belief]:
    """Each competence's posterior, given every answer of the test through the general level."""
    likelihoods: dict[str, list[float]] = {}
    for competence in competences:
        curves = _observations(bank, competence, answers, prior.get(competence))
        if curves:
            likelihoods[competence] = _likelihood(curves)
    marginals = {
        competence: [irt.dot(weights, likelihood[start : start + len(weights)]) for start, weights in _KERNEL.rows]
        for competence, likelihood in likelihoods.items()
    }
    general = list(_GENERAL_PRIOR)
    for marginal in marginals.values():
        general = irt.times(general, marginal)
        top = max(general)
        general = [w / top for w in general]

    def spread_back(general_weights: Sequence[float]) -> list[float]:
        return [irt.dot(weights, general_weights[start : start + len(weights)]) for start, weights in _KERNEL.columns]

    unasked = irt.normalised(spread_back(general))
    beliefs = {}
    for competence in competences:
        if competence not in likelihoods:
            beliefs[competence] = _Belief(unasked)
            continue
        # the competence's own answers count once: take them out of g before spreading g back
        others = [w / m for w, m in zip(general, marginals[competence])]
        beliefs[competence] = _Belief(irt.normalised(irt.times(spread_back(others), likelihoods[competence])))
    return beliefs


def next_challenge(
    bank: Bank,
    answers: Sequence[Answer],
    prior: Mapping[str, CompetenceKnowledge] | None = None,
    seed: Seed = 0,
    rules: Rules = FRAMEWORK,
    competences: Sequence[str] | None = None,
) -> str | None:
    """The next challenge of a whole-framework test, or None when it is over."""
    if len(answers) >= rules.max_length:
        return None
    competences = tuple(competences or bank.competences)
    prior = prior or {}
    beliefs = _beliefs(bank, competences, answers, prior)
    risks = {}
    confident = True
    for competence, belief in beliefs.items():
        levels = belief.levels(bank, competence)
        risks[competence] = irt.absolute_risk(levels)
        confident = confident and max(levels) >= rules.confidence
    if len(answers) >= rules.min_length and confident:
        return None
    rng = random.Random(seed)
    open_competences = {c: items for c in competences if (items := _candidates(bank, c, answers, prior.get(c)))}
    if not open_competences:
        return None
    highest = max(risks[c] for c in open_competences)
    # near-ties are frequent (unasked competences share one belief): draw among them
    uncertain = [c for c in open_competences if risks[c] >= highest * (1.0 - rules.tolerance / 5.0)]
    competence = rng.choice(uncertain)
    return _choose_item(bank, competence, beliefs[competence], open_competences[competence], rules, rng).challenge_id


def estimate(
    bank: Bank,
    answers: Sequence[Answer],
    prior: Mapping[str, CompetenceKnowledge] | None = None,
    competences: Sequence[str] | None = None,
) -> dict[str, Estimate]:
    """Level and pix of every competence after a whole-framework test."""
    competences = tuple(competences or bank.competences)
    beliefs = _beliefs(bank, competences, answers, prior or {})
    return {competence: _estimate(bank, competence, belief) for competence, belief in beliefs.items()}
