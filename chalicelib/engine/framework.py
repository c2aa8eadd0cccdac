"""The whole framework in one test (certification-style): several competences, one budget of challenges.

A learner's competences are linked: each competence ability is their general level g plus a spread
(COMPETENCE_SPREAD). Answers in any competence inform g, and g informs the competences not yet asked,
so a budget of two challenges per competence still places every level. The next challenge comes from
the competence whose level is the most uncertain, chosen as in one-competence mode.
"""

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from . import irt, posterior
from .bank import Bank
from .knowledge import CompetenceKnowledge
from .memo import BankMemo
from .posterior import Answer, Belief
from .selection import (
    Estimate,
    Rules,
    Seed,
    at_mean,
    by_risk,
    candidates,
    decision_rng,
    draw,
    eligible_in,
    estimate_of,
    within_one,
)

COMPETENCE_SPREAD = 0.8  # sd of a competence around the general level: a population figure, fit on profiles
_GENERAL_STEP = 2  # the general level lives on every other point of the ability grid
_BAND = 3.5  # kernel cut-off, in spreads


@dataclass(frozen=True, slots=True)
class _Kernel:
    """N(θ; g, spread) between the general grid (rows) and the ability grid, kept to its band."""

    rows: tuple[tuple[int, int, tuple[float, ...]], ...]  # per g: θ range (every other θ), weights (sum 1)
    columns: tuple[tuple[int, tuple[float, ...]], ...]  # per θ: first g index, weights by g


def _kernel(spread: float) -> _Kernel:
    general = irt.GRID[::_GENERAL_STEP]

    def density(theta: float, g: float) -> float:
        return math.exp(-0.5 * ((theta - g) / spread) ** 2)

    rows = []
    for g in general:
        # a smooth likelihood integrates well on every other θ: half the cost of P(answers | g)
        band = [k for k in range(0, irt.GRID_SIZE, _GENERAL_STEP) if abs(irt.GRID[k] - g) <= _BAND * spread]
        weights = [density(irt.GRID[k], g) for k in band]
        rows.append((band[0], band[-1] + 1, tuple(w / sum(weights) for w in weights)))
    columns = []
    for theta in irt.GRID:
        touching = [j for j, g in enumerate(general) if abs(theta - g) <= _BAND * spread]
        norms = [sum(density(t, general[j]) for t in irt.GRID) for j in touching]
        columns.append(
            (touching[0], tuple(density(theta, general[j]) / n for j, n in zip(touching, norms, strict=True)))
        )
    return _Kernel(tuple(rows), tuple(columns))


FRAMEWORK = Rules(min_length=32, max_length=32, pool=8, tolerance=0.6, eligible=0.4, narrowing=32)
CONSIDERED = 4  # competences, the most uncertain, whose best items compete for the next question
SCREENED = 2  # items per competence kept by information before the exact risk computation
_KERNEL = _kernel(COMPETENCE_SPREAD)
_GENERAL_PRIOR = tuple(irt.normal_prior()[::_GENERAL_STEP])


def _spread_back(general: Sequence[float]) -> list[float]:
    """Σ_g N(θ; g, spread) × general(g), for every θ of the grid."""
    return [math.sumprod(weights, general[start : start + len(weights)]) for start, weights in _KERNEL.columns]


def _marginal(likelihood: Sequence[float]) -> list[float]:
    """P(a competence's answers | g) for every g, from their likelihood over θ."""
    return [math.sumprod(weights, likelihood[start:stop:_GENERAL_STEP]) for start, stop, weights in _KERNEL.rows]


# P(a competence's answers | g) per bank and observation list: one answer's is the same for every learner,
# and between two requests of a test only the competence just answered changes.
_MARGINALS: BankMemo[list[float]] = BankMemo()


class _Test:
    """The answers of a whole-framework test, read through the general level."""

    def __init__(
        self,
        bank: Bank,
        competences: Sequence[str],
        answers: Sequence[Answer],
        prior: Mapping[str, CompetenceKnowledge],
    ) -> None:
        self.bank = bank
        by_competence: dict[str, list[Answer]] = {competence: [] for competence in competences}
        for answer in answers:
            item = bank.items.get(answer[0])
            if item is not None and item.competence in by_competence:
                by_competence[item.competence].append(answer)
        observed = {
            competence: found
            for competence, answered in by_competence.items()
            if (found := posterior.observations(bank, competence, answered, prior.get(competence)))
        }
        self.evidence = {}
        self.marginals = {}
        general = list(_GENERAL_PRIOR)
        for competence, found in observed.items():
            key = posterior.observed_key(found)
            self.evidence[competence] = evidence = posterior.remembered_evidence(bank, found, key)
            marginal = _MARGINALS.get(bank, key, functools.partial(_marginal, evidence.likelihood))
            self.marginals[competence] = marginal
            general = irt.times(general, marginal)
            top = max(general)
            general = [w / top for w in general]
        self.general = general
        self.spread = _spread_back(general)
        self.nothing = posterior.remembered_evidence(bank, [])
        self.unasked: Belief | None = None

    def belief(self, competence: str, exact: bool = True) -> Belief:
        """The competence's posterior. Exact: its own answers count once, taken out of g before g is
        spread back; else they count a second time through g (a slight overconfidence, 16 times cheaper)."""
        found = self.evidence.get(competence)
        if found is None:  # the competences not asked yet share one belief: g spread back
            if self.unasked is None:
                self.unasked = posterior.belief(competence, self.nothing, self.spread)
            return replace(self.unasked, competence=competence)
        if not exact:
            return posterior.belief(competence, found, self.spread)
        others = [w / m if w else 0.0 for w, m in zip(self.general, self.marginals[competence], strict=True)]
        return posterior.belief(competence, found, _spread_back(others))


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
    test = _Test(bank, competences, answers, prior)
    beliefs = {competence: test.belief(competence, exact=False) for competence in competences}
    levels = {competence: posterior.levels(bank, found) for competence, found in beliefs.items()}
    risks = {competence: irt.absolute_risk(found) for competence, found in levels.items()}
    if len(answers) >= rules.min_length and all(within_one(found) >= rules.settled for found in levels.values()):
        return None
    rng = decision_rng(seed, len(answers))
    # the most uncertain competences, near-ties in random order (unasked ones share a belief)
    order = sorted(competences, key=lambda c: (-round(risks[c], 1), rng.random()))
    scored = []
    considered = 0
    for competence in order:
        items = eligible_in(
            bank, competence, candidates(bank, competence, answers, prior.get(competence)), seed, rules.eligible
        )
        if not items:
            continue
        found = beliefs[competence]
        scored.extend(by_risk(bank, found, at_mean(bank, found, items, SCREENED), levels[competence]))
        considered += 1
        if considered == CONSIDERED:
            break
    if not scored:
        return None
    return draw(scored, rules, len(answers) / rules.narrowing, rng).challenge_id


def estimate(
    bank: Bank,
    answers: Sequence[Answer],
    prior: Mapping[str, CompetenceKnowledge] | None = None,
    competences: Sequence[str] | None = None,
) -> dict[str, Estimate]:
    """Level and pix of every competence after a whole-framework test."""
    competences = tuple(competences or bank.competences)
    test = _Test(bank, competences, answers, prior or {})
    return {competence: estimate_of(bank, test.belief(competence)) for competence in competences}
