"""Request and response bodies of the Certif API (centres, sessions, candidates)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.certif import candidates, centres, sessions
from chalicelib.web import Body

CentreType = Literal["SCO", "SUP", "PRO"]


# --- centres ----------------------------------------------------------------------------------------------

class CentreCreate(Body):
    name: str = Field(min_length=1, max_length=centres.NAME_MAX)
    type: CentreType
    external_id: str | None = Field(None, max_length=centres.EXTERNAL_ID_MAX)
    room_capacity: int = Field(centres.DEFAULT_ROOM_CAPACITY, ge=1, le=centres.MAX_ROOM_CAPACITY,
                               description="Candidates per session (20 unless the centre has larger rooms).")
    admin_email: str | None = Field(None, max_length=254, description="Invite this person as the centre's first admin.")


class CentreEdit(Body):
    name: str | None = Field(None, min_length=1, max_length=centres.NAME_MAX)
    type: CentreType | None = None
    external_id: str | None = Field(None, max_length=centres.EXTERNAL_ID_MAX, description="\"\" removes it.")
    room_capacity: int | None = Field(None, ge=1, le=centres.MAX_ROOM_CAPACITY)


class Invite(Body):
    email: str = Field(min_length=3, max_length=254)


class CentreOut(BaseModel):
    id: str
    name: str
    type: CentreType
    external_id: str | None
    room_capacity: int
    archived: bool
    archived_at: str | None
    created_at: str


class CentrePage(BaseModel):
    centres: list[CentreOut]
    next_cursor: str | None


class MyCentreOut(BaseModel):
    centre: CentreOut
    role: str


class MyCentres(BaseModel):
    centres: list[MyCentreOut]


# --- sessions ---------------------------------------------------------------------------------------------

class SessionIn(Body):
    address: str = Field(min_length=1, max_length=sessions.ADDRESS_MAX, description="Site name (address).")
    room: str = Field(min_length=1, max_length=sessions.ROOM_MAX)
    date: dt.date
    time: dt.time = Field(description="HH:MM")
    examiners: str = Field(min_length=1, max_length=sessions.EXAMINERS_MAX)
    observations: str = Field("", max_length=sessions.OBSERVATIONS_MAX)


class SessionOut(BaseModel):
    id: str = Field(description="The session number.")
    centre_id: str
    address: str
    room: str
    date: str
    time: str
    examiners: str
    observations: str
    access_code: str
    status: Literal["created", "finalised", "in_process", "processed"]
    tab: Literal["upcoming", "to_finalise", "finalised"]
    candidate_count: int
    started: bool = Field(description="A candidate has started: the list of candidates is closed.")
    created_at: str


class SessionCreated(BaseModel):
    session: SessionOut
    invigilator_password: str = Field(description="Shown once: only its hash is kept.")


class SessionPage(BaseModel):
    sessions: list[SessionOut]
    next_cursor: str | None


# --- candidates -------------------------------------------------------------------------------------------

class CandidateIn(Body):
    last_name: str = Field(min_length=1, max_length=candidates.NAME_MAX, description="Birth name.")
    first_name: str = Field(min_length=1, max_length=candidates.NAME_MAX)
    sex: Literal["M", "F"]
    birth_date: dt.date
    birth_country: str = Field(candidates.FRANCE, max_length=60, description="INSEE country code (France 99100).")
    birth_insee_code: str = Field("", max_length=5)
    birth_postal_code: str = Field("", max_length=5)
    birth_city: str = Field("", max_length=candidates.CITY_MAX)
    email: str = Field("", max_length=254, description="For the convocation.")
    result_recipient_email: str = Field("", max_length=254)
    external_id: str = Field("", max_length=candidates.EXTERNAL_ID_MAX, description="Local id.")
    extra_time_percentage: int = Field(0, ge=0, le=candidates.MAX_EXTRA_TIME)
    billing_mode: Literal["", "FREE", "PAID", "PREPAID"] = Field("", description="Not for SCO centres.")
    prepayment_code: str = Field("", max_length=candidates.PREPAYMENT_MAX)
    division: str = Field("", max_length=candidates.DIVISION_MAX, description="The class (SCO), for the "
                                                                             "attendance sheet.")


class CandidateOut(BaseModel):
    id: str
    last_name: str
    first_name: str
    sex: str
    birth_date: str
    birth_country: str
    birth_city: str
    birth_insee_code: str | None
    birth_postal_code: str | None
    email: str | None
    result_recipient_email: str | None
    external_id: str | None
    extra_time_percentage: int
    billing_mode: str | None
    prepayment_code: str | None
    linked: bool = Field(description="The candidate entered the session with their account.")
    division: str | None = Field(None, description="The class (SCO).")
    from_pupil_list: bool = Field(False, description="Picked from the school's list of pupils.")


class Candidates(BaseModel):
    candidates: list[CandidateOut]
    capacity: int
    enrolment_open: bool


class CandidateFile(Body):
    file_name: str = Field("", max_length=255, description="As the person chose it (shown back, never stored).")
    content_base64: str = Field(min_length=4, max_length=61_000,
                                description="The file (CSV, .xlsx or .ods), base64; 45,000 bytes at most.")
