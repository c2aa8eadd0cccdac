"""Reading a CSV file as Excel and other spreadsheets write it, line by line.

- Encoding: UTF-8 (with or without BOM), UTF-16 with BOM ("Texte Unicode"), else Windows-1252 or Mac
  Roman, whichever makes more of the header's expected labels readable (their accents differ).
- Separator: `;`, `,` or a tab, the most frequent on the header line.
- Quoted fields may hold separators and line breaks; a line's number is its row in a spreadsheet (the
  header is line 1), so a quoted line break does not shift the numbers people see.
- Values are trimmed; trailing empty columns and empty lines are ignored.

The header is matched to the expected columns by label (case, spaces, final asterisks, apostrophes and,
failing that, accents ignored). Rows stream from the file: memory does not grow with its length.

The module knows no format: Orga's SCO and SUP lists use it, and so may any other list of people.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from chalicelib.orga.imports.names import fold
from chalicelib.orga.imports.problems import Problem, Unreadable, problem, quoted
from chalicelib.orga.imports.values import clean

CHUNK = 1 << 16
SEPARATORS = (";", ",", "\t")
ENCODINGS = ("utf-8", "cp1252", "mac_roman")  # tried in this order when no BOM says which
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the field's name in code
    label: str  # as in the template's header, asterisks included
    required: bool = False  # the header must hold it (whether each value is required is the format's rule)


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    values: dict[str, str]  # column key → trimmed value ("" when empty or the column is absent)


@dataclass(slots=True)
class Table:
    source: BinaryIO
    encoding: str
    separator: str
    labels: dict[str, str]  # column key → its label as the file writes it
    positions: dict[str, int]  # column key → its index in a row
    header_problems: list[Problem] = field(default_factory=list)
    extra_problems: list[Problem] = field(default_factory=list)  # warnings found while reading rows

    def rows(self) -> Iterator[Row]:
        """Every line after the header holding at least one value."""
        self.source.seek(0)
        wrapper = io.TextIOWrapper(self.source, encoding=self.encoding, newline="")
        try:
            reader = csv.reader(wrapper, delimiter=self.separator)
            width = max(self.positions.values(), default=-1) + 1
            line = 0
            try:
                for cells in reader:
                    line += 1
                    if line == 1:
                        continue
                    values = [clean(c) for c in cells]
                    if not any(values):
                        continue
                    if any(values[width:]):
                        self.extra_problems.append(problem(
                            line, None, "VALUE_OUTSIDE_COLUMNS",
                            f"la valeur {quoted(next(v for v in values[width:] if v))} est hors des colonnes "
                            "de l'en-tête : elle est ignorée"))
                    yield Row(line, {key: values[i] if i < len(values) else "" for key, i in self.positions.items()})
            except csv.Error as error:
                raise Unreadable("CSV_MALFORMED", f"Ligne {line + 1} : le fichier CSV est mal formé ({error}).",
                                 line + 1) from error
        finally:
            wrapper.detach()  # the caller owns the source


def label_key(label: str) -> str:
    """`Nom d’usage *` → `nom d'usage`: how two writings of a header label compare (accents kept)."""
    text = unicodedata.normalize("NFC", label).replace("\ufeff", "").replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().rstrip(" *").split())


def _decodes(source: BinaryIO, encoding: str) -> bool:
    source.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := source.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _header_cells(source: BinaryIO, encoding: str) -> list[str]:
    source.seek(0)
    start = source.read(CHUNK).decode(encoding, errors="replace")
    first = start.lstrip("\ufeff").splitlines()[0] if start.strip() else ""
    return next(csv.reader([first], delimiter=_separator(first)), [])


def _separator(cells_line: str) -> str:
    counts = {s: cells_line.count(s) for s in SEPARATORS}
    return max(SEPARATORS, key=lambda s: counts[s]) if any(counts.values()) else ";"


def _encoding(source: BinaryIO, columns: Sequence[Column]) -> str:
    source.seek(0)
    head = source.read(CHUNK)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            if not _decodes(source, encoding):
                raise Unreadable("FILE_ENCODING",
                                 f"Le fichier annonce l'encodage {encoding.upper()} mais n'en est pas.")
            return encoding
    if not head.strip():
        raise Unreadable("FILE_EMPTY", "Le fichier est vide.")
    if head.startswith(b"PK\x03\x04"):
        raise Unreadable("FILE_NOT_CSV", "Ce fichier est un classeur ou une archive, pas un CSV : dans le tableur, "
                                         "choisissez « Enregistrer sous » au format CSV.")
    if b"\x00" in head:
        raise Unreadable("FILE_NOT_TEXT", "Ce fichier n'est pas un fichier texte CSV.")
    if _decodes(source, "utf-8"):
        return "utf-8"
    expected = {label_key(c.label) for c in columns}
    best, best_score = "", -1
    for encoding in ENCODINGS[1:]:
        if not _decodes(source, encoding):
            continue
        score = sum(label_key(cell) in expected for cell in _header_cells(source, encoding))
        if score > best_score:
            best, best_score = encoding, score
    if not best:
        raise Unreadable("FILE_ENCODING", "L'encodage du fichier n'est pas reconnu : enregistrez-le en CSV UTF-8.")
    return best


def open_table(source: BinaryIO, columns: Sequence[Column]) -> Table:
    """The file's encoding, separator and header, matched to `columns`. Header problems (a required
    column missing, an unknown or repeated column) are errors at line 1, listed in `header_problems`."""
    encoding = _encoding(source, columns)
    source.seek(0)
    start = source.read(CHUNK).decode(encoding, errors="replace").lstrip("\ufeff")
    separator = _separator(start.splitlines()[0] if start else "")
    try:
        header = next(csv.reader(io.StringIO(start, newline=""), delimiter=separator), [])
    except csv.Error as error:
        raise Unreadable("CSV_MALFORMED", f"Ligne 1 : le fichier CSV est mal formé ({error}).", 1) from error
    exact = {label_key(c.label): c for c in columns}
    loose = {fold(c.label): c for c in columns}
    labels: dict[str, str] = {}
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for index, raw in enumerate(header):
        label = clean(raw.replace("\ufeff", ""))
        if not label:
            continue
        column = exact.get(label_key(label)) or loose.get(fold(label))
        if column is None:
            problems.append(problem(1, label, "HEADER_UNKNOWN", f"la colonne {quoted(label)} n'est pas attendue"))
        elif column.key in positions:
            problems.append(problem(1, label, "HEADER_DUPLICATE", f"la colonne {quoted(label)} est en double"))
        else:
            labels[column.key], positions[column.key] = label, index
    for column in columns:
        if column.required and column.key not in positions:
            problems.append(problem(1, column.label, "HEADER_MISSING",
                                    f"la colonne obligatoire {quoted(column.label)} est absente de l'en-tête"))
    for column in columns:
        labels.setdefault(column.key, column.label)
    return Table(source, encoding, separator, labels, positions, problems)
