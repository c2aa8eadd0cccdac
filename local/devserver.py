"""One local origin, as CloudFront gives in AWS: the built site, `/api/*` proxied to
`chalice local`, `/fichiers/*` read from the attachments bucket (moto), and `/_dev/mails`, a page
listing the e-mails SES (moto) has sent. What the edge adds in AWS comes from the template itself
(infra/edge.py): the response headers policies, and API Gateway's configured gateway responses."""

import html
import json
import mimetypes
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import boto3

from infra import edge

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
            policy = edge.attachment_headers() if self.path.startswith("/fichiers/") else edge.site_headers()
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
            with urllib.request.urlopen(moto_url + "/moto-api/data.json", timeout=10) as response:
                data = json.load(response)
            messages = data.get("ses", {}).get("Message", [])
            items = "".join(
                f"<article><h2>{html.escape(m['subject'])}</h2>"
                f"<p>À : {html.escape(', '.join(m['destinations'].get('ToAddresses', [])))}</p>"
                f"<pre>{html.escape(m['body'])}</pre></article>"
                for m in reversed(messages)
            ) or "<p>Aucun e-mail envoyé pour l'instant.</p>"
            page = (
                "<!doctype html><html lang=fr><meta charset=utf-8><title>E-mails envoyés (local)</title>"
                "<link rel=stylesheet href=/assets/site.css><main class=container>"
                f"<h1>E-mails envoyés par la pile locale</h1>{items}</main></html>"
            )
            self._send(200, page.encode(), {"Content-Type": "text/html; charset=utf-8"})

        def _static(self) -> None:
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            target = (site_dir / path.lstrip("/")).resolve()
            if not target.is_relative_to(site_dir.resolve()):
                self._send(404, b"", {})
                return
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
            if self.path.startswith("/api/"):
                self._proxy()
            elif self.path.startswith("/fichiers/") and self.command in ("GET", "HEAD"):
                self._file()
            elif self.path.startswith("/_dev/mails"):
                self._mails()
            elif self.command in ("GET", "HEAD"):
                self._static()
            else:
                self._send(405, b"", {})

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = _route

    return Handler


class DevServer(ThreadingHTTPServer):
    """A thread per connection, and a listen backlog for a classroom: `socketserver`'s default of 5 makes
    the kernel reset the sixth connection waiting while the threads are busy."""

    daemon_threads = True
    request_queue_size = 1024  # capped by the kernel's net.core.somaxconn


def serve(site_dir: Path, port: int, api_url: str, moto_url: str, files_bucket: str) -> ThreadingHTTPServer:
    return DevServer(("127.0.0.1", port), make_handler(site_dir, api_url, moto_url, files_bucket))
