"""Session use cases, for a member of the session's centre: create (the invigilator password is returned
once), edit, delete, read, list by tab. A session of another centre is "not found"."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from chalicelib import clock
from chalicelib.certif import centres, codes, sessions, store
from chalicelib.certif.ports import PageKey, Stale, Taken
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.certif.sessions import Details, Session
from chalicelib.errors import Conflict, Invalid, NotFound

_DRAWS = 20  # a collision of ids or codes draws again; 20 straight collisions would mean a full code space


@dataclass(frozen=True, slots=True)
class Created:
    session: Session
    invigilator_password: str  # shown once, never stored in clear


def session_of(centre_id: str, session_id: str) -> Session:
    found = store.current().session(session_id) if sessions.is_session_id(session_id) else None
    if found is None or found.centre_id != centre_id:
        raise NotFound("SESSION_NOT_FOUND", "Cette session n'existe pas dans ce centre.")
    return found


def create(centre_id: str, given: Details) -> Created:
    centre = centre_of(centre_id)
    centres.ensure_open(centre)
    password = codes.new_invigilator_password()
    password_hash = sessions.hash_password(password)
    now = clock.now()
    for _ in range(_DRAWS):
        created = sessions.create(sessions.new_session_id(), centre.id, given, codes.new_access_code(),
                                  password_hash, now)
        try:
            store.current().add_session(created)
        except Taken:
            continue
        return Created(created, password)
    raise Conflict("SESSION_CODES_EXHAUSTED", "Aucun code d'accès libre n'a été trouvé : réessayez.")


def edit(centre_id: str, session_id: str, given: Details) -> Session:
    centres.ensure_open(centre_of(centre_id))
    current = session_of(centre_id, session_id)
    try:
        return store.current().save_session(sessions.edit(current, given, clock.now()))
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None


def renew_password(centre_id: str, session_id: str) -> Created:
    """A new invigilator password for an open session (the centre lost it): the old one stops working."""
    current = session_of(centre_id, session_id)
    sessions.ensure_editable(current)
    password = codes.new_invigilator_password()
    renewed = replace(current, password_hash=sessions.hash_password(password), updated_at=clock.now())
    try:
        return Created(store.current().save_session(renewed), password)
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None


def delete(centre_id: str, session_id: str) -> None:
    current = session_of(centre_id, session_id)
    sessions.ensure_deletable(current)
    try:
        store.current().delete_session(current, store.current().candidates(current.id))
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None


def page(centre_id: str, tab: str, start: PageKey, limit: int) -> tuple[list[Session], PageKey]:
    if tab not in sessions.TABS:
        raise Invalid("SESSION_TAB_INVALID", "La liste demandée est « upcoming », « to_finalise » ou « finalised ».")
    centre_of(centre_id)
    return store.current().session_page(centre_id, tab, today(), start, limit)


def today() -> date:
    """The French day: what decides a session's tab (upcoming from its day on, to finalise after)."""
    return sessions.french_day(clock.now())
