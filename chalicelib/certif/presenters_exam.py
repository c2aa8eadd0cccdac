"""What the candidate's pages and the invigilator's portal show of a course (schemas_exam.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal, cast

from chalicelib.certif import exam
from chalicelib.certif import schemas_exam as out
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.exam import Course
from chalicelib.certif.issue_reports import CATEGORY_LABELS, SUBCATEGORY_LABELS, Category, Subcategory
from chalicelib.certif.sessions import Session
from chalicelib.content.api import Challenge
from chalicelib.evaluation.api import challenge_view

EndedBy = Literal["finished", "time", "invigilator"] | None


def state(course: Course) -> out.CourseState:
    answered = len(course.assessment.answers) if course.assessment else 0
    return out.CourseState(
        course_id=course.id, session_id=course.session_id, status=cast(out.CourseStatus, course.status),
        started=course.started, ended_by=cast(EndedBy, course.ended_by), answered=answered,
        total=len(course.planned),
    )


def running(course: Course, challenges: Mapping[str, Challenge], now: datetime, *, with_entry: bool) -> out.Running:
    assessment = course.assessment
    assert assessment is not None and course.ends_at is not None
    served = assessment.served
    return out.Running(
        course_id=course.id, entry_id=course.entry_id if with_entry else None,
        status="completed" if assessment.completed else "started", ended_by=cast(EndedBy, course.ended_by),
        challenge=challenge_view(challenges[served], course.id) if served else None,  # this course's order
        number=len(assessment.answers) + (1 if served else 0), total=len(course.planned),
        ends_at=course.ends_at, now=now,
    )


def report(r: exam.Report) -> out.ReportOut:
    sub = Subcategory(r.subcategory) if r.subcategory else None
    return out.ReportOut(
        category=r.category, category_label=CATEGORY_LABELS[Category(r.category)], subcategory=r.subcategory,
        subcategory_label=SUBCATEGORY_LABELS[sub] if sub else None, question_number=r.question_number,
        description=r.description, at=r.at,
    )


def supervised(candidate: Candidate, course: Course | None, now: datetime) -> out.SupervisedCandidate:
    """A row of the invigilator's list. A test whose time ran out shows ended even before the candidate's page
    or an entry touched it: the server refuses any later answer as out of time and ends it."""
    answered = len(course.assessment.answers) if course and course.assessment else 0
    status = course.status if course else "absent"
    ended_by = course.ended_by if course else None
    if course and course.ends_at and not course.completed and now >= course.ends_at:
        status, ended_by = exam.ENDED, exam.ENDED_TIME
    return out.SupervisedCandidate(
        candidate_id=candidate.id, last_name=candidate.last_name, first_name=candidate.first_name,
        birth_date=candidate.birth_date, extra_time_percentage=candidate.extra_time_percentage,
        status=cast(Literal["absent", "linked", "waiting", "authorised", "in_progress", "ended"],
                    status),
        ended_by=cast(EndedBy, ended_by), answered=answered,
        total=len(course.planned) if course else 0, started_at=course.started_at if course else None,
        ends_at=course.ends_at if course else None,
        reports=[report(r) for r in course.reports] if course else [],
    )


def supervision(session: Session, enrolled: list[Candidate], courses: list[Course], now: datetime) -> out.Supervision:
    by_candidate = {c.candidate_id: c for c in courses}
    rows = sorted(enrolled, key=lambda c: (c.last_name.lower(), c.first_name.lower(), c.id))
    return out.Supervision(
        session_id=session.id, address=session.details.address, room=session.details.room,
        date=session.details.date, time=session.details.time.strftime("%H:%M"),
        candidates=[supervised(c, by_candidate.get(c.id), now) for c in rows], now=now,
    )
