"""A Pix certificate and its PDF attestation (PRODUCTS.md "Jury, publication, certificates"). Pure: no storage.

A `Certificate` is what a published, validated certification proves: the person (names, birth date and place),
the certification (number, date, centre), the pix score and the maximum reachable then, the level of each of the
16 competences grouped by the 5 domains (titles as in the release of the day: a certificate is a snapshot), the
jury's comment for the candidate, the verification code, when it was issued; valid 3 years from the test.

Its PDF attestation is drawn by `attestation.py` (fpdf2 costs 0.7 s to import: only the certificates job
loads it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

VALIDITY_YEARS = 3
PIX_PER_LEVEL = 8
NOT_CERTIFIED = -1
VALIDATED = "validated"
STATUS_LABELS = {"validated": "Validée", "rejected": "Rejetée", "cancelled": "Annulée"}
VERIFICATION_PATH = "/verification/"


@dataclass(frozen=True, slots=True)
class CompetenceLevel:
    code: str  # "1.1"
    title: str
    level: int  # NOT_CERTIFIED (-1) when not certified

    @property
    def label(self) -> str:
        return f"Niveau {self.level}" if self.level > 0 else ("Niveau 0" if self.level == 0 else "Non certifiée")


@dataclass(frozen=True, slots=True)
class DomainLevels:
    code: str  # "1"
    title: str
    competences: tuple[CompetenceLevel, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """A published certification that gives no certificate (rejected or cancelled): what its candidate sees of it in
    « Mes certifications », the day, the centre, the status and the jury's comment; no code, score nor PDF."""

    certification_id: str
    user_id: str
    session_id: str
    centre_name: str
    taken_on: date
    status: str  # rejected or cancelled
    issued_at: datetime  # when the publication's job wrote it (orders it among the person's certificates)
    comment_for_candidate: str | None = None


@dataclass(frozen=True, slots=True)
class Certificate:
    verification_code: str
    certification_id: str  # the certification's number
    user_id: str
    session_id: str
    centre_id: str
    centre_name: str
    first_name: str
    last_name: str
    birth_date: date
    birthplace: str
    taken_on: date  # the day of the test (Paris)
    status: str  # validated (only validated certifications get a certificate)
    pix: int
    max_reachable_level: int
    domains: tuple[DomainLevels, ...]
    issued_at: datetime
    comment_for_candidate: str | None = None
    class_name: str | None = None  # a pupil's class (division), for the per-class document

    @property
    def max_pix(self) -> int:
        """The highest score reachable on the day: 8 pix per level up to the reachable level, per competence."""
        return PIX_PER_LEVEL * self.max_reachable_level * sum(len(d.competences) for d in self.domains)

    @property
    def valid_until(self) -> date:
        return add_years(self.taken_on, VALIDITY_YEARS)

    def levels(self) -> dict[str, int]:
        return {c.code: c.level for d in self.domains for c in d.competences}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def domains_from(titles: Sequence[tuple[str, str, Sequence[tuple[str, str]]]],
                 levels: Mapping[str, int]) -> tuple[DomainLevels, ...]:
    """The domains as the release gives them — (code, title, [(competence code, title), …]) — with the
    certified levels (a competence missing from `levels` is not certified)."""
    return tuple(
        DomainLevels(code, title, tuple(CompetenceLevel(c, t, int(levels.get(c, NOT_CERTIFIED))) for c, t in comps))
        for code, title, comps in titles
    )


def verification_url(site_url: str, code: str) -> str:
    return f"{site_url.rstrip('/')}{VERIFICATION_PATH}?code={quote(code)}"


def file_name(certificate: Certificate) -> str:
    """`attestation-pix-<date of the test>.pdf`: no name in it (a file name travels in mails and logs)."""
    return f"attestation-pix-{certificate.taken_on.isoformat()}.pdf"


def french_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- as JSON (the store's snapshot) ---------------------------------------------------------------------------


ANONYMISED = "(anonymisé)"


def anonymised(c: Certificate) -> Certificate:
    """What stays of a certificate once its holder is anonymised: the session, the score and the levels
    (statistics), nothing that says who held it."""
    return replace(c, user_id="", first_name=ANONYMISED, last_name=ANONYMISED, birth_date=date(1900, 1, 1),
                   birthplace="", comment_for_candidate=None, class_name=None)


def as_dict(c: Certificate) -> dict[str, Any]:
    return {
        "verification_code": c.verification_code, "certification_id": c.certification_id, "user_id": c.user_id,
        "session_id": c.session_id, "centre_id": c.centre_id, "centre_name": c.centre_name,
        "first_name": c.first_name, "last_name": c.last_name, "birth_date": c.birth_date.isoformat(),
        "birthplace": c.birthplace, "taken_on": c.taken_on.isoformat(), "status": c.status, "pix": c.pix,
        "max_reachable_level": c.max_reachable_level, "issued_at": c.issued_at.isoformat(),
        "comment_for_candidate": c.comment_for_candidate, "class_name": c.class_name,
        "domains": [[d.code, d.title, [[x.code, x.title, x.level] for x in d.competences]] for d in c.domains],
    }


def from_dict(raw: Mapping[str, Any]) -> Certificate:
    return Certificate(
        verification_code=raw["verification_code"], certification_id=raw["certification_id"],
        user_id=raw["user_id"], session_id=raw["session_id"], centre_id=raw["centre_id"],
        centre_name=raw["centre_name"], first_name=raw["first_name"], last_name=raw["last_name"],
        birth_date=date.fromisoformat(raw["birth_date"]), birthplace=raw["birthplace"],
        taken_on=date.fromisoformat(raw["taken_on"]), status=raw["status"], pix=int(raw["pix"]),
        max_reachable_level=int(raw["max_reachable_level"]), issued_at=datetime.fromisoformat(raw["issued_at"]),
        comment_for_candidate=raw.get("comment_for_candidate"), class_name=raw.get("class_name"),
        domains=tuple(DomainLevels(code, title, tuple(CompetenceLevel(*x) for x in comps))
                      for code, title, comps in raw["domains"]),
    )
