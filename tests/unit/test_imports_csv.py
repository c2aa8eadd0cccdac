"""Learner lists as CSV: files as Excel writes them (encodings, separators, quoting, empty cells), and every
rule of the SUP and SCO lists, each problem at its line and column with the value and the learner's id."""

from datetime import date

import pytest

from chalicelib.orga import imports
from chalicelib.orga.imports import lists, sco_csv, sup_csv
from chalicelib.orga.imports.names import closest, distance, fold, similar

TODAY = date(2026, 12, 2)
SUP_ROW = ["Camille", "", "", "Rousseau", "", "12/04/2003", "camille@exemple.fr", "2026-001", "UFR Sciences",
           "Informatique", "L1 A", "Licence", "Formation initiale"]
SCO_ROW = ["123456789JA", "Théo", "", "", "Lemaire", "", "Masculin", "04/05/2009", "49007", "ANGERS", "49",
           "99100", "ST", "27621407310", "2NDE A"]


def csv_bytes(header: str, rows: list[list[str]], *, sep: str = ";", encoding: str = "utf-8",
              bom: bytes = b"") -> bytes:
    text = "\r\n".join([header.replace(";", sep), *(sep.join(row) for row in rows)]) + "\r\n"
    return bom + text.encode(encoding)


def sup(*rows: list[str], **options) -> imports.Report:
    return imports.check("sup-csv", csv_bytes(sup_csv.HEADER, list(rows), **options), today=TODAY)


def sco(*rows: list[str], **options) -> imports.Report:
    return imports.check("sco-csv", csv_bytes(sco_csv.HEADER, list(rows), **options), today=TODAY)


def sup_with(column: str, value: str, row: list[str] = SUP_ROW) -> list[str]:
    changed = list(row)
    changed[[c.key for c in sup_csv.COLUMNS].index(column)] = value
    return changed


def sco_with(**values: str) -> list[str]:
    row = list(SCO_ROW)
    keys = [c.key for c in sco_csv.COLUMNS]
    for key, value in values.items():
        row[keys.index(key)] = value
    return row


# --- folding and typo tolerance ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "folded"), [
    ("Jean-Édouard", "jeanedouard"), ("D'ŒILLET", "doeillet"), ("  Zoë  Müller ", "zoemuller"), ("Æsa", "aesa"),
])
def test_fold_drops_accents_case_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("given", "reference", "same"), [
    ("Lisence", "Licence", True),  # 1 typo in 7 letters
    ("Mastre", "Master", False),  # a transposition is 2 edits: 2 in 6 letters is more than 25 %
    ("Dupont", "Dupond", True),  # 1 in 6
    ("Formaton initale", "Formation initiale", True),
    ("Bac", "BTS", False),
    ("", "Licence", False),
])
def test_similar_allows_a_quarter_of_typos(given, reference, same):
    assert similar(given, reference) is same


@pytest.mark.parametrize(("a", "b", "gap"), [("", "abc", 3), ("chat", "chats", 1), ("kitten", "sitting", 3),
                                             ("abc", "abc", 0)])
def test_distance_is_levenshtein(a, b, gap):
    assert distance(a, b) == distance(b, a) == gap


def test_closest_picks_the_nearest_choice():
    assert closest("licence professionelle", lists.DIPLOMAS) == "Licence professionnelle"
    assert closest("LICENCE", lists.DIPLOMAS) == "Licence"
    assert closest("Diplome d'ingenieur", lists.DIPLOMAS) == "Diplôme d'ingénieur"
    assert closest("Apprentisage", lists.STUDY_SCHEMES) == "Apprentissage"
    assert closest("Bac pro", lists.DIPLOMAS) is None


# --- reading files as spreadsheets write them ---------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "bom"), [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("mac_roman", b""), ("utf-16-le", b"\xff\xfe"),
])
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_encodings_and_separators_are_recognised(encoding, bom, sep):
    row = sup_with("first_name", "Étienne")
    report = sup(row, sep=sep, encoding=encoding, bom=bom)
    assert report.errors == []
    assert [learner.first_name for learner in report.learners] == ["Étienne"]
    assert report.learners[0].educational_team == "Informatique"


