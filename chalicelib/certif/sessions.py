"""A certification session, in plain Python: its fields, its number, its codes and its derived status.

No I/O here. The session number is its id: 8 digits, drawn at random (the store writes it under a
condition and draws again on a collision), so no counter item is written by every centre. The access code
(`codes.new_access_code`) is unique among open sessions (the store holds one item per code in use); the
invigilator password (`codes.new_invigilator_password`) is shown once to the centre and stored hashed.

Status, derived from dates: created → finalised (the centre finalised it) → in process (an operator took it)
→ processed (results published). Candidates and invigilators enter only a created session; candidates are
enrolled only before finalisation, and never once one of them has started.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from chalicelib.certif import codes
from chalicelib.errors import Conflict, Invalid

CREATED, FINALISED, IN_PROCESS, PROCESSED = "created", "finalised", "in_process", "processed"
STATUSES = (CREATED, FINALISED, IN_PROCESS, PROCESSED)
UPCOMING, TO_FINALISE, CLOSED = "upcoming", "to_finalise", "finalised"  # the centre's tabs
TABS = (UPCOMING, TO_FINALISE, CLOSED)

ADDRESS_MAX, ROOM_MAX, EXAMINERS_MAX, OBSERVATIONS_MAX = 200, 100, 200, 2000
FIRST_DATE = date(2020, 1, 1)

PARIS = ZoneInfo("Europe/Paris")  # sessions are dated in French time (tzdata is a pinned dependency)

_SESSION_ID = re.compile(r"^[1-9][0-9]{7}$")
_hasher = PasswordHasher()


def french_day(moment: datetime) -> date:
    """The day it is in France at `moment` (an aware datetime): 22:30 UTC on 14 June is already 15 June in Paris,
    so a session of the 15th is "upcoming" (not "to finalise") from midnight French time."""
    return moment.astimezone(PARIS).date()


def new_session_id() -> str:
    """8 digits, the first not 0: easy to read aloud and type in an exam room (90 million values)."""
    return str(10_000_000 + secrets.randbelow(90_000_000))


def is_session_id(value: str) -> bool:
    return bool(_SESSION_ID.match(value))


def hash_password(password: str) -> str:
    """The invigilator password as stored: argon2id of its canonical form."""
    return _hasher.hash(password)


def password_matches(password_hash: str, typed: str) -> bool:
    """Whether `typed` (any case, with or without dashes) is the session's invigilator password."""
    given = codes.normalise_invigilator_password(typed)
    if given is None:
        return False
    try:
        return _hasher.verify(password_hash, given)
    except (VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class Details:
    """What the centre types: where, when, who supervises."""

    address: str
    room: str
    date: date
    time: time
    examiners: str
    observations: str = ""


@dataclass(frozen=True, slots=True)
class Session:
    id: str
    centre_id: str
    details: Details
    access_code: str
    password_hash: str
    created_at: datetime
    candidate_count: int = 0
    started_at: datetime | None = None  # the first candidate's start: enrolment and deletion stop there
    finalised_at: datetime | None = None
    assigned_at: datetime | None = None  # an operator took the finalised session (in process)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0

    @property
    def status(self) -> str:
        if self.published_at is not None:
            return PROCESSED
        if self.assigned_at is not None:
            return IN_PROCESS
        if self.finalised_at is not None:
            return FINALISED
        return CREATED

    @property
    def open(self) -> bool:
        return self.status == CREATED

    def tab(self, today: date) -> str:
        """Which list of the centre shows it: upcoming, to finalise (its day is past), finalised."""
        if not self.open:
            return CLOSED
        return UPCOMING if self.details.date >= today else TO_FINALISE


def _fits(value: str, limit: int, *, required: bool = True) -> bool:
    return bool(value or not required) and len(value) <= limit


def details(address: str, room: str, on: date, at: time, examiners: str, observations: str = "") -> Details:
    """The centre's input, checked."""
    address, room, examiners, observations = address.strip(), room.strip(), examiners.strip(), observations.strip()
    if on < FIRST_DATE:
        raise Invalid("SESSION_DATE_INVALID", "La date de la session n'est pas valide.")
    if not _fits(address, ADDRESS_MAX):
        raise Invalid("SESSION_ADDRESS_INVALID", f"Le nom du site est obligatoire ({ADDRESS_MAX} caractères au plus).")
    if not _fits(room, ROOM_MAX):
        raise Invalid("SESSION_ROOM_INVALID", f"La salle est obligatoire ({ROOM_MAX} caractères au plus).")
    if not _fits(examiners, EXAMINERS_MAX):
        raise Invalid("SESSION_EXAMINERS_INVALID",
                      f"Le ou les surveillants sont obligatoires ({EXAMINERS_MAX} caractères au plus).")
    if not _fits(observations, OBSERVATIONS_MAX, required=False):
        raise Invalid("SESSION_OBSERVATIONS_INVALID", f"Les observations font {OBSERVATIONS_MAX} caractères au plus.")
    return Details(address=address, room=room, date=on, time=at.replace(second=0, microsecond=0),
                   examiners=examiners, observations=observations)


def create(session_id: str, centre_id: str, given: Details, access_code: str, password_hash: str,
           now: datetime) -> Session:
    return Session(id=session_id, centre_id=centre_id, details=given, access_code=access_code,
                   password_hash=password_hash, created_at=now)


def ensure_editable(session: Session) -> None:
    if not session.open:
        raise Conflict("SESSION_FINALISED", "Cette session est finalisée : elle ne peut plus être modifiée.")


def edit(session: Session, given: Details, now: datetime) -> Session:
    ensure_editable(session)
    return replace(session, details=given, updated_at=now)


def ensure_deletable(session: Session) -> None:
    ensure_editable(session)
    if session.started_at is not None:
        raise Conflict("SESSION_STARTED",
                       "Un candidat a déjà commencé son test : la session ne peut plus être supprimée.")


def ensure_enrolment_open(session: Session) -> None:
    """Candidates are enrolled (one by one, or by a file) only before finalisation and before any start."""
    ensure_editable(session)
    if session.started_at is not None:
        raise Conflict("SESSION_STARTED",
                       "Un candidat a déjà commencé son test : la liste des candidats ne peut plus changer.")
