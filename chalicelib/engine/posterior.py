"""What the answers say about a learner in one competence: ability on the grid, and the pix of each tube.

The answers of one tube share its tube effect, so they are combined on the tube ability first; each
observed tube then gives a likelihood for θ and its own expected pix given θ. The level distribution
reads the competence's level table at the expected pix moved by what the observed tubes showed.
"""

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from . import irt
from .bank import Bank, Item
from .knowledge import DIRECT, SUCCESS, CompetenceKnowledge
from .memo import BankMemo

SUPPORT_FLOOR = 1e-4  # grid points with less posterior weight are left out of the level computations


class Answer(NamedTuple):
    """One answered challenge; serialises to JSON as [challenge_id, result]."""

    challenge_id: str
    result: str


class Observation(NamedTuple):
    key: str  # the challenge, or the skill for an earlier test's element
    tube: str
    model: irt.ItemModel
    outcome: int  # 1: correct, 0: wrong


def observations(
    bank: Bank, competence: str, answers: Sequence[Sequence[str]], prior: CompetenceKnowledge | None
) -> list[Observation]:
    """The competence's observations: the learner's earlier direct knowledge, then this test's answers."""
    found = []
    if prior is not None:
        for tube, level, element in prior.elements():
            skill = bank.skill_at(tube, level)
            if element.source == DIRECT and skill is not None:
                found.append(Observation(skill.name, tube, bank.skill_model(skill.name), int(element.validated)))
    for challenge_id, result in answers:
        item = bank.items.get(challenge_id)
        if item is not None and item.competence == competence:
            found.append(Observation(challenge_id, item.tube, bank.model(challenge_id), int(result == SUCCESS)))
    return found


# What identifies a list of observations: (id of the model, outcome) per observation.
ObservedKey = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class TubeEvidence:
    key: ObservedKey  # the tube's observations (`observed_key`)
    extended: Sequence[float]  # Π P(outcome | tube ability), on irt.EXTENDED, scaled
    likelihood: Sequence[float]  # the same with the tube effect integrated out, on irt.GRID
    pix: Sequence[float]  # E[tube pix | θ, the tube's answers]


@dataclass(frozen=True, slots=True)
class AnswerEffect:
    """What one more answer in a tube does, on irt.GRID: P(its outcome | θ, the tube's earlier answers), and
    how E[tube pix | θ] moves."""

    likelihood_ratio: Sequence[float]
    pix_shift: Sequence[float]


@dataclass(frozen=True, slots=True)
class Evidence:
    likelihood: list[float]  # Π over tubes, on irt.GRID, scaled
    shift: list[float]  # Σ over observed tubes of E[tube pix | θ, answers] − E[tube pix | θ]
    tubes: dict[str, TubeEvidence]


def _scaled(values: list[float]) -> list[float]:
    top = max(values)
    return [v / top for v in values]


def _tube_evidence(bank: Bank, tube: str, found: Sequence[Observation]) -> TubeEvidence:
    key = observed_key(found)
    if len(found) == 1:  # the common case: everything was precomputed with the item's model
        only = found[0]
        return TubeEvidence(
            key, only.model.tube[only.outcome], only.model.marginal[only.outcome], only.model.tube_pix[only.outcome]
        )
    # between two requests of a test only the tube just answered changes
    return _TUBES.get(bank, key, lambda: _combined_tube_evidence(bank, tube, found, key))


def _combined_tube_evidence(bank: Bank, tube: str, found: Sequence[Observation], key: ObservedKey) -> TubeEvidence:
    extended: Sequence[float] = found[0].model.tube[found[0].outcome]
    for observation in found[1:]:
        extended = _scaled(irt.times(extended, observation.model.tube[observation.outcome]))
    return TubeEvidence(key, extended, *_integrated(bank, tube, extended))


def _integrated(bank: Bank, tube: str, extended: Sequence[float]) -> tuple[list[float], list[float]]:
    """A tube's answers (their product on irt.EXTENDED) with the tube effect integrated out: their likelihood
    on irt.GRID, and E[tube pix | θ, the answers] (0 where the answers are impossible)."""
    likelihood = irt.over_tube_effect(extended)
    weighted = irt.over_tube_effect(irt.times(extended, bank.tube_pix(tube)))
    return likelihood, [w / total if total > 0.0 else 0.0 for w, total in zip(weighted, likelihood, strict=True)]


def observed_key(found: Sequence[Observation]) -> ObservedKey:
    """What identifies a list of observations (its models are the bank's own objects, one per challenge or skill)."""
    return tuple((id(observation.model), observation.outcome) for observation in found)


# Evidence per bank and observation list, of a competence and of one of its tubes: each request
# recomputes the posterior from the answers, but only the competence and the tube just answered have changed.
_EVIDENCE: BankMemo[Evidence] = BankMemo()
_TUBES: BankMemo[TubeEvidence] = BankMemo()
# Per bank, tube observations, challenge and outcome: what that answer would do (selection asks it of
# every candidate at every request, and it changes only when its tube is answered).
_EFFECTS: BankMemo[AnswerEffect] = BankMemo(8192)


