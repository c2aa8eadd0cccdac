"""SUP (higher education) list: the CSV of students, by student number.

Columns: `Premier prénom*; Deuxième prénom; Troisième prénom; Nom de famille*; Nom d'usage; Date de
naissance (jj/mm/aaaa)*; Email; Numéro étudiant*; Composante; Équipe pédagogique; Groupe; Diplôme; Régime`.
The student number (`[A-Za-z0-9_-]`, at most 255) is unique in the file. Diplôme and Régime are matched to
their lists with a typo tolerance, else "Non reconnu" with a warning. The mode (add or replace) changes
what the import does with learners absent from the file, not what a valid file is.
"""

from __future__ import annotations

import re
from datetime import date
from typing import BinaryIO

import chalicelib.orga.imports.lists as lists
import chalicelib.orga.imports.values as values
from chalicelib.orga.imports.csvfile import Column, open_table
from chalicelib.orga.imports.learner import ImportedLearner
from chalicelib.orga.imports.lines import Line
from chalicelib.orga.imports.names import closest
from chalicelib.orga.imports.problems import Report, problem, quoted

FORMAT = "sup-csv"
COLUMNS = (
    Column("first_name", "Premier prénom*", required=True),
    Column("second_first_name", "Deuxième prénom"),
    Column("third_first_name", "Troisième prénom"),
    Column("last_name", "Nom de famille*", required=True),
    Column("usage_name", "Nom d'usage"),
    Column("birth_date", "Date de naissance (jj/mm/aaaa)*", required=True),
    Column("email", "Email"),
    Column("student_number", "Numéro étudiant*", required=True),
    Column("department", "Composante"),
    Column("educational_team", "Équipe pédagogique"),
    Column("group", "Groupe"),
    Column("diploma", "Diplôme"),
    Column("study_scheme", "Régime"),
)
HEADER = ";".join(c.label for c in COLUMNS)
STUDENT_NUMBER = re.compile(r"^[A-Za-z0-9_-]{1,255}$")


def _matched(line: Line, key: str, choices: tuple[str, ...], code: str, what: str) -> str | None:
    value = line.text(key)
    if value is None:
        return None
    found = closest(value, choices)
    if found is None:
        line.warn(key, code, f"{what} {quoted(value)} n'est pas reconnu : il est enregistré comme "
                             f"« {lists.UNRECOGNISED} »")
        return lists.UNRECOGNISED
    return found


def check(source: BinaryIO, today: date) -> Report:
    table = open_table(source, COLUMNS)
    report = Report(FORMAT, errors=list(table.header_problems))
    if report.errors:
        return report  # the lines cannot be read against a broken header
    first_seen: dict[str, int] = {}
    lines = 0
    for row in table.rows():
        lines += 1
        line = Line(row, table, report.errors, report.warnings)
        number = line.raw("student_number")
        if number:
            line.who = f"numéro étudiant {number[:values.MAX_TEXT]}"
            if not STUDENT_NUMBER.match(number):
                line.error("student_number", "STUDENT_NUMBER_INVALID",
                           f"le numéro étudiant {quoted(number)} ne doit contenir que des lettres sans accent, "
                           "des chiffres, « - » ou « _ » (255 au plus)")
            elif number in first_seen:
                line.error("student_number", "STUDENT_NUMBER_DUPLICATE",
                           f"le numéro étudiant {quoted(number)} est déjà celui de la ligne {first_seen[number]}")
            else:
                first_seen[number] = row.line
        else:
            line.error("student_number", "VALUE_REQUIRED", "le numéro étudiant est obligatoire")
        first_name = line.text("first_name", required=True)
        last_name = line.text("last_name", required=True)
        birth_date = line.birth_date("birth_date", today)
        learner_email = None
        if (raw_email := line.raw("email")):
            checked = values.email(raw_email)
            if isinstance(checked, values.Fault):
                line.error("email", checked.code, checked.reason)
            else:
                learner_email = checked
        learner = dict(
            second_first_name=line.text("second_first_name"),
            third_first_name=line.text("third_first_name"),
            usage_name=line.text("usage_name"),
            department=line.text("department"),
            educational_team=line.text("educational_team"),
            group=line.text("group"),
            diploma=_matched(line, "diploma", lists.DIPLOMAS, "DIPLOMA_UNRECOGNISED", "le diplôme"),
            study_scheme=_matched(line, "study_scheme", lists.STUDY_SCHEMES, "STUDY_SCHEME_UNRECOGNISED",
                                  "le régime"),
        )
        if line.failed or first_name is None or last_name is None or birth_date is None:
            continue
        report.learners.append(ImportedLearner(
            line=row.line, first_name=first_name, last_name=last_name, birth_date=birth_date,
            student_number=number, email=learner_email, **learner))
    if lines == 0:
        report.errors.append(problem(None, None, "FILE_NO_LEARNER", "le fichier ne contient aucun étudiant"))
    report.warnings.extend(table.extra_problems)
    report.warnings.sort(key=lambda p: p.line or 0)
    return report
