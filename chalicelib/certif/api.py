"""What other rooms (and the Certif room's publication step) may use of the Certif room's certificates.

Publication calls `publish_certificates(owner_id, SessionCertificates(...))` once a session is published: a job
(kind `certificates`) signs each validated candidate's attestation into S3 with its credential, then the
session's and each class's PDF; the operator follows it on `GET /api/jobs/{job_id}`. Calling it again (after a
correction, or a republication) issues the same certificates again under the same codes. Unpublication calls
`withdraw_certificates(certification_ids)`. `issue_certificates(session)` does the job's work in the caller's
process and returns each certification's code (demo seeds, tests, benchmarks).
"""

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


__all__ = ["CertificationResult", "SessionCertificates", "issue_certificates", "publish_certificates",
           "withdraw_certificates"]
