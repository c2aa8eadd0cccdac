"""The two CSV exports of a campaign's participations, as PRODUCTS.md lists them ("CSV exports").

They must open cleanly in French Excel: UTF-8 with a BOM, `;` between cells, a decimal comma, dates
`JJ/MM/AAAA HH:MM` in Europe/Paris, "Oui"/"Non", "NA" where there is no value (nothing shared yet), and a
text cell starting with `= + - @` (or a tab / carriage return) prefixed with `'` so that no formula runs.

Pure and streamed: `lines(header, rows)` takes the participations one by one and yields the file line by
line (the BOM and the heading first), so a campaign of 100,000 participations never sits in memory. The
job that runs it (`export_job.py`) reads the rows page by page and writes the lines to a temporary file.

Rates (progress, mastery) are written as fractions of 1 with two decimals ("0,69"), as Pix's exports do:
Excel shows them as a percentage with one click, and sums and means stay right.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

ASSESSMENT = "ASSESSMENT"
PROFILES_COLLECTION = "PROFILES_COLLECTION"

BOM = "\ufeff"
SEPARATOR = ";"
NA = "NA"
PARIS = ZoneInfo("Europe/Paris")  # tzdata is a pinned dependency: never silently UTC
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Area:
    """A competence or a domain of the export's columns, with the target profile's skills in it."""

    code: str  # "1.1" (competence) or "1" (domain)
    title: str
    skill_count: int = 0  # the target profile's skills in it (assessment only)


@dataclass(frozen=True, slots=True)
class Header:
    """What every row shares: the campaign, and the columns its target profile and organisation call for."""

    type: str  # ASSESSMENT | PROFILES_COLLECTION
    organization_name: str
    organization_type: str  # SCO (a "Classe" column), SUP ("Groupe", "Numéro Étudiant"), PRO (neither)
    campaign_id: str
    campaign_code: str
    campaign_name: str
    target_profile_name: str = ""  # assessment only
    external_id_label: str | None = None  # a column when the campaign asks for one
    stage_count: int = 0  # the profile's stages, the first being "no stage reached"; 0: no column
    badges: tuple[str, ...] = ()  # badge titles, a column each
    competences: tuple[Area, ...] = ()  # assessment: the profile's; profiles collection: all 16
    domains: tuple[Area, ...] = ()  # assessment only
    domain_of: Mapping[str, str] = field(default_factory=dict)  # competence code -> domain code


@dataclass(frozen=True, slots=True)
class Row:
    """One participation, as the export needs it. The shared snapshot is None until the participant shares."""

    last_name: str
    first_name: str
    started_at: datetime
    progress: float  # 0..1
    division: str | None = None  # SCO
    group: str | None = None  # SUP
    student_number: str | None = None  # SUP
    external_id: str | None = None
    shared_at: datetime | None = None
    # --- the snapshot kept at sharing ---
    mastery_rate: float | None = None  # assessment: validated ÷ profile's skills
    stage: int | None = None  # the stage reached, 0 = the first ("no stage")
    badges: frozenset[str] = frozenset()  # titles of the badges acquired
    validated_by_competence: Mapping[str, int] = field(default_factory=dict)  # assessment
    pix_total: int | None = None  # profiles collection
    certifiable: bool | None = None  # profiles collection
    levels: Mapping[str, int] = field(default_factory=dict)  # profiles collection, per competence
    pix_by_competence: Mapping[str, int] = field(default_factory=dict)  # profiles collection

    @property
    def shared(self) -> bool:
        return self.shared_at is not None


# --- cells ------------------------------------------------------------------------------------------


def text(value: str | None) -> str:
    """A text cell: "NA" when missing, a leading `'` when Excel would read a formula."""
    if value is None or value == "":
        return NA if value is None else ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def decimal(value: float | None) -> str:
    """A number with a decimal comma, at most two decimals, no useless zeros: 0,69 · 0,5 · 1."""
    if value is None:
        return NA
    written = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if written in ("-0", "") else written.replace(".", ",")


def integer(value: int | None) -> str:
    return NA if value is None else str(value)


def yes_no(value: bool | None) -> str:
    return NA if value is None else ("Oui" if value else "Non")


def date_time(value: datetime | None) -> str:
    """JJ/MM/AAAA HH:MM in Paris time (summer and winter)."""
    return NA if value is None else value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def file_name(campaign_name: str, campaign_id: str, at: datetime) -> str:
    """`Resultats-<campaign>-<id>-<date>.csv`, in plain ASCII letters, digits, `_` and `-` (a safe S3 key
    and a download name every system keeps)."""
    plain = unicodedata.normalize("NFKD", campaign_name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", plain).strip("_")[:60] or "campagne"
    safe_id = re.sub(r"[^A-Za-z0-9_-]+", "", campaign_id)[:40]
    return f"Resultats-{name}-{safe_id}-{at.astimezone(PARIS).strftime('%Y-%m-%d-%H%M')}.csv"


# --- columns ----------------------------------------------------------------------------------------


def _identity_headings(header: Header) -> list[str]:
    headings = ["Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne"]
    if header.type == ASSESSMENT:
        headings.append("Parcours")
    headings += ["Nom du Participant", "Prénom du Participant"]
    if header.organization_type == "SCO":
        headings.append("Classe")
    elif header.organization_type == "SUP":
        headings += ["Groupe", "Numéro Étudiant"]
    if header.external_id_label:
        headings.append(header.external_id_label)
    return headings


def headings(header: Header) -> list[str]:
    """The heading row, in the order PRODUCTS.md lists the columns."""
    found = _identity_headings(header)
    if header.type == ASSESSMENT:
        found += ["% de progression", "Date de début", "Partage (O/N)", "Date du partage"]
        if header.stage_count:
            found.append(f"Palier obtenu (/{header.stage_count - 1})")
        found += [f"{badge} obtenu (O/N)" for badge in header.badges]
        found.append("% maîtrise de l'ensemble des acquis du profil")
        for competence in header.competences:
            name = f"{competence.code} {competence.title}"
            found += [f"% de maîtrise des acquis de la compétence {name}",
                      f"Nombre d'acquis du profil dans la compétence {name}",
                      f"Acquis maîtrisés dans la compétence {name}"]
        for domain in header.domains:
            name = f"{domain.code} {domain.title}"
            found += [f"% de maîtrise des acquis du domaine {name}",
                      f"Nombre d'acquis du profil dans le domaine {name}",
                      f"Acquis maîtrisés dans le domaine {name}"]
    else:
        found += ["Envoi (O/N)", "Date de l'envoi", "Nombre de pix total", "Certifiable (O/N)",
                  "Nombre de compétences certifiables"]
        for competence in header.competences:
            name = f"{competence.code} {competence.title}"
            found += [f"Niveau pour la compétence {name}", f"Nombre de pix pour la compétence {name}"]
    return [text(heading) for heading in found]


def _identity_cells(header: Header, row: Row) -> list[str]:
    cells = [text(header.organization_name), text(header.campaign_id), text(header.campaign_code),
             text(header.campaign_name)]
    if header.type == ASSESSMENT:
        cells.append(text(header.target_profile_name))
    cells += [text(row.last_name), text(row.first_name)]
    if header.organization_type == "SCO":
        cells.append(text(row.division))
    elif header.organization_type == "SUP":
        cells += [text(row.group), text(row.student_number)]
    if header.external_id_label:
        cells.append(text(row.external_id))
    return cells


def _rate(validated: int, total: int) -> float | None:
    return validated / total if total else None


def _assessment_cells(header: Header, row: Row) -> list[str]:
    cells = [decimal(row.progress), date_time(row.started_at), yes_no(row.shared), date_time(row.shared_at)]
    shared = row.shared
    if header.stage_count:
        cells.append(integer(row.stage) if shared else NA)
    cells += [yes_no(badge in row.badges) if shared else NA for badge in header.badges]
    cells.append(decimal(row.mastery_rate) if shared else NA)
    by_domain: dict[str, int] = {}
    for competence in header.competences:
        validated = row.validated_by_competence.get(competence.code, 0)
        domain = header.domain_of.get(competence.code)
        if domain is not None:
            by_domain[domain] = by_domain.get(domain, 0) + validated
        if shared:
            cells += [decimal(_rate(validated, competence.skill_count)), str(competence.skill_count),
                      str(validated)]
        else:
            cells += [NA, str(competence.skill_count), NA]
    for domain_area in header.domains:
        validated = by_domain.get(domain_area.code, 0)
        if shared:
            cells += [decimal(_rate(validated, domain_area.skill_count)), str(domain_area.skill_count),
                      str(validated)]
        else:
            cells += [NA, str(domain_area.skill_count), NA]
    return cells


def _collection_cells(header: Header, row: Row) -> list[str]:
    shared = row.shared
    certifiable_count = sum(1 for level in row.levels.values() if level >= 1)
    cells = [yes_no(shared), date_time(row.shared_at), integer(row.pix_total) if shared else NA,
             yes_no(row.certifiable) if shared else NA, str(certifiable_count) if shared else NA]
    for competence in header.competences:
        if shared:
            cells += [str(row.levels.get(competence.code, 0)), str(row.pix_by_competence.get(competence.code, 0))]
        else:
            cells += [NA, NA]
    return cells


def cells(header: Header, row: Row) -> list[str]:
    """One participation's cells, in the headings' order."""
    own = _assessment_cells(header, row) if header.type == ASSESSMENT else _collection_cells(header, row)
    return _identity_cells(header, row) + own


# --- the stream -------------------------------------------------------------------------------------


class _Line:
    """Formats one row of cells as one CSV line (quotes where `;`, `"` or a line break need them)."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, delimiter=SEPARATOR, lineterminator="\r\n",
                                  quoting=csv.QUOTE_MINIMAL)

    def __call__(self, values: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(values)
        return self._buffer.getvalue()


def lines(header: Header, rows: Iterable[Row]) -> Iterator[str]:
    """The file, line by line: the BOM and the headings, then one line per participation, as they come."""
    line = _Line()
    yield BOM + line(headings(header))
    for row in rows:
        yield line(cells(header, row))
