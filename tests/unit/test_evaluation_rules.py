"""The evaluation rules that need no storage: results, timers, checkpoints, prior knowledge, scores."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.content.release import get_release
from chalicelib.engine import knowledge as rules
from chalicelib.engine.checking import AnswerShapeError, right_answer
from chalicelib.evaluation import assessment
from chalicelib.evaluation.bank import get_bank

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def a_challenge(timed: bool = False):
    return next(
        c for c in get_release().challenges.values()
        if bool(c.timer) == timed and c.id in get_bank().items and c.type == "QCU"
    )


@pytest.mark.parametrize(
    ("count", "completed", "expected"),
    [
        (0, False, None),
        (4, False, None),
        (5, False, [1, 2, 3, 4, 5]),
        (6, False, None),
        (10, False, [6, 7, 8, 9, 10]),
        (10, True, [6, 7, 8, 9, 10]),
        (13, True, [11, 12, 13]),
        (1, True, [1]),
    ],
)
def test_a_checkpoint_every_5_answers_and_at_the_end(count, completed, expected):
    answers = [(str(n), "ok") for n in range(1, count + 1)]
    found = assessment.checkpoint(answers, completed)
    assert (None if found is None else [int(cid) for cid, _ in found]) == expected


def test_skipped_is_aband_whatever_the_answer():
    challenge = a_challenge()
    assert assessment.answer_result(challenge, None, skipped=True, served_at=T0, now=T0) == "aband"


def test_no_answer_without_skipping_is_a_shape_error():
    with pytest.raises(AnswerShapeError):
        assessment.answer_result(a_challenge(), None, skipped=False, served_at=T0, now=T0)


def test_a_timed_challenge_allows_its_timer_plus_a_grace():
    challenge = next((c for c in get_release().challenges.values() if c.timer), None)
    if challenge is None:
        pytest.skip("no timed challenge in this release")
    right = right_answer(challenge.solution)
    limit = T0 + timedelta(seconds=challenge.timer) + assessment.TIMER_GRACE
    assert assessment.answer_result(challenge, right, skipped=False, served_at=T0, now=limit) == "ok"
    late = limit + timedelta(seconds=1)
    assert assessment.answer_result(challenge, right, skipped=False, served_at=T0, now=late) == "timedout"


def test_a_timed_challenge_without_an_answer_has_run_out():
    challenge = next((c for c in get_release().challenges.values() if c.timer), None)
    if challenge is None:
        pytest.skip("no timed challenge in this release")
    at_the_end = T0 + timedelta(seconds=challenge.timer)
    assert assessment.answer_result(challenge, None, skipped=False, served_at=T0, now=at_the_end) == "timedout"
    assert assessment.answer_result(challenge, None, skipped=True, served_at=T0, now=at_the_end) == "aband"


def test_an_untimed_challenge_is_never_late():
    challenge = a_challenge()
    right = right_answer(challenge.solution)
    much_later = T0 + timedelta(days=3)
    assert assessment.answer_result(challenge, right, skipped=False, served_at=T0, now=much_later) == "ok"


def test_prior_knowledge_is_what_was_known_before_the_assessment_began():
    known = rules.apply_answer(rules.empty("1.1"), "tubeA", 2, [1, 2, 3], "ok", T0)
    started = T0 + timedelta(days=5)
    now = rules.apply_answer(known, "tubeB", 3, [1, 2, 3], "ko", started + timedelta(seconds=1))
    prior = assessment.prior_knowledge(now, started.replace(microsecond=123))
    assert rules.to_json(prior) == rules.to_json(known)


def test_score_follows_validated_skills_and_the_level_cap():
    bank = get_bank()
    code = next(c for c in get_release().competences if bank.items_of(c))
    knowledge = rules.empty(code)
    for skill in (s for s in bank.skills.values() if s.competence == code):
        knowledge = rules.apply_answer(knowledge, skill.tube, skill.level, bank.tube_levels(skill.tube), "ok", T0)
    pix, level = assessment.competence_score(bank, knowledge, 5)
    assert level == min(5, pix // 8)
    assert assessment.assessed_share(bank, knowledge) == 1
    assert assessment.competence_score(bank, rules.empty(code), 5) == (0, 0)


def test_failed_skills_are_the_direct_failures():
    knowledge = rules.apply_answer(rules.empty("1.1"), "tubeA", 2, [1, 2, 3], "ko", T0)
    assert assessment.failed_skills([knowledge]) == ["@tubeA2"]  # @tubeA3 is inferred, not failed


def test_failed_skills_come_most_recent_first_across_competences():
    first = rules.apply_answer(rules.empty("1.1"), "tubeA", 2, [1, 2, 3], "ko", T0)
    first = rules.apply_answer(first, "tubeZ", 1, [1, 2], "ko", T0 + timedelta(minutes=2))
    other = rules.apply_answer(rules.empty("2.1"), "tubeB", 1, [1, 2], "ko", T0 + timedelta(minutes=1))
    assert assessment.failed_skills([first, other]) == ["@tubeZ1", "@tubeB1", "@tubeA2"]


def test_knowledge_round_trips_as_compact_text():
    knowledge = rules.apply_answer(rules.empty("1.1"), "tubeA", 2, [1, 2, 3], "ok", T0)
    text = assessment.dump_knowledge(knowledge)
    assert " " not in text and json.loads(text)["competence"] == "1.1"
    assert rules.to_json(assessment.load_knowledge(text)) == rules.to_json(knowledge)


def test_no_challenge_view_carries_a_solution():
    from chalicelib.evaluation.presenters import challenge_view

    allowed = {"id", "type", "instruction", "choices", "fields", "attachments", "illustration", "timer", "focused",
               "locale"}
    explained = [c for c in get_release().challenges.values() if c.explanation]
    assert explained, "the bank explains some right answers"
    for challenge in get_release().challenges.values():
        view = challenge_view(challenge, "u1.abcdef").model_dump()
        assert set(view) <= allowed
        assert not keys(view) & {"solution", "answer", "accept", "groups", "tolerances", "explanation"}
        if challenge.explanation:  # shown after answering only: no trace of it before
            assert challenge.explanation not in json.dumps(view, ensure_ascii=False)


def keys(value) -> set[str]:
    """Every key of a nested JSON-like value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def test_the_announced_mean_length_is_the_one_measured_in_docs_engine():
    """The mean said before a test ("8 en moyenne") is the benchmark's, rounded: kept in step with the doc."""
    import re
    from pathlib import Path

    from chalicelib.evaluation.presenters import MEAN_TEST_LENGTH

    doc = (Path(__file__).parents[2] / "docs" / "engine.md").read_text(encoding="utf-8")
    measured = float(re.search(r"^\| \*\*ours\*\* \| \*\*([\d.]+)\*\*", doc, re.M).group(1))
    assert round(measured) == MEAN_TEST_LENGTH
