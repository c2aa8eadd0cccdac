"""One local origin, as CloudFront gives in AWS: the built site, `/api/*` proxied to
`chalice local`, `/fichiers/*` read from the attachments bucket (moto), and `/_dev/mails`, a page
listing the e-mails SES (moto) has sent. What the edge adds in AWS comes from the template itself
(infra/edge.py): the response headers policies, and API Gateway's configured gateway responses."""

import html
import json
import mimetypes
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import boto3

from infra import edge

# What writing to a connection the browser closed raises.
_CANCELLED = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
_LINK = re.compile(r"https?://[^\s<>\"]+")
# A campaign link /campagnes/<CODE>/ is served by the campaigns page (SitePagesFunction does the same).
CAMPAIGN_LINK = re.compile(r"^/(?:(?P<en>en)/)?campagnes/[A-Za-z]{6}[0-9]{3}/?$")

# The local mailbox's own styles (the site's CSP allows no inline style; this page exists only locally).
MAILS_CSS = """
.mails { padding-block: 2rem; }
.mails article { margin-bottom: 1.5rem; }
.mails header { margin-bottom: 0.5rem; }
.mails h2 { font-size: 1.2rem; margin-bottom: 0.25rem; }
.mails .meta { color: var(--pico-muted-color); font-size: 0.9rem; margin: 0; }
.mails .body { white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; margin: 0; }
.mails .body a { font-weight: 600; }
"""


def _linked(text: str) -> str:
    """The text, escaped, with its addresses as links (what a mail client does)."""
    parts, last = [], 0
    for match in _LINK.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        parts.append(html.escape(text[last:match.start()]))
        parts.append(f'<a href="{html.escape(url)}">{html.escape(url)}</a>')
        last = match.start() + len(url)
    parts.append(html.escape(text[last:]))
    return "".join(parts)


def mails_page(messages: list[dict]) -> str:
    """The e-mails SES (moto) has sent, the latest first, their links clickable, in the site's styles."""
    items = "".join(
        "<article><header>"
        f"<h2>{html.escape(m.get('subject') or '')}</h2>"
        f"<p class=meta>À : {html.escape(', '.join(m.get('destinations', {}).get('ToAddresses', [])))}"
        f" · De : {html.escape(m.get('source') or '')}</p>"
        f"</header><div class=body>{_linked(m.get('body') or '')}</div></article>"
        for m in reversed(messages)
    ) or "<p>Aucun e-mail envoyé pour l'instant.</p>"
    return (
        "<!doctype html><html lang=fr><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        "<title>E-mails envoyés (local)</title><link rel=icon href=/assets/favicon.svg type=image/svg+xml>"
        "<link rel=stylesheet href=/assets/pico.min.css><link rel=stylesheet href=/assets/site.css>"
        "<link rel=stylesheet href=/_dev/mails.css></head>"
        "<body><main class='container mails'>"
        f"<h1>E-mails envoyés par la pile locale</h1><p class=meta>{len(messages)} e-mail(s), le plus récent "
        f"d'abord. Rechargez la page pour voir les nouveaux.</p>{items}</main></body></html>"
    )


_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "host"}


