"""An in-memory `EvaluationStore` for service tests: same interface and conditions as store.py, no AWS.

Two hooks reproduce what only a real database does:
- `before_write`, called between the service's read and each conditional write: a test writes there as
  another request would (another tab, a double click), so the condition finds the item changed;
- `fail_writes`, an exception raised by the next write instead of writing (`lost_response=True`: after
  the write, as when DynamoDB applied it and the response never came back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from chalicelib.evaluation.domain import (
    CampaignProgress,
    CampaignRead,
    CompetenceProgress,
    ProblemReport,
    RecordedAnswer,
    ReportQuota,
    SavedTutorial,
    StaleWrite,
)


@dataclass
class InMemoryEvaluationStore:
    competences_: dict[tuple[str, str], CompetenceProgress] = field(default_factory=dict)
    answers_: dict[tuple[str, str, str, int], RecordedAnswer] = field(default_factory=dict)
    saved_: dict[tuple[str, str], SavedTutorial] = field(default_factory=dict)
    reports_: dict[tuple[str, str], list[ProblemReport]] = field(default_factory=dict)  # (user, window)
    team_reports: list[ProblemReport] = field(default_factory=list)  # the content team's table
    campaigns_: dict[tuple[str, str], CampaignProgress] = field(default_factory=dict)  # (user, participation)
    before_write: Callable[[], None] | None = None
    fail_writes: Exception | None = None
    lost_response: bool = False
    reads: int = 0
    writes: int = 0

    # --- reads ---

    def competence(self, user_id: str, code: str, *, consistent: bool = True) -> CompetenceProgress | None:
        self.reads += 1
        return self.competences_.get((user_id, code))

    def competences(self, user_id: str) -> list[CompetenceProgress]:
        self.reads += 1
        return [p for (user, _), p in sorted(self.competences_.items()) if user == user_id]

    def answers(self, user_id: str, code: str | None = None, assessment_id: str | None = None,
                *, consistent: bool = False) -> list[RecordedAnswer]:
        self.reads += 1
        return [
            a for key, a in sorted(self.answers_.items())
            if key[0] == user_id and code in (None, key[1]) and assessment_id in (None, key[2])
        ]

    def all_answers(self, segment: int = 0, segments: int = 1) -> Iterator[RecordedAnswer]:
        self.reads += 1
        return iter([a for i, (_, a) in enumerate(sorted(self.answers_.items())) if i % segments == segment])

    def saved_tutorials(self, user_id: str) -> list[SavedTutorial]:
        self.reads += 1
        return [s for (user, _), s in sorted(self.saved_.items()) if user == user_id]

    def saved_tutorials_page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[SavedTutorial], str | None]:
        self.reads += 1
        rest = [s for (user, tid), s in sorted(self.saved_.items())
                if user == user_id and (after is None or tid > after)]
        return rest[:limit], rest[limit - 1].tutorial_id if len(rest) > limit else None

    def saved_tutorial(self, user_id: str, tutorial_id: str) -> SavedTutorial | None:
        self.reads += 1
        return self.saved_.get((user_id, tutorial_id))

    def problem_reports(self, user_id: str) -> list[ProblemReport]:
        self.reads += 1
        return [r for (user, _), reports in sorted(self.reports_.items()) if user == user_id for r in reports]

    def campaign(self, user_id: str, participation_id: str, *, consistent: bool = True) -> CampaignRead:
        self.reads += 1
        return CampaignRead(
            self.campaigns_.get((user_id, participation_id)),
            {code: p for (user, code), p in sorted(self.competences_.items()) if user == user_id},
        )

    def campaigns(self, user_id: str) -> list[CampaignProgress]:
        self.reads += 1
        return [c for (user, _), c in sorted(self.campaigns_.items()) if user == user_id]

    # --- writes ---

    def start_campaign(self, progress: CampaignProgress, competences: Sequence[CompetenceProgress] = ()) -> None:
        def all_of_them() -> None:
            for changed in competences:
                stored = self.competences_.get((changed.user_id, changed.competence))
                if (stored.version if stored else 0) != changed.version - 1:
                    raise StaleWrite("TransactionCanceledException")
            self._put_campaign(progress)
            for changed in competences:
                self.competences_[(changed.user_id, changed.competence)] = changed

        self._write(all_of_them)

    def record_campaign_answer(
        self, answer: RecordedAnswer, progress: CampaignProgress, competence: CompetenceProgress
    ) -> None:
        def all_three() -> None:
            key = (answer.user_id, answer.competence, answer.assessment_id, answer.number)
            if key in self.answers_:
                raise StaleWrite("TransactionCanceledException")
            stored = self.competences_.get((competence.user_id, competence.competence))
            if (stored.version if stored else 0) != competence.version - 1:
                raise StaleWrite("TransactionCanceledException")
            self._put_campaign(progress)
            self.competences_[(competence.user_id, competence.competence)] = competence
            self.answers_[key] = answer

        self._write(all_three)

    def save_competence(self, progress: CompetenceProgress) -> None:
        self._write(lambda: self._put_progress(progress))

    def record_answer(self, answer: RecordedAnswer, progress: CompetenceProgress) -> None:
        def both() -> None:
            key = (answer.user_id, answer.competence, answer.assessment_id, answer.number)
            if key in self.answers_:
                raise StaleWrite("TransactionCanceledException")
            self._put_progress(progress)
            self.answers_[key] = answer

        self._write(both)

    def save_tutorial(self, user_id: str, saved: SavedTutorial) -> None:
        self._write(lambda: self.saved_.__setitem__((user_id, saved.tutorial_id), saved))

    def unsave_tutorial(self, user_id: str, tutorial_id: str) -> bool:
        try:
            self._write(lambda: self._delete_saved(user_id, tutorial_id))
        except StaleWrite:
            return False
        return True

    def report_problem(self, report: ProblemReport, quota: ReportQuota) -> bool:
        window = self.reports_.setdefault((report.user_id, quota.window), [])
        if len(window) >= quota.limit:
            self.writes += 1  # a failed condition costs a write too
            return False

        def keep() -> None:
            window.append(report)
            self.team_reports.append(report)

        self._write(keep)
        return True

    # --- the conditions ---

    def _write(self, apply: Callable[[], None]) -> None:
        if self.before_write is not None:
            hook, self.before_write = self.before_write, None  # once: the other writer's own writes pass
            hook()
        self.writes += 1
        failure, self.fail_writes = self.fail_writes, None  # once, like a timeout
        if failure is not None and not self.lost_response:
            raise failure
        apply()
        if failure is not None:
            raise failure

    def _put_progress(self, progress: CompetenceProgress) -> None:
        stored = self.competences_.get((progress.user_id, progress.competence))
        if (stored.version if stored else 0) != progress.version - 1:
            raise StaleWrite("ConditionalCheckFailedException")
        self.competences_[(progress.user_id, progress.competence)] = progress

    def _put_campaign(self, progress: CampaignProgress) -> None:
        stored = self.campaigns_.get((progress.user_id, progress.participation_id))
        if (stored.version if stored else 0) != progress.version - 1:
            raise StaleWrite("ConditionalCheckFailedException")
        self.campaigns_[(progress.user_id, progress.participation_id)] = progress

    def _delete_saved(self, user_id: str, tutorial_id: str) -> None:
        if self.saved_.pop((user_id, tutorial_id), None) is None:
            raise StaleWrite("ConditionalCheckFailedException")
