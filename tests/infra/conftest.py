"""The package as `make package` writes it, on a machine without any AWS configuration."""

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def packaged(tmp_path_factory, worker_id) -> Path:
    """`make package` with no AWS variable and an empty home (no ~/.aws): the folder it writes.
    The venv and the content release are taken as they are (-o): packaging is what is under test.

    Packaged once per run: pytest-xdist's workers share the folder above their own, and the first to take the
    lock packages (two at once would share .chalice/deployments, and one would delete the other's zip)."""
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    out, home, done = shared / "packaged", shared / "packaging-home", shared / "packaged.ok"
    with open(shared / "packaging.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            home.mkdir(exist_ok=True)
            env = {"PATH": os.environ["PATH"], "HOME": str(home)}
            result = subprocess.run(
                ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "chalicelib/content/release.json",
                 "package", f"PACKAGED={out}"],
                cwd=ROOT, env=env, capture_output=True, text=True,
            )
            shutil.rmtree(ROOT / ".chalice" / "deployments", ignore_errors=True)
            assert result.returncode == 0, result.stdout + result.stderr
            done.touch()
    return out
