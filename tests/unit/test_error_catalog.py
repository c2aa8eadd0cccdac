"""Every error code the API can answer has a message in every locale of the site's common catalog
(static_site/i18n/common/<locale>.json: every section's pages merge it, so each can show any error).

Codes are found in the source: the first argument of each domain error raised in chalicelib, and of each
`JobError` a job shows its owner (always a literal, so that this scan sees them all), and the codes of the
HTTP glue.
"""

import ast
import json
from pathlib import Path

import pytest

from chalicelib import web
from infra import edge

ROOT = Path(__file__).resolve().parents[2]
ERRORS = {"DomainError", "NotFound", "Conflict", "Forbidden", "Invalid", "Unauthenticated", "TooManyAttempts",
          "Unavailable", "JobError"}  # a job's errors (an import's lines…) are shown to its owner as well
CATALOGS = sorted((ROOT / "static_site" / "i18n" / "common").glob("*.json"))


def raised_codes() -> dict[str, str]:
    """code → where it is raised; fails on a code that is not a string literal."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = {"HttpError": 1}.get(name, 0) if name in ERRORS | {"HttpError"} else None
            if position is None or len(node.args) <= position:
                continue
            code = node.args[position]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert isinstance(code, ast.Constant) and isinstance(code.value, str), f"{where}: code not a literal"
            found[code.value] = where
    for code, _ in web._CHALICE_REFUSALS.values():
        found[code] = "chalicelib/web.py (Chalice's refusals)"
    found["INTERNAL_ERROR"] = "chalicelib/web.py (unexpected errors)"
    found["API_UNAVAILABLE"] = "local/devserver.py (the API does not answer)"
    found |= edge.error_codes()  # API Gateway's own answers and the web ACL's refusals
    return found


def test_the_common_catalog_has_every_locale():
    assert [p.name for p in CATALOGS] == ["en.json", "fr.json"]


def test_the_scan_finds_the_codes_of_every_room():
    codes = raised_codes()
    expected = {"INVALID_CREDENTIALS", "EVALUATION_COMPLETED", "MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "JOB_FAILED"}
    assert expected <= set(codes)
    assert {"NOT_FOUND", "BAD_REQUEST", "INTERNAL_ERROR", "TOO_MANY_REQUESTS"} <= set(edge.error_codes())


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.name)
def test_every_code_has_a_message_in_the_catalog(catalog):
    messages = json.loads(catalog.read_text())
    missing = {code: where for code, where in raised_codes().items() if f"err_{code}" not in messages}
    assert not missing, f"i18n/common/{catalog.name} lacks err_<code> for {missing}"


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.name)
def test_the_catalog_holds_no_message_for_a_code_nobody_answers(catalog):
    known = set(raised_codes()) | set(edge.error_codes()) | {"default"}  # err_default: any other failure
    messages = json.loads(catalog.read_text())
    stale = {key for key in messages if key.startswith("err_") and key.removeprefix("err_") not in known}
    assert not stale, f"{catalog.name}: messages of codes nothing answers: {sorted(stale)}"
