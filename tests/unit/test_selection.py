"""Choosing challenges and estimating levels: one competence (positioning) and the whole framework."""

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.engine import framework, knowledge, posterior, selection
from chalicelib.engine.bank import Bank, Item, Skill
from chalicelib.engine.selection import Answer

TUBES = {  # competence → tube → levels
    "1.1": {"motCle": range(1, 6), "source": range(2, 7), "veille": range(1, 4)},
    "1.2": {"fichier": range(1, 5), "format": range(3, 8)},
    "1.3": {"tableur": range(1, 8)},
}
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def small_bank() -> Bank:
    skills, items = [], []
    for competence, tubes in TUBES.items():
        for tube, levels in tubes.items():
            for level in levels:
                skills.append(Skill(tube, competence, level))
                for letter, shift in (("a", -0.1), ("b", 0.15)):
                    items.append(
                        Item(
                            f"{tube}{level}{letter}",
                            f"@{tube}{level}",
                            tube,
                            competence,
                            level,
                            difficulty=level - 0.5 + shift,
                            discrimination=1.2 + 0.1 * level,
                            timed=(tube == "motCle" and letter == "a"),
                        )
                    )
    return Bank(skills, items)


BANK = small_bank()


def learner(ability: float | dict[str, float]):
    """A learner who succeeds exactly on the challenges easier than their ability (per tube, if a dict)."""

    def respond(challenge_id: str) -> str:
        item = BANK.items[challenge_id]
        level = ability if isinstance(ability, float) else ability[item.tube]
        return "ok" if item.difficulty < level else "ko"

    return respond


def positioning(respond, competence: str = "1.1", seed: int | str = 7, prior=None) -> list[Answer]:
    answers: list[Answer] = []
    while (challenge := selection.next_challenge(BANK, competence, answers, prior, seed=seed)) is not None:
        answers.append(Answer(challenge, respond(challenge)))
    return answers


@pytest.mark.parametrize(
    ("ability", "expected"),
    [
        (-1.0, 0),
        ({"motCle": 2.0, "source": 1.0, "veille": 1.0}, 1),  # 8 + 8/3 pix
        ({"motCle": 4.0, "source": 3.0, "veille": 3.0}, 3),  # 24 + 4 pix
        (9.0, 5),
    ],
)
def test_a_consistent_learner_is_placed_at_their_level(ability, expected):
    # 1.1 holds 44 pix: 8 per level up to level 5, then one level-6 skill
    answers = positioning(learner(ability))
    assert selection.estimate(BANK, "1.1", answers).level == expected


def test_a_competence_of_one_tube_tops_at_28_pix():
    answers = positioning(learner(9.0), competence="1.3")
    assert selection.estimate(BANK, "1.3", answers).level == 3


def test_the_estimate_gives_pix_that_match_its_level():
    found = selection.estimate(BANK, "1.1", positioning(learner(3.5)))
    assert found.pix // 8 == found.level
    assert 0.0 < found.confidence <= 1.0


def test_the_first_challenge_has_no_timer():
    first = selection.next_challenge(BANK, "1.1", [], seed=1)
    assert not BANK.items[first].timed


def test_the_test_stops_at_its_maximum_length():
    rules = selection.Rules(min_length=3, max_length=5, settled=1.1)
    answers: list[Answer] = []
    while (challenge := selection.next_challenge(BANK, "1.1", answers, seed=3, rules=rules)) is not None:
        answers.append(Answer(challenge, "ok"))
    assert len(answers) == 5


def test_skills_known_from_an_earlier_test_are_not_asked_again():
    prior = knowledge.empty("1.1")
    for level in range(1, 6):
        prior = knowledge.apply_answer(prior, "motCle", level, BANK.tube_levels("motCle"), "ok", T0)
    answers = positioning(learner(3.0), prior=prior)
    assert answers
    assert all(BANK.items[c].tube != "motCle" for c, _ in answers)


def test_earlier_knowledge_counts_in_the_estimate():
    prior = knowledge.empty("1.1")
    for tube, level in (("motCle", 4), ("motCle", 5), ("source", 4), ("source", 5), ("veille", 3)):
        prior = knowledge.apply_answer(prior, tube, level, BANK.tube_levels(tube), "ok", T0)
    assert selection.estimate(BANK, "1.1", [], prior).level >= 4


def test_the_answers_are_a_small_json_state():
    answers = positioning(learner(2.0))
    restored = [Answer(*pair) for pair in json.loads(json.dumps(answers))]
    assert selection.next_challenge(BANK, "1.1", restored[:3], seed=5) == selection.next_challenge(
        BANK, "1.1", answers[:3], seed=5
    )


answer_results = st.lists(st.sampled_from(["ok", "ko", "aband", "timedout"]), max_size=14)


