"""A certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential 2.0), signed as a VC-JWT.

The form chosen, and why: Open Badges 3.0 §8.2 "JSON Web Token Proof Format" (VC-JWT). The credential is an
`OpenBadgeCredential` JSON document (contexts VC 2.0 and OB 3.0); the signed form is a compact JWS whose payload
*is* that document, with the registered claims OB 3.0 asks for (`iss` = issuer id, `jti` = credential id,
`nbf` = validFrom, `exp` = validUntil, `iat`), signed RS256 (the algorithm every OB 3.0 verifier must support)
with the issuer's credential key; the header names the key (`kid` = its RFC 7638 thumbprint). Anyone checks it
offline with the issuer's published key set (`GET /api/certificates/issuer-keys`, a JWKS): any JWT library
(`jwt.decode(token, key, algorithms=["RS256"])` with PyJWT), `jose`, or an Open Badges verifier. Chosen over a
Data Integrity proof (eddsa-rdfc-2022) because that needs RDF canonicalisation of JSON-LD, i.e. the contexts at
verification time; a JWS needs nothing but the key.

The subject carries the holder's name (an `IdentityObject` of type `name`, not hashed: the credential is meant
to be shown), the results (pix, and each certified competence's level) against the achievement's result
descriptions. No e-mail, no birth date: the verification page and the PDF show the rest.
"""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.certif.certificates import Certificate, verification_url
from chalicelib.certif.keys import jwk_thumbprint

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
ALGORITHM = "RS256"
ISSUER_PATH = "/api/certificates/issuer"
KEYS_PATH = "/api/certificates/issuer-keys"


class CredentialError(ValueError):
    """The credential is not one this issuer signed as it is (altered, another key, expired, malformed)."""


def issuer(site_url: str) -> dict[str, Any]:
    site = site_url.rstrip("/")
    return {"id": site + ISSUER_PATH, "type": ["Profile"], "name": "Pix", "url": site,
            "description": "Pix, le service public en ligne d'évaluation et de certification des compétences "
                           "numériques."}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential(certificate: Certificate, site_url: str) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of a certificate."""
    site = site_url.rstrip("/")
    achievement_id = f"{site}/api/certificates/achievement"
    competences = [c for d in certificate.domains for c in d.competences]
    descriptions = [{"id": f"{achievement_id}#pix", "type": ["ResultDescription"], "name": "Score Pix",
                     "resultType": "ScaledScore", "valueMin": "0", "valueMax": str(certificate.max_pix)}]
    descriptions += [{"id": f"{achievement_id}#{c.code}", "type": ["ResultDescription"],
                      "name": f"{c.code} {c.title}", "resultType": "ScaledScore", "valueMin": "0",
                      "valueMax": str(certificate.max_reachable_level)} for c in competences]
    results = [{"type": ["Result"], "resultDescription": f"{achievement_id}#pix", "value": str(certificate.pix)}]
    results += [{"type": ["Result"], "resultDescription": f"{achievement_id}#{c.code}", "value": str(c.level)}
                for c in competences if c.level >= 0]
    valid_until = datetime.combine(certificate.valid_until, time(23, 59, 59), tzinfo=UTC)
    return {
        "@context": CONTEXTS,
        "id": verification_url(site, certificate.verification_code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Certification Pix",
        "issuer": issuer(site),
        "validFrom": _iso(certificate.issued_at),
        "validUntil": _iso(valid_until),
        "awardedDate": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": False,
                            "identityHash": f"{certificate.first_name} {certificate.last_name}"}],
            "activityEndDate": f"{certificate.taken_on.isoformat()}T00:00:00Z",
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": "Certification Pix",
                "description": "Certification des compétences numériques du référentiel Pix (5 domaines, "
                               "16 compétences, niveaux 1 à 8), passée en centre agréé sous surveillance.",
                "criteria": {"narrative": "Test adaptatif surveillé ; chaque niveau certifié est confirmé par "
                                          "les réponses du candidat pendant la certification."},
                "creator": issuer(site),
                "resultDescription": descriptions,
            },
            "result": results,
        },
        "evidence": [{"type": ["Evidence"], "id": verification_url(site, certificate.verification_code),
                      "name": f"Certificat {certificate.verification_code}",
                      "description": f"Certification n° {certificate.certification_id}, passée le "
                                     f"{certificate.taken_on.strftime('%d/%m/%Y')} au centre "
                                     f"{certificate.centre_name}."}],
    }


def sign(document: dict[str, Any], key: rsa.RSAPrivateKey) -> str:
    """The VC-JWT of a credential: its members are the payload, with OB 3.0's registered claims."""
    valid_from = datetime.fromisoformat(document["validFrom"].replace("Z", "+00:00"))
    valid_until = datetime.fromisoformat(document["validUntil"].replace("Z", "+00:00"))
    claims = {**document, "iss": document["issuer"]["id"], "jti": document["id"],
              "nbf": int(valid_from.timestamp()), "iat": int(valid_from.timestamp()),
              "exp": int(valid_until.timestamp())}
    headers = {"kid": jwk_thumbprint(key.public_key()), "typ": "JWT"}
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers=headers)


def verify(token: str, key_set: dict[str, Any], *, now: datetime | None = None) -> dict[str, Any]:
    """The credential inside `token` if the issuer's key (found in `key_set` by `kid`) signed it as it is and it
    is valid at `now`; else CredentialError. What an employer's script does with the published JWKS."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise CredentialError(f"not a JWT: {error}") from None
    if header.get("alg") != ALGORITHM:
        raise CredentialError("unexpected algorithm")
    found = [k for k in key_set.get("keys", []) if k.get("kid") == header.get("kid")]
    if not found:
        raise CredentialError("unknown key")
    public = jwt.PyJWK(found[0], algorithm=ALGORITHM).key
    moment = now or datetime.now(UTC)
    try:
        claims = jwt.decode(token, public, algorithms=[ALGORITHM], options={
            "require": ["iss", "jti", "nbf", "exp"], "verify_exp": False, "verify_nbf": False})
    except jwt.PyJWTError as error:
        raise CredentialError(f"signature or claims refused: {error}") from None
    if not claims["nbf"] <= moment.timestamp() <= claims["exp"]:
        raise CredentialError("outside its validity")
    if claims["iss"] != claims.get("issuer", {}).get("id") or claims["jti"] != claims.get("id"):
        raise CredentialError("claims disagree with the credential")
    return {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf", "iat", "exp")}


def decode_unverified(token: str) -> dict[str, Any]:
    """The payload as it is written (to show it): never a proof of anything."""
    payload = token.split(".")[1]
    data: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return data
