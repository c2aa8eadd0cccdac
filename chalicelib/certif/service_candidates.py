"""Candidate use cases: enrol one, remove one, list a session's candidates, import a file (as a job).

Enrolment is refused once a candidate has started or the session is finalised; a session holds at most its
centre's room capacity (20 unless the centre raised it). An import replaces the whole list in one
transaction, and only when every line is right: one wrong line and nothing is imported.
"""

from __future__ import annotations

from chalicelib import clock
from chalicelib.certif import candidate_file, candidates, centres, sessions, store
from chalicelib.certif.candidate_file import LineError
from chalicelib.certif.candidates import Candidate, Input
from chalicelib.certif.ports import Stale
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.certif.service_sessions import session_of
from chalicelib.errors import Conflict, Invalid, NotFound


def _changed() -> Conflict:
    return Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.")


def list_of(centre_id: str, session_id: str) -> list[Candidate]:
    return store.current().candidates(session_of(centre_id, session_id).id)


def enrol(centre_id: str, session_id: str, given: Input) -> Candidate:
    centre = centre_of(centre_id)
    centres.ensure_open(centre)
    session = session_of(centre_id, session_id)
    sessions.ensure_enrolment_open(session)
    enrolled = store.current().candidates(session.id)
    candidate = candidates.enrol(candidates.new_candidate_id(), session.id, given, clock.now(), billed=centre.billed)
    candidates.ensure_room(len(enrolled) + 1, centre.room_capacity)
    candidates.ensure_new(candidate, enrolled)
    try:
        store.current().add_candidate(session, candidate)  # conditioned on the version read above
    except Stale:
        raise _changed() from None
    return candidate


def remove(centre_id: str, session_id: str, candidate_id: str) -> None:
    session = session_of(centre_id, session_id)
    sessions.ensure_enrolment_open(session)
    if not any(c.id == candidate_id for c in store.current().candidates(session.id)):
        raise NotFound("CANDIDATE_NOT_FOUND", "Ce candidat n'est pas inscrit à cette session.")
    try:
        store.current().remove_candidate(session, candidate_id)
    except Stale:
        raise _changed() from None


def ready_for_import(centre_id: str, session_id: str) -> None:
    """Refuse at once what the import would refuse anyway: an archived centre, a closed or started session."""
    centres.ensure_open(centre_of(centre_id))
    sessions.ensure_enrolment_open(session_of(centre_id, session_id))


def import_file(centre_id: str, session_id: str, raw: bytes) -> tuple[int, list[LineError]]:
    """Replace the session's candidates with the file's: (how many, []) or (0, every error)."""
    centre = centre_of(centre_id)
    centres.ensure_open(centre)
    session = session_of(centre_id, session_id)
    sessions.ensure_enrolment_open(session)
    lines, errors = candidate_file.read(raw, billed=centre.billed)
    if any(e.line is None or not lines for e in errors):
        return 0, errors  # the file itself (unreadable, no header…): its lines were not read
    now = clock.now()
    checked: list[Candidate] = []
    for line in lines:
        try:
            candidate = candidates.enrol(candidates.new_candidate_id(), session.id, line.given, now,
                                         billed=centre.billed)
            candidates.ensure_new(candidate, checked)
        except Invalid as problem:
            errors.append(LineError(line.number, problem.code, candidate_file.at_line(line.number, problem.message)))
            continue
        checked.append(candidate)
    if not errors and len(checked) > centre.room_capacity:
        errors.append(LineError(None, "SESSION_FULL",
                                f"Le fichier compte {len(checked)} candidats : une session en accueille au plus "
                                f"{centre.room_capacity}."))
    if errors:
        return 0, sorted(errors, key=lambda e: e.line or 0)
    try:
        store.current().replace_candidates(session, store.current().candidates(session.id), checked)
    except Stale:
        raise _changed() from None
    return len(checked), []
