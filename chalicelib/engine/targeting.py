"""Testing a target profile: which of its skills a learner masters, all competences mixed (a campaign).

The test asks about the profile's skills only, starting from what the learner already knows, and ends
when every skill of the profile is known (validated or not, directly or by inference inside its tube)
or none is left to ask, or at the rules' maximum length. Each competence's posterior is the positioning
test's (`selection.single_belief`, from the learner's earlier direct knowledge and this test's answers).
An answer settles skills by inference inside its tube (a right answer validates the open skills at or
below the challenge, a wrong one invalidates those at or above it), rightly or not: a challenge is worth
the open skills of the profile its answer is expected to settle rightly, less those it is expected to
settle wrongly, under the engine's model (the tube's earlier answers included). Counting only the skills
settled would favour challenges at the learner's boundary, whose answers settle several skills on a coin
toss; on the benchmark (`python -m bench.campaigns`, 200 learners) the net count ends with 13 % fewer skills
settled wrongly (614 against 706) for about one more answer. Same inputs and seed, same challenge.
"""

import functools
import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from . import irt
from .bank import Bank, Item
from .knowledge import CompetenceKnowledge
from .memo import BankMemo
from .posterior import Answer, Belief, TubeEvidence
from .selection import Rules, Seed, candidates, decision_rng, draw, eligible_in, single_belief

# No early stop (a skill left open would count as not validated for the learner): the test runs until
# the profile is settled. The maximum only guards against a huge profile; a 30-skill profile over 5
# competences settles in 15.5 answers on average on the benchmark, 90 % within 19 (`python -m bench.campaigns`);
# the release's 110 skills of levels 1–2 take about 75.
CAMPAIGN = Rules(min_length=0, max_length=120, settled=1.0, pool=2, tolerance=0.05, eligible=1.0, narrowing=20)

Knowledge = Mapping[str, CompetenceKnowledge]  # competence → what the learner knows of it


def open_skills(bank: Bank, skills: Collection[str], known: Knowledge) -> list[str]:
    """The profile's skills the learner has no knowledge element on yet (skills unknown to the bank aside)."""
    found = []
    for name in sorted(skills):
        skill = bank.skills.get(name)
        if skill is None:
            continue
        knowledge = known.get(skill.competence)
        if knowledge is None or knowledge.element(skill.tube, skill.level) is None:
            found.append(name)
    return found


def open_items(bank: Bank, skills: Collection[str], answers: Sequence[Answer], known: Knowledge) -> list[Item]:
    """The challenges still worth asking: unseen, of an open skill of the profile (the positioning test's
    `candidates`, so a timed challenge is never the first)."""
    wanted = set(open_skills(bank, skills, known))
    competences = sorted({bank.skills[name].competence for name in wanted})
    return [
        item
        for competence in competences
        for item in candidates(bank, competence, answers, known.get(competence))
        if item.skill in wanted
    ]


# Per bank, tube observations, challenge and skill level of its tube: on irt.GRID, P(the answer settles the
# skill rightly | θ) − P(it settles it wrongly | θ). It changes only when its tube is answered.
_SETTLING: BankMemo[list[float]] = BankMemo(8192)
# Per bank and skill: P(mastered | tube ability) on irt.EXTENDED, and the same with the tube effect out.
_CURVES: BankMemo[tuple[tuple[float, ...], list[float]]] = BankMemo()


def _mastery_curves(bank: Bank, skill_name: str) -> tuple[tuple[float, ...], list[float]]:
    def curves() -> tuple[tuple[float, ...], list[float]]:
        curve = irt.mastery_curve(bank.skills[skill_name].mastery_threshold)
        return curve, irt.over_tube_effect(curve)

    return _CURVES.get(bank, skill_name, curves)


def _settling_curve(bank: Bank, observed: TubeEvidence | None, item: Item, level: int) -> list[float]:
    skill = bank.skill_at(item.tube, level)
    assert skill is not None
    mastered, _ = _mastery_curves(bank, skill.name)
    model = bank.model(item.challenge_id)
    net = [0.0] * len(mastered)
    if level <= item.level:  # a right answer validates it: rightly when mastered
        net = [n + r * (2.0 * m - 1.0) for n, r, m in zip(net, model.tube[1], mastered, strict=True)]
    if level >= item.level:  # a wrong answer invalidates it: rightly when not mastered
        net = [n + r * (1.0 - 2.0 * m) for n, r, m in zip(net, model.tube[0], mastered, strict=True)]
    if observed is None:
        return irt.over_tube_effect(net)
    found = irt.over_tube_effect(irt.times(net, observed.extended))
    return [f / total if total > 0.0 else 0.0 for f, total in zip(found, observed.likelihood, strict=True)]


