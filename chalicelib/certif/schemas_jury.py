"""Request and response bodies of the centre's finalisation, the jury's screens in Pix Admin and the results
recipients' page."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.web import Body

AbortReason = Literal["candidate", "technical"]


# --- the centre's finalisation ------------------------------------------------------------------------------

class ReportIn(Body):
    category: str = Field(max_length=40, description="An issue report category (CANDIDATE_INFORMATION_CHANGE, "
                          "IN_CHALLENGE, FRAUD, NON_BLOCKING_CANDIDATE_ISSUE, NON_BLOCKING_TECHNICAL_ISSUE, "
                          "SIGNATURE_ISSUE).")
    subcategory: str | None = Field(None, max_length=40)
    question_number: int | None = Field(None, ge=1, le=100, description="In-challenge reports: the question, from 1.")
    description: str = Field("", max_length=500)


class CandidateFinalisationIn(Body):
    candidate_id: str = Field(min_length=1, max_length=40)
    reports: list[ReportIn] = Field(default_factory=list, max_length=20)
    abort_reason: AbortReason | None = Field(None, description="Required for every unfinished test.")


class FinalisationIn(Body):
    comment: str = Field("", max_length=2000, description="About the whole session only: a candidate's problem "
                         "goes in that candidate's reports.")
    incident: bool = False
    joining_issue: bool = False
    candidates: list[CandidateFinalisationIn] = Field(default_factory=list, max_length=100)


class Choice(BaseModel):
    code: str
    label: str


class CategoryOut(BaseModel):
    code: str
    label: str
    subcategories: list[Choice]
    needs_question: bool


class LiveReport(BaseModel):
    category: str
    subcategory: str | None
    question_number: int | None
    description: str


class CandidateTestOut(BaseModel):
    candidate_id: str
    last_name: str
    first_name: str
    started: bool
    answered: int
    planned: int
    unfinished: bool
    running: bool = Field(description="Still running: finalising ends it.")
    reports: list[LiveReport] = Field(description="What the candidate reported during the test.")


class FinalisationOverview(BaseModel):
    session_id: str
    status: str
    finalised: bool
    finalised_at: dt.datetime | None = None
    comment: str = ""
    incident: bool = False
    joining_issue: bool = False
    candidates: list[CandidateTestOut]
    categories: list[CategoryOut]


# --- the jury -----------------------------------------------------------------------------------------------

class JurySessionLine(BaseModel):
    session_id: str
    centre_name: str
    date: dt.date
    time: dt.time
    status: str
    finalised_at: dt.datetime | None
    has_comment: bool
    incident: bool
    joining_issue: bool


class JurySessionPage(BaseModel):
    sessions: list[JurySessionLine]
    next_cursor: str | None = None


class JuryCertificationLine(BaseModel):
    candidate_id: str
    certification_id: str
    last_name: str
    first_name: str
    status: str
    pix: int
    rate_percent: int
    awaiting: int = Field(description="Reports awaiting the jury's decision.")
    jury_decision: str | None


class JurySessionOut(BaseModel):
    session_id: str
    centre_name: str
    date: dt.date
    time: dt.time
    address: str
    room: str
    status: str
    queue: str
    comment: str
    incident: bool
    joining_issue: bool
    finalised_at: dt.datetime
    assigned: bool
    publishable: bool
    blocking: str | None = Field(None, description="Why it cannot be published now, in French.")
    certifications: list[JuryCertificationLine]


class JuryQuestion(BaseModel):
    number: int
    challenge_id: str
    competence: str
    instruction: str
    result: str | None
    answer: str | None
    neutralised: bool
    focus_out_excused: bool


class JuryReport(BaseModel):
    index: int
    category: str
    category_label: str
    subcategory: str | None
    subcategory_label: str | None
    question_number: int | None
    description: str
    outcome: str
    reason: str
    decided_by_jury: bool
    awaiting: bool


class JuryCertificationOut(BaseModel):
    session_id: str
    session_status: str
    candidate_id: str
    certification_id: str
    last_name: str
    first_name: str
    birth_date: dt.date | None
    status: str
    error: str | None
    rate_percent: int
    pix: int
    levels: dict[str, int]
    jury_decision: str | None
    comment_for_candidate: str
    comment_for_organisation: str
    abort_reason: str | None
    questions: list[JuryQuestion]
    reports: list[JuryReport]


class NeutralisationIn(Body):
    neutralised: bool


class DecisionIn(Body):
    decision: Literal["rejected", "cancelled"] | None = Field(description="null: the score's own status again.")


class CommentsIn(Body):
    for_candidate: str | None = Field(None, max_length=2000)
    for_organisation: str | None = Field(None, max_length=2000)


class IdentityIn(Body):
    last_name: str = Field(min_length=1, max_length=100)
    first_name: str = Field(min_length=1, max_length=100)
    birth_date: dt.date


class BatchPublicationIn(Body):
    session_ids: list[str] = Field(min_length=1, max_length=50)


class PublishedOut(BaseModel):
    session_id: str
    job_id: str | None
    mails: int = Field(description="E-mails sent: one per distinct results recipient.")


class BatchOutcomeOut(BaseModel):
    session_id: str
    published: bool
    error_code: str | None = None
    message: str | None = None


class BatchPublishedOut(BaseModel):
    outcomes: list[BatchOutcomeOut]


class UnpublishedOut(BaseModel):
    session_id: str
    withdrawn: int


# --- the results recipient ------------------------------------------------------------------------------------

class ResultsIn(Body):
    token: str = Field(min_length=10, max_length=200)


class RecipientRow(BaseModel):
    certification_number: str
    first_name: str
    last_name: str
    status: str
    status_label: str
    pix: int | None
    levels: dict[str, int]


class RecipientResultsOut(BaseModel):
    session_id: str
    centre_name: str
    date: dt.date
    rows: list[RecipientRow]
    csv: str = Field(description="The session results CSV of these candidates (UTF-8 with BOM, `;`).")
    file_name: str
