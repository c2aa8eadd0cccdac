"""End-to-end fixtures: the local stack as `make run` starts it, and real Chromium."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The running stack's ports, for a test that must reach its moto directly (e.g. to do what another room's
# page would, in the stack's own environment: `local.stack.local_environment(moto_port, site_port)`).
STACK: dict[str, int] = {}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def stack_url() -> str:
    """Start `python -m local.stack` on free ports; stop it with Ctrl-C (SIGINT) at the end."""
    OUTPUT.mkdir(exist_ok=True)
    site_port = _free_port()
    env = {
        **os.environ,
        "MOTO_PORT": str(_free_port()),
        "API_PORT": str(_free_port()),
        "SITE_PORT": str(site_port),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "local.stack"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{site_port}/"
    STACK.update(moto_port=int(env["MOTO_PORT"]), site_port=site_port)
    log = (OUTPUT / "stack.log").open("w")
    ready = threading.Event()

    def drain() -> None:
        for line in process.stdout:
            log.write(line)
            log.flush()
            if url in line:
                ready.set()

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + 300  # the seeds take tests through the use cases: minutes on a busy machine
    while not ready.wait(0.5):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the local stack did not start: see {OUTPUT / 'stack.log'}")
    yield url
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

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
