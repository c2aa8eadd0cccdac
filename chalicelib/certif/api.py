"""What other rooms (and the Certif room's publication step) may use of the Certif room's certificates.

Publication calls `publish_certificates(owner_id, SessionCertificates(...))` once a session is published: a job
(kind `certificates`) signs each validated candidate's attestation into S3 with its credential, then the
session's and each class's PDF; the operator follows it on `GET /api/jobs/{job_id}`. Calling it again (after a
correction, or a republication) issues the same certificates again under the same codes. Unpublication calls
`withdraw_certificates(certification_ids)`. `issue_certificates(session)` does the job's work in the caller's
process and returns each certification's code (demo seeds, tests, benchmarks).
"""

from typing import Any

from chalicelib.certif import service_people
from chalicelib.certif.service_certificates import (
    CertificationResult,
    SessionCertificates,
    issue_session,
    publish_certificates,
    withdraw_certificates,
)


def issue_certificates(session: SessionCertificates) -> dict[str, str]:
    """The session's certificates issued now, in this process (idempotent): certification id → code."""
    return issue_session(session).codes


# --- the person hooks (chalicelib.rooms.person_hooks; what each does: service_people) ---------------------


def anonymise(user_id: str) -> None:
    """Candidacies without identity, certificates without holder (withdrawn for good); idempotent."""
    service_people.anonymise(user_id)


def personal_data(user_id: str) -> dict[str, Any]:
    """The person's candidacies and certificates, JSON-ready (the data export)."""
    return service_people.personal_data(user_id)


def user_sections(user_id: str) -> list[dict[str, Any]]:
    """Pix Admin's user page: centre memberships, candidacies and certificates, linked to the centres' pages."""
    return service_people.user_sections(user_id)


def admin_search(text: str, roles: frozenset[str]) -> list[dict[str, Any]]:
    """The shell's search box: centres by name, a session by its number."""
    return service_people.admin_search(text, roles)


__all__ = ["CertificationResult", "SessionCertificates", "admin_search", "anonymise", "issue_certificates",
           "personal_data", "publish_certificates", "user_sections", "withdraw_certificates"]
