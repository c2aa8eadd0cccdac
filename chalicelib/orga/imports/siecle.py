"""SCO list from SIECLE (the national school database's `BEE_ELEVES` export): XML, bare or zipped.

The XML is read as a stream by expat through defusedxml: a DTD, an entity declaration or an external
reference stops the reading (no billion laughs, no file or network read); a zip is opened member by
member with a size limit counted on what is actually inflated (a zip bomb stops at the limit). Memory
holds the kept pupils, not the document.

Shape: `BEE_ELEVES/PARAMETRES/UAJ` (the UAI), `BEE_ELEVES/DONNEES/ELEVES/ELEVE` (attribute `ELEVE_ID`,
one child per field), `BEE_ELEVES/DONNEES/STRUCTURES/STRUCTURES_ELEVE` (same `ELEVE_ID`) whose `STRUCTURE`
of `TYPE_STRUCTURE` `D` gives the division in `CODE_STRUCTURE`.

Kept: pupils with an INE, no leaving date and a division; the others are skipped silently (they left, or
are not registered yet). Among the kept: a repeated INE, a missing sex, a missing or invalid birth date,
a missing INSEE city code for someone born in France, a missing name are errors. Lines are the lines of
the XML elements.
"""

from __future__ import annotations

import dataclasses
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, BinaryIO
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

import chalicelib.orga.imports.values as values
from chalicelib.orga.imports.learner import FRANCE_SIECLE, ImportedLearner
from chalicelib.orga.imports.problems import Problem, Report, Unreadable, problem, quoted

FORMAT = "siecle"
CHUNK = 1 << 16
MAX_XML_BYTES = 300 * 1024 * 1024  # inflated; a 50,000-pupil export is about 60 MB
MAX_DEPTH = 32
MAX_VALUE = 1000  # characters kept of one field (a field is a few dozen at most)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
ROOT = "BEE_ELEVES"
PUPIL_FIELDS = frozenset({
    "ID_NATIONAL", "NOM_DE_FAMILLE", "NOM_USAGE", "PRENOM", "PRENOM2", "PRENOM3", "DATE_NAISS", "CODE_SEXE",
    "CODE_PAYS", "CODE_DEPARTEMENT_NAISS", "CODE_COMMUNE_INSEE_NAISS", "VILLE_NAISS", "CODE_MEF", "CODE_STATUT",
    "DATE_SORTIE",
})
SEXES = {"1": "M", "2": "F"}
# Fields whose few values repeat on every pupil: one string each in memory, not one per pupil.
SHARED_VALUES = frozenset({"CODE_PAYS", "CODE_DEPARTEMENT_NAISS", "CODE_COMMUNE_INSEE_NAISS", "VILLE_NAISS",
                           "CODE_MEF", "CODE_STATUT"})


@dataclass(slots=True)
class _Pupil:
    """One ELEVE as read: its fields with the line of each, then its learner and problems."""

    pupil_id: str
    line: int
    fields: dict[str, tuple[str, int]] = field(default_factory=dict)
    learner: ImportedLearner | None = None
    problems: list[Problem] = field(default_factory=list)