def remembered_evidence(bank: Bank, found: Sequence[Observation], key: ObservedKey | None = None) -> Evidence:
    """`evidence(bank, found)`, memoised with the bank (the result is read-only); `key`: `observed_key(found)`,
    when the caller has it."""
    return _EVIDENCE.get(bank, observed_key(found) if key is None else key, lambda: evidence(bank, found))


def evidence(bank: Bank, found: Sequence[Observation]) -> Evidence:
    by_tube: dict[str, list[Observation]] = {}
    for observation in found:
        by_tube.setdefault(observation.tube, []).append(observation)
    likelihood = [1.0] * irt.GRID_SIZE
    shift = [0.0] * irt.GRID_SIZE
    tubes = {}
    for tube, observed in by_tube.items():
        tubes[tube] = found_tube = _tube_evidence(bank, tube, observed)
        likelihood = _scaled(irt.times(likelihood, found_tube.likelihood))
        prior_pix = bank.prior_tube_pix(tube)
        shift = [s + p - q for s, p, q in zip(shift, found_tube.pix, prior_pix, strict=True)]
    return Evidence(likelihood, shift, tubes)


@dataclass(frozen=True, slots=True)
class Belief:
    """The posterior of one competence: normalised grid weights, with the evidence behind them."""

    competence: str
    weights: list[float]
    evidence: Evidence
    support: slice  # the grid points with a weight worth computing with: first to last over SUPPORT_FLOOR


def belief(competence: str, found: Evidence, prior_weights: Sequence[float]) -> Belief:
    weights = irt.normalised(irt.times(prior_weights, found.likelihood))
    kept = [k for k, w in enumerate(weights) if w >= SUPPORT_FLOOR]
    return Belief(competence, weights, found, slice(kept[0], kept[-1] + 1))


def level_distribution(
    table: irt.LevelTable,
    weights: Sequence[float],
    expected_pix: Sequence[float],
    active: Sequence[int] | None = None,
) -> list[float]:
    """Σ_k weights_k P(level | expected_pix_k), unnormalised; the two sequences run over the same points.

    Only the `active` levels are computed (default: all); the others are left at 0.
    """
    found = [0.0] * len(table.by_pix)
    indexes = table.indexes(expected_pix)
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda column: (column[indexes[0]],)
    for level in range(len(found)) if active is None else active:
        found[level] = math.sumprod(weights, pick(table.by_pix[level]))
    return found


def levels(bank: Bank, found: Belief) -> list[float]:
    """P(level) in the competence."""
    table = bank.level_table(found.competence)
    if not found.evidence.tubes:
        return [math.sumprod(found.weights, column) for column in table.by_theta]
    return level_distribution(table, found.weights[found.support], _expected_pix_on_support(table, found))


def _expected_pix_on_support(table: irt.LevelTable, found: Belief) -> list[float]:
    """E[the competence's pix | θ, the answers] at each grid point of the support."""
    return irt.sums(table.pix[found.support], found.evidence.shift[found.support])


def expected_pix(bank: Bank, found: Belief) -> float:
    table = bank.level_table(found.competence)
    return sum(w * (p + s) for w, p, s in zip(found.weights, table.pix, found.evidence.shift, strict=True))


def _answer_effect(bank: Bank, observed: TubeEvidence | None, item: Item, outcome: int) -> AnswerEffect:
    model = bank.model(item.challenge_id)
    if observed is None:  # the first answer of its tube: precomputed with the bank
        prior_pix = bank.prior_tube_pix(item.tube)
        return AnswerEffect(model.marginal[outcome], irt.differences(model.tube_pix[outcome], prior_pix))
    likelihood, pix = _integrated(bank, item.tube, irt.times(observed.extended, model.tube[outcome]))
    return AnswerEffect(
        [new / old if old > 0.0 else 0.0 for new, old in zip(likelihood, observed.likelihood, strict=True)],
        [p - old if new > 0.0 else 0.0 for p, new, old in zip(pix, likelihood, observed.pix, strict=True)],
    )


def answer_effect(bank: Bank, observed: TubeEvidence | None, item: Item, outcome: int) -> AnswerEffect:
    """What one more answer to `item` would do, memoised: it stays the same as long as its tube's answers do."""
    key = (observed.key if observed is not None else (), item.challenge_id, outcome)
    return _EFFECTS.get(bank, key, lambda: _answer_effect(bank, observed, item, outcome))


def after_answers(
    bank: Bank, found: Belief, items: Sequence[Item], active: Sequence[int]
) -> Iterator[tuple[list[float], list[float]]]:
    """For each item, the level distribution (unnormalised, mass = probability of the outcome) after a wrong
    and a right answer, on the `active` levels (those the answer can still move)."""
    table = bank.level_table(found.competence)
    support = found.support
    weights = found.weights[support]
    base = _expected_pix_on_support(table, found)
    for item in items:
        observed = found.evidence.tubes.get(item.tube)
        wrong, correct = (
            level_distribution(
                table,
                irt.times(weights, effect.likelihood_ratio[support]),
                irt.sums(base, effect.pix_shift[support]),
                active,
            )
            for effect in (answer_effect(bank, observed, item, outcome) for outcome in (0, 1))
        )
        yield wrong, correct
