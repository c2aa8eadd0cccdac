"""End-to-end fixtures: the local stack as `make run` starts it, and real Chromium."""

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The running stack's ports, for a test that must reach its moto directly (`run_in_stack`).
STACK: dict[str, int] = {}


def run_in_stack(script: str, *args: str) -> str:
    """Run a Python script in the running stack's environment, on its moto (to do what another room's page or job
    would); its standard output."""
    from local.stack import local_environment

    env = {**os.environ, **local_environment(STACK["moto_port"], STACK["site_port"]), "PYTHONPATH": str(ROOT)}
    env.pop("TABLE_PREFIX_TEST", None)
    return subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True).stdout

# One stack for the whole run, shared by pytest-xdist's workers (`make test` runs the end-to-end tests on two):
# the first worker to need it starts it, each worker counts itself in a state file under a lock, the last one
# out stops it. Its output goes to a file, not a pipe: it may outlive the worker that started it.
SHARED = OUTPUT / "stack"
START_TIMEOUT = 300  # the seeds go through the use cases: minutes on a busy machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    """Running (a zombie, stopped but not yet reaped by the worker that started it, counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def _start() -> dict[str, int]:
    # The stack serves static_site/dist as built: rebuild it if a template, script or catalog changed since (a
    # no-op under `make test`, which builds it first; a bare pytest run would otherwise test the old scripts).
    subprocess.run(["make", "--no-print-directory", "site"], cwd=ROOT, check=True, capture_output=True)
    ports = {"moto_port": _free_port(), "api_port": _free_port(), "site_port": _free_port()}
    env = {**os.environ, "MOTO_PORT": str(ports["moto_port"]), "API_PORT": str(ports["api_port"]),
           "SITE_PORT": str(ports["site_port"]), "PYTHONUNBUFFERED": "1"}
    with (OUTPUT / "stack.log").open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "local.stack"], cwd=ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{ports['site_port']}/"
    deadline = time.monotonic() + START_TIMEOUT
    # The stack prints the site's address once everything is seeded and served.
    while url not in (OUTPUT / "stack.log").read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the local stack did not start: see {OUTPUT / 'stack.log'}")
        time.sleep(0.5)
    return {**ports, "pid": process.pid, "users": 0}


def _stop(pid: int) -> None:
    """Ctrl-C, as a person stops `make run`; killed if it does not stop within 20 s."""
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
        pytest.fail("the local stack did not stop on Ctrl-C within 20 s")


@contextlib.contextmanager
def _shared_state():
    SHARED.mkdir(parents=True, exist_ok=True)
    state_file = SHARED / "state.json"
    with (SHARED / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = json.loads(state_file.read_text()) if state_file.exists() else None
        box = {"state": state}
        yield box
        if box["state"] is None:
            state_file.unlink(missing_ok=True)
        else:
            state_file.write_text(json.dumps(box["state"]))


@pytest.fixture(scope="session")
def stack_url() -> str:
    """The local stack as `make run` starts it (`python -m local.stack`, on free ports), shared by the workers."""
    OUTPUT.mkdir(exist_ok=True)
    with _shared_state() as box:
        state = box["state"]
        if state is None or not _alive(state["pid"]) or not _answers(f"http://127.0.0.1:{state['site_port']}/"):
            state = _start()
        state["users"] += 1
        box["state"] = state
    STACK.update(moto_port=state["moto_port"], site_port=state["site_port"])
    yield f"http://127.0.0.1:{state['site_port']}/"
    with _shared_state() as box:
        state = box["state"]
        if state is None:
            return
        state["users"] -= 1
        if state["users"] > 0:
            return
        box["state"] = None
        _stop(state["pid"])


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Two workers share two cores with the stack and Chromium: an answer that takes an argon2 hash may need
    # more than Playwright's 5 s under that load. A wrong page still fails, only later.
    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.console_errors = watch_console(page)
    yield page
    context.close()


def watch_console(page) -> list[str]:
    """Console errors of a page. Chromium reports every 4xx answer of the API as a failed resource;
    those are expected answers the page handles (a wrong password), so only other errors count."""
    errors: list[str] = []

    def on_console(message) -> None:
        expected = "Failed to load resource" in message.text and any(
            f"status of {code}" in message.text for code in (400, 401, 409, 429)
        )
        if message.type == "error" and not expected:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """Serious or critical accessibility violations on the page, by axe-core."""
    # Through the DevTools protocol, which the page's CSP does not govern: an inline <script> tag (what
    # add_script_tag injects) is refused by script-src 'self', as any inline script should be.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
