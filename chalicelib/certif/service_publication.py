"""Publication of a finalised session by the jury (per session or several at once; undone by unpublication),
and the results recipients' link (PRODUCTS.md "Jury, publication, certificates").

Publishing marks the session processed (one transaction with its queue item), starts the certificates job
(`service_certificates.publish_certificates`: the learners' "Mes certifications", the public verification) and
sends one e-mail per distinct results recipient of the session's certified candidates, with a link valid 30
days. The link's token holds the session number, an HMAC of the recipient's address (never the address), its
expiry and a signature: it rides in the page's fragment, so no server log sees it, and the page posts it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib import clock
from chalicelib.admin import api as admin
from chalicelib.certif import finalisation, results_csv, sessions, store
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.finalisation import Certification
from chalicelib.certif.ports import Stale
from chalicelib.certif.service_certificates import (
    CertificationResult,
    SessionCertificates,
    publish_certificates,
    withdraw_certificates,
)
from chalicelib.certif.service_jury import SESSION_OBJECT, finalised_session
from chalicelib.certif.store import jury as jury_store
from chalicelib.content.api import get_release
from chalicelib.errors import Conflict, DomainError, NotFound
from chalicelib.mail import send_mail
from chalicelib.observability import logger
from chalicelib.settings import derived_key, get_settings

LINK_VALIDITY = timedelta(days=30)
RESULTS_PAGE = "/certif/resultats/"
BATCH_MAX = 50
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True, slots=True)
class Published:
    session_id: str
    job_id: str | None
    mails: int


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    session_id: str
    published: bool
    error_code: str | None = None
    message: str | None = None


# --- the recipients' link -------------------------------------------------------------------------------------


def _key() -> bytes:
    return derived_key("certif-session-results-link")


def recipient_digest(email: str) -> str:
    return hmac.new(_key(), email.strip().casefold().encode(), hashlib.sha256).hexdigest()[:24]


def _signature(payload: str) -> str:
    return hmac.new(_key(), payload.encode(), hashlib.sha256).hexdigest()[:32]


def results_token(session_id: str, email: str, now: datetime) -> str:
    payload = f"{session_id}.{recipient_digest(email)}.{int((now + LINK_VALIDITY).timestamp())}"
    return f"{payload}.{_signature(payload)}"


def _invalid_link() -> NotFound:
    return NotFound("RESULTS_LINK_INVALID", "Ce lien de résultats n'est pas valide ou a expiré (il vaut 30 jours) : "
                    "demandez les résultats au centre de certification.")


def read_token(token: str, now: datetime) -> tuple[str, str]:
    """(session id, recipient digest) of a valid, unexpired token; RESULTS_LINK_INVALID otherwise."""
    parts = token.strip().split(".")
    if len(parts) != 4 or not parts[2].isdigit():
        raise _invalid_link()
    payload = ".".join(parts[:3])
    if not secrets.compare_digest(_signature(payload), parts[3]) or int(parts[2]) < now.timestamp():
        raise _invalid_link()
    return parts[0], parts[1]


def results_link(token: str) -> str:
    return f"{get_settings().site_url.rstrip('/')}{RESULTS_PAGE}#jeton={token}"


def results_mail(centre_name: str, session: sessions.Session, link: str) -> tuple[str, str]:
    day = session.details.date.strftime("%d/%m/%Y")
    return (f"Résultats de la session de certification Pix n° {session.id}",
            "Bonjour,\n\n"
            f"Les résultats de la session de certification Pix n° {session.id} du {day} ({centre_name}) sont "
            "publiés. Vous êtes destinataire des résultats d'un ou plusieurs candidats de cette session.\n\n"
            f"Pour les consulter et les télécharger (fichier CSV), ouvrez ce lien, valable 30 jours :\n\n{link}\n\n"
            "Chaque candidat retrouve aussi son résultat et son attestation dans son compte Pix, rubrique "
            "« Mes certifications ».\n\nL'équipe Pix")


# --- publication ----------------------------------------------------------------------------------------------


def _result(c: Certification, candidate: Candidate | None) -> CertificationResult | None:
    if candidate is None:
        return None
    return CertificationResult(
        certification_id=c.id, user_id=c.user_id, first_name=candidate.first_name, last_name=candidate.last_name,
        birth_date=candidate.birth_date, birthplace=candidate.birthplace.city, status=c.status, pix=c.pix,
        levels=dict(c.levels), comment_for_candidate=c.comment_for_candidate or None)


def publish(operator_id: str, session_id: str) -> Published:
    session, done = finalised_session(session_id)
    certifications = jury_store.current().certifications(session.id)
    finalisation.ensure_publishable(session.status, certifications, done.queue)
    now = clock.now()
    try:
        published = jury_store.current().set_published(session, done, now)
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
    admin.record_action(operator_id, "certification-session-published", SESSION_OBJECT, session.id,
                        {"published_at": (None, now)})
    candidates = {c.id: c for c in store.current().candidates(session.id)}
    centre = store.current().centre(session.centre_id)
    centre_name = centre.name if centre else ""
    results = [r for c in certifications if (r := _result(c, candidates.get(c.candidate_id))) is not None]
    job = publish_certificates(operator_id, SessionCertificates(
        session_id=session.id, centre_id=session.centre_id, centre_name=centre_name, taken_on=session.details.date,
        max_reachable_level=max((c.reachable_level for c in certifications), default=0), results=tuple(results)))
    recipients = sorted({e.strip().casefold(): e.strip() for c in certifications
                         if (k := candidates.get(c.candidate_id)) is not None
                         and (e := k.result_recipient_email)}.values())
    for email in recipients:
        send_mail(email, *results_mail(centre_name, published, results_link(results_token(session.id, email, now))))
    logger.info("session published", session_id=session.id, certifications=len(certifications),
                mails=len(recipients))
    return Published(session.id, job.id, len(recipients))


def publish_many(operator_id: str, session_ids: list[str]) -> list[BatchOutcome]:
    """Each session on its own: one refused does not stop the others."""
    outcomes = []
    for session_id in dict.fromkeys(session_ids[:BATCH_MAX]):
        try:
            publish(operator_id, session_id)
        except DomainError as error:
            outcomes.append(BatchOutcome(session_id, False, error.code, error.message))
        else:
            outcomes.append(BatchOutcome(session_id, True))
    return outcomes


def unpublish(operator_id: str, session_id: str) -> int:
    """The results leave the learners' accounts and the public page; the session is back in the jury's list."""
    session, done = finalised_session(session_id)
    if session.status != sessions.PROCESSED:
        raise Conflict("SESSION_NOT_PUBLISHED", "Cette session n'est pas publiée.")
    try:
        jury_store.current().set_published(session, done, None)
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
    withdrawn = withdraw_certificates([c.id for c in jury_store.current().certifications(session.id)])
    admin.record_action(operator_id, "certification-session-unpublished", SESSION_OBJECT, session.id,
                        {"published_at": (session.published_at, None)})
    return withdrawn


# --- what the recipient's link opens --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecipientResults:
    session: sessions.Session
    centre_name: str
    competences: list[str]
    rows: list[results_csv.ResultRow]

    def csv(self) -> bytes:
        return results_csv.document(self.competences, self.rows)


def recipient_results(token: str) -> RecipientResults:
    session_id, digest = read_token(token, clock.now())
    session = store.current().session(session_id) if sessions.is_session_id(session_id) else None
    if session is None or session.status != sessions.PROCESSED:
        raise _invalid_link()
    candidates = {c.id: c for c in store.current().candidates(session.id)
                  if c.result_recipient_email and secrets.compare_digest(recipient_digest(c.result_recipient_email),
                                                                         digest)}
    centre = store.current().centre(session.centre_id)
    centre_name = centre.name if centre else ""
    competences = sorted(get_release().competences)
    taken_at = datetime.combine(session.details.date, session.details.time, tzinfo=PARIS)
    rows = []
    for c in jury_store.current().certifications(session.id):
        candidate = candidates.get(c.candidate_id)
        if candidate is None:
            continue
        rows.append(results_csv.ResultRow(
            certification_number=c.id, first_name=candidate.first_name, last_name=candidate.last_name,
            birth_date=candidate.birth_date, birthplace=candidate.birthplace.city,
            status=c.status if c.status in results_csv.STATUS_LABELS else "error", session_id=session.id,
            centre_name=centre_name, taken_at=taken_at, external_id=candidate.external_id, pix=c.pix,
            levels=dict(c.levels), jury_comment_for_organization=c.comment_for_organisation or None))
    return RecipientResults(session, centre_name, competences, rows)
