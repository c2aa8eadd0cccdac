"""Certificates: the public verification page's look-up, the issuer's keys and profile, "Mes certifications"
(attestation and credential downloads), a centre's session documents."""

from __future__ import annotations

from chalicelib import pagination
from chalicelib.certif import credentials, presenters_certificates, service_certificates
from chalicelib.certif import schemas_certificates as out
from chalicelib.certif.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, page_size
from chalicelib.settings import get_settings
from chalicelib.web import Access, Call, endpoint


def _source() -> str:
    """The caller's address, which look-ups are counted by (never stored: its HMAC is)."""
    context = bp.current_request.context or {}
    return (context.get("identity") or {}).get("sourceIp") or "unknown"

@endpoint(bp, "/api/certificates/verification/{code}", access=Access.PUBLIC, response=out.VerifiedCertificate,
          errors=(404, 429), summary="Vérifier un certificat Pix à partir de son code (par exemple P-7BCH2KQX)")
def verify_certificate(call: Call[None], code: str) -> out.VerifiedCertificate:
    certificate = service_certificates.verify(code, _source())
    return presenters_certificates.verified(certificate, service_certificates.valid_now(certificate))

@endpoint(bp, "/api/certificates/issuer-keys", access=Access.PUBLIC, response=out.IssuerKeys,
          summary="Les clés publiques qui signent les certificats (JWKS : attestations PDF et badges)")
def issuer_keys(call: Call[None]) -> out.IssuerKeys:
    return out.IssuerKeys.model_validate(service_certificates.issuer_keys())

@endpoint(bp, "/api/certificates/issuer", access=Access.PUBLIC, response=out.IssuerProfile,
          summary="Le profil de l'émetteur des badges Open Badges 3.0 (Pix)")
def issuer_profile(call: Call[None]) -> out.IssuerProfile:
    return out.IssuerProfile.model_validate(credentials.issuer(get_settings().site_url))

SCOPE = "my-certificates"

@endpoint(bp, "/api/me/certificates", access=Access.LEARNER, response=out.MyCertificates, errors=(400,),
          query=PAGE_QUERY, summary="Mes certifications publiées, les plus récentes d'abord")
def my_certificates(call: Call[None]) -> out.MyCertificates:
    scope = f"{SCOPE}#{call.user_id}"
    start = pagination.decode_cursor(call.query.get("cursor"), scope=scope)
    found, after = service_certificates.mine(call.user_id, start["after"] if start else None,
                                             page_size(call.query))
    return out.MyCertificates(certificates=[presenters_certificates.mine(s) for s in found],
                              next_cursor=pagination.encode_cursor({"after": after} if after else None, scope=scope))

@endpoint(bp, "/api/me/certificates/{code}/attestation", access=Access.LEARNER, response=out.Download,
          errors=(404,), summary="Télécharger mon attestation PDF signée (lien valable quelques minutes)")
def my_attestation(call: Call[None], code: str) -> out.Download:
    url, name = service_certificates.attestation_link(call.user_id, code)
    return out.Download(url=url, file_name=name)

@endpoint(bp, "/api/me/certificates/{code}/credential", access=Access.LEARNER, response=out.CredentialOut,
          errors=(404,), summary="Mon certificat en badge numérique signé (Open Badges 3.0, VC-JWT)")
def my_credential(call: Call[None], code: str) -> out.CredentialOut:
    stored = service_certificates.credential_of(call.user_id, code)
    site = get_settings().site_url
    return out.CredentialOut(
        file_name=f"certificat-pix-{stored.certificate.taken_on.isoformat()}.jwt", media_type="application/vc+jwt",
        jwt=stored.credential, credential=credentials.decode_unverified(stored.credential),
        issuer_keys_url=site + credentials.KEYS_PATH)

@endpoint(bp, "/api/certif/centres/{centre_id}/sessions/{session_id}/attestations",
          access=Access.centre_member(), response=out.SessionDocuments, errors=(404,),
          summary="Les attestations d'une session : toute la session et chaque classe (liens de quelques minutes)")
def session_attestations(call: Call[None], centre_id: str, session_id: str) -> out.SessionDocuments:
    found = service_certificates.session_documents(centre_id, session_id)
    return out.SessionDocuments(documents=[out.SessionDocument(class_name=n, url=u, file_name=f) for n, u, f in found])