class _Reader(ContentHandler):
    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.locator: Locator | None = None
        self.path: list[str] = []
        self.buffer: list[str] | None = None  # characters of a field being read
        self.buffered = 0
        self.buffer_depth = 0  # the depth of the element being collected
        self.field_line = 0
        self.uai: tuple[str, int] | None = None
        self.pupils: dict[str, _Pupil] = {}  # ELEVE_ID → pupil, in document order
        self.pupil: _Pupil | None = None
        self.divisions: dict[str, str] = {}  # ELEVE_ID → division
        self.structures_of: str | None = None
        self.structure: dict[str, str] = {}

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 (SAX's name)
        self.locator = locator

    def _line(self) -> int:
        return (self.locator.getLineNumber() or 0) if self.locator else 0

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802 (SAX's name)
        if not self.path and name != ROOT:
            raise Unreadable("SIECLE_NOT_BEE_ELEVES", f"Ce fichier n'est pas un export SIECLE des élèves : il commence "
                                                      f"par {quoted(name)} au lieu de « {ROOT} ».", self._line())
        self.path.append(name)
        if len(self.path) > MAX_DEPTH:
            raise Unreadable("XML_TOO_DEEP", "Le fichier XML est imbriqué trop profondément.", self._line())
        parent = self.path[-2] if len(self.path) > 1 else ""
        if name == "ELEVE" and parent == "ELEVES":
            pupil_id = attrs.get("ELEVE_ID", "")
            self.pupil = _Pupil(pupil_id, self._line())
        elif (self.pupil is not None and parent == "ELEVE" and name in PUPIL_FIELDS) or (
                name == "UAJ" and parent == "PARAMETRES"):
            self._collect()
        elif name == "STRUCTURES_ELEVE" and parent == "STRUCTURES":
            self.structures_of = attrs.get("ELEVE_ID", "")
        elif name == "STRUCTURE" and parent == "STRUCTURES_ELEVE":
            self.structure = {}
        elif parent == "STRUCTURE" and name in ("CODE_STRUCTURE", "TYPE_STRUCTURE"):
            self._collect()

    def _collect(self) -> None:
        self.buffer, self.buffered, self.field_line = [], 0, self._line()
        self.buffer_depth = len(self.path)

    def characters(self, content: str) -> None:
        if self.buffer is not None and self.buffered < MAX_VALUE:
            self.buffer.append(content)
            self.buffered += len(content)

    def endElement(self, name: str) -> None:  # noqa: N802
        collected = self.buffer is not None and len(self.path) == self.buffer_depth
        self.path.pop()
        value = values.clean("".join(self.buffer or ())[:MAX_VALUE]) if collected else ""
        if collected:
            self.buffer = None
        if name == "ELEVE" and self.pupil is not None and self.path[-1:] == ["ELEVES"]:
            self._pupil_read(self.pupil)
            self.pupil = None
        elif collected and self.pupil is not None:
            self.pupil.fields[name] = (value, self.field_line)
        elif collected and name == "UAJ":
            self.uai = (value, self.field_line)
        elif collected:
            self.structure[name] = value
        elif name == "STRUCTURE" and self.structures_of and self.structure.get("TYPE_STRUCTURE") == "D":
            self.divisions[self.structures_of] = sys.intern(self.structure.get("CODE_STRUCTURE", ""))
        elif name == "STRUCTURES_ELEVE":
            self.structures_of = None

    def _pupil_read(self, pupil: _Pupil) -> None:
        """Drop pupils who left or have no INE; check the others (their problems count if they have a
        division, known only once the STRUCTURES are read)."""
        national_id = pupil.fields.get("ID_NATIONAL", ("", 0))[0].upper()
        if not national_id or pupil.fields.get("DATE_SORTIE", ("", 0))[0] or not pupil.pupil_id:
            return
        pupil.learner = _learner(pupil, national_id, self.today)
        pupil.fields = {"ID_NATIONAL": pupil.fields["ID_NATIONAL"]}  # all the rest is in the learner now
        self.pupils[pupil.pupil_id] = pupil


def _learner(pupil: _Pupil, national_id: str, today: date) -> ImportedLearner | None:
    who = f"INE {national_id}"

    def fault(element: str, code: str, reason: str) -> None:
        line = pupil.fields.get(element, ("", pupil.line))[1]
        pupil.problems.append(problem(line, element, code, reason, who))

    def text(element: str, required: bool = False) -> str | None:
        value = pupil.fields.get(element, ("", 0))[0]
        if element in SHARED_VALUES:
            value = sys.intern(value)
        if not value:
            if required:
                fault(element, "VALUE_REQUIRED", f"l'élément {element} est obligatoire")
            return None
        checked = values.text(value)
        if isinstance(checked, values.Fault):
            fault(element, checked.code, checked.reason)
            return None
        return checked

    first_name, last_name = text("PRENOM", True), text("NOM_DE_FAMILLE", True)
    raw_sex = pupil.fields.get("CODE_SEXE", ("", 0))[0]
    sex = SEXES.get(raw_sex)
    if not raw_sex:
        fault("CODE_SEXE", "SEX_REQUIRED", "le sexe est obligatoire")
    elif sex is None:
        fault("CODE_SEXE", "SEX_INVALID", f"le code sexe {quoted(raw_sex)} n'est pas valide (1 ou 2)")
    raw_date = pupil.fields.get("DATE_NAISS", ("", 0))[0]
    birth_date: date | None = None
    if not raw_date:
        fault("DATE_NAISS", "BIRTH_DATE_REQUIRED", "la date de naissance est obligatoire")
    else:
        checked = values.birth_date(raw_date, today, short_year=False)
        if isinstance(checked, values.Fault):
            fault("DATE_NAISS", checked.code, checked.reason)
        else:
            birth_date = checked
    country = text("CODE_PAYS")
    city_code = text("CODE_COMMUNE_INSEE_NAISS")
    if country == FRANCE_SIECLE and city_code is None:
        fault("CODE_COMMUNE_INSEE_NAISS", "BIRTH_CITY_CODE_REQUIRED",
              "le code INSEE de la commune de naissance est obligatoire pour un élève né en France")
    others = dict(second_first_name=text("PRENOM2"), third_first_name=text("PRENOM3"), usage_name=text("NOM_USAGE"),
                  birth_department_code=text("CODE_DEPARTEMENT_NAISS"), birth_city=text("VILLE_NAISS"),
                  mef_code=text("CODE_MEF"), status=text("CODE_STATUT"))
    if pupil.problems or first_name is None or last_name is None or birth_date is None:
        return None
    return ImportedLearner(line=pupil.line, first_name=first_name, last_name=last_name, birth_date=birth_date,
                           national_id=national_id, sex=sex, birth_country_code=country,
                           birth_city_code=city_code, **others)


def _bounded(chunks: Iterator[bytes]) -> Iterator[bytes]:
    read = 0
    for chunk in chunks:
        read += len(chunk)
        if read > MAX_XML_BYTES:
            raise Unreadable("XML_TOO_LARGE", f"Le fichier XML dépasse {MAX_XML_BYTES // 2**20} Mo une fois "
                                              "décompressé.")
        yield chunk


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def xml_chunks(source: BinaryIO) -> Iterator[bytes]:
    """The XML's bytes, from the file or from the one XML file of a zip, within the size limit."""
    source.seek(0)
    if not source.read(4).startswith(ZIP_MAGIC):
        source.seek(0)
        yield from _bounded(_chunks(source))
        return
    try:
        with zipfile.ZipFile(source) as archive:
            members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".xml")
                       and not m.filename.startswith("__MACOSX/")]
            if len(members) != 1:
                raise Unreadable("ZIP_XML_COUNT", "L'archive doit contenir exactement un fichier XML "
                                                  f"(elle en contient {len(members)}).")
            if members[0].file_size > MAX_XML_BYTES:
                raise Unreadable("XML_TOO_LARGE", f"Le fichier XML dépasse {MAX_XML_BYTES // 2**20} Mo une fois "
                                                  "décompressé.")
            with archive.open(members[0]) as inflated:
                yield from _bounded(_chunks(inflated))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError) as error:
        raise Unreadable("ZIP_UNREADABLE", "L'archive zip est illisible (abîmée, chiffrée ou d'un type "
                                           "non pris en charge).") from error


