"""The certification jury in Pix Admin (role CERTIF): the sessions to publish and those requiring action, a
session's certifications, taking a session (in process), and the changes to one certification (neutralise or
restore a question and rescore, decide on a report, comment, reject or cancel, correct the candidate's
identity). Every change is recorded in the admin trail (`admin.api.record_action`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from chalicelib import clock
from chalicelib.admin import api as admin
from chalicelib.certif import finalisation, sessions, store
from chalicelib.certif.candidates import FIRST_BIRTH_DATE, NAME_MAX, Candidate
from chalicelib.certif.centres import Centre
from chalicelib.certif.exam_ports import RecordedAnswer
from chalicelib.certif.finalisation import Certification, Finalisation
from chalicelib.certif.ports import PageKey, Stale
from chalicelib.certif.sessions import Session
from chalicelib.certif.store import exam as exam_store
from chalicelib.certif.store import jury as jury_store
from chalicelib.errors import Conflict, Invalid, NotFound

SESSION_OBJECT, CERTIFICATION_OBJECT = "session", "certification"  # admin.trail.READERS: CERTIF reads them


@dataclass(frozen=True, slots=True)
class SessionLine:
    session: Session
    centre: Centre | None
    finalisation: Finalisation | None


@dataclass(frozen=True, slots=True)
class SessionView:
    session: Session
    centre: Centre | None
    finalisation: Finalisation
    certifications: list[tuple[Certification, Candidate | None]]


@dataclass(frozen=True, slots=True)
class CertificationView:
    session: Session
    certification: Certification
    candidate: Candidate | None
    answers: list[RecordedAnswer]


def finalised_session(session_id: str) -> tuple[Session, Finalisation]:
    found = store.current().session(session_id, consistent=True) if sessions.is_session_id(session_id) else None
    done = jury_store.current().finalisation(session_id) if found is not None else None
    if found is None or done is None:
        raise NotFound("SESSION_NOT_FOUND", "Aucune session finalisée ne porte ce numéro.")
    return found, done


def queue(name: str, start: PageKey, limit: int) -> tuple[list[SessionLine], PageKey]:
    if name not in finalisation.QUEUES:
        raise Invalid("JURY_LIST_INVALID", "La liste demandée est « to_publish » ou « requiring_action ».")
    ids, last = jury_store.current().queue_page(name, start, limit)
    lines = []
    for session_id in ids:
        session = store.current().session(session_id)
        if session is not None:
            lines.append(SessionLine(session, store.current().centre(session.centre_id),
                                     jury_store.current().finalisation(session_id)))
    return lines, last


def session_view(session_id: str) -> SessionView:
    session, done = finalised_session(session_id)
    candidates = {c.id: c for c in store.current().candidates(session.id)}
    certifications = [(c, candidates.get(c.candidate_id)) for c in jury_store.current().certifications(session.id)]
    return SessionView(session, store.current().centre(session.centre_id), done, certifications)


def assign(operator_id: str, session_id: str) -> SessionView:
    """The operator takes the finalised session: it is now "in process" (taking it again changes nothing)."""
    session, _ = finalised_session(session_id)
    if session.status == sessions.PROCESSED:
        raise Conflict("SESSION_ALREADY_PUBLISHED", "Cette session est déjà publiée.")
    if session.assigned_at is None:
        now = clock.now()
        try:
            store.current().save_session(replace(session, assigned_at=now))
        except Stale:
            raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
        admin.record_action(operator_id, "certification-session-assigned", SESSION_OBJECT, session.id,
                            {"assigned_at": (None, now)})
    return session_view(session_id)


def unfinalise(operator_id: str, session_id: str) -> Session:
    """The session goes back to its centre, created again, to be finalised anew: its finalisation, its
    certifications (with the jury's changes) and its place in the jury's lists are deleted; the candidates' tests
    stay ended, with the problems they reported. Refused once published (unpublish first)."""
    session, done = finalised_session(session_id)
    if session.status == sessions.PROCESSED:
        raise Conflict("SESSION_ALREADY_PUBLISHED", "Cette session est déjà publiée : dépubliez-la d'abord.")
    certifications = jury_store.current().certifications(session.id)
    try:
        reopened = jury_store.current().unfinalise(session, done, certifications)
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
    admin.record_action(operator_id, "certification-session-unfinalised", SESSION_OBJECT, session.id,
                        {"finalised_at": (session.finalised_at, None), "assigned_at": (session.assigned_at, None)})
    return reopened


def _certification(session_id: str, candidate_id: str) -> tuple[Session, Certification]:
    session, _ = finalised_session(session_id)
    found = jury_store.current().certification(session.id, candidate_id)
    if found is None:
        raise NotFound("CERTIFICATION_NOT_FOUND", "Cette certification n'existe pas.")
    return session, found


def certification_view(session_id: str, candidate_id: str) -> CertificationView:
    session, found = _certification(session_id, candidate_id)
    candidate = next((c for c in store.current().candidates(session.id) if c.id == candidate_id), None)
    return CertificationView(session, found, candidate, exam_store.current().answers(session.id, candidate_id))


def _change(operator_id: str, session_id: str, candidate_id: str, action: str,
            change: Callable[[Certification], Certification]) -> CertificationView:
    session, current = _certification(session_id, candidate_id)
    if session.status == sessions.PROCESSED:
        raise Conflict("SESSION_ALREADY_PUBLISHED", "Cette session est publiée : dépubliez-la avant de modifier "
                       "une certification.")
    changed = change(current)
    try:
        jury_store.current().save_certification(changed)
    except Stale:
        raise Conflict("CERTIFICATION_CHANGED", "Cette certification vient d'être modifiée par un autre membre du "
                       "jury : rechargez la page.") from None
    differences = {name: (before, after) for name, before, after in (
        ("status", current.status, changed.status), ("pix", current.pix, changed.pix),
        ("jury_decision", current.jury_decision, changed.jury_decision),
        ("comment_for_candidate", current.comment_for_candidate, changed.comment_for_candidate),
        ("comment_for_organisation", current.comment_for_organisation, changed.comment_for_organisation),
        ("neutralised", [i for i, q in enumerate(current.questions, 1) if q.neutralised],
         [i for i, q in enumerate(changed.questions, 1) if q.neutralised]),
        ("reports_decided", [i for i, r in enumerate(current.reports, 1) if r.decided_by_jury],
         [i for i, r in enumerate(changed.reports, 1) if r.decided_by_jury]),
    ) if before != after}
    admin.record_action(operator_id, action, CERTIFICATION_OBJECT, changed.id, differences)
    return certification_view(session_id, candidate_id)


def neutralise(operator_id: str, session_id: str, candidate_id: str, number: int,
               neutralised: bool) -> CertificationView:
    action = "certification-challenge-neutralised" if neutralised else "certification-challenge-restored"
    return _change(operator_id, session_id, candidate_id, action,
                   lambda c: finalisation.neutralise(c, number, neutralised))


def decide(operator_id: str, session_id: str, candidate_id: str, decision: str | None) -> CertificationView:
    return _change(operator_id, session_id, candidate_id, f"certification-{decision or 'scored'}",
                   lambda c: finalisation.decide(c, decision))


def comment(operator_id: str, session_id: str, candidate_id: str, for_candidate: str | None,
            for_organisation: str | None) -> CertificationView:
    return _change(operator_id, session_id, candidate_id, "certification-commented",
                   lambda c: finalisation.comment(c, for_candidate, for_organisation))


def decide_report(operator_id: str, session_id: str, candidate_id: str, index: int) -> CertificationView:
    return _change(operator_id, session_id, candidate_id, "certification-report-decided",
                   lambda c: finalisation.decide_report(c, index))


def correct_identity(operator_id: str, session_id: str, candidate_id: str, last_name: str, first_name: str,
                     birth_date: date) -> CertificationView:
    """The candidate's names or birth date corrected (the certificate shows them): checked as at enrolment."""
    session, _ = _certification(session_id, candidate_id)
    if session.status == sessions.PROCESSED:
        raise Conflict("SESSION_ALREADY_PUBLISHED", "Cette session est publiée : dépubliez-la avant de corriger "
                       "l'identité d'un candidat.")
    candidate = next((c for c in store.current().candidates(session.id) if c.id == candidate_id), None)
    if candidate is None:
        raise NotFound("CANDIDATE_NOT_FOUND", "Ce candidat n'est pas inscrit à cette session.")
    last, first = " ".join(last_name.split()), " ".join(first_name.split())
    if not 0 < len(last) <= NAME_MAX or not 0 < len(first) <= NAME_MAX:
        raise Invalid("CANDIDATE_NAME_INVALID", f"Le nom et le prénom sont obligatoires ({NAME_MAX} caractères au "
                      "plus).")
    if not FIRST_BIRTH_DATE <= birth_date <= clock.now().date():
        raise Invalid("CANDIDATE_BIRTH_DATE_INVALID", "La date de naissance doit être postérieure à 1900 et passée.")
    corrected = replace(candidate, last_name=last, first_name=first, birth_date=birth_date)
    store.current().rewrite_candidate(corrected)
    admin.record_action(operator_id, "certification-identity-corrected", CERTIFICATION_OBJECT,
                        f"{session.id}-{candidate.id}", {
                            name: (before, after) for name, before, after in (
                                ("last_name", candidate.last_name, corrected.last_name),
                                ("first_name", candidate.first_name, corrected.first_name),
                                ("birth_date", candidate.birth_date, corrected.birth_date)) if before != after})
    return certification_view(session_id, candidate_id)
