"""SIECLE exports: who is kept, every rule among kept pupils, the UAI, encodings, zips, and hostile files
(entity expansion, external entities, zip bombs, malformed XML) refused quickly as unreadable."""

import io
import time
import zipfile
from datetime import date

import pytest

from chalicelib.orga import imports
from chalicelib.orga.imports import siecle
from tests.fixtures.imports.build import BILLION_LAUGHS, EXTERNAL_DTD, EXTERNAL_ENTITY, PUPILS, UAI, siecle_xml

TODAY = date(2026, 12, 2)


def pupil(pupil_id: str = "1", ine: str = "070000001AA", **changes: str) -> tuple:
    fields = dict(last="Martin", usage="", first=("Léa", "", ""), sex="2", born="14/03/2011", country="100",
                  department="075", city_code="75056", city="PARIS", mef="10310019110", status="ST", left="",
                  division="4A")
    fields.update(changes)
    return (pupil_id, ine, fields["last"], fields["usage"], fields["first"], fields["sex"], fields["born"],
            fields["country"], fields["department"], fields["city_code"], fields["city"], fields["mef"],
            fields["status"], fields["left"], fields["division"])


def check(data: bytes | str, uai: str | None = UAI) -> imports.Report:
    raw = data.encode("iso-8859-15") if isinstance(data, str) else data
    return imports.check("siecle", raw, uai=uai, today=TODAY)


