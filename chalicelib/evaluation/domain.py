"""What the evaluation room keeps about a learner, as plain objects, and the store's interface.

`store.py` (DynamoDB) and `store_memory.py` (a dict, for service tests) implement `EvaluationStore`; the
service sees only these objects, never a PynamoDB record.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from pydantic import JsonValue

from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.evaluation.runner import Answered, Assessment


class StaleWrite(Exception):
    """A conditional write found the item changed since it was read (or already there)."""


@dataclass(frozen=True, slots=True)
class CompetenceProgress:
    """A learner's knowledge of one competence and its current or last assessment (None before the first
    test or after a reset). `version` counts the writes: each conditional write expects the one it read."""

    user_id: str
    competence: str
    knowledge: CompetenceKnowledge
    assessment: Assessment | None = None
    version: int = 0

    def changed(self, **changes: object) -> CompetenceProgress:
        """The next version of this progress (what a write expecting `self.version` stores)."""
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class CampaignProgress:
    """A learner's campaign assessment (one per participation): the target profile's skills it tests, its
    state, and a version for its conditional writes. Its learner model is the learner's knowledge, kept in
    the competences' own items (`CompetenceProgress`): a campaign's answers count in the profile."""

    user_id: str
    participation_id: str
    skills: frozenset[str]
    assessment: Assessment
    version: int = 1

    def changed(self, **changes: object) -> CampaignProgress:
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class CampaignRead:
    """What one read of an answer brings: the campaign assessment (None if not started) and the learner's
    progress of every competence they have one of."""

    campaign: CampaignProgress | None
    competences: dict[str, CompetenceProgress]


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """One answer as kept for results and history. `value` is None when skipped or unanswered; else
    `{"answer": content indexes or {field: text}, "shown": content indexes in the order shown}` ("shown"
    for QCU/QCM); answers recorded before the proposals were shuffled hold the bare payload, in the
    content's indexes (the order shown then)."""

    user_id: str
    competence: str
    assessment_id: str
    number: int  # 1-based, in the assessment
    challenge_id: str
    result: str
    value: JsonValue
    focused_out: bool
    time_spent_ms: int
    answered_at: datetime

    @classmethod
    def of(cls, user_id: str, competence: str, assessment_id: str, answered: Answered) -> RecordedAnswer:
        return cls(
            user_id=user_id,
            competence=competence,
            assessment_id=assessment_id,
            number=answered.number,
            challenge_id=answered.challenge_id,
            result=answered.result.value,
            value=answered.value,
            focused_out=answered.given.focused_out,
            time_spent_ms=answered.time_spent_ms,
            answered_at=answered.at,
        )


@dataclass(frozen=True, slots=True)
class SavedTutorial:
    tutorial_id: str
    saved_at: datetime


@dataclass(frozen=True, slots=True)
class ProblemReport:
    """A learner's report on a challenge: the content team reads them by challenge, the learner's data
    export by learner (the store keeps a copy in the learner's partition)."""

    report_id: str
    challenge_id: str
    competence: str
    category: str
    comment: str | None
    user_id: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class ReportQuota:
    """At most `limit` reports per `window` (an hour, named by its start) and learner."""

    window: str
    limit: int


class EvaluationStore(Protocol):
    """The room's persistence. Reads of a learner's competence are consistent unless said otherwise.

    Raises `StaleWrite` when a conditional write finds the item changed, and `errors.Unavailable`
    (STORAGE_UNAVAILABLE) when the database does not answer: the write may or may not have happened.
    """

    def competence(self, user_id: str, code: str, *, consistent: bool = True) -> CompetenceProgress | None: ...

    def competences(self, user_id: str) -> list[CompetenceProgress]: ...

    def save_competence(self, progress: CompetenceProgress) -> None:
        """Write `progress` if the stored version is `progress.version - 1` (absent when that is 0)."""

    def record_answer(self, answer: RecordedAnswer, progress: CompetenceProgress) -> None:
        """One conditional write of both: the answer if new, the progress as `save_competence`."""

    def answers(self, user_id: str, code: str | None = None, assessment_id: str | None = None,
                *, consistent: bool = False) -> list[RecordedAnswer]:
        """The learner's answers (of a competence, of one of its assessments), in order."""

    def all_answers(self, segment: int = 0, segments: int = 1) -> Iterator[RecordedAnswer]:
        """Every learner's answers, in no particular order, for the calibration export: part `segment` of
        `segments` (a parallel scan: each part read by its own worker). Never on a learner's request."""

    def saved_tutorials(self, user_id: str) -> list[SavedTutorial]: ...

    def saved_tutorials_page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[SavedTutorial], str | None]:
        """At most `limit` saved tutorials in id order, after the tutorial id `after`; and the id to
        continue after, None when the list is finished."""

    def saved_tutorial(self, user_id: str, tutorial_id: str) -> SavedTutorial | None: ...

    def save_tutorial(self, user_id: str, saved: SavedTutorial) -> None: ...

    def unsave_tutorial(self, user_id: str, tutorial_id: str) -> bool:
        """Remove a saved tutorial; False when it was not saved."""

    def report_problem(self, report: ProblemReport, quota: ReportQuota) -> bool:
        """Keep the report if the learner has sent fewer than `quota.limit` in `quota.window` (counted in one
        atomic write with the report); False when over the quota (nothing kept)."""

    def problem_reports(self, user_id: str) -> list[ProblemReport]:
        """The reports a learner sent, from the copy in their own partition."""

    def campaign(self, user_id: str, participation_id: str, *, consistent: bool = True) -> CampaignRead:
        """The campaign assessment of a participation and the learner's competences, in one read."""

    def campaigns(self, user_id: str) -> list[CampaignProgress]:
        """Every campaign test of the learner (for their data export)."""

    def start_campaign(self, progress: CampaignProgress, competences: Sequence[CompetenceProgress] = ()) -> None:
        """Write a new campaign assessment if the participation has none (else `StaleWrite`), and in the same
        conditional write the `competences` whose knowledge it changes (a retry forgets some), each as
        `save_competence`."""

    def record_campaign_answer(
        self, answer: RecordedAnswer, progress: CampaignProgress, competence: CompetenceProgress
    ) -> None:
        """One conditional write of the three: the answer if new, the campaign assessment and the answered
        competence's progress each if its stored version is the one before (absent when that is 0)."""
