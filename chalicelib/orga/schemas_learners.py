"""Request and response shapes of the learner list routes (imports, the list, pupils' accounts,
reconciliation)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.web import Body


class ImportStart(Body):
    format: Literal["siecle", "sco-csv", "sup-csv"] = Field(
        description="SCO: `siecle` (the SIECLE export) or `sco-csv`; SUP: `sup-csv`.")
    zipped: bool = Field(False, description="SIECLE only: the export as a zip holding its XML.")
    mode: Literal["add", "replace"] = Field(
        "add", description="SUP: `add` (or update) the file's students, or `replace` (those absent are disabled).")


class ListOut(BaseModel):
    imported_at: datetime
    format: str
    learners: int
    active: int


class LearnerOut(BaseModel):
    id: str
    first_name: str
    second_first_name: str | None = None
    third_first_name: str | None = None
    last_name: str
    usage_name: str | None = None
    birth_date: date | None = Field(description="None for a deleted (anonymised) learner.")
    national_id: str | None = Field(None, description="SCO: the INE (or the CSV's unique id).")
    student_number: str | None = None
    division: str | None = None
    group: str | None = None
    email: str | None = None
    diploma: str | None = None
    study_scheme: str | None = None
    active: bool = Field(description="False: absent from the last full list (SIECLE, replace mode), or deleted.")
    anonymised: bool = False
    linked: bool = Field(description="An account is linked to this learner (reconciled, or created by the school).")


class LearnersPage(BaseModel):
    organization_type: Literal["SCO", "SUP", "PRO"]
    current_list: ListOut | None = Field(description="The current list, None before any import.")
    learners: list[LearnerOut]
    next_cursor: str | None


class LinkedAccount(BaseModel):
    username: str | None = Field(description="The account's username, if it has one.")
    email: str | None = Field(description="Its e-mail address partly hidden (`c***@exemple.fr`), if any.")
    pupil_account: bool = Field(description="A username and no e-mail: the school may give it a new password.")


class ParticipationLine(BaseModel):
    campaign_id: str
    campaign_name: str
    status: str
    created_at: datetime


class LearnerDetail(BaseModel):
    learner: LearnerOut
    account: LinkedAccount | None
    participations: list[ParticipationLine] | None = Field(
        description="The learner's participations in the organisation's campaigns (None: not available).")


class PupilSelection(Body):
    learner_ids: list[str] = Field(min_length=1, max_length=50,
                                   description="Listed pupils without an account (at most 50 at a time).")


class PupilAccount(BaseModel):
    learner_id: str
    first_name: str
    last_name: str
    division: str | None
    username: str
    password: str = Field(description="Temporary: the pupil chooses their own at their first login.")


class PupilAccounts(BaseModel):
    accounts: list[PupilAccount]
    csv: str = Field(description="The same, to hand out: a CSV for Excel (UTF-8 with BOM, `;`, CRLF).")
    file_name: str


class ReconciliationRequest(Body):
    first_name: str = Field("", max_length=200)
    last_name: str = Field("", max_length=200)
    birth_date: date
    student_number: str | None = Field(None, max_length=255, description="SUP: instead of the names.")


class ReconciliationState(BaseModel):
    required: bool = Field(description="The campaign's organisation manages its learners: only listed ones join.")
    reconciled: bool = Field(description="This account is linked to an active learner of the organisation.")
    organization_type: Literal["SCO", "SUP", "PRO"]
    organization_name: str
    first_name: str | None = Field(None, description="The learner's first name as listed, once reconciled.")
    last_name: str | None = None
