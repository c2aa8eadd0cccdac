"""Certification courses, their answers, invigilators' grants and password guards on DynamoDB (`certif-sessions`;
keys and costs in models/courses.py). A failed condition becomes `Stale`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PynamoDBException, UpdateError

from chalicelib import db
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.course import Planned
from chalicelib.certif.exam import Course, Report
from chalicelib.certif.exam_ports import RecordedAnswer
from chalicelib.certif.models.courses import (
    ANSWER_PREFIX,
    COURSE_PREFIX,
    INVIGILATOR_PREFIX,
    USER_COURSE_SK,
    CourseAnswerRecord,
    CourseRecord,
    GuardRecord,
    InvigilatorRecord,
    UserCourseRecord,
    guard_pk,
    user_pk,
)
from chalicelib.certif.models.sessions import CANDIDATE_PREFIX, CandidateRecord, session_pk
from chalicelib.certif.ports import Stale
from chalicelib.content.api import get_release
from chalicelib.evaluation.api import runner


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def assessment_json(assessment: runner.Assessment | None) -> dict[str, Any] | None:
    if assessment is None:
        return None
    return {
        "id": assessment.id, "status": assessment.status, "started_at": _time(assessment.started_at),
        "answers": [list(a) for a in assessment.answers], "served": assessment.served,
        "served_at": _time(assessment.served_at), "completed_at": _time(assessment.completed_at),
        "recent": list(assessment.recent),
    }


def assessment_of(data: dict[str, Any] | None) -> runner.Assessment | None:
    if not data:
        return None
    started_at = _parse(data["started_at"])
    assert started_at is not None
    return runner.Assessment(
        id=data["id"], status=data["status"], started_at=started_at,
        answers=tuple((a[0], a[1]) for a in data["answers"]), served=data.get("served"),
        served_at=_parse(data.get("served_at")), completed_at=_parse(data.get("completed_at")),
        recent=tuple(data.get("recent") or ()),
    )


def planned_json(planned: tuple[Planned, ...]) -> list[str] | None:
    """The challenges only: their competence, skill and level are the release's (immutable per deployment),
    which keeps the course's item, rewritten at each answer, small."""
    return [p.challenge_id for p in planned] or None


def planned_of(data: list[str] | None) -> tuple[Planned, ...]:
    challenges = get_release().challenges
    return tuple(Planned(c, challenges[c].competence, challenges[c].skill, challenges[c].level) for c in data or [])


def profile_json(profile: tuple[tuple[str, int, int], ...]) -> dict[str, list[int]] | None:
    return {code: [level, pix] for code, level, pix in profile} or None


def profile_of(data: dict[str, list[int]] | None) -> tuple[tuple[str, int, int], ...]:
    return tuple((code, int(level), int(pix)) for code, (level, pix) in sorted((data or {}).items()))


def reports_json(reports: tuple[Report, ...]) -> list[dict[str, Any]] | None:
    return [{"category": r.category, "subcategory": r.subcategory, "question": r.question_number,
             "description": r.description, "at": _time(r.at)} for r in reports] or None


def reports_of(data: list[dict[str, Any]] | None) -> tuple[Report, ...]:
    return tuple(Report(r["category"], r.get("subcategory"), r.get("question"), r.get("description") or "",
                        _parse(r["at"]) or datetime.min) for r in (data or []))


def _course(record: CourseRecord) -> Course:
    return Course(
        session_id=record.pk.removeprefix("session#"), candidate_id=record.sk.removeprefix(COURSE_PREFIX),
        user_id=record.user_id, extra_time_percentage=int(record.extra_time_percentage or 0),
        linked_at=record.linked_at, entry=record.entry or "none", entry_id=record.entry_id,
        entered_at=record.entered_at, planned=planned_of(record.planned), profile=profile_of(record.profile),
        assessment=assessment_of(record.assessment), ended_by=record.ended_by, reports=reports_of(record.reports),
        version=int(record.version or 0),
    )


def _course_record(course: Course, version: int) -> CourseRecord:
    return CourseRecord(
        session_pk(course.session_id), COURSE_PREFIX + course.candidate_id, user_id=course.user_id,
        extra_time_percentage=course.extra_time_percentage, linked_at=course.linked_at, entry=course.entry,
        entry_id=course.entry_id, entered_at=course.entered_at, planned=planned_json(course.planned),
        profile=profile_json(course.profile), assessment=assessment_json(course.assessment), ended_by=course.ended_by,
        reports=reports_json(course.reports), version=version,
    )


