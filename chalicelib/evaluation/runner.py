"""The assessment runner: one machine for every kind of test (see docs/runner.md).

An assessment is served a challenge, records answers, shows a checkpoint every 5 answers, and ends. What
differs between a competence evaluation, a campaign assessment and a certification course is a small
`Strategy`: which challenges are in scope, how the next one is chosen, what an answer teaches about the
learner, when the test must end, what the end produces. The runner is pure: it reads no clock (`now` is
given), stores nothing, and returns new immutable states that the service writes in one conditional write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol, cast

from pydantic import JsonValue

from chalicelib.content.api import Challenge, answer_from_display, stored_answer
from chalicelib.engine.checking import CHOICE_TYPES, AnswerShapeError, AnswerStatus
from chalicelib.errors import Conflict, Invalid
from chalicelib.evaluation.assessment import CHECKPOINT_EVERY, TIMER_GRACE, answer_result, checkpoint

STARTED = "started"
COMPLETED = "completed"

Answer = tuple[str, str]  # (challenge_id, result)
# A typed answer kept for the checkpoint's review is cut to this many characters (the answer's own item
# keeps it whole): the assessment's item stays small whatever a learner types.
KEPT_TEXT = 120


@dataclass(frozen=True, slots=True)
class Assessment:
    """One test in progress or ended: its answers and the challenge it serves."""

    id: str
    status: str  # STARTED or COMPLETED
    started_at: datetime
    answers: tuple[Answer, ...] = ()
    served: str | None = None  # the challenge to answer now; None once completed
    served_at: datetime | None = None
    completed_at: datetime | None = None
    # What the learner answered (content indexes, or {field: text}; None when skipped or unanswered) for
    # the last answers, those the next checkpoint reviews: aligned with the end of `answers`, at most
    # CHECKPOINT_EVERY. The review is rebuilt from this state, so "your answer" needs no other read.
    recent: tuple[JsonValue, ...] = ()

    @property
    def completed(self) -> bool:
        return self.status == COMPLETED


class Strategy[K, R](Protocol):
    """What makes a kind of test. `K` is the strategy's model of the learner (a competence's knowledge,
    several, or nothing), updated by each answer; `R` is what the test produces (a level and pix, a
    campaign's skills, the answers to score)."""

    def in_scope(self, challenge_id: str) -> bool:
        """Whether the challenge belongs to this test (the skills in scope)."""

    def next_challenge(self, assessment: Assessment, learner: K) -> str | None:
        """The challenge to serve after `assessment.answers`, or None: the test is over."""

    def learn(self, learner: K, challenge: Challenge, result: AnswerStatus, now: datetime) -> K:
        """What the learner model becomes after this answer (unchanged when the test teaches nothing)."""

    def deadline(self, assessment: Assessment) -> datetime | None:
        """When the test must end whatever is left (a time limit), or None."""

    def remaining(self, assessment: Assessment, learner: K) -> int:
        """How many challenges are still to come, the served one included (0 once over): the progress bar."""

    def outcome(self, assessment: Assessment, learner: K) -> R:
        """What the test produces, from its state (shown at the end; may be read before it)."""


@dataclass(frozen=True, slots=True)
class Given:
    """An answer as the learner sent it: QCU/QCM positions as shown to this assessment (1-based), field
    texts as typed or chosen; the runner maps positions to the content's indexes."""

    challenge_id: str
    payload: JsonValue
    skipped: bool = False
    focused_out: bool = False


@dataclass(frozen=True, slots=True)
class Answered:
    """An answer accepted by the runner: what to record, and the states it leads to."""

    number: int
    challenge_id: str
    result: AnswerStatus
    given: Given
    value: JsonValue  # what to record: `stored_answer` (content indexes and the order shown); None if none
    time_spent_ms: int
    at: datetime


@dataclass(frozen=True, slots=True)
class Step[T]:
    assessment: Assessment
    learner: T
    answered: Answered


def start[K](strategy: Strategy[K, object], learner: K, assessment_id: str, now: datetime) -> Assessment:
    """A new assessment with its first challenge served (or ended at once when there is none)."""
    return serve(strategy, Assessment(assessment_id, STARTED, now), learner, now)


def serve[K](strategy: Strategy[K, object], assessment: Assessment, learner: K, now: datetime) -> Assessment:
    """Serve the strategy's next challenge, or end the assessment when it has none or its time is up."""
    if time_is_up(strategy, assessment, now):
        return end(assessment, now)
    next_id = strategy.next_challenge(assessment, learner)
    if next_id is None:
        return end(assessment, now)
    assert strategy.in_scope(next_id), f"{next_id} is out of the test's scope"
    return replace(assessment, served=next_id, served_at=now)


def end(assessment: Assessment, now: datetime) -> Assessment:
    return replace(assessment, status=COMPLETED, completed_at=now, served=None, served_at=None)


def time_is_up[K](strategy: Strategy[K, object], assessment: Assessment, now: datetime) -> bool:
    deadline = strategy.deadline(assessment)
    return deadline is not None and now >= deadline


def resume[K](strategy: Strategy[K, object], assessment: Assessment, now: datetime) -> Assessment:
    """The assessment a learner comes back to: ended if its time ran out meanwhile, else as it was."""
    if not assessment.completed and time_is_up(strategy, assessment, now):
        return end(assessment, now)
    return assessment


def already_answered(assessment: Assessment, challenge_id: str) -> bool:
    """Whether `challenge_id` is the assessment's last answer and not served again: a replayed request."""
    return bool(assessment.answers) and assessment.answers[-1][0] == challenge_id and assessment.served != challenge_id


def answer[K](
    strategy: Strategy[K, object],
    assessment: Assessment,
    learner: K,
    given: Given,
    challenges: Mapping[str, Challenge],
    now: datetime,
) -> Step[K]:
    """Check the answer to the served challenge, learn from it and serve the next (or end).

    Late answers are `timedout`: beyond the challenge's own timer (and its grace), or beyond the test's
    deadline; an answer after the deadline ends the test.
    """
    if assessment.completed:
        raise Conflict("EVALUATION_COMPLETED", "Cette évaluation est terminée : consultez vos résultats.")
    if assessment.served != given.challenge_id:
        raise Conflict(
            "NOT_THE_CURRENT_CHALLENGE",
            "Cette question n'est pas celle en cours : rechargez la page pour retrouver votre question.",
        )
    challenge = challenges[given.challenge_id]
    served_at = assessment.served_at or now
    # The proposals were shown in this assessment's order (its id is the seed): the checker reads the
    # content's indexes, and the record keeps both what was chosen and what was shown.
    content = answer_from_display(challenge, assessment.id, given.payload)
    try:
        result = answer_result(challenge, content, skipped=given.skipped, served_at=served_at, now=now)
    except AnswerShapeError as error:
        raise Invalid("INVALID_ANSWER", str(error)) from None
    deadline = strategy.deadline(assessment)
    if deadline is not None and now > deadline + TIMER_GRACE and result is not AnswerStatus.ABAND:
        result = AnswerStatus.TIMEDOUT
    learner = strategy.learn(learner, challenge, result, now)
    given_any = not given.skipped and given.payload is not None
    answers = (*assessment.answers, (challenge.id, result.value))
    window = len(answers) - (len(answers) - 1) // CHECKPOINT_EVERY * CHECKPOINT_EVERY
    # `content` is the JSON payload with positions renamed: JSON still.
    recent = (*assessment.recent, _kept(challenge, cast(JsonValue, content)) if given_any else None)[-window:]
    answered = replace(assessment, answers=answers, recent=recent)
    return Step(
        serve(strategy, answered, learner, now),
        learner,
        Answered(
            number=len(answered.answers),
            challenge_id=challenge.id,
            result=result,
            given=given,
            value=stored_answer(challenge, assessment.id, given.payload) if given_any else None,
            time_spent_ms=max(0, int((now - served_at).total_seconds() * 1000)),
            at=now,
        ),
    )


@dataclass(frozen=True, slots=True)
class Reviewed:
    """An answer shown at a checkpoint: its number as asked, and what the learner answered (content
    indexes or field texts; None when skipped, or not kept: an answer recorded before `recent` existed)."""

    number: int
    challenge_id: str
    result: str
    answer: JsonValue


def review(assessment: Assessment) -> list[Reviewed] | None:
    """The answers to review now, numbered as they were asked: every 5 answers, and the rest at the end."""
    due = checkpoint(assessment.answers, assessment.completed)
    if due is None:
        return None
    first = len(assessment.answers) - len(due) + 1
    recent = (None,) * (len(due) - len(assessment.recent)) + assessment.recent[-len(due) :]
    return [
        Reviewed(number, challenge_id, result, given)
        for number, (challenge_id, result), given in zip(range(first, first + len(due)), due, recent, strict=True)
    ]


def _kept(challenge: Challenge, content: JsonValue) -> JsonValue:
    """An answer as the assessment keeps it for the checkpoint: choices whole, typed texts cut short."""
    if challenge.type in CHOICE_TYPES or not isinstance(content, dict):
        return content
    return {key: text[:KEPT_TEXT] if isinstance(text, str) else text for key, text in content.items()}
