"""`python -m chalicelib.orga.check_list` on every fixture of tests/fixtures/imports: one JSON object, and
the exit status says whether the file would import (0), would not (1) or cannot be read (2)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib.orga import check_list

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "imports"
UAI = "0751234A"

# fixture → (format, exit status, learners, error codes, warning codes)
EXPECTED = {
    "siecle_sample.xml": ("siecle", 0, 6, [], []),
    "siecle_sample.zip": ("siecle", 0, 6, [], []),
    "siecle_errors.xml": ("siecle", 1, 1, ["NATIONAL_ID_DUPLICATE", "SEX_REQUIRED", "BIRTH_DATE_INVALID",
                                           "BIRTH_CITY_CODE_REQUIRED", "VALUE_REQUIRED"], []),
    "siecle_billion_laughs.xml": ("siecle", 2, 0, ["XML_FORBIDDEN"], []),
    "siecle_external_entity.xml": ("siecle", 2, 0, ["XML_FORBIDDEN"], []),
    "siecle_external_dtd.xml": ("siecle", 2, 0, ["XML_FORBIDDEN"], []),
    "siecle_zip_bomb.zip": ("siecle", 2, 0, ["XML_TOO_LARGE"], []),
    "sco_sample.csv": ("sco-csv", 0, 4, [], []),
    "sco_errors.csv": ("sco-csv", 1, 1, ["NATIONAL_ID_DUPLICATE", "SEX_INVALID", "BIRTH_CITY_CODE_REQUIRED",
                                         "BIRTH_CITY_REQUIRED", "STATUS_INVALID", "BIRTH_COUNTRY_INVALID",
                                         "VALUE_REQUIRED", "BIRTH_DATE_INVALID", "VALUE_REQUIRED"], []),
    "sup_sample_utf8_bom.csv": ("sup-csv", 0, 4, [], ["DIPLOMA_UNRECOGNISED"]),
    "sup_sample_macroman.csv": ("sup-csv", 0, 2, [], []),
    "sup_errors_windows1252.csv": ("sup-csv", 1, 1, ["BIRTH_DATE_INVALID", "VALUE_REQUIRED",
                                                     "STUDENT_NUMBER_DUPLICATE", "EMAIL_INVALID",
                                                     "STUDENT_NUMBER_INVALID", "BIRTH_DATE_INVALID",
                                                     "VALUE_REQUIRED"], ["DIPLOMA_UNRECOGNISED"]),
    "sup_bad_header.csv": ("sup-csv", 1, 0, ["HEADER_UNKNOWN", "HEADER_MISSING"], []),
}


def test_every_fixture_is_checked():
    found = {p.name for p in FIXTURES.iterdir() if p.suffix in (".xml", ".zip", ".csv")}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_list_on_each_fixture(name, capsys):
    fmt, status, learners, errors, warnings = EXPECTED[name]
    assert check_list.main(["--format", fmt, str(FIXTURES / name), "--uai", UAI]) == status
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1  # one JSON object on one line
    result = json.loads(printed)
    assert set(result) == {"format", "learners", "warnings", "errors"}
    assert (result["format"], result["learners"]) == (fmt, learners)
    assert [e["code"] for e in result["errors"]] == errors
    assert [w["code"] for w in result["warnings"]] == warnings
    for problem in result["errors"] + result["warnings"]:
        assert set(problem) == {"line", "column", "code", "message"}
        assert problem["message"]
        if problem["line"] is not None and status != 2:
            assert problem["message"].startswith(f"Ligne {problem['line']}")


def test_a_missing_file_cannot_be_read(capsys, tmp_path):
    assert check_list.main(["--format", "sup-csv", str(tmp_path / "absent.csv")]) == 2
    assert json.loads(capsys.readouterr().out)["errors"][0]["code"] == "FILE_NOT_FOUND"


def test_the_command_runs_as_a_module():
    run = subprocess.run([sys.executable, "-m", "chalicelib.orga.check_list", "--format", "siecle",
                          str(FIXTURES / "siecle_sample.zip"), "--uai", "0759999Z"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert json.loads(run.stdout)["errors"][0]["code"] == "SIECLE_UAI_MISMATCH"