def _answer_sk(candidate_id: str, number: int) -> str:
    return f"{ANSWER_PREFIX}{candidate_id}#{number:03d}"


def _failed(error: PynamoDBException) -> Stale:
    if db.condition_failed(error):
        return Stale()
    raise error


class DynamoCourseStore:
    def course(self, session_id: str, candidate_id: str, *, consistent: bool = True) -> Course | None:
        try:
            return _course(CourseRecord.get(session_pk(session_id), COURSE_PREFIX + candidate_id,
                                            consistent_read=consistent))
        except CourseRecord.DoesNotExist:
            return None

    def courses(self, session_id: str) -> list[Course]:
        query = CourseRecord.query(session_pk(session_id), CourseRecord.sk.startswith(COURSE_PREFIX))
        return [_course(r) for r in query]

    def link(self, candidate: Candidate, course: Course) -> None:
        try:
            with db.transaction() as tx:
                tx.update(CandidateRecord(session_pk(candidate.session_id), CANDIDATE_PREFIX + candidate.id),
                          actions=[CandidateRecord.user_id.set(course.user_id)],
                          condition=CandidateRecord.pk.exists() & (CandidateRecord.user_id.does_not_exist()
                                                                   | (CandidateRecord.user_id == course.user_id)))
                tx.save(_course_record(course, 0), condition=CourseRecord.pk.does_not_exist())
                tx.save(UserCourseRecord(user_pk(course.user_id), USER_COURSE_SK, session_id=course.session_id,
                                         candidate_id=course.candidate_id))
        except PynamoDBException as error:
            raise _failed(error) from error

    def save_course(self, course: Course) -> Course:
        try:
            _course_record(course, course.version + 1).save(condition=CourseRecord.version == course.version)
        except PynamoDBException as error:
            raise _failed(error) from error
        return _bumped(course)

    def record_answer(self, course: Course, answer: RecordedAnswer) -> Course:
        record = CourseAnswerRecord(
            session_pk(answer.session_id), _answer_sk(answer.candidate_id, answer.number), number=answer.number,
            challenge_id=answer.challenge_id, result=answer.result, value=answer.value,
            focused_out=answer.focused_out, time_spent_ms=answer.time_spent_ms, answered_at=answer.answered_at)
        try:
            with db.transaction() as tx:
                tx.save(record, condition=CourseAnswerRecord.pk.does_not_exist())
                tx.save(_course_record(course, course.version + 1), condition=CourseRecord.version == course.version)
        except PynamoDBException as error:
            raise _failed(error) from error
        return _bumped(course)

    def answers(self, session_id: str, candidate_id: str) -> list[RecordedAnswer]:
        query = CourseAnswerRecord.query(session_pk(session_id),
                                         CourseAnswerRecord.sk.startswith(f"{ANSWER_PREFIX}{candidate_id}#"),
                                         consistent_read=True)
        return [RecordedAnswer(session_id, candidate_id, int(r.number), r.challenge_id, r.result, r.value,
                               bool(r.focused_out), int(r.time_spent_ms or 0), r.answered_at) for r in query]

    def course_of(self, user_id: str) -> tuple[str, str] | None:
        try:
            found = UserCourseRecord.get(user_pk(user_id), USER_COURSE_SK, consistent_read=True)
        except UserCourseRecord.DoesNotExist:
            return None
        return found.session_id, found.candidate_id

    def grant_invigilator(self, session_id: str, user_id: str, now: datetime, until: datetime) -> None:
        InvigilatorRecord(session_pk(session_id), INVIGILATOR_PREFIX + user_id, granted_at=now, until=until).save()

    def invigilator_until(self, session_id: str, user_id: str) -> datetime | None:
        try:
            return InvigilatorRecord.get(session_pk(session_id), INVIGILATOR_PREFIX + user_id,
                                         consistent_read=True).until
        except InvigilatorRecord.DoesNotExist:
            return None

    def count_failure(self, user_id: str, hour: str, limit: int, expires: datetime) -> bool:
        try:
            GuardRecord(guard_pk(user_id), INVIGILATOR_PREFIX + hour).update(
                actions=[GuardRecord.failures.add(1), GuardRecord.expires.set(expires)],
                condition=GuardRecord.failures.does_not_exist() | (GuardRecord.failures < limit))
        except UpdateError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def failures(self, user_id: str, hour: str) -> int:
        try:
            return int(GuardRecord.get(guard_pk(user_id), INVIGILATOR_PREFIX + hour, consistent_read=True).failures)
        except GuardRecord.DoesNotExist:
            return 0


def _bumped(course: Course) -> Course:
    return replace(course, version=course.version + 1)
