"""Certificates use cases: issue a published session's certificates (a job), verify one from its code (public,
rate-limited), list the learner's, hand out downloads.

Publication (built by the jury's part) calls `api.publish_certificates(owner_id, session)`: the session's results
travel as the job's request object (S3 → EventBridge → `issue_session`), off the request path. The job is
idempotent: each certification keeps the code it got first (`reserve_code`), its PDF is written again at the same
key and its item replaced, so a second delivery, or a second publication after a correction, makes no duplicate.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from chalicelib import clock
from chalicelib.certif import files
from chalicelib.certif.certificates import (
    ANONYMISED,
    VALIDATED,
    Certificate,
    Outcome,
    anonymised,
    domains_from,
    file_name,
)
from chalicelib.certif.codes import normalise_verification_code
from chalicelib.certif.store.certificates import Mine, SessionDocuments, StoredCertificate, get_store
from chalicelib.content import api as content
from chalicelib.errors import NotFound, TooManyAttempts
from chalicelib.jobs import api as jobs
from chalicelib.observability import logger
from chalicelib.settings import derived_key, get_settings

KIND = "certificates"
# The public verification: per source address, 30 look-ups per 10 minutes (4,320 a day). A random code hits one
# of ~10⁷ certificates with probability ≈ 10⁻⁴: ≈ 0.4 hit a day per address. An employer checks a few.
VERIFICATIONS_PER_WINDOW = 30
VERIFICATION_WINDOW = timedelta(minutes=10)
SESSION_FILE_NAME = "attestations-session.pdf"


# --- what publication gives ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CertificationResult:
    """One candidate's published result."""

    certification_id: str
    user_id: str
    first_name: str
    last_name: str
    birth_date: date
    birthplace: str
    status: str  # validated | rejected | cancelled: only validated ones get a certificate
    pix: int
    levels: dict[str, int]  # competence code → certified level (-1: not certified)
    comment_for_candidate: str | None = None
    class_name: str | None = None  # a pupil's class, for the per-class document


@dataclass(frozen=True, slots=True)
class SessionCertificates:
    session_id: str
    centre_id: str
    centre_name: str
    taken_on: date
    max_reachable_level: int
    results: tuple[CertificationResult, ...] = field(default_factory=tuple)


def request_body(session: SessionCertificates) -> bytes:
    return json.dumps({
        "kind": KIND, "session_id": session.session_id, "centre_id": session.centre_id,
        "centre_name": session.centre_name, "taken_on": session.taken_on.isoformat(),
        "max_reachable_level": session.max_reachable_level,
        "results": [_result_dict(r) for r in session.results],
    }, ensure_ascii=False).encode()


def _result_dict(r: CertificationResult) -> dict[str, Any]:
    return {"certification_id": r.certification_id, "user_id": r.user_id, "first_name": r.first_name,
            "last_name": r.last_name, "birth_date": r.birth_date.isoformat(), "birthplace": r.birthplace,
            "status": r.status, "pix": r.pix, "levels": r.levels, "comment_for_candidate": r.comment_for_candidate,
            "class_name": r.class_name}


def parse_request(raw: bytes) -> SessionCertificates:
    data = json.loads(raw)
    return SessionCertificates(
        session_id=data["session_id"], centre_id=data["centre_id"], centre_name=data["centre_name"],
        taken_on=date.fromisoformat(data["taken_on"]), max_reachable_level=int(data["max_reachable_level"]),
        results=tuple(CertificationResult(
            certification_id=r["certification_id"], user_id=r["user_id"], first_name=r["first_name"],
            last_name=r["last_name"], birth_date=date.fromisoformat(r["birth_date"]), birthplace=r["birthplace"],
            status=r["status"], pix=int(r["pix"]), levels={k: int(v) for k, v in r["levels"].items()},
            comment_for_candidate=r.get("comment_for_candidate"), class_name=r.get("class_name"),
        ) for r in data["results"]),
    )


def publish_certificates(owner_id: str, session: SessionCertificates) -> jobs.JobOut:
    """Start the job that issues the session's certificates; `owner_id` (the operator) can follow it."""
    return jobs.start_from_request(owner_id, CERTIFICATES_JOB, request_body(session))


