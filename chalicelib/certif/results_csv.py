"""The session results CSV, for the centre and the results recipients (PRODUCTS.md "Session results CSV").

As French Excel opens it: UTF-8 with a BOM, `;` between cells, CRLF line ends, dates `JJ/MM/AAAA`, and a text
cell that starts with `= + - @` (or a tab / carriage return) prefixed with `'` so that no formula runs (names,
comments and ids are typed by people). Pure and streamed: `lines(competences, rows)` yields the file line by
line, the BOM and the heading first.

What a row shows by status: a validated certification its pix and each competence's certified level ("-" for a
competence not certified); any other status (rejected, cancelled, in error, started) "-" for the pix and
every level: no certified result exists. A certificate's date is the day the test was taken, in Paris.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

BOM = "\ufeff"
SEPARATOR = ";"
NONE = "-"
PARIS = ZoneInfo("Europe/Paris")
FRANCE = "99100"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

STATUS_LABELS = {
    "validated": "Validée",
    "rejected": "Rejetée",
    "cancelled": "Annulée",
    "error": "En erreur",
    "started": "Démarrée",
}


@dataclass(frozen=True, slots=True)
class ResultRow:
    certification_number: str
    first_name: str
    last_name: str
    birth_date: date
    birthplace: str  # see `birthplace_label`
    status: str  # a key of STATUS_LABELS
    session_id: str
    centre_name: str
    taken_at: datetime  # when the test started (aware)
    external_id: str | None = None
    pix: int | None = None  # validated only
    levels: Mapping[str, int] = field(default_factory=dict)  # competence -> certified level, -1: not certified
    jury_comment_for_organization: str | None = None


def heading(competences: Sequence[str]) -> list[str]:
    return [
        "Numéro de certification", "Prénom", "Nom", "Date de naissance", "Lieu de naissance", "Identifiant Externe",
        "Statut", "Nombre de Pix", *competences, "Commentaire jury pour l'organisation", "Session",
        "Centre de certification", "Date de passage de la certification",
    ]


def birthplace_label(city: str, country: str, country_code: str) -> str:
    """The city for a birth in France, "City (COUNTRY)" abroad."""
    return city if country_code == FRANCE else f"{city} ({country})"


def lines(competences: Sequence[str], rows: Iterable[ResultRow]) -> Iterator[str]:
    """The file, line by line (each ending with CRLF); the first starts with the BOM."""
    yield BOM + _line(heading(competences))
    for row in rows:
        yield _line(_cells(competences, row))


def document(competences: Sequence[str], rows: Iterable[ResultRow]) -> bytes:
    """The whole file, for a session's few dozen rows."""
    return "".join(lines(competences, rows)).encode("utf-8")


def _cells(competences: Sequence[str], row: ResultRow) -> list[str]:
    validated = row.status == "validated"
    levels = [
        str(level) if validated and (level := row.levels.get(code, -1)) >= 0 else NONE for code in competences
    ]
    return [
        _text(row.certification_number),
        _text(row.first_name),
        _text(row.last_name),
        row.birth_date.strftime("%d/%m/%Y"),
        _text(row.birthplace),
        _text(row.external_id or ""),
        STATUS_LABELS[row.status],
        str(row.pix) if validated and row.pix is not None else NONE,
        *levels,
        _text(row.jury_comment_for_organization or ""),
        _text(row.session_id),
        _text(row.centre_name),
        row.taken_at.astimezone(PARIS).strftime("%d/%m/%Y"),
    ]


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()