def test_windows_1252_and_mac_roman_are_told_apart_by_the_header():
    for encoding in ("cp1252", "mac_roman"):
        report = sup(sup_with("last_name", "Bérénice Ñuñez"), encoding=encoding)
        assert report.learners[0].last_name == "Bérénice Ñuñez", encoding


def test_quoted_fields_hold_separators_and_line_breaks_and_lines_keep_their_spreadsheet_numbers():
    first = sup_with("department", '"UFR; Sciences\net techniques"')
    second = sup_with("student_number", "2026-002")
    third = sup_with("student_number", "2026-002")
    report = sup(first, second, third)
    assert report.learners[0].department == "UFR; Sciences et techniques"
    assert [e.line for e in report.errors] == [4]  # the header is 1; the quoted line break does not count


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])  # Windows, Unix, classic Mac OS
def test_every_line_ending(newline):
    header = "Premier prénom*;Nom de famille*;Date de naissance (jj/mm/aaaa)*;Numéro étudiant*"
    rows = [header, "Léa;Roux;01/02/2003;A1", '"Hugo";"Roux";01/02/2003;"A2"', "", "Noé;Roux;01/02/2003;A1"]
    report = imports.check("sup-csv", newline.join(rows).encode("mac_roman"), today=TODAY)
    assert [learner.first_name for learner in report.learners] == ["Léa", "Hugo"]
    assert [(e.line, e.code) for e in report.errors] == [(5, "STUDENT_NUMBER_DUPLICATE")]


def test_trailing_empty_columns_and_lines_are_ignored():
    data = csv_bytes(sup_csv.HEADER + ";;;", [SUP_ROW + ["", "", ""], [""] * 16, []]) + b";;;;\r\n\r\n"
    report = imports.check("sup-csv", data, today=TODAY)
    assert report.errors == [] and report.warnings == []
    assert len(report.learners) == 1


def test_a_value_outside_the_header_columns_is_a_warning():
    report = sup(SUP_ROW + ["", "oublié"])
    assert [(w.line, w.code) for w in report.warnings] == [(2, "VALUE_OUTSIDE_COLUMNS")]
    assert "« oublié »" in report.warnings[0].message
    assert report.importable


@pytest.mark.parametrize(("header", "codes"), [
    ("premier prenom;nom de famille;date de naissance (jj/mm/aaaa);NUMÉRO ÉTUDIANT", []),  # case, *, accents
    ("Premier prénom*;Nom de famille*;Date de naissance (jj/mm/aaaa)*;Numéro étudiant*;Matricule", ["HEADER_UNKNOWN"]),
    ("Premier prénom*;Nom de famille*;Date de naissance (jj/mm/aaaa)*", ["HEADER_MISSING"]),
    ("Premier prénom*;Nom de famille*;Date de naissance (jj/mm/aaaa)*;Numéro étudiant*;Groupe;Groupe",
     ["HEADER_DUPLICATE"]),
    ("Nom d’usage;Premier prénom*;Nom de famille*;Date de naissance (jj/mm/aaaa)*;Numéro étudiant*", []),
])
def test_the_header_is_matched_by_label(header, codes):
    data = f"{header}\r\n".encode()
    report = imports.check("sup-csv", data, today=TODAY)
    assert [e.code for e in report.errors if e.line == 1] == codes
    assert all(e.line == 1 for e in report.errors if e.code.startswith("HEADER"))


def test_columns_may_come_in_any_order():
    header = "Numéro étudiant*;Date de naissance (jj/mm/aaaa)*;Nom de famille*;Premier prénom*"
    report = imports.check("sup-csv", f"{header}\r\nX1;01/02/2003;Lacroix;Étienne\r\n".encode(), today=TODAY)
    assert report.errors == []
    learner = report.learners[0]
    assert (learner.first_name, learner.last_name, learner.student_number) == ("Étienne", "Lacroix", "X1")
    assert learner.birth_date == date(2003, 2, 1)