def withdraw_certificates(certification_ids: list[str]) -> int:
    """Unpublication: the certificates no longer show on the public page nor in the learner's list (their codes
    stay theirs: a new publication shows them again). Returns how many were withdrawn."""
    return sum(get_store().set_published(i, False) for i in certification_ids)


# --- the job ------------------------------------------------------------------------------------------------


def _domain_titles() -> list[tuple[str, str, list[tuple[str, str]]]]:
    release = content.get_release()
    return [(d.code, d.title, [(c, release.competences[c].title) for c in d.competences]) for d in release.domains]


def certificate_of(session: SessionCertificates, result: CertificationResult, code: str,
                   issued_at: datetime) -> Certificate:
    return Certificate(
        verification_code=code, certification_id=result.certification_id, user_id=result.user_id,
        session_id=session.session_id, centre_id=session.centre_id, centre_name=session.centre_name,
        first_name=result.first_name, last_name=result.last_name, birth_date=result.birth_date,
        birthplace=result.birthplace, taken_on=session.taken_on, status=result.status, pix=result.pix,
        max_reachable_level=session.max_reachable_level, domains=domains_from(_domain_titles(), result.levels),
        issued_at=issued_at, comment_for_candidate=result.comment_for_candidate, class_name=result.class_name,
    )


@dataclass(frozen=True, slots=True)
class Issued:
    codes: dict[str, str]  # certification id → code
    skipped: int  # results not validated: no certificate


def issue_session(session: SessionCertificates, progress: Any = None) -> Issued:
    """Every certificate of the session signed into S3 and stored, then the session's and each class's PDF; each
    certification without certificate (rejected, cancelled) stored as its outcome for its holder. Imports the PDF
    and signing libraries here: only this job pays for them (≈ 2 s)."""
    from chalicelib.certif import credentials, keys, signing
    from chalicelib.certif.attestation import attestation_pdf

    store = get_store()
    signing_keys = keys.current()
    site = get_settings().site_url
    issued_at = clock.now().replace(microsecond=0)
    validated = [r for r in session.results if r.status == VALIDATED]
    for result in session.results:  # the others: what their candidates see in « Mes certifications »
        if result.status != VALIDATED and result.last_name != ANONYMISED:  # (an anonymised holder gets none)
            store.save_outcome(Outcome(result.certification_id, result.user_id, session.session_id,
                                       session.centre_name, session.taken_on, result.status, issued_at,
                                       result.comment_for_candidate))
    certificates: list[Certificate] = []
    for done, result in enumerate(validated, 1):
        code = store.reserve_code(result.certification_id)
        if store.erased(code):
            continue  # its holder was anonymised: never issued again
        previous = store.get(code)
        moment = previous.certificate.issued_at if previous else issued_at  # a re-issue keeps its date
        certificate = certificate_of(session, result, code, moment)
        pdf = signing.sign_pdf(attestation_pdf([certificate], site), signing_keys)
        files.put_pdf(files.certificate_key(code), pdf)
        token = credentials.sign(credentials.credential(certificate, site), signing_keys.credential_key)
        store.save(StoredCertificate(certificate, files.certificate_key(code), token, published=True))
        certificates.append(certificate)
        if progress:
            progress(done, len(validated))
    if certificates:
        files.put_pdf(files.session_key(session.session_id),
                      signing.sign_pdf(attestation_pdf(certificates, site), signing_keys))
        classes = sorted({c.class_name for c in certificates if c.class_name})
        class_keys = []
        for rank, name in enumerate(classes, 1):
            members = [c for c in certificates if c.class_name == name]
            key = files.class_key(session.session_id, rank)
            files.put_pdf(key, signing.sign_pdf(attestation_pdf(members, site), signing_keys))
            class_keys.append((name, key))
        store.save_session(SessionDocuments(session.session_id, session.centre_id,
                                            files.session_key(session.session_id), tuple(class_keys), clock.now()))
    logger.info("certificates issued", session_id=session.session_id, issued=len(certificates),
                skipped=len(session.results) - len(validated))
    return Issued({c.certification_id: c.verification_code for c in certificates},
                  len(session.results) - len(validated))


