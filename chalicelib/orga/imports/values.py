"""Checks of single values shared by the formats: text a person may type, birth dates, e-mail addresses.

Each check returns the clean value, or a `Fault` saying (in French, with the value) what is wrong; the
format's reader turns a fault into a problem at its line and column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from chalicelib.orga.imports.problems import quoted

MAX_TEXT = 255
OLDEST = date(1900, 1, 1)

# Controls, invisible formatting (bidirectional overrides, zero-width), private use, unassigned, line and
# paragraph separators: no name or label holds them, and they can disguise one name as another.
_REFUSED = {"Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Cs"}
_SPACES = re.compile(r"\s+")
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True, slots=True)
class Fault:
    code: str
    reason: str


def clean(raw: str | None) -> str:
    """Spaces trimmed and collapsed (Excel leaves non-breaking and doubled ones), Unicode composed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", raw or "")).strip()


def text(value: str, *, max_length: int = MAX_TEXT) -> str | Fault:
    """A name or label: printable characters only, at most `max_length` of them."""
    # Fast path: printable is everything but the refused categories and spaces other than " ", which
    # `clean` has already turned into " ".
    if not value.isprintable() and any(unicodedata.category(c) in _REFUSED for c in value):
        return Fault("VALUE_CHARACTERS", f"la valeur {quoted(value)} contient des caractères invisibles ou de contrôle")
    if len(value) > max_length:
        return Fault("VALUE_TOO_LONG", f"la valeur {quoted(value)} dépasse {max_length} caractères")
    return value


def birth_date(value: str, today: date, *, short_year: bool = True) -> date | Fault:
    """`JJ/MM/AAAA`, `JJ/MM/AA` (a two-digit year is the latest not in the future) or `AAAA-MM-JJ`;
    a birth date is in the past and not before 1900."""
    found = _DATE_FR.match(value)
    if found and (short_year or len(found[3]) == 4):
        day, month, year = int(found[1]), int(found[2]), int(found[3])
        if len(found[3]) == 2:
            year += 2000 if 2000 + year <= today.year else 1900
    elif (iso := _DATE_ISO.match(value)) is not None:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    else:
        expected = "JJ/MM/AAAA ou JJ/MM/AA" if short_year else "JJ/MM/AAAA"
        return Fault("BIRTH_DATE_FORMAT", f"la date {quoted(value)} n'est pas au format {expected}")
    try:
        parsed = date(year, month, day)
    except ValueError:
        return Fault("BIRTH_DATE_INVALID", f"la date {quoted(value)} n'existe pas")
    if not OLDEST <= parsed < today:
        return Fault("BIRTH_DATE_INVALID",
                     f"la date de naissance {quoted(value)} doit être passée et postérieure à 1900")
    return parsed


def email(value: str) -> str | Fault:
    if len(value) > 254 or not _EMAIL.match(value):
        return Fault("EMAIL_INVALID", f"l'adresse e-mail {quoted(value)} n'est pas valide")
    return value
