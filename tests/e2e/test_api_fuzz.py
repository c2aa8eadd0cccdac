"""Schemathesis over the OpenAPI document, against the local stack.

Every operation gets generated requests, valid and invalid (schemathesis' coverage, fuzzing and stateful
phases, every check): no answer is a 5xx, each answer has a documented status, content type, headers and
body schema, invalid input is refused with a 4xx, valid input is not, a route that needs a token refuses a
request without one, an undocumented method gets 405. The learner routes are called as a learner signed up
for the run. Bounded and reproducible (tests/e2e/schemathesis.toml: seed, examples per operation).

Schemathesis runs as its command line (its pytest plugin does not follow pytest 9 yet); on failure its
report, with a curl line to reproduce each finding, is the assertion message.
"""

import json
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CONFIG = Path(__file__).with_name("schemathesis.toml")
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


def _learner_token(stack_url: str) -> str:
    body = {
        "first_name": "Fuzz",
        "last_name": "Schemathesis",
        "email": f"fuzz.{uuid.uuid4().hex[:12]}@example.org",
        "password": "Vq7-fuzz-schemathesis-2026",
        "cgu_accepted": True,
    }
    request = urllib.request.Request(
        stack_url + "api/users", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["access_token"]


def test_every_operation_answers_as_documented(stack_url):
    token = _learner_token(stack_url)
    OUTPUT.mkdir(exist_ok=True)
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
        "run", stack_url + "api/openapi.json", "--checks", "all",
        "--header", f"Authorization: Bearer {token}",
    ]
    started = time.perf_counter()
    # The token lives 15 minutes, far beyond the run; schemathesis masks it in its report.
    run = subprocess.run(command, cwd=OUTPUT, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - started
    report = run.stdout + run.stderr
    (OUTPUT / "schemathesis.txt").write_text(report)
    print(f"schemathesis: {elapsed:.1f} s")
    assert run.returncode == 0, report[-20000:]
    assert "Operations:" in report  # it did load the document and test its operations