def _process(work: jobs.Work) -> None:
    session = parse_request(work.source())
    work.processing(total=len(session.results))
    issued = issue_session(session, progress=work.progress)
    summary = {"session_id": session.session_id, "issued": len(issued.codes), "skipped": issued.skipped,
               "codes": issued.codes}
    work.finish(json.dumps(summary).encode(), "certificats.json", "application/json")


CERTIFICATES_JOB = jobs.Kind(KIND, _process, max_source_bytes=4_000_000)


# --- the holder's anonymisation -----------------------------------------------------------------------------


def erase_holder(user_id: str) -> int:
    """The person is anonymised: each of their certificates loses its holder (names, birth, account), its PDF
    (every version) and its credential, and is withdrawn: its code no longer verifies (a page that would show
    an anonymous certificate proves nothing to anyone). The score and levels stay (statistics). The session's
    documents that listed them are deleted: a new publication of the session draws them again without them.
    Idempotent; returns how many certificates were erased."""
    store = get_store()
    found, outcomes = store.held_by(user_id)
    for stored in found:
        files.delete(stored.pdf_key)
        store.erase_holder(anonymised(stored.certificate))
    for session_id in sorted({s.certificate.session_id for s in found}):
        documents = store.session(session_id)
        if documents is not None:
            for key in (documents.session_key, *(k for _, k in documents.classes)):
                files.delete(key)
            store.drop_session(session_id)
    store.drop_outcomes(outcomes)
    if found or outcomes:
        logger.info("certificates erased", certificates=len(found), outcomes=len(outcomes))
    return len(found)


# --- reading ------------------------------------------------------------------------------------------------


def _not_found() -> NotFound:
    return NotFound("CERTIFICATE_NOT_FOUND", "Aucun certificat ne correspond à ce code : vérifiez-le.")


def verify(typed_code: str, source: str) -> Certificate:
    """The published certificate of a code, for anyone; each look-up counts against the caller's address."""
    digest = hmac.new(derived_key("certificate-verification"), source.encode(), hashlib.sha256).hexdigest()[:32]
    now = clock.now()
    if not get_store().count_in_window(digest, VERIFICATIONS_PER_WINDOW, VERIFICATION_WINDOW, now):
        raise TooManyAttempts("TOO_MANY_VERIFICATIONS",
                              "Trop de vérifications depuis cette adresse : réessayez dans quelques minutes.",
                              retry_after_seconds=int(VERIFICATION_WINDOW.total_seconds()))
    code = normalise_verification_code(typed_code)
    stored = get_store().get(code) if code else None
    if stored is None or not stored.published:
        raise _not_found()
    return stored.certificate


def mine(user_id: str, after: str | None, limit: int) -> tuple[list[Mine], str | None]:
    return get_store().of_user(user_id, after, limit)


def _own(user_id: str, code: str) -> StoredCertificate:
    normalised = normalise_verification_code(code)
    stored = get_store().get(normalised) if normalised else None
    if stored is None or not stored.published or stored.certificate.user_id != user_id:
        raise _not_found()  # someone else's is "not found", like a missing one
    return stored


def attestation_link(user_id: str, code: str) -> tuple[str, str]:
    stored = _own(user_id, code)
    name = file_name(stored.certificate)
    return files.download_link(stored.pdf_key, name), name


def credential_of(user_id: str, code: str) -> StoredCertificate:
    return _own(user_id, code)


def session_documents(centre_id: str, session_id: str) -> list[tuple[str | None, str, str]]:
    """(class name or None for the whole session, link, file name) of a session of this centre."""
    documents = get_store().session(session_id)
    if documents is None or documents.centre_id != centre_id:
        raise NotFound("SESSION_CERTIFICATES_NOT_FOUND", "Les attestations de cette session ne sont pas prêtes.")
    found: list[tuple[str | None, str, str]] = [
        (None, files.download_link(documents.session_key, SESSION_FILE_NAME), SESSION_FILE_NAME)]
    for rank, (name, key) in enumerate(documents.classes, 1):
        label = f"attestations-classe-{rank}.pdf"
        found.append((name, files.download_link(key, label), label))
    return found


def issuer_keys() -> dict[str, Any]:
    from chalicelib.certif import keys

    return keys.key_set(keys.current())


def valid_now(certificate: Certificate) -> bool:
    return clock.now().astimezone(UTC).date() <= certificate.valid_until