@pytest.mark.parametrize(("data", "code"), [
    (b"", "FILE_EMPTY"),
    (b"  \r\n", "FILE_EMPTY"),
    (b"PK\x03\x04 an xlsx workbook", "FILE_NOT_CSV"),
    (b"\x00\x01\x02binary", "FILE_NOT_TEXT"),
    (b"\xef\xbb\xbfPremier pr\xe9nom", "FILE_ENCODING"),  # a UTF-8 BOM, then Latin-1
])
def test_unreadable_files(data, code):
    with pytest.raises(imports.Unreadable) as raised:
        imports.check("sup-csv", data, today=TODAY)
    assert raised.value.problem.code == code


def test_a_file_without_lines_is_an_error():
    report = imports.check("sup-csv", (sup_csv.HEADER + "\r\n").encode(), today=TODAY)
    assert [e.code for e in report.errors] == ["FILE_NO_LEARNER"]


# --- SUP rules ----------------------------------------------------------------------------------------------

def test_a_valid_sup_line_gives_every_field():
    report = sup(SUP_ROW)
    assert report.importable and report.warnings == []
    assert report.learners == [imports.ImportedLearner(
        line=2, first_name="Camille", last_name="Rousseau", birth_date=date(2003, 4, 12), email="camille@exemple.fr",
        student_number="2026-001", department="UFR Sciences", educational_team="Informatique", group="L1 A",
        diploma="Licence", study_scheme="Formation initiale")]


@pytest.mark.parametrize(("column", "value", "code"), [
    ("first_name", "", "VALUE_REQUIRED"),
    ("last_name", "", "VALUE_REQUIRED"),
    ("birth_date", "", "BIRTH_DATE_REQUIRED"),
    ("birth_date", "12-04-2003", "BIRTH_DATE_FORMAT"),
    ("birth_date", "31/04/2003", "BIRTH_DATE_INVALID"),
    ("birth_date", "01/01/2030", "BIRTH_DATE_INVALID"),  # in the future
    ("birth_date", "01/01/1899", "BIRTH_DATE_INVALID"),
    ("student_number", "", "VALUE_REQUIRED"),
    ("student_number", "2026 001", "STUDENT_NUMBER_INVALID"),
    ("student_number", "n°2026", "STUDENT_NUMBER_INVALID"),
    ("student_number", "A" * 256, "STUDENT_NUMBER_INVALID"),
    ("email", "camille.exemple.fr", "EMAIL_INVALID"),
    ("first_name", "Cam\u202eille", "VALUE_CHARACTERS"),  # a bidirectional override
    ("group", "G" * 256, "VALUE_TOO_LONG"),
])
def test_each_sup_rule_is_an_error_at_its_line_and_column(column, value, code):
    report = sup(SUP_ROW, sup_with(column, value, sup_with("student_number", "2026-002")))
    assert [(e.line, e.code) for e in report.errors] == [(3, code)]
    error = report.errors[0]
    label = next(c.label for c in sup_csv.COLUMNS if c.key == column)
    assert error.column == label
    assert error.message.startswith(f"Ligne 3, colonne « {label} » : ")
    if value and code not in ("VALUE_CHARACTERS",):
        assert f"« {value[:60]}" in error.message
    if column != "student_number":
        assert error.message.endswith("(numéro étudiant 2026-002).")
    assert not report.importable
    assert len(report.learners) == 1  # the valid line is read, but nothing may be imported


def test_a_repeated_student_number_names_the_first_line():
    report = sup(SUP_ROW, sup_with("first_name", "Léa"), SUP_ROW)
    assert [(e.line, e.code) for e in report.errors] == [(3, "STUDENT_NUMBER_DUPLICATE"),
                                                         (4, "STUDENT_NUMBER_DUPLICATE")]
    assert "déjà celui de la ligne 2" in report.errors[0].message


@pytest.mark.parametrize(("written", "year"), [("12/04/03", 2003), ("12/04/26", 2026), ("12/04/27", 1927),
                                                ("5/3/2003", 2003), ("2003-03-05", 2003)])
def test_birth_dates_with_two_digit_years(written, year):
    report = sup(sup_with("birth_date", written))
    assert report.errors == []
    assert report.learners[0].birth_date.year == year


