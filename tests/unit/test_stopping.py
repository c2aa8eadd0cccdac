"""The positioning test's stop rule and the remaining length it lets the interface announce."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.engine import posterior, selection
from chalicelib.engine.selection import POSITIONING, Answer, Rules
from tests.unit.test_selection import BANK, learner

NO_STOP = replace(POSITIONING, min_length=30, max_length=30)


def run(respond, competence="1.1", seed=7, rules=POSITIONING) -> list[Answer]:
    answers: list[Answer] = []
    while (challenge := selection.next_challenge(BANK, competence, answers, seed=seed, rules=rules)) is not None:
        answers.append(Answer(challenge, respond(challenge)))
    return answers


def levels_after(answers, competence="1.1") -> list[float]:
    return posterior.levels(BANK, selection.single_belief(BANK, competence, answers, None))


def test_within_one_is_the_mass_around_the_median():
    assert selection.within_one([0.1, 0.2, 0.4, 0.2, 0.1]) == pytest.approx(0.8)
    assert selection.within_one([0.0, 0.0, 0.0, 0.5, 0.5]) == pytest.approx(1.0)  # median 3: levels 2–4
    assert selection.within_one([2.0, 1.0, 0.0, 0.0, 1.0]) == pytest.approx(0.75)  # unnormalised: median 0
    assert selection.within_one([0.25, 0.0, 0.25, 0.0, 0.5]) == pytest.approx(0.25)  # median 2: levels 1–3


def test_the_range_to_announce_is_the_rules_minimum_and_maximum():
    assert selection.length_range() == (6, 15)
    assert selection.length_range(Rules(min_length=4, max_length=9)) == (4, 9)


@pytest.mark.parametrize("ability", [-1.0, 1.5, 3.2, 4.7, 9.0])
@pytest.mark.parametrize("seed", [1, 7])
def test_a_test_stops_once_settled_and_not_before(ability, seed):
    answers = run(learner(ability), seed=seed)
    assert POSITIONING.min_length <= len(answers) <= POSITIONING.max_length
    if len(answers) < POSITIONING.max_length:
        assert selection.within_one(levels_after(answers)) >= POSITIONING.settled
    for k in range(POSITIONING.min_length, len(answers)):  # every earlier point past the minimum was unsettled
        assert selection.within_one(levels_after(answers[:k])) < POSITIONING.settled


def test_a_consistent_learner_is_placed_in_fewer_than_the_maximum():
    assert len(run(learner(3.2))) < POSITIONING.max_length


def test_a_test_that_never_settles_runs_to_its_maximum():
    rules = replace(POSITIONING, settled=1.1)
    assert len(run(learner(3.2), rules=rules)) == rules.max_length


@pytest.mark.parametrize("ability", [0.5, 2.6, 3.9, {"motCle": 4.5, "source": 1.5, "veille": 3.0}])
def test_the_stop_only_decides_where_the_test_ends(ability):
    # the choices before the stop are those of the same test run to the full budget
    stopped = run(learner(ability), seed=3)
    full = run(learner(ability), seed=3, rules=NO_STOP)
    assert len(stopped) < len(full)
    assert full[: len(stopped)] == stopped


def test_nothing_remains_at_the_maximum_or_once_settled_past_the_minimum():
    settled_levels = [0.0, 0.0, 0.002, 0.996, 0.002, 0.0]
    assert selection.remaining_of(POSITIONING.max_length, [0.2] * 5) == 0
    assert selection.remaining_of(POSITIONING.min_length, settled_levels) == 0
    assert selection.remaining_of(POSITIONING.min_length - 2, settled_levels) == 2  # the minimum still holds


@pytest.mark.parametrize("answered", range(0, 15))
def test_the_remaining_count_stays_within_the_rules(answered):
    for levels in ([1.0] * 8, [0.05, 0.1, 0.7, 0.1, 0.05], [0.0, 0.0, 0.004, 0.99, 0.006]):
        left = selection.remaining_of(answered, levels)
        settled = selection.within_one(levels) >= POSITIONING.settled
        if answered >= POSITIONING.min_length and settled:
            assert left == 0
        else:
            assert max(1, POSITIONING.min_length - answered) <= left <= POSITIONING.max_length - answered


def test_more_doubt_announces_more_challenges():
    counts = [
        selection.remaining_of(6, [doubt / 2, 0.0, 0.0, 1.0 - doubt, 0.0, 0.0, doubt / 2])
        for doubt in (0.011, 0.03, 0.1, 0.3)
    ]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]


def test_a_test_that_never_settles_announces_its_maximum():
    rules = replace(POSITIONING, settled=1.1)
    assert selection.remaining_of(4, [0.0, 0.0, 0.0, 1.0], rules) == rules.max_length - 4


def test_a_fresh_test_announces_about_its_typical_length():
    # on the benchmark a test lasts 8.3 challenges on average (docs/engine.md)
    assert 6 <= selection.remaining(BANK, "1.1", []) <= 10


answer_results = st.lists(st.sampled_from(["ok", "ko", "aband"]), min_size=1, max_size=16)


@settings(max_examples=30, deadline=None)
@given(answer_results, st.sampled_from(["1.1", "1.2", "1.3"]), st.integers(0, 10**6))
def test_nothing_remains_exactly_when_the_test_is_over(results, competence, seed):
    answers: list[Answer] = []
    for result in results:
        challenge = selection.next_challenge(BANK, competence, answers, seed=seed)
        left = selection.remaining(BANK, competence, answers)
        assert (left == 0) == (challenge is None)
        if challenge is None:
            break
        answers.append(Answer(challenge, result))


def test_the_remaining_count_never_exceeds_the_challenges_left():
    rules = Rules(min_length=20, max_length=30)  # competence 1.2 holds 18 challenges
    answers = [Answer(c, "ok") for c in ("fichier1a", "fichier2a", "format3a", "format4a")]
    assert selection.remaining(BANK, "1.2", answers, rules=rules) == 18 - len(answers)
