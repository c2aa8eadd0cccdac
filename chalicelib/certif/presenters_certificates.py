"""What the certificates' routes show of a certificate."""

from __future__ import annotations

from chalicelib.certif import schemas_certificates as out
from chalicelib.certif.certificates import Certificate, Outcome, file_name, verification_url
from chalicelib.certif.store.certificates import StoredCertificate
from chalicelib.settings import get_settings


def _domains(c: Certificate) -> list[out.DomainOut]:
    return [out.DomainOut(code=d.code, title=d.title, competences=[
        out.CompetenceLevelOut(code=x.code, title=x.title, level=x.level) for x in d.competences]) for d in c.domains]


def verified(c: Certificate, valid: bool) -> out.VerifiedCertificate:
    return out.VerifiedCertificate(
        verification_code=c.verification_code, first_name=c.first_name, last_name=c.last_name,
        birth_date=c.birth_date, certification_date=c.taken_on, centre_name=c.centre_name, status=c.status,
        pix=c.pix, max_pix=c.max_pix, valid_until=c.valid_until, valid=valid, domains=_domains(c))


def mine(stored: StoredCertificate | Outcome) -> out.MyCertificate:
    if isinstance(stored, Outcome):
        return out.MyCertificate(
            verification_code=None, certification_date=stored.taken_on, centre_name=stored.centre_name,
            status=stored.status, pix=None, max_pix=None, valid_until=None, issued_at=stored.issued_at,
            verification_url=None, file_name=None, comment_for_candidate=stored.comment_for_candidate, domains=[])
    c = stored.certificate
    return out.MyCertificate(
        verification_code=c.verification_code, certification_date=c.taken_on, centre_name=c.centre_name,
        status=c.status, pix=c.pix, max_pix=c.max_pix, valid_until=c.valid_until, issued_at=c.issued_at,
        verification_url=verification_url(get_settings().site_url, c.verification_code), file_name=file_name(c),
        comment_for_candidate=c.comment_for_candidate, domains=_domains(c))