def gateway_response(kind: str, status: int, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
    """The emulation of API Gateway's configured gateway responses (RestAPI.GatewayResponses in the
    template): `chalice local` answers what API Gateway answers itself (an unknown route: 403 "Missing
    Authentication Token") with API Gateway's default bodies; in AWS the template replaces those."""
    request_id = next((v for k, v in headers.items() if k.lower() == "x-amzn-requestid"), None) or str(uuid.uuid4())
    return edge.gateway_responses()[kind].render(status, request_id)


def make_handler(site_dir: Path, api_url: str, moto_url: str, files_bucket: str) -> type[BaseHTTPRequestHandler]:
    s3 = boto3.client("s3")  # the stack's environment points it at moto

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet: chalice logs requests
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            # CloudFront's response headers policy of the path's behaviour, over the origin's (Override).
            policy = (edge.attachment_headers() if self.path.startswith("/fichiers/")
                      else edge.site_headers(uploads_origin=moto_url))  # uploads are posted to moto
            headers = {k: v for k, v in headers.items() if k.lower() not in {h.lower() for h in policy}}
            self.send_response(status)
            for name, value in {**headers, **policy}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _proxy(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            request = urllib.request.Request(api_url + self.path, data=body, method=self.command)
            for name, value in self.headers.items():
                if name.lower() not in _HOP_BY_HOP:
                    request.add_header(name, value)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    status, payload, headers = response.status, response.read(), response.headers
            except urllib.error.HTTPError as error:
                status, payload, headers = error.code, error.read(), error.headers
            except OSError:
                message = {"error": {"code": "API_UNAVAILABLE", "message": "Le service ne répond pas."}}
                self._send(502, json.dumps(message).encode(), {"Content-Type": "application/json"})
                return
            kept = {k: v for k, v in headers.items() if k.lower() not in _HOP_BY_HOP | {"content-length"}}
            kind = edge.gateway_response_type(status, payload)
            if kind is not None:
                status, payload, kept = gateway_response(kind, status, kept)
            self._send(status, payload, kept)

        def _file(self) -> None:
            name = urllib.parse.unquote(self.path.split("?", 1)[0].removeprefix("/fichiers/"))
            if not name or "/" in name:
                self._send(404, b"", {})
                return
            try:
                found = s3.get_object(Bucket=files_bucket, Key=name)
            except s3.exceptions.NoSuchKey:
                self._send(404, b"", {})
                return
            headers = {"Content-Type": found["ContentType"]}
            if found.get("ContentDisposition"):  # infra/publish.py stores non-image attachments as downloads
                headers["Content-Disposition"] = found["ContentDisposition"]
            self._send(200, found["Body"].read(), headers)

        def _mails(self) -> None:
            if self.path.split("?", 1)[0] == "/_dev/mails.css":
                self._send(200, MAILS_CSS.encode(), {"Content-Type": "text/css; charset=utf-8"})
                return
            with urllib.request.urlopen(moto_url + "/moto-api/data.json", timeout=10) as response:
                data = json.load(response)
            page = mails_page(data.get("ses", {}).get("Message", []))
            self._send(200, page.encode(), {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"})

        def _static(self) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            target = (site_dir / path.lstrip("/")).resolve()
            if not target.is_relative_to(site_dir.resolve()):
                self._send(404, b"", {})
                return
            link = CAMPAIGN_LINK.match(path)
            if link:  # /campagnes/<CODE>/: the campaigns page reads the code (as SitePagesFunction does)
                target = site_dir / (link["en"] or "") / "campagnes"
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                target = site_dir / "404.html"
                status = 404
            else:
                status = 200
            content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type.endswith("javascript"):
                content_type += "; charset=utf-8"
            self._send(status, target.read_bytes(), {"Content-Type": content_type, "Cache-Control": "no-cache"})

        def _route(self) -> None:
            if self.path.startswith("/api/") and self.command in ("OPTIONS", "TRACE"):
                # No route declares them: API Gateway answers itself, as for an unknown route.
                self._send(*gateway_response("MISSING_AUTHENTICATION_TOKEN", 403, dict(self.headers.items())))
            elif self.path.startswith("/api/"):
                self._proxy()
            elif self.path.startswith("/fichiers/") and self.command in ("GET", "HEAD"):
                self._file()
            elif self.path.startswith("/_dev/mails"):
                self._mails()
            elif self.command in ("GET", "HEAD"):
                self._static()
            else:
                self._send(405, b"", {})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_TRACE = _route

    return Handler


class DevServer(ThreadingHTTPServer):
    """A thread per connection, and a listen backlog for a classroom: `socketserver`'s default of 5 makes
    the kernel reset the sixth connection waiting while the threads are busy."""

    daemon_threads = True
    request_queue_size = 1024  # capped by the kernel's net.core.somaxconn

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that cancels a request (a page left, a reload, a prefetch dropped) closes its
        connection before the answer is written: nothing went wrong here, so no traceback."""
        if isinstance(sys.exc_info()[1], _CANCELLED):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def serve(site_dir: Path, port: int, api_url: str, moto_url: str, files_bucket: str) -> ThreadingHTTPServer:
    return DevServer(("127.0.0.1", port), make_handler(site_dir, api_url, moto_url, files_bucket))
