"""The order a learner sees: drawn per assessment, the same on resume, mapped back exactly, opt-outs kept,
and nothing in the view that tells the authored order."""

import dataclasses
import itertools
import json
from collections import Counter

import pytest

from chalicelib import settings
from chalicelib.content.model import Challenge, Field
from chalicelib.content.release import get_release
from chalicelib.content.view import (
    answer_for_display,
    answer_from_display,
    challenge_for_learner,
    choice_order,
    option_order,
    solution_for_learner,
    stored_answer,
)
from chalicelib.engine.checking import AnswerShapeError, AnswerStatus, ChallengeType, check_answer, right_answer

SEEDS = [f"user{n}.{n * 7919:012x}" for n in range(400)]


@pytest.fixture(scope="module")
def release():
    return get_release()


def _choices(release, kind: ChallengeType) -> list[Challenge]:
    return [c for c in release.challenges.values() if c.type is kind]


def _qcu4(release) -> Challenge:
    return next(c for c in _choices(release, ChallengeType.QCU) if len(c.choices) == 4 and c.shuffle)


def _dropdown(release) -> tuple[Challenge, Field]:
    return next((c, f) for c in release.challenges.values() if c.shuffle for f in c.fields if len(f.options) >= 4)


def test_the_same_seed_shows_the_same_order_again(release):
    for challenge in release.challenges.values():
        assert challenge_for_learner(challenge, "u1.abc") == challenge_for_learner(challenge, "u1.abc")
        assert solution_for_learner(challenge, "u1.abc") == solution_for_learner(challenge, "u1.abc")


def test_every_order_is_drawn_and_the_right_answer_lands_anywhere(release):
    challenge = _qcu4(release)
    orders = Counter(choice_order(challenge, seed) for seed in SEEDS)
    assert set(orders) == set(itertools.permutations(range(1, 5)))  # all 24, from 400 seeds
    right_at = Counter(order.index(challenge.solution.answer[0]) + 1 for order in orders.elements())
    assert all(0.18 < right_at[p] / len(SEEDS) < 0.32 for p in range(1, 5)), right_at
    # Another challenge in the same assessment gets its own order.
    other = next(c for c in _choices(release, ChallengeType.QCU) if len(c.choices) == 4 and c.id != challenge.id)
    assert sum(choice_order(challenge, s) != choice_order(other, s) for s in SEEDS) > 0.8 * len(SEEDS)


def test_drop_down_options_are_shuffled_per_field(release):
    challenge, field = _dropdown(release)
    orders = Counter(option_order(challenge, seed, field) for seed in SEEDS[:100])
    assert len(orders) > 10
    shown = challenge_for_learner(challenge, SEEDS[0])
    options = next(f["options"] for f in shown["fields"] if f["id"] == field.id)
    assert sorted(options) == sorted(field.options)
    assert options == [field.options[i - 1] for i in option_order(challenge, SEEDS[0], field)]


def test_the_right_answer_survives_the_round_trip(release):
    for challenge in release.challenges.values():
        for seed in SEEDS[:5]:
            solution = solution_for_learner(challenge, seed)
            if challenge.type in (ChallengeType.QCU, ChallengeType.QCM):
                positions = [c["index"] for c in solution["choices"]]
                payload = positions[0] if challenge.type is ChallengeType.QCU else positions
            else:
                payload = {f["id"]: f["value"] for f in solution["fields"]}
            answer = answer_from_display(challenge, seed, payload)
            assert answer == right_answer(challenge.solution), challenge.id
            assert check_answer(challenge.solution, answer) is AnswerStatus.OK
            assert answer_for_display(challenge, seed, answer) == payload


def test_each_displayed_position_maps_to_the_proposal_shown_there(release):
    for challenge in _choices(release, ChallengeType.QCU):
        for seed in SEEDS[:3]:
            shown = challenge_for_learner(challenge, seed)["choices"]
            for position, text in enumerate(shown, 1):
                index = answer_from_display(challenge, seed, position)
                assert challenge.choices[index - 1] == text
                right = check_answer(challenge.solution, index) is AnswerStatus.OK
                assert right == (index == challenge.solution.answer[0])


