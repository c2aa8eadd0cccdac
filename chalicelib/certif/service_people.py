"""One person across Pix Certif, by account: what the person hooks of `api.py` do (chalicelib.rooms).

Anonymisation (the back office's tool, a learner deleting their account):
- each candidacy linked to the account loses the candidate's identity (names, birth, contact, external id,
  the link itself); the enrolment, its billing and what the session recorded stay, by candidate id;
- each certificate loses its holder, its signed PDF and its credential, and is withdrawn for good
  (`service_certificates.erase_holder`): its code no longer verifies, the public page shows no name;
- centre memberships are the memberships room's (its own hook disables them).
A certificate that cannot name its holder proves nothing to an employer, and the holder asked to be erased:
keeping it verifiable would keep the person. What the law asks Pix to keep of a certification (the session's
minutes and scores) is kept without names; the PDF the person downloaded stays valid on its own (signed).
"""

from __future__ import annotations

from typing import Any

from chalicelib.certif import members, service_certificates, store
from chalicelib.certif.candidates import anonymised
from chalicelib.certif.centres import search_key
from chalicelib.certif.store.certificates import get_store as certificate_store

CENTRE_PAGE = "/admin/centres/centre/?id="
SEARCH_HITS = 5


def anonymise(user_id: str) -> None:
    db = store.current()
    for candidate in db.candidacies_of(user_id):
        db.rewrite_candidate(anonymised(candidate))
    service_certificates.erase_holder(user_id)


def _centre_name(centre_id: str) -> str:
    centre = store.current().centre(centre_id)
    return centre.name if centre else centre_id


def personal_data(user_id: str) -> dict[str, Any]:
    db = store.current()
    candidacies = []
    for c in db.candidacies_of(user_id):
        session = db.session(c.session_id)
        candidacies.append({
            "session_id": c.session_id, "centre": _centre_name(session.centre_id) if session else None,
            "date": session.details.date.isoformat() if session else None, "last_name": c.last_name,
            "first_name": c.first_name, "sex": c.sex, "birth_date": c.birth_date.isoformat(),
            "birth_country": c.birthplace.country_code, "birth_city": c.birthplace.city, "email": c.email,
            "result_recipient_email": c.result_recipient_email, "external_id": c.external_id,
            "extra_time_percentage": c.extra_time_percentage, "enrolled_at": c.enrolled_at.isoformat()})
    held, outcomes = certificate_store().held_by(user_id)
    certificates = [{"verification_code": s.certificate.verification_code, "published": s.published,
                     "centre": s.certificate.centre_name, "taken_on": s.certificate.taken_on.isoformat(),
                     "first_name": s.certificate.first_name, "last_name": s.certificate.last_name,
                     "pix": s.certificate.pix, "levels": s.certificate.levels()}
                    for s in held]
    without = [{"certification_id": o.certification_id, "centre": o.centre_name, "taken_on": o.taken_on.isoformat(),
                "status": o.status, "comment_for_candidate": o.comment_for_candidate} for o in outcomes]
    return {"candidacies": candidacies, "certificates": certificates, "certifications_without_certificate": without}


def user_sections(user_id: str) -> list[dict[str, Any]]:
    db = store.current()
    centres = [{"label": _centre_name(centre_id),
                "detail": f"Centre de certification — {'administrateur' if role == 'ADMIN' else 'membre'}",
                "href": CENTRE_PAGE + centre_id} for centre_id, role in members.centres_of(user_id)]
    certifications: list[dict[str, Any]] = []
    for c in db.candidacies_of(user_id):
        session = db.session(c.session_id)
        if session is not None:
            certifications.append({"label": f"Session {session.id} du {session.details.date:%d/%m/%Y}",
                                   "detail": f"Candidat — {_centre_name(session.centre_id)}",
                                   "href": CENTRE_PAGE + session.centre_id})
    for s in certificate_store().held_by(user_id)[0]:
        cert = s.certificate
        certifications.append({"label": f"Certificat {cert.verification_code} — {cert.pix} pix",
                               "detail": f"{cert.centre_name}, {cert.taken_on:%d/%m/%Y}"
                                         + ("" if s.published else " (retiré)"),
                               "href": CENTRE_PAGE + cert.centre_id})
    return [{"key": "memberships", "items": centres}, {"key": "certifications", "items": certifications}]


def admin_search(text: str, roles: frozenset[str]) -> list[dict[str, Any]]:
    """Centres by the start of their name, a session by its number (support, who opens the centres' pages)."""
    if not ("SUPER_ADMIN" in roles or "SUPPORT" in roles):
        return []
    db = store.current()
    hits: list[dict[str, Any]] = []
    number = text.strip()
    session = db.session(number) if number.isdigit() and len(number) <= 12 else None
    if session is not None:
        hits.append({"kind": "session", "label": f"Session {session.id}",
                     "detail": f"{_centre_name(session.centre_id)}, {session.details.date:%d/%m/%Y}",
                     "href": CENTRE_PAGE + session.centre_id})
    prefix = search_key(text)
    if prefix:
        found, _ = db.centre_page(prefix, None, SEARCH_HITS)
        hits += [{"kind": "centre", "label": c.name, "detail": c.external_id or c.type,
                  "href": CENTRE_PAGE + c.id} for c in found]
    return hits
