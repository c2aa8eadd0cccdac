"""What the certificates' routes answer."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel


class CompetenceLevelOut(BaseModel):
    code: str
    title: str
    level: int  # -1: not certified


class DomainOut(BaseModel):
    code: str
    title: str
    competences: list[CompetenceLevelOut]


class VerifiedCertificate(BaseModel):
    """What the public page shows of a certificate (its code is what the visitor typed)."""

    verification_code: str
    first_name: str
    last_name: str
    birth_date: date
    certification_date: date
    centre_name: str
    status: str
    pix: int
    max_pix: int
    valid_until: date
    valid: bool  # still within its 3 years
    domains: list[DomainOut]


class MyCertificate(BaseModel):
    """A certification of mine: `validated`, with its certificate (code, score, levels, PDF and share link); or
    `rejected` / `cancelled`, with only its day, centre and the jury's comment (the others are null or empty)."""

    verification_code: str | None
    certification_date: date
    centre_name: str
    status: str
    pix: int | None
    max_pix: int | None
    valid_until: date | None
    issued_at: datetime
    verification_url: str | None  # the share link
    file_name: str | None
    comment_for_candidate: str | None
    domains: list[DomainOut]


class MyCertificates(BaseModel):
    certificates: list[MyCertificate]
    next_cursor: str | None


class Download(BaseModel):
    url: str  # valid a few minutes: ask again at each click
    file_name: str


class CredentialOut(BaseModel):
    """The Open Badges 3.0 credential, signed (VC-JWT), and its content as JSON to show."""

    file_name: str
    media_type: str
    jwt: str
    credential: dict[str, object]
    issuer_keys_url: str


class SessionDocument(BaseModel):
    class_name: str | None  # None: the whole session
    url: str
    file_name: str


class SessionDocuments(BaseModel):
    documents: list[SessionDocument]


class Jwk(BaseModel):
    kty: str
    kid: str
    use: str
    alg: str
    n: str | None = None
    e: str | None = None
    crv: str | None = None
    x: str | None = None
    y: str | None = None
    x5c: list[str] | None = None


class IssuerKeys(BaseModel):
    """A JSON Web Key Set (RFC 7517): the credentials' key, and the PDF signing key with its certificates."""

    keys: list[Jwk]


class IssuerProfile(BaseModel):
    """The Open Badges 3.0 issuer profile that credentials name."""

    model_config = {"populate_by_name": True}

    id: str
    type: list[str]
    name: str
    url: str
    description: str
