"""Organisations, pure: what one is, and the rules of its fields (UAI of a school, types, tags)."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from chalicelib.errors import Invalid

OrganizationType = Literal["SCO", "SUP", "PRO"]
TYPES: tuple[OrganizationType, ...] = ("SCO", "SUP", "PRO")
# The UAI (Unité Administrative Immatriculée) of a French school: 7 characters and a check letter.
UAI_PATTERN = re.compile(r"^[0-9]{3}[0-9A-Z]{4}[A-Z]$")
# The letters of the UAI's check key (no I, O, Q): the remainder of the number modulo 23.
_UAI_KEY = "ABCDEFGHJKLMNPRSTUVWXYZ"
PROVINCE_PATTERN = re.compile(r"^(?:[0-9]{2,3}|2A|2B)$")
MAX_TAGS = 10


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    type: OrganizationType
    external_id: str | None  # the UAI for SCO (required, validated); free for SUP and PRO
    province_code: str | None
    manages_students: bool
    email: str | None
    tags: tuple[str, ...]
    archived_at: datetime | None
    created_at: datetime

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


def new_id() -> str:
    return secrets.token_urlsafe(9)


def uai_is_valid(uai: str) -> bool:
    """The shape and, for the all-digit ones, the check letter (7 digits modulo 23)."""
    if not UAI_PATTERN.match(uai):
        return False
    digits = uai[:7]
    if digits.isdigit():
        return _UAI_KEY[int(digits) % 23] == uai[7]
    return True


def search_key(name: str) -> str:
    """The name as searched: lower case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def checked(organization: Organization) -> Organization:
    """The organisation if its fields hold together; Invalid naming the field otherwise."""
    name = " ".join(organization.name.split())
    if not name:
        raise Invalid("ORGANIZATION_NAME_REQUIRED", "Le nom de l'organisation est obligatoire.",
                      details=[{"field": "name", "message": "obligatoire"}])
    external_id = (organization.external_id or "").strip().upper() or None
    if organization.type == "SCO":
        if external_id is None or not uai_is_valid(external_id):
            raise Invalid("INVALID_UAI", "Une organisation SCO a besoin de son UAI valide (ex. 0750654D).",
                          details=[{"field": "external_id", "message": "UAI invalide"}])
    elif organization.type == "PRO" and organization.manages_students:
        raise Invalid("PRO_CANNOT_MANAGE_STUDENTS", "Seules les organisations SCO et SUP gèrent des élèves ou "
                                                    "étudiants.", details=[{"field": "manages_students",
                                                                            "message": "SCO ou SUP"}])
    province = (organization.province_code or "").strip().upper() or None
    if province is not None and not PROVINCE_PATTERN.match(province):
        raise Invalid("INVALID_PROVINCE_CODE", "Le code de département est de 2 ou 3 caractères (ex. 75, 2A, 974).",
                      details=[{"field": "province_code", "message": "code invalide"}])
    tags = tuple(dict.fromkeys(t.strip().upper() for t in organization.tags if t.strip()))
    if len(tags) > MAX_TAGS:
        raise Invalid("TOO_MANY_TAGS", f"Une organisation a au plus {MAX_TAGS} étiquettes.",
                      details=[{"field": "tags", "message": "trop d'étiquettes"}])
    email = (organization.email or "").strip().lower() or None
    return Organization(organization.id, name, organization.type, external_id, province,
                        organization.manages_students, email, tags, organization.archived_at,
                        organization.created_at)
