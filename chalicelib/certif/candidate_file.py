"""Reading a file of candidates: CSV as Excel writes it, or a spreadsheet (.xlsx, .ods, .xls) read with
python-calamine; every line checked, every problem named with its line, in French.

No I/O here: bytes in, `Input`s (with their line numbers) or errors out. The columns are Pix's (see
`COLUMNS`); the downloadable template (`template_csv`) is built from the same list. The header is the first
line that names the birth name column (Pix's own template has title lines above it); lines below it that
are entirely empty are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chalicelib.certif.candidates import Input
from chalicelib.certif.centres import search_key

# (field of Input, header as Pix writes it, required, only for billed centres)
COLUMNS: tuple[tuple[str, str, bool, bool], ...] = (
    ("last_name", "* Nom de naissance", True, False),
    ("first_name", "* Prénom", True, False),
    ("external_id", "Identifiant local", False, False),
    ("extra_time_percentage", "Temps majoré ?", False, False),
    ("birth_date", "* Date de naissance (jj/mm/aaaa)", True, False),
    ("birth_city", "Nom de la commune", False, False),
    ("birth_postal_code", "Code postal", False, False),
    ("birth_insee_code", "Code Insee", False, False),
    ("birth_country", "Pays", False, False),
    ("email", "E-mail de convocation", False, False),
    ("result_recipient_email", "E-mail du destinataire des résultats", False, False),
    ("sex", "* Sexe (M ou F)", True, False),
    ("billing_mode", "Tarification part Pix", False, True),
    ("prepayment_code", "Code de prépaiement", False, True),
)
_KEYS = {field: search_key(header.split("(")[0].replace("?", "")) for field, header, _, _ in COLUMNS}
_BILLING = {"gratuite": "FREE", "payante": "PAID", "prepayee": "PREPAID"}
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PERCENT = re.compile(r"^(\d{1,3})(?:[.,]0+)?\s*%?$")
MAX_LINES = 200  # well above a room; beyond it the file is not a session's list


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # in the file, 1 = its first line
    given: Input


@dataclass(frozen=True, slots=True)
class LineError:
    line: int | None
    code: str
    message: str


def at_line(number: int, message: str) -> str:
    """« Ligne 4 : la date de naissance n'existe pas. »"""
    return f"Ligne {number} : {message[:1].lower()}{message[1:]}"


def template_csv(billed: bool) -> bytes:
    """The header line, as Excel reads it in France: UTF-8 with a BOM, semicolons."""
    headers = [header for _, header, _, billing in COLUMNS if billed or not billing]
    return ("\ufeff" + ";".join(headers) + "\r\n").encode("utf-8")


def _decode(raw: bytes) -> str:
    """Excel saves "CSV UTF-8" with a BOM, or plain "CSV" in Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _csv_rows(raw: bytes) -> list[list[Any]]:
    text = _decode(raw)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _sheet_rows(raw: bytes) -> list[list[Any]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        rows: list[list[Any]] = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, IndexError):
        raise _Unreadable() from None
    return rows


class _Unreadable(Exception):
    pass


def _is_spreadsheet(raw: bytes) -> bool:
    return raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0")  # zip (xlsx, ods) or OLE (xls)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _birth_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = _DATE.match(_text(value))
    if not found:
        raise ValueError("La date de naissance doit s'écrire jj/mm/aaaa.")
    day, month, year = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("La date de naissance n'existe pas.") from None


def _extra_time(value: Any) -> int:
    if isinstance(value, float) and 0 < value < 1:  # a cell formatted as a percentage: 0.3 is 30 %
        return round(value * 100)
    text = _text(value)
    if not text:
        return 0
    found = _PERCENT.match(text)
    if not found:
        raise ValueError("Le temps majoré est un pourcentage entier, par exemple 30.")
    return int(found.group(1))


def _code(value: Any, size: int) -> str:
    """A postal or INSEE code a spreadsheet turned into a number (01053 → 1053): its zeros back."""
    text = _text(value)
    return text.zfill(size) if text.isdigit() and len(text) < size else text


def _header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:20]):
        keys = [search_key(_text(cell).split("(")[0].replace("?", "")) for cell in row]
        if _KEYS["last_name"] in keys:
            return index, {field: keys.index(key) for field, key in _KEYS.items() if key in keys}
    return None


def read(raw: bytes, *, billed: bool) -> tuple[list[Line], list[LineError]]:
    """Every candidate line of the file, or the errors (all of them, each with its line)."""
    try:
        rows = _sheet_rows(raw) if _is_spreadsheet(raw) else _csv_rows(raw)
    except _Unreadable:
        return [], [LineError(None, "IMPORT_FILE_UNREADABLE",
                              "Le fichier n'a pas pu être lu : envoyez un fichier CSV, .xlsx ou .ods.")]
    found = _header(rows)
    if found is None:
        return [], [LineError(None, "IMPORT_HEADER_MISSING",
                              "La ligne d'en-tête est introuvable : partez du modèle à télécharger.")]
    header_index, columns = found
    missing = [header for field, header, required, billing in COLUMNS
               if field not in columns and (required or (billing and billed))]
    if missing:
        return [], [LineError(header_index + 1, "IMPORT_COLUMNS_MISSING",
                              f"Ligne {header_index + 1} : colonnes manquantes : {', '.join(missing)}.")]
    lines: list[Line] = []
    errors: list[LineError] = []
    body = rows[header_index + 1:]
    if len(body) > MAX_LINES:
        return [], [LineError(None, "IMPORT_TOO_MANY_LINES", f"Le fichier compte plus de {MAX_LINES} lignes.")]
    for offset, row in enumerate(body):
        number = header_index + 2 + offset
        cells = {field: (row[i] if i < len(row) else None) for field, i in columns.items()}
        if not any(_text(value) for value in cells.values()):
            continue
        try:
            lines.append(Line(number, _input(cells)))
        except ValueError as problem:
            errors.append(LineError(number, "IMPORT_LINE_INVALID", at_line(number, str(problem))))
    if not lines and not errors:
        errors.append(LineError(None, "IMPORT_EMPTY", "Le fichier ne contient aucun candidat."))
    return lines, errors


def _input(cells: dict[str, Any]) -> Input:
    billing = search_key(_text(cells.get("billing_mode")))
    if billing and billing not in _BILLING:
        raise ValueError("La tarification est « Gratuite », « Payante » ou « Prépayée ».")
    return Input(
        last_name=_text(cells.get("last_name")),
        first_name=_text(cells.get("first_name")),
        sex=_text(cells.get("sex")),
        birth_date=_birth_date(cells.get("birth_date")),
        birth_country=_text(cells.get("birth_country")),
        birth_insee_code=_code(cells.get("birth_insee_code"), 5),
        birth_postal_code=_code(cells.get("birth_postal_code"), 5),
        birth_city=_text(cells.get("birth_city")),
        email=_text(cells.get("email")),
        result_recipient_email=_text(cells.get("result_recipient_email")),
        external_id=_text(cells.get("external_id")),
        extra_time_percentage=_extra_time(cells.get("extra_time_percentage")),
        billing_mode=_BILLING.get(billing, ""),
        prepayment_code=_text(cells.get("prepayment_code")),
    )
