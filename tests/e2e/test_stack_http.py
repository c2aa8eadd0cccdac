"""The local stack over HTTP, as a browser or a script reaches it: one origin for site and API."""

import concurrent.futures
import json
import re
import statistics
import time
import urllib.error
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.e2e


def call(base: str, method: str, path: str, body=None, token=None):
    request = urllib.request.Request(base.rstrip("/") + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_site_and_api_share_one_origin(stack_url):
    with urllib.request.urlopen(stack_url, timeout=10) as response:
        assert response.status == 200
        assert "Mesurez vos compétences numériques" in response.read().decode()
    status, document = call(stack_url, "GET", "/api/openapi.json")
    assert status == 200 and "/api/users" in document["paths"]


def test_attachments_are_served_from_their_bucket(stack_url):
    import hashlib

    from chalicelib.content.release import get_release

    name, digest = sorted(get_release().attachments.items())[0]
    with urllib.request.urlopen(stack_url + "fichiers/" + name, timeout=10) as response:
        assert response.status == 200
        assert hashlib.sha256(response.read()).hexdigest() == digest
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(stack_url + "fichiers/absent.pdf", timeout=10)
    assert missing.value.code == 404


def test_demo_learner_can_log_in(stack_url):
    status, session = call(stack_url, "POST", "/api/token",
                           {"login": "camille.martin@example.org", "password": "Demo2026!"})
    assert status == 200
    assert call(stack_url, "GET", "/api/me", token=session["access_token"])[1]["first_name"] == "Camille"


def test_two_concurrent_sign_ups_with_one_email_make_one_account(stack_url):
    email = f"course-{uuid.uuid4().hex[:8]}@example.org"
    body = {"first_name": "Alex", "last_name": "Durand", "email": email,
            "password": "Bonjour2026", "cgu_accepted": True}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(lambda _: call(stack_url, "POST", "/api/users", body)[0], range(4)))
    assert statuses == [201, 409, 409, 409]


def test_log_in_latency_through_the_stack(stack_url, record_property):
    body = {"first_name": "Lou", "last_name": "Petit", "email": f"lou-{uuid.uuid4().hex[:6]}@example.org",
            "password": "Bonjour2026", "cgu_accepted": True}
    assert call(stack_url, "POST", "/api/users", body)[0] == 201
    timings = []
    for _ in range(15):
        started = time.perf_counter()
        status, _ = call(stack_url, "POST", "/api/token", {"login": body["email"], "password": "Bonjour2026"})
        timings.append((time.perf_counter() - started) * 1000)
        assert status == 200
    median = statistics.median(timings)
    record_property("login_median_ms", round(median, 1))
    print(f"\nlog in through the local stack: median {median:.0f} ms over {len(timings)} calls")


def raw(base: str, method: str, path: str, data: bytes | None = None, content_type: str = "application/json"):
    """(status, headers, body bytes) of one request, whatever the status."""
    request = urllib.request.Request(base.rstrip("/") + path, method=method, data=data)
    request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_what_the_api_gateway_answers_itself_is_in_the_house_shape(stack_url):
    status, headers, body = raw(stack_url, "GET", "/api/nulle-part")
    assert status == 404
    assert json.loads(body)["error"]["code"] == "NOT_FOUND"
    assert headers["Content-Type"].startswith("application/json")
    status, headers, body = raw(stack_url, "DELETE", "/api/frameworks")
    assert (status, json.loads(body)["error"]["code"]) == (405, "METHOD_NOT_ALLOWED")
    form = b'{"login": "camille.martin@example.org", "password": "Demo2026!"}'
    status, _, body = raw(stack_url, "POST", "/api/token", form, content_type="text/plain")
    assert (status, json.loads(body)["error"]["code"]) == (415, "UNSUPPORTED_MEDIA_TYPE")


@pytest.mark.parametrize("path", ["/", "/connexion/", "/nulle-part/", "/api/frameworks", "/api/nulle-part"])
def test_the_site_and_the_api_answer_with_the_security_headers(stack_url, path):
    from infra import edge
    from tests.e2e.conftest import STACK

    _, headers, _ = raw(stack_url, "GET", path)
    # Uploads are posted to the stack's moto, which the local origin names as the uploads bucket.
    for name, value in edge.site_headers(uploads_origin=f"http://127.0.0.1:{STACK['moto_port']}").items():
        assert headers[name] == value, name
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_an_html_attachment_is_a_sandboxed_download(stack_url):
    from chalicelib.content.release import get_release

    page = next(name for name in sorted(get_release().attachments) if name.endswith(".html"))
    status, headers, _ = raw(stack_url, "GET", "/fichiers/" + page)
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["Content-Security-Policy"].startswith("sandbox;")
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_reset_link_points_to_the_site_the_stack_serves(stack_url):
    status, _ = call(stack_url, "POST", "/api/password-reset", {"email": "camille.martin@example.org"})
    assert status == 202
    link = None
    for _ in range(50):  # the e-mail may leave off the request path
        with urllib.request.urlopen(stack_url + "_dev/mails", timeout=10) as response:
            found = re.search(r"(http://[^\s<\"]+/mot-de-passe-oublie/nouveau/#token=)", response.read().decode())
        if found:
            link = found.group(1)
            break
        time.sleep(0.2)
    assert link is not None and link.startswith(stack_url)