def net_settled(bank: Bank, found: Belief, item: Item, open_levels: Sequence[int]) -> float:
    """The open skills of the item's tube (their levels) its answer is expected to settle rightly, less
    those it is expected to settle wrongly, given the competence's posterior and the tube's answers."""
    observed = found.evidence.tubes.get(item.tube)
    total = 0.0
    for level in open_levels:
        key = (observed.key if observed is not None else (), item.challenge_id, level)
        curve = _SETTLING.get(bank, key, functools.partial(_settling_curve, bank, observed, item, level))
        total += math.sumprod(found.weights, curve)
    return total


def _open_by_tube(bank: Bank, skills: Collection[str], known: Knowledge) -> dict[str, list[int]]:
    tubes: dict[str, list[int]] = defaultdict(list)
    for name in open_skills(bank, skills, known):
        skill = bank.skills[name]
        tubes[skill.tube].append(skill.level)
    return tubes


def next_challenge(
    bank: Bank,
    skills: Collection[str],
    answers: Sequence[Answer],
    known: Knowledge,
    prior: Knowledge | None = None,
    seed: Seed = 0,
    rules: Rules = CAMPAIGN,
) -> str | None:
    """The next challenge of a target-profile test, or None when it is over.

    `known`: the learner's knowledge now (this test's answers included), which says which skills are
    still open; `prior`: what they knew when the test began, which with `answers` makes the posterior
    (each answer counted once).
    """
    if len(answers) >= rules.max_length:
        return None
    items = open_items(bank, skills, answers, known)
    if not items:
        return None
    prior = prior or {}
    tubes = _open_by_tube(bank, skills, known)
    scored = []
    by_competence: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_competence[item.competence].append(item)
    for competence, offered in sorted(by_competence.items()):
        found = single_belief(bank, competence, answers, prior.get(competence))
        for item in eligible_in(bank, competence, offered, seed, rules.eligible):
            scored.append((net_settled(bank, found, item, tubes[item.tube]), item))
    scored.sort(key=lambda pair: pair[1].challenge_id)  # a stable order before the draw, whatever the dicts
    return draw(scored, rules, len(answers) / rules.narrowing, decision_rng(seed, len(answers))).challenge_id


def remaining(
    bank: Bank, skills: Collection[str], answers: Sequence[Answer], known: Knowledge, rules: Rules = CAMPAIGN
) -> int:
    """How many challenges are still to come, the next one included (0: the test is over): per tube with
    open skills, 1 + log2(open skills) / 2 answers (an answer often settles several skills of its tube),
    within the maximum and the challenges left. Fitted on the benchmark (`python -m bench.campaigns`, 150
    learners): off by 0.8 answers on average, bias +0.2; a halving search's ⌈log2(n + 1)⌉ overstated by 1.9.
    """
    if len(answers) >= rules.max_length:
        return 0
    items = open_items(bank, skills, answers, known)
    if not items:
        return 0
    askable = {item.tube for item in items}
    tubes = _open_by_tube(bank, skills, known)
    expected = round(sum(1.0 + math.log2(len(levels)) / 2.0 for tube, levels in tubes.items() if tube in askable))
    return max(1, min(expected, len(items), rules.max_length - len(answers)))


def mastery(bank: Bank, found: Belief, skill_name: str) -> float:
    """The engine's probability that the learner masters a skill of the competence of `found`: its tube
    ability at or above the skill's threshold, given the competence's posterior and the tube's answers."""
    skill = bank.skills[skill_name]
    curve, marginal = _mastery_curves(bank, skill_name)
    observed = found.evidence.tubes.get(skill.tube)
    if observed is not None:
        weighted = irt.over_tube_effect(irt.times(observed.extended, curve))
        marginal = [w / total if total > 0.0 else 0.0 for w, total in zip(weighted, observed.likelihood, strict=True)]
    return min(1.0, max(0.0, math.sumprod(found.weights, marginal)))


def expected_mastery(
    bank: Bank, skills: Collection[str], answers: Sequence[Answer], known: Knowledge, prior: Knowledge | None = None
) -> float:
    """The expected share of the profile's skills the learner masters: 1 or 0 for the skills already known
    (validated or not), the engine's probability for the open ones."""
    names = [name for name in skills if name in bank.skills]
    if not names:
        return 0.0
    prior = prior or {}
    beliefs: dict[str, Belief] = {}
    total = 0.0
    for name in names:
        skill = bank.skills[name]
        knowledge = known.get(skill.competence)
        element = knowledge.element(skill.tube, skill.level) if knowledge else None
        if element is not None:
            total += element.validated
            continue
        competence = skill.competence
        if competence not in beliefs:
            beliefs[competence] = single_belief(bank, competence, answers, prior.get(competence))
        total += mastery(bank, beliefs[competence], name)
    return total / len(names)
