"""The assessment runner with a certification-like strategy: a fixed list decided at start, a time limit."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine.checking import AnswerStatus, right_answer
from chalicelib.errors import Conflict
from chalicelib.evaluation import runner
from chalicelib.evaluation.bank import get_bank

T0 = datetime(2026, 6, 15, 8, 30, tzinfo=UTC)
CHALLENGES = get_release().challenges
LIST = tuple(c.id for c in CHALLENGES.values() if c.id in get_bank().items and not c.timer)[:3]


@dataclass(frozen=True)
class FixedList:
    """Serve `challenges` in order; end after the last or at `limit` after the start. Learns nothing; the
    end produces the answers to score."""

    challenges: tuple[str, ...]
    limit: timedelta

    def in_scope(self, challenge_id: str) -> bool:
        return challenge_id in self.challenges

    def next_challenge(self, assessment: runner.Assessment, learner: None) -> str | None:
        answered = len(assessment.answers)
        return self.challenges[answered] if answered < len(self.challenges) else None

    def learn(self, learner: None, challenge, result: AnswerStatus, now: datetime) -> None:
        return None

    def deadline(self, assessment: runner.Assessment) -> datetime | None:
        return assessment.started_at + self.limit

    def remaining(self, assessment: runner.Assessment, learner: None) -> int:
        return 0 if assessment.completed else len(self.challenges) - len(assessment.answers)

    def outcome(self, assessment: runner.Assessment, learner: None) -> tuple[runner.Answer, ...]:
        return assessment.answers


COURSE = FixedList(LIST, timedelta(minutes=30))


def right(challenge_id: str, assessment_id: str = "u.1") -> runner.Given:
    """The right answer as the learner sends it: positions in the order shown to this assessment."""
    challenge = CHALLENGES[challenge_id]
    return runner.Given(challenge_id, answer_for_display(challenge, assessment_id, right_answer(challenge.solution)))


def test_a_fixed_list_is_served_in_order_and_ends_after_its_last_challenge():
    assessment = runner.start(COURSE, None, "u.1", T0)
    served = []
    while not assessment.completed:
        served.append(assessment.served)
        step = runner.answer(COURSE, assessment, None, right(assessment.served), CHALLENGES, T0 + timedelta(minutes=1))
        assert step.answered.number == len(served) and step.answered.result is AnswerStatus.OK
        assessment = step.assessment
    assert served == list(LIST)
    assert COURSE.outcome(assessment, None) == tuple((cid, "ok") for cid in LIST)
    assert runner.review(assessment) == [
        runner.Reviewed(n, cid, "ok", right_answer(CHALLENGES[cid].solution)) for n, cid in enumerate(LIST, 1)
    ]


def test_the_time_limit_ends_the_test_and_a_late_answer_is_timed_out():
    assessment = runner.start(COURSE, None, "u.1", T0)
    first = runner.answer(COURSE, assessment, None, right(LIST[0]), CHALLENGES, T0 + timedelta(minutes=5))
    assert first.assessment.served == LIST[1]
    late = T0 + timedelta(minutes=40)
    step = runner.answer(COURSE, first.assessment, None, right(LIST[1]), CHALLENGES, late)
    assert step.answered.result is AnswerStatus.TIMEDOUT
    assert step.assessment.completed and step.assessment.served is None and step.assessment.completed_at == late
    with pytest.raises(Conflict):
        runner.answer(COURSE, step.assessment, None, right(LIST[2]), CHALLENGES, late)


def test_coming_back_after_the_time_limit_finds_the_test_ended():
    assessment = runner.start(COURSE, None, "u.1", T0)
    assert runner.resume(COURSE, assessment, T0 + timedelta(minutes=29)) is assessment
    ended = runner.resume(COURSE, assessment, T0 + timedelta(minutes=30))
    assert ended.completed and ended.answers == ()


def test_a_replayed_answer_is_recognised_until_the_same_challenge_is_served_again():
    assessment = runner.start(COURSE, None, "u.1", T0)
    step = runner.answer(COURSE, assessment, None, right(LIST[0]), CHALLENGES, T0)
    assert runner.already_answered(step.assessment, LIST[0])
    assert not runner.already_answered(step.assessment, LIST[1])
    assert not runner.already_answered(assessment, LIST[0])
