"""The evaluation room's DynamoDB store: the only module that imports its PynamoDB models.

It turns records into the domain objects of `domain.py` and back, and DynamoDB's failures into the
store's two outcomes: `StaleWrite` (a condition failed: someone wrote first) and `Unavailable`
(STORAGE_UNAVAILABLE: throttled, an AWS-side error, or no answer at all — a timeout has no response
code, and the write may or may not have happened). Keys and costs: models.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PynamoDBException, TransactWriteError
from pynamodb.expressions.condition import Condition, size

from chalicelib import db
from chalicelib.db import transaction
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.errors import Unavailable
from chalicelib.evaluation import models as m
from chalicelib.evaluation.assessment import dump_knowledge, load_knowledge
from chalicelib.evaluation.domain import (
    CampaignProgress,
    CampaignRead,
    CompetenceProgress,
    EvaluationStore,
    ProblemReport,
    RecordedAnswer,
    ReportQuota,
    SavedTutorial,
    StaleWrite,
)
from chalicelib.evaluation.runner import COMPLETED, Assessment

# No response (None), or DynamoDB saying "not now": the learner may try again in a moment.
_UNAVAILABLE = {
    None, "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
    "InternalServerError", "ServiceUnavailable",
}


def unavailable() -> Unavailable:
    return Unavailable("STORAGE_UNAVAILABLE", "Le service est momentanément indisponible : réessayez dans un instant.")


@contextmanager
def _storage() -> Iterator[None]:
    try:
        yield
    except PynamoDBException as error:
        if db.condition_failed(error):
            raise StaleWrite(db.response_code(error)) from error
        if db.response_code(error) in _UNAVAILABLE:
            raise unavailable() from error
        raise


class DynamoEvaluationStore:
    """`EvaluationStore` on the `learning` and `problem-reports` tables."""

    def competence(self, user_id: str, code: str, *, consistent: bool = True) -> CompetenceProgress | None:
        with _storage():
            try:
                return _progress(m.CompetenceRecord.get(user_id, m.competence_key(code), consistent_read=consistent))
            except m.CompetenceRecord.DoesNotExist:
                return None

    def competences(self, user_id: str) -> list[CompetenceProgress]:
        with _storage():
            query = m.CompetenceRecord.query(user_id, m.CompetenceRecord.sk.startswith(m.competence_key("")))
            return [_progress(record) for record in query]

    def save_competence(self, progress: CompetenceProgress) -> None:
        with _storage():
            _record(progress).save(condition=_expected(progress))

    def record_answer(self, answer: RecordedAnswer, progress: CompetenceProgress) -> None:
        with _storage(), transaction() as tx:
            tx.save(_answer_record(answer), condition=m.AnswerRecord.sk.does_not_exist())
            tx.save(_record(progress), condition=_expected(progress))

    def answers(self, user_id: str, code: str | None = None, assessment_id: str | None = None,
                *, consistent: bool = False) -> list[RecordedAnswer]:
        if code and assessment_id:
            prefix = m.answers_prefix(code, assessment_id)
        else:
            prefix = f"ANSWER#{code}#" if code else "ANSWER#"
        with _storage():
            query = m.AnswerRecord.query(user_id, m.AnswerRecord.sk.startswith(prefix), consistent_read=consistent)
            return [_answer(item) for item in query]

    def all_answers(self, segment: int = 0, segments: int = 1) -> Iterator[RecordedAnswer]:
        # A scan of the learning table filtered on the answers' sort keys: an offline export, read by parts.
        with _storage():
            scan = m.AnswerRecord.scan(
                m.AnswerRecord.sk.startswith("ANSWER#"), segment=segment, total_segments=segments
            )
            for item in scan:
                yield _answer(item)

    def saved_tutorials(self, user_id: str) -> list[SavedTutorial]:
        with _storage():
            query = m.SavedTutorial.query(user_id, m.SavedTutorial.sk.startswith(m.tutorial_key("")))
            return [SavedTutorial(item.tutorial_id, item.saved_at) for item in query]

    def saved_tutorials_page(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[SavedTutorial], str | None]:
        start = {"user_id": {"S": user_id}, "sk": {"S": m.tutorial_key(after)}} if after else None
        with _storage():
            query = m.SavedTutorial.query(user_id, m.SavedTutorial.sk.startswith(m.tutorial_key("")), limit=limit,
                                          last_evaluated_key=start)
            page = [SavedTutorial(item.tutorial_id, item.saved_at) for item in query]
            last = query.last_evaluated_key
        # DynamoDB may say "more" when exactly `limit` were left: the next page is then empty, and final.
        return page, page[-1].tutorial_id if last and page else None

    def saved_tutorial(self, user_id: str, tutorial_id: str) -> SavedTutorial | None:
        with _storage():
            try:
                item = m.SavedTutorial.get(user_id, m.tutorial_key(tutorial_id))
            except m.SavedTutorial.DoesNotExist:
                return None
            return SavedTutorial(item.tutorial_id, item.saved_at)

    def save_tutorial(self, user_id: str, saved: SavedTutorial) -> None:
        with _storage():
            m.SavedTutorial(
                user_id, m.tutorial_key(saved.tutorial_id), tutorial_id=saved.tutorial_id, saved_at=saved.saved_at
            ).save()

    def unsave_tutorial(self, user_id: str, tutorial_id: str) -> bool:
        try:
            with _storage():
                m.SavedTutorial(user_id, m.tutorial_key(tutorial_id)).delete(condition=m.SavedTutorial.sk.exists())
        except StaleWrite:
            return False
        return True

    def report_problem(self, report: ProblemReport, quota: ReportQuota) -> bool:
        window = m.ReportWindow(report.user_id, m.reports_key(quota.window))
        reports = m.ReportWindow.reports
        try:
            with _storage(), transaction() as tx:
                tx.update(
                    window,
                    actions=[reports.set((reports | []).append([_report_json(report)]))],
                    condition=reports.does_not_exist() | (size(reports) < quota.limit),  # type: ignore[no-untyped-call]
                )
                tx.save(
                    m.ProblemReport(
                        report.challenge_id, report.report_id, competence=report.competence,
                        category=report.category, comment=report.comment, user_id=report.user_id,
                        reported_at=report.reported_at,
                    ),
                    condition=m.ProblemReport.report_id.does_not_exist(),
                )
        except StaleWrite as stale:
            cause = stale.__cause__
            reasons = cause.cancellation_reasons if isinstance(cause, TransactWriteError) else []
            # (PynamoDB orders a transaction's items by kind: find the failed condition, the window's.)
            if any(reason is not None and reason.code == "ConditionalCheckFailed" for reason in reasons):
                return False  # the window's list is full
            raise unavailable() from stale  # another write of the same item at the same instant
        return True

    def problem_reports(self, user_id: str) -> list[ProblemReport]:
        with _storage():
            query = m.ReportWindow.query(user_id, m.ReportWindow.sk.startswith(m.reports_key("")))
            return [_report(user_id, json.loads(str(text))) for window in query for text in window.reports]

    def campaign(self, user_id: str, participation_id: str, *, consistent: bool = True) -> CampaignRead:
        # `COMP#…` < `PART#…`: one Query reads the competences and the participation (models.py).
        part_key = m.participation_key(participation_id)
        condition = m.CompetenceRecord.sk.between(m.competence_key(""), part_key)
        campaign = None
        competences = {}
        start = None
        with _storage():
            while True:
                page = m.CompetenceRecord._get_connection().query(
                    user_id, range_key_condition=condition, consistent_read=consistent, exclusive_start_key=start
                )
                for raw in page.get("Items", []):
                    sk = raw["sk"]["S"]
                    if sk.startswith(m.competence_key("")):
                        progress = _progress(m.CompetenceRecord.from_raw_data(raw))
                        competences[progress.competence] = progress
                    elif sk == part_key:
                        campaign = _campaign(m.ParticipationRecord.from_raw_data(raw))
                start = page.get("LastEvaluatedKey")
                if not start:
                    break
        return CampaignRead(campaign, competences)

    def campaigns(self, user_id: str) -> list[CampaignProgress]:
        with _storage():
            query = m.ParticipationRecord.query(user_id, m.ParticipationRecord.sk.startswith(m.participation_key("")))
            return [_campaign(record) for record in query]

    def start_campaign(self, progress: CampaignProgress, competences: Sequence[CompetenceProgress] = ()) -> None:
        if not competences:
            with _storage():
                _campaign_record(progress).save(condition=m.ParticipationRecord.sk.does_not_exist())
            return
        with _storage(), transaction() as tx:
            tx.save(_campaign_record(progress), condition=m.ParticipationRecord.sk.does_not_exist())
            for changed in competences:
                tx.save(_record(changed), condition=_expected(changed))

    def record_campaign_answer(
        self, answer: RecordedAnswer, progress: CampaignProgress, competence: CompetenceProgress
    ) -> None:
        with _storage(), transaction() as tx:
            tx.save(_answer_record(answer), condition=m.AnswerRecord.sk.does_not_exist())
            tx.save(_campaign_record(progress), condition=m.ParticipationRecord.version == progress.version - 1)
            tx.save(_record(competence), condition=_expected(competence))


_store: EvaluationStore | None = None


def get_store() -> EvaluationStore:
    """The store the service uses: DynamoDB, unless a test put another in place with `use_store`."""
    global _store
    if _store is None:
        _store = DynamoEvaluationStore()
    return _store


def use_store(store: EvaluationStore | None) -> None:
    global _store
    _store = store


# --- records ↔ domain objects ------------------------------------------------------------------------


def _expected(progress: CompetenceProgress) -> Condition:
    previous = progress.version - 1
    return m.CompetenceRecord.sk.does_not_exist() if previous == 0 else m.CompetenceRecord.version == previous


def _progress(record: m.CompetenceRecord) -> CompetenceProgress:
    assessment = _assessment(record) if record.assessment_id else None
    knowledge = load_knowledge(record.knowledge) if record.knowledge else knowledge_rules.empty(record.competence)
    return CompetenceProgress(record.user_id, record.competence, knowledge, assessment, int(record.version))


def _record(progress: CompetenceProgress) -> m.CompetenceRecord:
    a = progress.assessment
    return m.CompetenceRecord(
        progress.user_id,
        m.competence_key(progress.competence),
        competence=progress.competence,
        knowledge=dump_knowledge(progress.knowledge),
        version=progress.version,
        assessment_id=a.id if a else None,
        status=a.status if a else None,
        started_at=a.started_at if a else None,
        completed_at=a.completed_at if a else None,
        answers=json.dumps(_entries(a) if a else [], separators=(",", ":"), ensure_ascii=False),
        served_challenge=a.served if a else None,
        served_at=a.served_at if a else None,
    )


def _assessment(record: m.CompetenceRecord | m.ParticipationRecord) -> Assessment:
    """The assessment an item holds: [challenge_id, result] per answer, the last ones (those the next
    checkpoint reviews) with the learner's answer as a third element."""
    assert record.assessment_id is not None and record.started_at is not None
    entries = json.loads(record.answers or "[]")
    return Assessment(
        id=record.assessment_id,
        status=record.status or COMPLETED,
        started_at=record.started_at,
        answers=tuple((entry[0], entry[1]) for entry in entries),
        recent=tuple(entry[2] for entry in entries if len(entry) > 2),
        served=record.served_challenge,
        served_at=record.served_at,
        completed_at=record.completed_at,
    )


