"""What the certification course's use cases ask of storage (`store/courses.py` on DynamoDB, its in-memory twin
`store/memory_courses.py` for the unit tests). Keys and costs in models/courses.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import JsonValue

from chalicelib.certif.candidates import Candidate
from chalicelib.certif.exam import Course


@dataclass(frozen=True, slots=True)
class RecordedAnswer:
    """One answer of a course, as written once (its number in the order asked, from 1)."""

    session_id: str
    candidate_id: str
    number: int
    challenge_id: str
    result: str
    value: JsonValue
    focused_out: bool
    time_spent_ms: int
    answered_at: datetime


class CourseStore(Protocol):
    def course(self, session_id: str, candidate_id: str, *, consistent: bool = True) -> Course | None: ...
    def courses(self, session_id: str) -> list[Course]: ...
    # The candidate's account linked and their course created in one transaction: Stale when the candidate
    # was linked to someone else meanwhile (or the course already exists).
    def link(self, candidate: Candidate, course: Course) -> None: ...
    def save_course(self, course: Course) -> Course: ...  # Stale; returns it with its new version
    def record_answer(self, course: Course, answer: RecordedAnswer) -> Course: ...  # Stale (answer or version)
    def answers(self, session_id: str, candidate_id: str) -> list[RecordedAnswer]: ...
    def course_of(self, user_id: str) -> tuple[str, str] | None: ...  # the learner's (session id, candidate id)
    def grant_invigilator(self, session_id: str, user_id: str, now: datetime, until: datetime) -> None: ...
    def invigilator_until(self, session_id: str, user_id: str) -> datetime | None: ...
    def count_failure(self, user_id: str, hour: str, limit: int, expires: datetime) -> bool: ...  # False: limit hit
    def failures(self, user_id: str, hour: str) -> int: ...
