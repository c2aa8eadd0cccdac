"""What the edge adds to every answer in AWS, read from the template (infra/resources.yaml) so that the
local stack (local/devserver.py) does the same from the same definition: the response headers policies
of CloudFront, the site's pages, and API Gateway's own answers (its gateway responses)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().with_name("resources.yaml")


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation's short tags (!Ref, !Sub, …) as their plain argument."""


_CfnLoader.add_multi_constructor("!", lambda loader, tag, node: loader.construct_scalar(node)
                                 if isinstance(node, yaml.ScalarNode) else None)


@cache
def template() -> dict[str, Any]:
    return yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=_CfnLoader)


def _resource(name: str) -> dict[str, Any]:
    return template()["Resources"][name]["Properties"]


# --- CloudFront response headers policies -------------------------------------------------------------

_KNOWN_SECURITY_HEADERS = {
    "ContentSecurityPolicy", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy", "StrictTransportSecurity",
}


def policy_headers(config: dict[str, Any]) -> dict[str, str]:
    """The HTTP headers a ResponseHeadersPolicyConfig adds, as CloudFront writes them."""
    security = config.get("SecurityHeadersConfig", {})
    unknown = set(security) - _KNOWN_SECURITY_HEADERS
    assert not unknown, f"infra/edge.py does not know how CloudFront writes {unknown}: teach it"
    headers: dict[str, str] = {}
    if "ContentSecurityPolicy" in security:
        csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
        headers["Content-Security-Policy"] = " ".join(csp.split())
    if "ContentTypeOptions" in security:
        headers["X-Content-Type-Options"] = "nosniff"
    if "FrameOptions" in security:
        headers["X-Frame-Options"] = security["FrameOptions"]["FrameOption"]
    if "ReferrerPolicy" in security:
        headers["Referrer-Policy"] = security["ReferrerPolicy"]["ReferrerPolicy"]
    if "StrictTransportSecurity" in security:
        hsts = security["StrictTransportSecurity"]
        value = f"max-age={hsts['AccessControlMaxAgeSec']}"
        if hsts.get("IncludeSubdomains"):
            value += "; includeSubDomains"
        if hsts.get("Preload"):
            value += "; preload"
        headers["Strict-Transport-Security"] = value
    for item in config.get("CustomHeadersConfig", {}).get("Items", []):
        headers[item["Header"]] = item["Value"]
    return headers


# Where browsers post uploads (a presigned POST to the bucket's regional address), as the site policy names it.
UPLOADS_ORIGIN = "https://${UploadsBucket}.s3.${AWS::Region}.amazonaws.com"


@cache
def site_headers(uploads_origin: str | None = None) -> dict[str, str]:
    """Every answer of the site and the API (SecurityHeadersPolicy); `uploads_origin` stands for the
    uploads bucket's address where it is elsewhere (the local stack's moto)."""
    headers = policy_headers(_resource("SecurityHeadersPolicy")["ResponseHeadersPolicyConfig"])
    if uploads_origin is not None:
        csp = headers["Content-Security-Policy"]
        assert UPLOADS_ORIGIN in csp, "the site policy no longer names the uploads bucket: update UPLOADS_ORIGIN"
        headers["Content-Security-Policy"] = csp.replace(UPLOADS_ORIGIN, uploads_origin)
    return headers


@cache
def attachment_headers() -> dict[str, str]:
    """Every answer under /fichiers/ (AttachmentHeadersPolicy)."""
    return policy_headers(_resource("AttachmentHeadersPolicy")["ResponseHeadersPolicyConfig"])


@cache
def site_pages() -> frozenset[str]:
    """The pages SitePagesFunction knows ("" for the home page, "connexion", "en/profil"…)."""
    code = _resource("SitePagesFunction")["FunctionCode"]
    block = re.search(r"var PAGES = \{(.*?)\};", code, re.S)
    assert block, "SitePagesFunction has no PAGES"
    return frozenset(re.findall(r"'([^']*)': 1", block.group(1)))


# --- API Gateway's own answers -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GatewayResponse:
    status: int | None  # None: API Gateway keeps the status of the error
    headers: dict[str, str]
    body: str  # a mapping template: $context.requestId is the only variable used

    def render(self, status: int, request_id: str) -> tuple[int, bytes, dict[str, str]]:
        body = self.body.replace("$context.requestId", request_id)
        json.loads(body)  # a template that is not JSON would be a broken answer in AWS too
        headers = {"Content-Type": "application/json", **self.headers}
        return self.status or status, body.encode(), headers


@cache
def gateway_responses() -> dict[str, GatewayResponse]:
    """The gateway responses merged into the API (RestAPI.GatewayResponses), by response type."""
    found = {}
    for kind, spec in _resource("RestAPI")["GatewayResponses"].items():
        headers = {
            name: value.strip("'")  # API Gateway takes static values in single quotes
            for name, value in spec.get("ResponseParameters", {}).get("Headers", {}).items()
        }
        status = int(spec["StatusCode"]) if "StatusCode" in spec else None
        found[kind] = GatewayResponse(status, headers, spec["ResponseTemplates"]["application/json"])
    return found


def gateway_response_type(status: int, body: bytes) -> str | None:
    """The gateway response API Gateway would give for an answer of its own (chalice local emulates
    them with API Gateway's default bodies, {"message": ...}); None for the app's answers (house shape)."""
    if status < 400:
        return None
    try:
        data = json.loads(body or b"null")
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        return None
    if status == 403 and isinstance(data, dict) and data.get("message") == "Missing Authentication Token":
        return "MISSING_AUTHENTICATION_TOKEN"
    kind = {429: "THROTTLED", 413: "REQUEST_TOO_LARGE"}.get(status)
    if kind not in gateway_responses():
        kind = "DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX"
    return kind


WAF_TEMPLATE = TEMPLATE.with_name("waf.yaml")


def error_codes() -> dict[str, str]:
    """Error code → where the edge answers it (gateway responses, the web ACL's refusals): each needs a
    message in every catalog of the site, like the app's own codes."""
    found = {}
    for kind, response in gateway_responses().items():
        found[json.loads(response.render(500, "-")[1])["error"]["code"]] = f"infra/resources.yaml ({kind})"
    waf = yaml.load(WAF_TEMPLATE.read_text(encoding="utf-8"), Loader=_CfnLoader)
    for key, body in waf["Resources"]["WebAcl"]["Properties"]["CustomResponseBodies"].items():
        found[json.loads(body["Content"])["error"]["code"]] = f"infra/waf.yaml ({key})"
    return found