def zipped(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members:
            archive.writestr(name, body)
    return buffer.getvalue()


def test_the_sample_keeps_pupils_with_an_ine_no_leaving_date_and_a_division():
    report = check(siecle_xml(PUPILS))
    assert report.errors == [] and report.warnings == []
    assert [learner.national_id for learner in report.learners] == [p[1] for p in PUPILS[:6]]
    chloe = report.learners[0]
    assert (chloe.first_name, chloe.second_first_name, chloe.last_name, chloe.sex, chloe.birth_date) == (
        "Chloé", "Anne", "Lefèvre", "F", date(2011, 3, 14))
    assert (chloe.division, chloe.birth_city_code, chloe.mef_code, chloe.status, chloe.born_in_france) == (
        "4A", "75056", "10310019110", "ST", True)
    zoe = report.learners[2]
    assert (zoe.first_names, zoe.last_name) == (("Zoë", "Marie", "Hélène"), "Œuvray")  # Œ is ISO-8859-15
    assert report.learners[3].born_in_france is False and report.learners[3].birth_city_code is None
    assert report.learners[4].usage_name == "Rochard"


def test_a_zip_holding_the_export_reads_the_same():
    xml = siecle_xml(PUPILS).encode("iso-8859-15")
    assert check(zipped(("__MACOSX/._eleves.xml", b"junk"), ("eleves.xml", xml))).learners == check(xml).learners


def test_the_declared_encoding_is_used():
    xml = siecle_xml([pupil(first=("Anaïs", "", ""))]).replace("ISO-8859-15", "UTF-8").encode("utf-8")
    assert check(xml).learners[0].first_name == "Anaïs"


@pytest.mark.parametrize(("uai", "codes"), [(UAI, []), (UAI.lower(), []), ("0759999Z", ["SIECLE_UAI_MISMATCH"]),
                                            (None, [])])
def test_the_uai_must_be_the_organisations(uai, codes):
    report = check(siecle_xml(PUPILS), uai=uai)
    assert [e.code for e in report.errors] == codes
    if codes:
        assert report.errors[0].line == 4 and report.errors[0].column == "UAJ"
        assert "« 0751234A »" in report.errors[0].message and "« 0759999Z »" in report.errors[0].message


def test_a_file_without_uai_is_refused_when_the_organisation_has_one():
    report = check(siecle_xml(PUPILS).replace(f"<UAJ>{UAI}</UAJ>", ""))
    assert [e.code for e in report.errors] == ["SIECLE_UAI_MISSING"]


@pytest.mark.parametrize(("changes", "element", "code"), [
    ({"sex": ""}, "CODE_SEXE", "SEX_REQUIRED"),
    ({"sex": "3"}, "CODE_SEXE", "SEX_INVALID"),
    ({"born": ""}, "DATE_NAISS", "BIRTH_DATE_REQUIRED"),
    ({"born": "31/02/2011"}, "DATE_NAISS", "BIRTH_DATE_INVALID"),
    ({"born": "14/03/11"}, "DATE_NAISS", "BIRTH_DATE_FORMAT"),  # SIECLE writes four-digit years
    ({"born": "14/03/2027"}, "DATE_NAISS", "BIRTH_DATE_INVALID"),
    ({"city_code": ""}, "CODE_COMMUNE_INSEE_NAISS", "BIRTH_CITY_CODE_REQUIRED"),
    ({"first": ("", "", "")}, "PRENOM", "VALUE_REQUIRED"),
    ({"last": ""}, "NOM_DE_FAMILLE", "VALUE_REQUIRED"),
])
def test_each_rule_among_kept_pupils_is_an_error_at_the_elements_line(changes, element, code):
    report = check(siecle_xml([pupil(), pupil("2", "070000002BB", **changes)]))
    assert [(e.column, e.code) for e in report.errors] == [(element, code)]
    error = report.errors[0]
    assert error.line is not None and error.line > 20  # the second ELEVE, past the first one
    assert error.message.startswith(f"Ligne {error.line}, colonne « {element} » : ")
    assert error.message.endswith("(INE 070000002BB).")
    assert not report.importable


def test_born_abroad_needs_no_insee_city_code():
    report = check(siecle_xml([pupil(country="216", department="", city_code="", city="MADRID")]))
    assert report.errors == []


def test_a_repeated_ine_names_the_first_pupils_line():
    report = check(siecle_xml([pupil("1", "070000001AA"), pupil("2", "070000001aa")]))
    assert [e.code for e in report.errors] == ["NATIONAL_ID_DUPLICATE"]
    assert "déjà celui de l'élève de la ligne 10" in report.errors[0].message


def test_errors_of_skipped_pupils_do_not_count():
    report = check(siecle_xml([pupil(), pupil("2", "070000002BB", sex="", division=""),
                               pupil("3", "070000003CC", born="", left="01/10/2026"), pupil("4", "", sex="")]))
    assert report.errors == [] and len(report.learners) == 1


def test_a_file_with_no_pupil_in_a_division_is_refused():
    report = check(siecle_xml([pupil(division="")]))
    assert [e.code for e in report.errors] == ["FILE_NO_LEARNER"]


@pytest.mark.parametrize(("data", "code"), [
    (BILLION_LAUGHS, "XML_FORBIDDEN"),
    (EXTERNAL_ENTITY, "XML_FORBIDDEN"),
    (EXTERNAL_DTD, "XML_FORBIDDEN"),
    ("<BEE_ELEVES><PARAMETRES>\n<UAJ>0751234A</PARAMETRES></BEE_ELEVES>", "XML_MALFORMED"),
    ("<?xml version='1.0'?><ELEVES/>", "SIECLE_NOT_BEE_ELEVES"),
    ("<BEE_ELEVES>" + "<A>" * 40 + "</A>" * 40 + "</BEE_ELEVES>", "XML_TOO_DEEP"),
    ("Identifiant unique*;Premier prénom*\n", "XML_MALFORMED"),  # a CSV sent as SIECLE
])
def test_hostile_or_broken_xml_is_unreadable_at_once(data, code):
    started = time.perf_counter()
    with pytest.raises(imports.Unreadable) as raised:
        check(data)
    assert raised.value.problem.code == code
    assert time.perf_counter() - started < 1


def test_a_malformed_file_names_its_line():
    with pytest.raises(imports.Unreadable) as raised:
        check("<BEE_ELEVES>\n<PARAMETRES>\n<UAJ>0751234A</PARAMETRES></BEE_ELEVES>")
    assert raised.value.problem.line == 3
    assert raised.value.problem.message.startswith("Ligne 3 : ")


@pytest.mark.parametrize("members", [[], [("a.xml", b"<BEE_ELEVES/>"), ("b.xml", b"<BEE_ELEVES/>")],
                                     [("eleves.csv", b"a;b")]])
def test_a_zip_must_hold_exactly_one_xml(members):
    with pytest.raises(imports.Unreadable) as raised:
        check(zipped(*members))
    assert raised.value.problem.code == "ZIP_XML_COUNT"


def test_a_broken_zip_is_unreadable():
    data = zipped(("eleves.xml", siecle_xml(PUPILS).encode("iso-8859-15")))
    with pytest.raises(imports.Unreadable) as raised:
        check(data[: len(data) // 2])
    assert raised.value.problem.code == "ZIP_UNREADABLE"


def test_the_inflated_size_is_limited_by_what_is_read(monkeypatch):
    monkeypatch.setattr(siecle, "MAX_XML_BYTES", 4096)
    bomb = b"<BEE_ELEVES>" + b" " * 1_000_000 + b"</BEE_ELEVES>"
    assert len(zipped(("eleves.xml", bomb))) < 4096  # the zip itself is small
    for data in (bomb, zipped(("eleves.xml", bomb))):
        with pytest.raises(imports.Unreadable) as raised:
            check(data)
        assert raised.value.problem.code == "XML_TOO_LARGE"


def test_the_limit_holds_even_when_the_zip_lies_about_sizes(monkeypatch):
    monkeypatch.setattr(siecle, "MAX_XML_BYTES", 4096)
    chunks = siecle._bounded(iter([b"x" * 3000, b"x" * 3000]))
    next(chunks)
    with pytest.raises(imports.Unreadable):
        next(chunks)
