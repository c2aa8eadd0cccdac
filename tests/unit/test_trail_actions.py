"""Every action the audit trail may hold (`admin.trail.ACTIONS`) has its label in every admin catalog, and every
action a room records with a literal code is listed there (the use case also refuses an unlisted code)."""

import ast
import json
from pathlib import Path

import pytest

from chalicelib.admin import service_trail
from chalicelib.admin.trail import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = sorted((ROOT / "static_site" / "i18n" / "admin").glob("*.json"))


def recorded_literals() -> dict[str, str]:
    """The string codes found in the action argument of each `record_action(…)` call: code → where."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            if (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) != "record_action":
                continue
            for part in ast.walk(node.args[1]):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    found[part.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.stem)
def test_every_action_has_its_label(catalog):
    labels = json.loads(catalog.read_text())
    missing = sorted(a for a in ACTIONS if f"trail_action_{a.replace('-', '_')}" not in labels)
    assert missing == [], f"{catalog.name} lacks trail_action_ labels for {missing}"


def test_every_recorded_literal_is_a_listed_action():
    found = recorded_literals()
    assert len(found) > 20  # the scan sees the rooms' calls
    assert {code: where for code, where in found.items() if code not in ACTIONS} == {}


def test_an_unlisted_action_is_refused():
    with pytest.raises(AssertionError, match="not in admin.trail.ACTIONS"):
        service_trail.record_action("operator", "something-new", "user", "u1")
