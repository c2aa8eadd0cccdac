"""The package as `make package` writes it, on a machine without any AWS configuration."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def packaged(tmp_path_factory) -> Path:
    """`make package` with no AWS variable and an empty home (no ~/.aws): the folder it writes.
    The venv and the content release are taken as they are (-o): packaging is what is under test."""
    out = tmp_path_factory.mktemp("packaged") / "out"
    home = tmp_path_factory.mktemp("home")
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "chalicelib/content/release.json",
         "package", f"PACKAGED={out}"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    shutil.rmtree(ROOT / ".chalice" / "deployments", ignore_errors=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