def _campaign(record: m.ParticipationRecord) -> CampaignProgress:
    return CampaignProgress(
        record.user_id, record.participation_id, frozenset(json.loads(record.skills)), _assessment(record),
        int(record.version),
    )


def _campaign_record(progress: CampaignProgress) -> m.ParticipationRecord:
    a = progress.assessment
    return m.ParticipationRecord(
        progress.user_id,
        m.participation_key(progress.participation_id),
        participation_id=progress.participation_id,
        skills=json.dumps(sorted(progress.skills), separators=(",", ":"), ensure_ascii=False),
        version=progress.version,
        assessment_id=a.id,
        status=a.status,
        started_at=a.started_at,
        completed_at=a.completed_at,
        answers=json.dumps(_entries(a), separators=(",", ":"), ensure_ascii=False),
        served_challenge=a.served,
        served_at=a.served_at,
    )


def _entries(assessment: Assessment) -> list[list[object]]:
    """The answers as stored on the item, the recent ones with what the learner answered."""
    entries: list[list[object]] = [list(x) for x in assessment.answers]
    first_recent = len(entries) - len(assessment.recent)
    for entry, given in zip(entries[first_recent:], assessment.recent, strict=True):
        entry.append(given)
    return entries


def _answer_record(answer: RecordedAnswer) -> m.AnswerRecord:
    return m.AnswerRecord(
        answer.user_id,
        m.answer_key(answer.competence, answer.assessment_id, answer.number),
        assessment_id=answer.assessment_id,
        challenge_id=answer.challenge_id,
        result=answer.result,
        value=None if answer.value is None else json.dumps(answer.value, ensure_ascii=False),
        focused_out=int(answer.focused_out),
        time_spent_ms=answer.time_spent_ms,
        answered_at=answer.answered_at,
    )


def _answer(item: m.AnswerRecord) -> RecordedAnswer:
    _, competence, _, number = item.sk.split("#")
    return RecordedAnswer(
        user_id=item.user_id,
        competence=competence,
        assessment_id=item.assessment_id,
        number=int(number),
        challenge_id=item.challenge_id,
        result=item.result,
        value=json.loads(item.value) if item.value else None,
        focused_out=bool(item.focused_out),
        time_spent_ms=int(item.time_spent_ms),
        answered_at=item.answered_at,
    )


def _report_json(report: ProblemReport) -> str:
    return json.dumps(
        {
            "report_id": report.report_id, "challenge_id": report.challenge_id, "competence": report.competence,
            "category": report.category, "comment": report.comment, "reported_at": report.reported_at.isoformat(),
        },
        ensure_ascii=False,
    )


def _report(user_id: str, data: dict[str, Any]) -> ProblemReport:
    return ProblemReport(
        report_id=data["report_id"], challenge_id=data["challenge_id"], competence=data["competence"],
        category=data["category"], comment=data["comment"], user_id=user_id,
        reported_at=datetime.fromisoformat(data["reported_at"]),
    )