def test_a_qcm_answer_is_mapped_item_by_item_and_sorted(release):
    challenge = next(c for c in _choices(release, ChallengeType.QCM) if c.shuffle and len(c.choices) >= 4)
    seed = next(s for s in SEEDS if choice_order(challenge, s)[:2] != tuple(sorted(choice_order(challenge, s)[:2])))
    order = choice_order(challenge, seed)
    assert answer_from_display(challenge, seed, [2, 1]) == sorted([order[1], order[0]])


def test_a_malformed_payload_is_left_for_the_checker_to_refuse(release):
    qcu = _qcu4(release)
    qcm = next(c for c in _choices(release, ChallengeType.QCM) if c.shuffle)
    for challenge, payload in [(qcu, 0), (qcu, 9), (qcu, True), (qcu, "1"), (qcu, [1]), (qcm, 2), (qcm, [1, 1]),
                               (qcm, [1, 99]), (qcm, []), (qcm, ["a", 1])]:  # fmt: skip
        with pytest.raises(AnswerShapeError):
            check_answer(challenge.solution, answer_from_display(challenge, "u1.x", payload))


def test_the_stored_answer_says_what_was_chosen_and_what_was_shown(release):
    challenge = _qcu4(release)
    seed = SEEDS[3]
    order = choice_order(challenge, seed)
    record = stored_answer(challenge, seed, 2)
    assert record == {"answer": order[1], "shown": list(order)}
    assert json.loads(json.dumps(record)) == record
    text_field = next(c for c in release.challenges.values() if c.type is ChallengeType.QROC)
    payload = {text_field.fields[0].id: "réponse"}
    assert stored_answer(text_field, seed, payload) == {"answer": payload}


def test_a_challenge_may_keep_its_order(release):
    kept = [c for c in release.challenges.values() if not c.shuffle]
    assert kept, "the bank has ordered scales that keep their order"
    for challenge in kept:
        for seed in SEEDS[:20]:
            view = challenge_for_learner(challenge, seed)
            assert view.get("choices", []) == list(challenge.choices)
            assert [f["options"] for f in view.get("fields", [])] == [list(f.options) for f in challenge.fields]


def test_fixed_last_keeps_the_last_ones_in_place_and_shuffles_the_rest(release):
    base = _qcu4(release)
    challenge = dataclasses.replace(base, fixed_last=1)
    orders = {choice_order(challenge, seed) for seed in SEEDS[:100]}
    assert all(order[-1] == 4 for order in orders)
    assert {order[:3] for order in orders} == set(itertools.permutations(range(1, 4)))
    challenge, field = _dropdown(release)
    pinned = dataclasses.replace(challenge, fixed_last=1)
    assert {option_order(pinned, seed, field)[-1] for seed in SEEDS[:50]} == {len(field.options)}
    real = [c for c in release.challenges.values() if c.fixed_last]
    assert real, "the bank keeps « Aucun des deux » last"
    for c in real:
        for f in c.fields:
            if f.options:
                assert all(option_order(c, s, f)[-c.fixed_last :] == tuple(range(len(f.options) - c.fixed_last + 1,
                           len(f.options) + 1)) for s in SEEDS[:30])  # fmt: skip


def test_the_view_tells_nothing_of_the_authored_order(release):
    challenge = _qcu4(release)
    views = [challenge_for_learner(challenge, seed) for seed in SEEDS[:50]]
    for view in views:
        assert all(isinstance(text, str) for text in view["choices"])
        assert sorted(view["choices"]) == sorted(challenge.choices)
        others = {k: v for k, v in view.items() if k != "choices"}
        assert others == {k: v for k, v in views[0].items() if k != "choices"}  # only the order differs
        text = json.dumps(view, ensure_ascii=False)
        for word in ("index", "order", "shown", "answer", "position"):
            assert f'"{word}"' not in text


def test_the_order_depends_on_the_server_secret(release, monkeypatch):
    """Knowing the assessment id and this code is not enough to undo the shuffle."""
    challenge = _qcu4(release)
    before = [choice_order(challenge, seed) for seed in SEEDS[:50]]
    monkeypatch.setenv("JWT_SECRET", "another-secret-with-enough-length-for-hs256")
    settings.get_settings.cache_clear()
    try:
        after = [choice_order(challenge, seed) for seed in SEEDS[:50]]
    finally:
        monkeypatch.undo()
        settings.get_settings.cache_clear()
        assert sum(a != b for a, b in zip(before, after, strict=True)) > 35
    assert [choice_order(challenge, seed) for seed in SEEDS[:50]] == before