@settings(max_examples=40, deadline=None)
@given(answer_results, st.sampled_from(sorted(TUBES)), st.integers(0, 10**6))
def test_selection_never_repeats_and_stays_in_the_competence(results, competence, seed):
    answers: list[Answer] = []
    for result in results:
        challenge = selection.next_challenge(BANK, competence, answers, seed=seed)
        if challenge is None:
            break
        assert BANK.items[challenge].competence == competence
        assert challenge not in {c for c, _ in answers}
        answers.append(Answer(challenge, result))


@settings(max_examples=25, deadline=None)
@given(answer_results, st.integers(0, 10**6))
def test_selection_is_deterministic_given_a_seed(results, seed):
    answers = []
    for result in results:
        first = selection.next_challenge(BANK, "1.2", answers, seed=seed)
        assert first == selection.next_challenge(BANK, "1.2", list(answers), seed=seed)
        if first is None:
            break
        answers.append(Answer(first, result))


def test_different_seeds_spread_the_first_challenges():
    rules = selection.Rules(pool=4, tolerance=1.0)
    firsts = {selection.next_challenge(BANK, "1.1", [], seed=seed, rules=rules) for seed in range(30)}
    assert len(firsts) > 1


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), max_size=10), st.integers(0, 10**6))
def test_the_framework_test_never_repeats_and_spends_its_budget(outcomes, seed):
    rules = selection.Rules(min_length=6, max_length=6, pool=4, tolerance=0.5, eligible=0.5)
    answers: list[Answer] = []
    while (challenge := framework.next_challenge(BANK, answers, seed=seed, rules=rules)) is not None:
        assert challenge not in {c for c, _ in answers}
        answers.append(Answer(challenge, "ok" if outcomes and outcomes[len(answers) % len(outcomes)] else "ko"))
    assert len(answers) == 6
    assert set(framework.estimate(BANK, answers)) == set(TUBES)


def test_the_framework_test_asks_every_competence_and_reads_each_level():
    rules = selection.Rules(min_length=12, max_length=12, pool=1, tolerance=0.0)
    respond = learner(4.0)
    answers: list[Answer] = []
    while (challenge := framework.next_challenge(BANK, answers, seed=11, rules=rules)) is not None:
        answers.append(Answer(challenge, respond(challenge)))
    assert {BANK.items[c].competence for c, _ in answers} == set(TUBES)
    estimates = framework.estimate(BANK, answers)
    assert all(2 <= found.level <= 5 for found in estimates.values())


@pytest.mark.parametrize(
    ("competence", "seed", "share"),
    [("1.1", 0, 0.4), ("1.1", "a:b", 0.5), ("1.2", 7, 0.1), ("1.3", 3, 0.9), ("1.2", 5, 1.0), ("1.3", 9, 0.0)],
)
def test_the_memoised_eligibility_matches_the_direct_draw(competence, seed, share):
    items = BANK.items_of(competence)
    for subset in (items, items[::2], items[:3]):
        expected = [item.challenge_id for item in selection.eligible(subset, seed, share)]
        for _ in range(2):  # the second call reads the memo
            assert [
                item.challenge_id for item in selection.eligible_in(BANK, competence, subset, seed, share)
            ] == expected


@pytest.mark.parametrize(
    ("competence", "answers"),
    [
        ("1.1", []),
        ("1.1", [("motCle2a", "ok")]),
        ("1.1", [("motCle2a", "ok"), ("motCle3b", "ko"), ("source4a", "ok")]),
        ("1.2", [("format5a", "ko"), ("format4b", "ok")]),
    ],
)
def test_the_remembered_evidence_is_the_computed_one(competence, answers):
    found = posterior.observations(BANK, competence, [Answer(*a) for a in answers], None)
    fresh = posterior.evidence(BANK, found)
    first = posterior.remembered_evidence(BANK, found)
    assert posterior.remembered_evidence(BANK, list(found)) is first  # the same observations: from the memo
    assert (first.likelihood, first.shift, first.tubes.keys()) == (fresh.likelihood, fresh.shift, fresh.tubes.keys())


def test_the_framework_test_does_not_depend_on_what_the_memos_hold():
    def run() -> list[Answer]:
        respond = learner({"motCle": 3.0, "source": 2.0, "veille": 2.5, "fichier": 4.0, "format": 5.0, "tableur": 1.0})
        answers: list[Answer] = []
        while (challenge := framework.next_challenge(BANK, answers, seed=5)) is not None and len(answers) < 12:
            answers.append(Answer(challenge, respond(challenge)))
        return answers

    warm = run()
    BANK.memos.clear()
    assert run() == warm


def test_a_positioning_test_does_not_depend_on_what_the_memos_hold():
    respond = learner({"motCle": 3.0, "source": 4.5, "veille": 2.5})
    fresh = small_bank()
    answers: list[Answer] = []
    while (challenge := selection.next_challenge(BANK, "1.1", answers, seed=11)) is not None:
        assert selection.next_challenge(fresh, "1.1", answers, seed=11) == challenge
        fresh.memos.clear()
        answers.append(Answer(challenge, respond(challenge)))
    assert selection.estimate(fresh, "1.1", answers) == selection.estimate(BANK, "1.1", answers)