def check(source: BinaryIO, today: date, uai: str | None = None) -> Report:
    reader = _Reader(today)
    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(reader)
    reader.setDocumentLocator(parser)  # SAX sets it in parse(), not when fed
    try:
        for chunk in xml_chunks(source):
            parser.feed(chunk)
        parser.close()
    except DefusedXmlException as error:
        raise Unreadable("XML_FORBIDDEN", "Le fichier XML contient une DTD, des entités ou des références externes : "
                                          "un export SIECLE n'en contient pas, il est refusé.") from error
    except SAXParseException as error:
        raise Unreadable("XML_MALFORMED", f"Ligne {error.getLineNumber()} : le fichier XML est mal formé "
                                          f"({error.getMessage()}).", error.getLineNumber()) from error
    return _report(reader, uai)


def _report(reader: _Reader, uai: str | None) -> Report:
    report = Report(FORMAT)
    if uai is not None:
        found, line = reader.uai or ("", None)
        if not found:
            report.errors.append(problem(None, "UAJ", "SIECLE_UAI_MISSING",
                                         "le fichier ne donne pas l'UAI de l'établissement (PARAMETRES/UAJ)"))
        elif found.upper() != uai.strip().upper():
            report.errors.append(problem(line, "UAJ", "SIECLE_UAI_MISMATCH",
                                         f"l'UAI du fichier {quoted(found)} n'est pas celui de l'organisation "
                                         f"{quoted(uai.strip().upper())}"))
    first_seen: dict[str, int] = {}
    for pupil_id, pupil in reader.pupils.items():
        division = reader.divisions.get(pupil_id)
        if not division:
            continue  # not in a class: not registered yet
        national_id = pupil.fields["ID_NATIONAL"][0].upper()
        if national_id in first_seen:
            line = pupil.fields["ID_NATIONAL"][1]
            report.errors.append(problem(line, "ID_NATIONAL", "NATIONAL_ID_DUPLICATE",
                                         f"l'INE {quoted(national_id)} est déjà celui de l'élève de la ligne "
                                         f"{first_seen[national_id]}", f"INE {national_id}"))
            continue
        first_seen[national_id] = pupil.line
        report.errors.extend(pupil.problems)
        if pupil.learner is not None:
            report.learners.append(dataclasses.replace(pupil.learner, division=division))
    if not report.learners and not report.errors:
        report.errors.append(problem(None, None, "FILE_NO_LEARNER",
                                     "le fichier ne contient aucun élève inscrit dans une division"))
    report.errors.sort(key=lambda p: p.line or 0)
    return report
