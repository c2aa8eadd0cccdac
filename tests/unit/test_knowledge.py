"""Knowledge elements: direct answers, inference inside a tube, improve and reset, the stored JSON."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.engine import knowledge as k

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEVELS = (1, 2, 3, 4, 5, 6)


def statuses(found: k.CompetenceKnowledge, tube: str = "motCle") -> dict[int, tuple[str, str]]:
    return {level: (e.status, e.source) for level, e in found.tubes.get(tube, {}).items()}


V, X, D, N = k.VALIDATED, k.INVALIDATED, k.DIRECT, k.INFERRED  # validated, invalidated, direct, inferred


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([(3, "ok")], {1: (V, N), 2: (V, N), 3: (V, D)}),
        ([(3, "ko")], {3: (X, D), 4: (X, N), 5: (X, N), 6: (X, N)}),
        ([(3, "aband")], {3: (X, D), 4: (X, N), 5: (X, N), 6: (X, N)}),
        ([(3, "timedout")], {3: (X, D), 4: (X, N), 5: (X, N), 6: (X, N)}),
        ([(3, "focusedOut")], {3: (X, D), 4: (X, N), 5: (X, N), 6: (X, N)}),
        # a later failure does not touch what is already assessed
        ([(3, "ok"), (5, "ko")], {1: (V, N), 2: (V, N), 3: (V, D), 5: (X, D), 6: (X, N)}),
        # a direct answer replaces an inferred element
        ([(4, "ko"), (5, "ok")], {4: (X, D), 5: (V, D), 6: (X, N), 1: (V, N), 2: (V, N), 3: (V, N)}),
    ],
)
def test_an_answer_gives_a_direct_element_and_infers_inside_its_tube(answers, expected):
    found = k.empty("1.1")
    for level, result in answers:
        found = k.apply_answer(found, "motCle", level, LEVELS, result, T0)
    assert statuses(found) == expected


def test_inference_stays_inside_the_tube():
    found = k.apply_answer(k.empty("1.1"), "motCle", 3, LEVELS, "ok", T0)
    assert list(found.tubes) == ["motCle"]


def test_an_unknown_result_is_refused():
    with pytest.raises(ValueError):
        k.apply_answer(k.empty("1.1"), "motCle", 3, LEVELS, "maybe", T0)


@given(st.lists(st.tuples(st.sampled_from(LEVELS), st.sampled_from(sorted(k.RESULTS))), min_size=1, max_size=12))
def test_inference_never_contradicts_a_direct_answer(answers):
    found = k.empty("1.1")
    last_direct = {}
    for level, result in answers:
        found = k.apply_answer(found, "motCle", level, LEVELS, result, T0)
        last_direct[level] = V if result == "ok" else X
    for level, status in last_direct.items():
        element = found.element("motCle", level)
        assert (element.status, element.source) == (status, D)


def test_improve_opens_4_days_after_the_last_answer_and_forgets_old_failures():
    found = k.apply_answer(k.empty("1.1"), "motCle", 3, LEVELS, "ok", T0)
    found = k.apply_answer(found, "motCle", 5, LEVELS, "ko", T0 + timedelta(hours=1))
    assert k.improve_opens_at(found) == T0 + timedelta(days=4, hours=1)
    with pytest.raises(k.RuleNotOpen):
        k.for_improvement(found, T0 + timedelta(days=4))
    improved = k.for_improvement(found, T0 + timedelta(days=5))
    assert statuses(improved) == {1: (V, N), 2: (V, N), 3: (V, D)}


def test_reset_opens_7_days_after_the_last_answer_and_clears_the_competence():
    found = k.apply_answer(k.empty("1.1"), "motCle", 3, LEVELS, "ok", T0)
    assert k.reset_opens_at(found) == T0 + timedelta(days=7)
    with pytest.raises(k.RuleNotOpen):
        k.reset(found, T0 + timedelta(days=6))
    assert k.reset(found, T0 + timedelta(days=7)) == k.empty("1.1")


def test_nothing_answered_opens_nothing():
    assert k.improve_opens_at(k.empty("1.1")) is None
    with pytest.raises(k.RuleNotOpen):
        k.reset(k.empty("1.1"), T0)


def test_knowledge_round_trips_through_compact_json():
    found = k.apply_answer(k.empty("1.1"), "motCle", 3, LEVELS, "ok", T0)
    found = k.apply_answer(found, "source", 2, (1, 2, 3), "ko", T0 + timedelta(minutes=3))
    data = k.to_json(found)
    assert data["tubes"]["motCle"]["3"] == ["validated", "direct", "2026-03-02T09:00:00+00:00"]
    assert k.from_json(data) == found
    assert found.validated() == [("motCle", 1), ("motCle", 2), ("motCle", 3)]
