"""SCO list as CSV (agricultural schools, whose pupils are not in SIECLE).

Columns: `Identifiant unique*; Premier prénom*; Deuxième prénom; Troisième prénom; Nom de famille*; Nom
d'usage; Code sexe*; Date de naissance (jj/mm/aaaa)*; Code commune naissance**; Libellé commune
naissance**; Code département naissance*; Code pays naissance*; Statut*; Code MEF*; Division*`.
Country codes are INSEE's `99xxx` (France `99100`); someone born in France needs the 5-character INSEE
code of their city (Corsica `2A…`/`2B…`), someone born abroad the city's name. Status ST (student) or AP
(apprentice); sex Masculin or Féminin. The unique identifier (INE) appears once in the file.
"""

from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

from chalicelib.orga.imports.csvfile import Column, open_table
from chalicelib.orga.imports.learner import FRANCE_INSEE, ImportedLearner
from chalicelib.orga.imports.lines import Line
from chalicelib.orga.imports.problems import Report, problem, quoted

FORMAT = "sco-csv"
COLUMNS = (
    Column("national_id", "Identifiant unique*", required=True),
    Column("first_name", "Premier prénom*", required=True),
    Column("second_first_name", "Deuxième prénom"),
    Column("third_first_name", "Troisième prénom"),
    Column("last_name", "Nom de famille*", required=True),
    Column("usage_name", "Nom d'usage"),
    Column("sex", "Code sexe*", required=True),
    Column("birth_date", "Date de naissance (jj/mm/aaaa)*", required=True),
    Column("birth_city_code", "Code commune naissance**", required=True),
    Column("birth_city", "Libellé commune naissance**", required=True),
    Column("birth_department_code", "Code département naissance*", required=True),
    Column("birth_country_code", "Code pays naissance*", required=True),
    Column("status", "Statut*", required=True),
    Column("mef_code", "Code MEF*", required=True),
    Column("division", "Division*", required=True),
)
HEADER = ";".join(c.label for c in COLUMNS)
NATIONAL_ID = re.compile(r"^[A-Za-z0-9]{1,30}$")
COUNTRY = re.compile(r"^99\d{3}$")
INSEE_CITY = re.compile(r"^(\d{5}|2[AB]\d{3})$", re.IGNORECASE)
DEPARTMENT = re.compile(r"^(\d{2,3}|2[AB])$", re.IGNORECASE)
SEXES = {"masculin": "M", "m": "M", "féminin": "F", "feminin": "F", "f": "F"}
STATUSES = {"st": "ST", "ap": "AP"}


def _birth_place(line: Line) -> tuple[str | None, str | None, str | None, str | None]:
    """Country, department, INSEE city code, city name, by the rules of where the pupil was born."""
    country = line.text("birth_country_code", required=True)
    if country is not None and not COUNTRY.match(country):
        line.error("birth_country_code", "BIRTH_COUNTRY_INVALID",
                   f"le code pays {quoted(country)} n'est pas un code INSEE de pays (99xxx, France : 99100)")
    department = line.text("birth_department_code", required=True)
    if department is not None and not DEPARTMENT.match(department):
        line.error("birth_department_code", "BIRTH_DEPARTMENT_INVALID",
                   f"le code département {quoted(department)} n'est pas valide (2 ou 3 caractères, 2A, 2B)")
    city_code = line.text("birth_city_code")
    city = line.text("birth_city")
    if country == FRANCE_INSEE:
        if city_code is None:
            line.error("birth_city_code", "BIRTH_CITY_CODE_REQUIRED",
                       "le code INSEE de la commune de naissance est obligatoire pour un élève né en France")
        elif not INSEE_CITY.match(city_code):
            line.error("birth_city_code", "BIRTH_CITY_CODE_INVALID",
                       f"le code commune {quoted(city_code)} n'est pas un code INSEE (5 caractères, Corse 2A/2B)")
    elif country is not None and city is None:
        line.error("birth_city", "BIRTH_CITY_REQUIRED",
                   "le libellé de la commune de naissance est obligatoire pour un élève né hors de France")
    return country, department, city_code.upper() if city_code else None, city


def check(source: BinaryIO, today: date) -> Report:
    table = open_table(source, COLUMNS)
    report = Report(FORMAT, errors=list(table.header_problems))
    if report.errors:
        return report
    first_seen: dict[str, int] = {}
    lines = 0
    for row in table.rows():
        lines += 1
        line = Line(row, table, report.errors, report.warnings)
        national_id = line.raw("national_id").upper()
        if national_id:
            line.who = f"INE {national_id[:40]}"
            if not NATIONAL_ID.match(national_id):
                line.error("national_id", "NATIONAL_ID_INVALID",
                           f"l'identifiant {quoted(national_id)} ne doit contenir que des lettres et des chiffres")
            elif national_id in first_seen:
                line.error("national_id", "NATIONAL_ID_DUPLICATE",
                           f"l'identifiant {quoted(national_id)} est déjà celui de la ligne {first_seen[national_id]}")
            else:
                first_seen[national_id] = row.line
        else:
            line.error("national_id", "VALUE_REQUIRED", "l'identifiant unique est obligatoire")
        first_name = line.text("first_name", required=True)
        last_name = line.text("last_name", required=True)
        sex = line.one_of("sex", SEXES, "SEX_INVALID", "Masculin ou Féminin")
        birth_date = line.birth_date("birth_date", today)
        country, department, city_code, city = _birth_place(line)
        status = line.one_of("status", STATUSES, "STATUS_INVALID", "ST ou AP")
        mef_code = line.text("mef_code", required=True)
        division = line.text("division", required=True)
        others = dict(second_first_name=line.text("second_first_name"),
                      third_first_name=line.text("third_first_name"), usage_name=line.text("usage_name"))
        if line.failed or first_name is None or last_name is None or birth_date is None:
            continue
        report.learners.append(ImportedLearner(
            line=row.line, first_name=first_name, last_name=last_name, birth_date=birth_date,
            national_id=national_id, sex=sex, birth_country_code=country, birth_department_code=department,
            birth_city_code=city_code, birth_city=city, status=status, mef_code=mef_code, division=division,
            **others))
    if lines == 0:
        report.errors.append(problem(None, None, "FILE_NO_LEARNER", "le fichier ne contient aucun élève"))
    report.warnings.extend(table.extra_problems)
    report.warnings.sort(key=lambda p: p.line or 0)
    return report
