"""The local origin does what the edge does in AWS, from the template's own definitions: the headers
policies of CloudFront on every answer, attachments as sandboxed downloads, API Gateway's gateway
responses for the answers API Gateway gives itself."""

import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
import pytest

from chalicelib.settings import get_settings
from infra import edge, publish
from local.devserver import serve

# What the upstream (`chalice local`) answers, by path: (status, body, headers).
UPSTREAM = {
    "/api/absent": (403, b'{"message": "Missing Authentication Token"}', {"x-amzn-RequestId": "abc"}),
    "/api/forbidden": (403, b'{"error": {"code": "FORBIDDEN", "message": "Non."}}', {}),
    "/api/ok": (200, b'{"ok": true}', {}),
    "/api/crash": (502, b"Bad Gateway", {}),
    "/api/throttled": (429, b'{"message": "Too Many Requests"}', {}),
}


class Upstream(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        status, body, headers = UPSTREAM[self.path]
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _start(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def origin(aws, tmp_path):
    site = tmp_path / "site"
    (site / "connexion").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>Pix</title>")
    (site / "connexion" / "index.html").write_text("<!doctype html><title>Connexion</title>")
    (site / "404.html").write_text("<!doctype html><title>Introuvable</title>")
    files = tmp_path / "files"
    files.mkdir()
    (files / "page.html").write_text("<!doctype html><script>alert(document.cookie)</script>")
    (files / "dessin.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (files / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    publish.upload_folder(boto3.client("s3"), files, get_settings().attachments_bucket, publish.ATTACHMENTS_CACHE,
                          attachments=True)
    upstream = _start(ThreadingHTTPServer(("127.0.0.1", 0), Upstream))
    server = _start(serve(site, 0, f"http://127.0.0.1:{upstream.server_port}", "http://127.0.0.1:1",
                          get_settings().attachments_bucket))
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    upstream.shutdown()


def get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def _has(headers, expected: dict[str, str]) -> bool:
    return all(headers.get(name) == value for name, value in expected.items())


@pytest.mark.parametrize("path", ["/", "/connexion/", "/connexion", "/nulle-part/", "/api/ok", "/api/absent"])
def test_every_answer_carries_the_site_policy(origin, path):
    _, _, headers = get(origin + path)
    assert _has(headers, edge.site_headers(uploads_origin="http://127.0.0.1:1"))  # the origin's moto
    assert "script-src 'self'" in headers["Content-Security-Policy"]


def test_an_unknown_page_is_the_404_page(origin):
    status, body, _ = get(origin + "/nulle-part/")
    assert status == 404 and b"Introuvable" in body


@pytest.mark.parametrize("name", ["page.html", "dessin.svg"])
def test_an_attachment_that_could_run_script_is_a_sandboxed_download(origin, name):
    status, _, headers = get(origin + "/fichiers/" + name)
    assert status == 200
    assert headers["Content-Disposition"].startswith("attachment;")
    assert _has(headers, edge.attachment_headers())
    assert headers["Content-Security-Policy"].startswith("sandbox")


def test_an_image_attachment_shows_in_the_page(origin):
    status, _, headers = get(origin + "/fichiers/photo.png")
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert "Content-Disposition" not in headers
    assert _has(headers, edge.attachment_headers())


def test_an_unknown_api_route_is_a_404_in_the_house_shape(origin):
    status, body, headers = get(origin + "/api/absent")
    assert status == 404
    assert json.loads(body) == {"error": {"code": "NOT_FOUND", "message": "Cette adresse n’existe pas."}}
    assert headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE"])
def test_a_method_no_route_declares_is_answered_in_the_house_shape(origin, method):
    request = urllib.request.Request(origin + "/api/frameworks", method=method)
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("expected a refusal")
    except urllib.error.HTTPError as error:
        assert error.code == 404 and json.loads(error.read())["error"]["code"] == "NOT_FOUND"


def test_the_app_answers_are_left_as_they_are(origin):
    status, body, _ = get(origin + "/api/forbidden")
    assert (status, json.loads(body)["error"]["code"]) == (403, "FORBIDDEN")


def test_gateway_failures_and_throttling_are_in_the_house_shape(origin):
    status, body, _ = get(origin + "/api/crash")
    assert status == 502
    error = json.loads(body)["error"]
    assert error["code"] == "INTERNAL_ERROR" and error["meta"]["request_id"]
    status, body, headers = get(origin + "/api/throttled")
    assert (status, json.loads(body)["error"]["code"]) == (429, "TOO_MANY_REQUESTS")
    assert headers["Retry-After"]


def test_a_request_the_browser_cancels_leaves_no_traceback(capfd):
    """A page left or reloaded closes its connection before the answer is written: the dev server stays
    quiet; any other failure is still told."""
    from local.devserver import DevServer

    server = DevServer(("127.0.0.1", 0), Upstream)
    try:
        for cancelled in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
            try:
                raise cancelled
            except OSError:
                server.handle_error(None, ("127.0.0.1", 50000))
        assert capfd.readouterr().err == ""
        try:
            raise ValueError("a real bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 50000))
        assert "ValueError: a real bug" in capfd.readouterr().err
    finally:
        server.server_close()


def test_the_local_mailbox_makes_links_clickable_and_escapes_the_rest():
    from local.devserver import mails_page

    page = mails_page([{
        "subject": "Réinitialisation <b>", "source": "ne-pas-repondre@pix.example.org",
        "destinations": {"ToAddresses": ["camille@example.org"]},
        "body": "Bonjour,\n\nCe lien : http://127.0.0.1:8123/mot-de-passe-oublie/nouveau/#token=abc-_1.\n<script>x</script>",
    }])
    link = "http://127.0.0.1:8123/mot-de-passe-oublie/nouveau/#token=abc-_1"
    assert f'<a href="{link}">{link}</a>.' in page  # the sentence's full stop stays outside the link
    assert "<script>x" not in page and "&lt;script&gt;x" in page
    assert "Réinitialisation &lt;b&gt;" in page and "/_dev/mails.css" in page
    assert "Aucun e-mail" in mails_page([])