@pytest.mark.parametrize(("column", "written", "stored", "warned"), [
    ("diploma", "Lisence", "Licence", False),
    ("diploma", "master", "Master", False),
    ("diploma", "Bac pro", lists.UNRECOGNISED, True),
    ("diploma", "", None, False),
    ("study_scheme", "formation continu", "Formation continue", False),
    ("study_scheme", "Erasmus", lists.UNRECOGNISED, True),
])
def test_diploma_and_study_scheme_are_matched_to_their_lists(column, written, stored, warned):
    report = sup(sup_with(column, written))
    assert report.importable
    assert getattr(report.learners[0], column) == stored
    assert [w.code for w in report.warnings] == (
        ["DIPLOMA_UNRECOGNISED" if column == "diploma" else "STUDY_SCHEME_UNRECOGNISED"] if warned else [])
    if warned:
        assert "« Non reconnu »" in report.warnings[0].message
        assert "numéro étudiant 2026-001" in report.warnings[0].message


# --- SCO CSV rules ------------------------------------------------------------------------------------------

def test_a_valid_sco_line_gives_every_field():
    report = sco(SCO_ROW, sco_with(national_id="123456789JB", sex="féminin", status="ap", birth_city_code="2b033",
                                    birth_department_code="2B"))
    assert report.errors == []
    first, second = report.learners
    assert (first.national_id, first.sex, first.status, first.division, first.born_in_france) == (
        "123456789JA", "M", "ST", "2NDE A", True)
    assert (second.sex, second.status, second.birth_city_code) == ("F", "AP", "2B033")


@pytest.mark.parametrize(("values", "column", "code"), [
    ({"national_id": ""}, "national_id", "VALUE_REQUIRED"),
    ({"national_id": "12345-789"}, "national_id", "NATIONAL_ID_INVALID"),
    ({"sex": "Garçon"}, "sex", "SEX_INVALID"),
    ({"sex": ""}, "sex", "VALUE_REQUIRED"),
    ({"status": "XX"}, "status", "STATUS_INVALID"),
    ({"birth_country_code": "100"}, "birth_country_code", "BIRTH_COUNTRY_INVALID"),
    ({"birth_department_code": "7"}, "birth_department_code", "BIRTH_DEPARTMENT_INVALID"),
    ({"birth_city_code": ""}, "birth_city_code", "BIRTH_CITY_CODE_REQUIRED"),
    ({"birth_city_code": "4900"}, "birth_city_code", "BIRTH_CITY_CODE_INVALID"),
    ({"birth_city_code": "2C033"}, "birth_city_code", "BIRTH_CITY_CODE_INVALID"),
    ({"birth_country_code": "99352", "birth_department_code": "99", "birth_city_code": "", "birth_city": ""},
     "birth_city", "BIRTH_CITY_REQUIRED"),
    ({"mef_code": ""}, "mef_code", "VALUE_REQUIRED"),
    ({"division": ""}, "division", "VALUE_REQUIRED"),
    ({"birth_date": "30/02/2009"}, "birth_date", "BIRTH_DATE_INVALID"),
])
def test_each_sco_rule_is_an_error_at_its_line_and_column(values, column, code):
    report = sco(SCO_ROW, sco_with(**{"national_id": "123456789JB", **values}))
    assert [(e.line, e.code) for e in report.errors] == [(3, code)]
    label = next(c.label for c in sco_csv.COLUMNS if c.key == column)
    assert report.errors[0].column == label
    assert report.errors[0].message.startswith(f"Ligne 3, colonne « {label} » : ")
    if values.get("national_id", "x"):
        assert f"(INE {values.get('national_id', '123456789JB')})" in report.errors[0].message


def test_born_abroad_needs_no_insee_city_code():
    report = sco(sco_with(birth_country_code="99352", birth_department_code="99", birth_city_code="",
                          birth_city="ALGER"))
    assert report.errors == []
    assert report.learners[0].born_in_france is False


def test_a_repeated_national_id_is_an_error():
    report = sco(SCO_ROW, sco_with(first_name="Élise"))
    assert [(e.line, e.code) for e in report.errors] == [(3, "NATIONAL_ID_DUPLICATE")]
    assert "ligne 2" in report.errors[0].message
