"""The invigilator's use cases: open a session's supervision with its password (rate limited), the live list
of candidates (aggregated on read from the candidates' own items), authorise an entry, end a test.

Supervision is the `session` scope's INVIGILATOR role (`Access.session_invigilator()`): a grant item written
when the password is right, read by the scope's resolver on each request, valid until the end of the next day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib import clock
from chalicelib.certif import exam, sessions, store
from chalicelib.certif import presenters_exam as present
from chalicelib.certif import schemas_exam as out
from chalicelib.certif.exam import Course
from chalicelib.certif.ports import Stale
from chalicelib.certif.service_exam import open_session
from chalicelib.certif.store import exam as exam_store
from chalicelib.errors import Conflict, Forbidden, NotFound, TooManyAttempts
from chalicelib.evaluation.api import runner

SCOPE = "session"
INVIGILATOR = "INVIGILATOR"
FAILURES_PER_HOUR = 10  # wrong passwords a person may type in an hour (the password has ≈ 55 bits anyway)
GRANT = timedelta(hours=14)  # a morning's or an afternoon's supervision, not the next day's


def roles(user_id: str, session_id: str) -> frozenset[str]:
    """The `session` scope's resolver: INVIGILATOR while the person's grant runs."""
    if not sessions.is_session_id(session_id):
        return frozenset()
    until = exam_store.current().invigilator_until(session_id, user_id)
    return frozenset({INVIGILATOR}) if until is not None and until > clock.now() else frozenset()


def _hour(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def _too_many(now: datetime) -> TooManyAttempts:
    wait = int((now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1) - now).total_seconds()) + 1
    return TooManyAttempts("TOO_MANY_INVIGILATOR_ATTEMPTS",
                           f"Trop de mots de passe erronés : réessayez dans {-(-wait // 60)} min.",
                           retry_after_seconds=wait)


def supervise(user_id: str, session_id: str, password: str) -> out.SupervisionGranted:
    now = clock.now()
    guard = exam_store.current()
    if guard.failures(user_id, _hour(now)) >= FAILURES_PER_HOUR:
        raise _too_many(now)
    session_id = session_id.strip()
    session = store.current().session(session_id) if sessions.is_session_id(session_id) else None
    if session is None or not sessions.password_matches(session.password_hash, password):
        if not guard.count_failure(user_id, _hour(now), FAILURES_PER_HOUR, now + timedelta(hours=2)):
            raise _too_many(now)
        raise Forbidden("INVIGILATOR_ACCESS_REFUSED",
                      "Numéro de session ou mot de passe surveillant incorrect : vérifiez-les auprès du centre.")
    open_session(session.id)
    until = now + GRANT
    guard.grant_invigilator(session.id, user_id, now, until)
    return out.SupervisionGranted(session_id=session.id, until=until)


def grant(session_id: str, user_id: str) -> None:
    """Seeds and tests: supervision without the password."""
    now = clock.now()
    exam_store.current().grant_invigilator(session_id, user_id, now, now + GRANT)


def live(session_id: str) -> out.Supervision:
    """The candidates, each with their course's status, progress, times and reports: two Queries."""
    session = store.current().session(session_id)
    if session is None:
        raise NotFound("SESSION_NOT_FOUND", "Cette session n'existe pas.")
    enrolled = store.current().candidates(session.id)
    return present.supervision(session, enrolled, exam_store.current().courses(session.id), clock.now())


def _course(session_id: str, candidate_id: str) -> Course:
    found = exam_store.current().course(session_id, candidate_id)
    if found is None:
        raise NotFound("CERTIFICATION_NOT_FOUND", "Ce candidat n'est pas encore entré dans la session.")
    return found


def _row(session_id: str, saved: Course) -> out.SupervisedCandidate:
    candidate = next((c for c in store.current().candidates(session_id) if c.id == saved.candidate_id), None)
    if candidate is None:
        raise NotFound("CANDIDATE_NOT_FOUND", "Ce candidat n'est pas inscrit à cette session.")
    return present.supervised(candidate, saved, clock.now())


def _save(course: Course) -> Course:
    try:
        return exam_store.current().save_course(course)
    except Stale:
        raise Conflict("CERTIFICATION_CHANGED", "Le test de ce candidat vient de changer : la liste se met à jour, "
                       "recommencez.") from None


def authorise(session_id: str, candidate_id: str) -> out.SupervisedCandidate:
    """Let a waiting candidate start or resume (spent at their next start)."""
    open_session(session_id)
    return _row(session_id, _save(exam.authorise(_course(session_id, candidate_id))))


def end(session_id: str, candidate_id: str) -> out.SupervisedCandidate:
    """End a candidate's test now: what they answered is kept, the rest is unanswered."""
    course = _course(session_id, candidate_id)
    if course.assessment is None:
        raise Conflict("CERTIFICATION_NOT_STARTED", "Ce candidat n'a pas commencé son test.")
    ended = exam.end_by_invigilator(course, runner.end(course.assessment, clock.now()))
    return _row(session_id, _save(ended))