@pytest.mark.parametrize("candidate", ["motCle4a", "motCle2b", "source3a"])
def test_an_answers_effect_is_the_bayes_update_of_its_tube(candidate):
    earlier = [Answer("motCle2a", "ok"), Answer("motCle3b", "ko")]
    before = posterior.evidence(BANK, posterior.observations(BANK, "1.1", earlier, None))
    item = BANK.items[candidate]
    observed = before.tubes.get(item.tube)
    wrong, right = (posterior.answer_effect(BANK, observed, item, outcome) for outcome in (0, 1))
    # the two outcomes' probabilities add up to one at every ability
    assert [w + r for w, r in zip(wrong.likelihood_ratio, right.likelihood_ratio, strict=True)] == pytest.approx(
        [1.0] * len(wrong.likelihood_ratio)
    )
    for outcome, effect in ((0, wrong), (1, right)):
        answered = earlier + [Answer(candidate, "ok" if outcome else "ko")]
        after = posterior.evidence(BANK, posterior.observations(BANK, "1.1", answered, None))
        # the tube's expected pix move as the full recomputation says
        moved = [s + shift for s, shift in zip(before.shift, effect.pix_shift, strict=True)]
        assert moved == pytest.approx(after.shift, abs=1e-9)


# --- overlap pairs: two challenges whose solutions reveal each other are never served in one test --------


def paired_bank() -> tuple[Bank, set[frozenset[str]]]:
    """The small bank where, in every tube of 1.1 and 1.2, the two challenges of a skill form an overlap
    pair, and one pair crosses skills (written on one side only: the bank makes it symmetric)."""
    pairs: set[frozenset[str]] = set()
    items = []
    for item in BANK.items.values():
        excludes: frozenset[str] = frozenset()
        if item.competence in ("1.1", "1.2") and item.challenge_id.endswith("a"):
            excludes = frozenset({item.challenge_id[:-1] + "b"})
        if item.challenge_id == "motCle2a":
            excludes |= {"source3b"}
        pairs |= {frozenset({item.challenge_id, other}) for other in excludes}
        items.append(replace(item, excludes=excludes))
    return Bank(BANK.skills.values(), items), pairs


def served_pairs(answers: list[Answer], pairs: set[frozenset[str]]) -> set[frozenset[str]]:
    asked = {c for c, _ in answers}
    return {pair for pair in pairs if pair <= asked}


def test_without_pairs_a_positioning_test_does_serve_both_challenges_of_a_skill():
    # what the rule prevents happens otherwise: at the learner's boundary, a second look at the same skill
    _, pairs = paired_bank()
    found = set()
    for seed in range(20):
        found |= served_pairs(positioning(learner(3.0), "1.1", seed=seed), pairs)
    assert found


@settings(max_examples=40, deadline=None)
@given(answer_results, st.sampled_from(["1.1", "1.2"]), st.integers(0, 10**6))
def test_a_positioning_test_never_serves_both_challenges_of_an_overlap_pair(results, competence, seed):
    bank, pairs = paired_bank()
    answers: list[Answer] = []
    for result in [*results, *["ok", "ko"] * 8]:
        challenge = selection.next_challenge(bank, competence, answers, seed=seed)
        if challenge is None:
            break
        answers.append(Answer(challenge, result))
    assert not served_pairs(answers, pairs)
    assert bank.excluded_by(["source3b"]) == {"motCle2a", "source3a"}


@settings(max_examples=15, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=10), st.integers(0, 10**6))
def test_a_framework_test_never_serves_both_challenges_of_an_overlap_pair(outcomes, seed):
    bank, pairs = paired_bank()
    rules = selection.Rules(min_length=30, max_length=30, pool=4, tolerance=0.5)
    answers: list[Answer] = []
    while (challenge := framework.next_challenge(bank, answers, seed=seed, rules=rules)) is not None:
        answers.append(Answer(challenge, "ok" if outcomes[len(answers) % len(outcomes)] else "ko"))
    assert len(answers) == 30
    assert not served_pairs(answers, pairs)


@pytest.mark.parametrize("seed", ["a.1", "b.2", "c.3"])
def test_a_campaign_test_never_serves_both_challenges_of_an_overlap_pair(seed):
    from chalicelib.engine import targeting

    bank, pairs = paired_bank()
    skills = {name for name, skill in bank.skills.items() if skill.competence in ("1.1", "1.2")}
    answers: list[Answer] = []
    # the learner's knowledge is left empty: every skill stays open and the test asks all it can
    while (challenge := targeting.next_challenge(bank, skills, answers, {}, seed=seed)) is not None:
        answers.append(Answer(challenge, "ok" if len(answers) % 3 else "ko"))
    assert len(answers) > 10
    assert not served_pairs(answers, pairs)
