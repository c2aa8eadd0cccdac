"""Request and response bodies of the certification test (the candidate's pages) and of the invigilator's portal."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, JsonValue

from chalicelib.certif import exam
from chalicelib.evaluation.api import ChallengeView
from chalicelib.web import Body

CourseStatus = Literal["linked", "waiting", "authorised", "in_progress", "ended"]


# --- the candidate ------------------------------------------------------------------------------------------

class TestedCompetence(BaseModel):
    code: str
    title: str
    level: int


class Eligibility(BaseModel):
    eligible: bool
    tested: list[TestedCompetence] = Field(description="The competences at level 1 or more: those the test asks.")
    missing: int = Field(description="How many more competences must reach level 1 (0 when eligible).")
    needed: int = Field(description="Competences at level 1 or more that eligibility asks (5).")
    course_id: str | None = Field(None, description="The learner's current certification, if they entered one.")


class JoinSession(Body):
    session_id: str = Field(min_length=1, max_length=20, description="The session number (8 digits).")
    last_name: str = Field(min_length=1, max_length=100, description="Birth name, as enrolled.")
    first_name: str = Field(min_length=1, max_length=100)
    birth_date: dt.date


class Enter(Body):
    access_code: str = Field(min_length=1, max_length=20)


class CourseState(BaseModel):
    """Where the candidate's course stands: what their page shows while they wait (polled)."""

    course_id: str = Field(description="The certification number.")
    session_id: str
    status: CourseStatus
    started: bool
    ended_by: Literal["finished", "time", "invigilator"] | None
    answered: int
    total: int = Field(description="Challenges of the course (0 before the first start).")


class Running(BaseModel):
    """The test as the candidate's page plays it: no right answer, no checkpoint."""

    course_id: str
    entry_id: str | None = Field(description="Given by the start only: the page keeps it in memory and sends it "
                                 "with each answer; a reload needs a new authorisation.")
    status: Literal["started", "completed"]
    ended_by: Literal["finished", "time", "invigilator"] | None
    challenge: ChallengeView | None = Field(description="The challenge to answer, its proposals in this course's "
                                            "order (the course id is the seed); None once completed.")
    number: int = Field(description="The served challenge's number, from 1.")
    total: int
    ends_at: dt.datetime = Field(description="The time limit (1 h 45 + extra time from the first start), "
                                 "enforced by the server.")
    now: dt.datetime = Field(description="The server's time, for the page's countdown.")


class CourseAnswer(Body):
    entry_id: str = Field(min_length=1, max_length=64)
    challenge_id: str = Field(min_length=1, max_length=64)
    answer: JsonValue = Field(None, description="QCU: a position (1-based, as shown); QCM: a list of positions; "
                              "QROC/QROCM: {field id: text}. Null when skipped or out of time.")
    skipped: bool = False
    focused_out: bool = Field(False, description="The candidate left the page during a focused challenge.")


class CourseReport(Body):
    entry_id: str = Field(min_length=1, max_length=64)
    category: Literal["IN_CHALLENGE", "NON_BLOCKING_TECHNICAL_ISSUE"]
    subcategory: str | None = Field(None, max_length=40)
    description: str = Field("", max_length=exam.DESCRIPTION_MAX)


class ReportReceived(BaseModel):
    question_number: int | None
    message: str


# --- the invigilator ----------------------------------------------------------------------------------------

class Supervise(Body):
    session_id: str = Field(min_length=1, max_length=20)
    password: str = Field(min_length=1, max_length=40)


class SupervisionGranted(BaseModel):
    session_id: str
    until: dt.datetime


class ReportOut(BaseModel):
    category: str
    category_label: str
    subcategory: str | None
    subcategory_label: str | None
    question_number: int | None
    description: str
    at: dt.datetime


class SupervisedCandidate(BaseModel):
    candidate_id: str
    last_name: str
    first_name: str
    birth_date: dt.date
    extra_time_percentage: int
    status: Literal["absent", "linked", "waiting", "authorised", "in_progress", "ended"]
    ended_by: Literal["finished", "time", "invigilator"] | None
    answered: int
    total: int
    started_at: dt.datetime | None
    ends_at: dt.datetime | None = Field(description="Theoretical end: start + 1 h 45 + extra time.")
    reports: list[ReportOut]


class Supervision(BaseModel):
    session_id: str
    address: str
    room: str
    date: dt.date
    time: str
    candidates: list[SupervisedCandidate]
    now: dt.datetime
