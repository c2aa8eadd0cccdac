"""The in-memory twin of the course store, for the use-case tests: same contracts, same conditions. Linking
writes the candidate's account into the sessions twin it is given (as the DynamoDB store's transaction does)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.certif.candidates import Candidate
from chalicelib.certif.exam import Course
from chalicelib.certif.exam_ports import RecordedAnswer
from chalicelib.certif.ports import Stale
from chalicelib.certif.store.memory import MemoryCertifStore


class MemoryCourseStore:
    def __init__(self, sessions: MemoryCertifStore) -> None:
        self._sessions = sessions
        self._courses: dict[tuple[str, str], Course] = {}
        self._answers: dict[tuple[str, str, int], RecordedAnswer] = {}
        self._users: dict[str, tuple[str, str]] = {}
        self._invigilators: dict[tuple[str, str], datetime] = {}
        self._failures: dict[tuple[str, str], int] = {}

    def course(self, session_id: str, candidate_id: str, *, consistent: bool = True) -> Course | None:
        return self._courses.get((session_id, candidate_id))

    def courses(self, session_id: str) -> list[Course]:
        return [c for (s, _), c in sorted(self._courses.items()) if s == session_id]

    def link(self, candidate: Candidate, course: Course) -> None:
        enrolled = {c.id: c for c in self._sessions.candidates(candidate.session_id)}
        current = enrolled.get(candidate.id)
        if current is None or current.user_id not in (None, course.user_id) or course.id_key in self._courses:
            raise Stale()
        self._sessions._candidates[candidate.session_id][candidate.id] = replace(current, user_id=course.user_id)
        self._courses[course.id_key] = course
        self._users[course.user_id] = course.id_key

    def save_course(self, course: Course) -> Course:
        current = self._courses.get(course.id_key)
        if current is None or current.version != course.version:
            raise Stale()
        saved = replace(course, version=course.version + 1)
        self._courses[course.id_key] = saved
        return saved

    def record_answer(self, course: Course, answer: RecordedAnswer) -> Course:
        key = (answer.session_id, answer.candidate_id, answer.number)
        if key in self._answers:
            raise Stale()
        saved = self.save_course(course)
        self._answers[key] = answer
        return saved

    def answers(self, session_id: str, candidate_id: str) -> list[RecordedAnswer]:
        return [a for (s, c, _), a in sorted(self._answers.items()) if (s, c) == (session_id, candidate_id)]

    def course_of(self, user_id: str) -> tuple[str, str] | None:
        return self._users.get(user_id)

    def grant_invigilator(self, session_id: str, user_id: str, now: datetime, until: datetime) -> None:
        self._invigilators[(session_id, user_id)] = until

    def invigilator_until(self, session_id: str, user_id: str) -> datetime | None:
        return self._invigilators.get((session_id, user_id))

    def count_failure(self, user_id: str, hour: str, limit: int, expires: datetime) -> bool:
        count = self._failures.get((user_id, hour), 0)
        if count >= limit:
            return False
        self._failures[(user_id, hour)] = count + 1
        return True

    def failures(self, user_id: str, hour: str) -> int:
        return self._failures.get((user_id, hour), 0)
