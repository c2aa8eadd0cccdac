"""The edge in the template: headers policies on every behaviour, the API's own errors left alone, the
site's pages function, the web ACL, API Gateway's own answers in the house shape."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

import app  # noqa: F401  (registers the routes)
from chalicelib.web import ROUTES
from infra import edge

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "static_site" / "dist"


def _distribution() -> dict:
    return edge.template()["Resources"]["Distribution"]["Properties"]["DistributionConfig"]


def _directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in csp.split(";")) if part}


def test_every_behaviour_answers_with_a_headers_policy():
    distribution = _distribution()
    behaviours = {"default": distribution["DefaultCacheBehavior"]}
    behaviours |= {b["PathPattern"]: b for b in distribution["CacheBehaviors"]}
    policies = {name: b.get("ResponseHeadersPolicyId") for name, b in behaviours.items()}
    assert policies == {
        "default": "SecurityHeadersPolicy",
        "/api/*": "SecurityHeadersPolicy",
        "/fichiers/*": "AttachmentHeadersPolicy",
    }


def test_the_site_policy_allows_no_inline_script_and_no_framing():
    headers = edge.site_headers()
    csp = _directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}
    max_age = int(re.match(r"max-age=(\d+)", headers["Strict-Transport-Security"]).group(1))
    assert max_age >= 365 * 24 * 3600


def test_attachments_are_sandboxed():
    headers = edge.attachment_headers()
    csp = _directives(headers["Content-Security-Policy"])
    assert csp["sandbox"] == []  # no allow-scripts, no allow-same-origin: an opaque origin without script
    assert csp["default-src"] == ["'none'"]
    assert "script-src" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_conversion_writes_what_cloudfront_writes():
    config = {
        "SecurityHeadersConfig": {
            "ContentSecurityPolicy": {"ContentSecurityPolicy": "default-src 'self';\n  img-src data:",
                                      "Override": True},
            "ContentTypeOptions": {"Override": True},
            "FrameOptions": {"FrameOption": "SAMEORIGIN", "Override": True},
            "ReferrerPolicy": {"ReferrerPolicy": "no-referrer", "Override": True},
            "StrictTransportSecurity": {"AccessControlMaxAgeSec": 600, "IncludeSubdomains": True, "Preload": True,
                                        "Override": True},
        },
        "CustomHeadersConfig": {"Items": [{"Header": "X-Test", "Value": "1", "Override": True}]},
    }
    assert edge.policy_headers(config) == {
        "Content-Security-Policy": "default-src 'self'; img-src data:",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "SAMEORIGIN",
        "Referrer-Policy": "no-referrer",
        "Strict-Transport-Security": "max-age=600; includeSubDomains; preload",
        "X-Test": "1",
    }
    with pytest.raises(AssertionError, match="XSSProtection"):
        edge.policy_headers({"SecurityHeadersConfig": {"XSSProtection": {"Protection": False}}})


def test_no_custom_error_response_replaces_the_api_errors():
    # Custom error responses apply to every behaviour: a 403 → /404.html rule turned the API's 403 into a page.
    assert "CustomErrorResponses" not in _distribution()


def test_cloudfront_may_list_the_buckets_so_a_missing_key_is_a_404():
    resources = edge.template()["Resources"]
    for policy in ("SiteBucketPolicy", "AttachmentsBucketPolicy"):
        actions = {s["Action"] for s in resources[policy]["Properties"]["PolicyDocument"]["Statement"]}
        assert actions == {"s3:GetObject", "s3:ListBucket"}, policy


def test_the_site_pages_function_knows_every_page_of_the_built_site():
    built = {
        path.parent.relative_to(DIST).as_posix().removeprefix(".")
        for path in DIST.rglob("index.html")
    }
    assert edge.site_pages() == built


def _run_function(resource: str, events: list[dict]) -> list[dict]:
    """Run a CloudFront function of the template in Node on `events`, as CloudFront calls its handler."""
    code = edge.template()["Resources"][resource]["Properties"]["FunctionCode"]
    script = code + "\nconst events = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" \
                    "process.stdout.write(JSON.stringify(events.map(handler)));\n"
    result = subprocess.run(["node", "-e", script], input=json.dumps(events), capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_the_site_pages_function_maps_pages_files_and_unknown_paths():
    cases = {
        "/": "/index.html",
        "/connexion/": "/connexion/index.html",
        "/connexion": "/connexion/index.html",
        "/en/mot-de-passe-oublie/nouveau/": "/en/mot-de-passe-oublie/nouveau/index.html",
        "/assets/site.css": "/assets/site.css",
        "/assets/absent.js": "/assets/absent.js",  # a file: S3 answers it, 404 when missing
        "/nulle-part/": "/404.html",
        "/connexion/autre": "/404.html",
        "/campagnes/ABCDEF123/": "/campagnes/index.html",
        "/en/campagnes/abcdef123": "/en/campagnes/index.html",
        "/campagnes/resultats/": "/campagnes/resultats/index.html",
        "/campagnes/ABC/": "/404.html",
    }
    events = [{"request": {"method": "GET", "uri": uri, "headers": {}}} for uri in cases]
    assert [r["uri"] for r in _run_function("SitePagesFunction", events)] == list(cases.values())


def test_the_site_status_function_serves_the_404_page_with_its_status():
    page = {"statusCode": 200, "headers": {"x-amz-meta-status": {"value": "404"}}}
    other = {"statusCode": 200, "headers": {"content-type": {"value": "text/html"}}}
    answers = _run_function("SiteStatusFunction", [{"request": {}, "response": r} for r in (page, other)])
    assert answers[0]["statusCode"] == 404 and "x-amz-meta-status" not in answers[0]["headers"]
    assert answers[1] == other


def _waf() -> dict:
    return yaml.load((ROOT / "infra" / "waf.yaml").read_text(), Loader=edge._CfnLoader)


def _strings(statement) -> list[str]:
    if isinstance(statement, dict):
        found = [statement["SearchString"]] if "SearchString" in statement else []
        return found + [s for value in statement.values() for s in _strings(value)]
    if isinstance(statement, list):
        return [s for value in statement for s in _strings(value)]
    return []


def test_the_web_acl_limits_login_sign_up_and_reset_per_address():
    acl = _waf()["Resources"]["WebAcl"]["Properties"]
    assert acl["Scope"] == "CLOUDFRONT"
    limited = set()
    for rule in acl["Rules"]:
        rate = rule["Statement"].get("RateBasedStatement")
        if rate:
            assert rate["AggregateKeyType"] == "IP"
            assert rule["Action"]["Block"]["CustomResponse"]["ResponseCode"] == 429
            limited |= {s for s in _strings(rate["ScopeDownStatement"]) if s.startswith("/")}
    assert limited == {"/api/token", "/api/users", "/api/password-reset", "/api/certificates/verification/"}
    posts = {route.path for route in ROUTES if route.method == "POST"}
    assert {"/api/token", "/api/users", "/api/password-reset"} <= posts  # the rules follow the routes
    gets = {route.path for route in ROUTES if route.method == "GET"}
    assert "/api/certificates/verification/{code}" in gets
    managed = {r["Statement"]["ManagedRuleGroupStatement"]["Name"] for r in acl["Rules"]
               if "ManagedRuleGroupStatement" in r["Statement"]}
    assert "AWSManagedRulesCommonRuleSet" in managed


def test_the_distribution_takes_the_web_acl_of_us_east_1():
    template = edge.template()
    assert _distribution()["WebACLId"] == "WebAclArn"
    assert ":us-east-1:" in template["Parameters"]["WebAclArn"]["AllowedPattern"]


def test_the_web_acl_refuses_in_the_house_shape():
    for body in _waf()["Resources"]["WebAcl"]["Properties"]["CustomResponseBodies"].values():
        assert set(json.loads(body["Content"])["error"]) == {"code", "message"}


@pytest.mark.parametrize("kind", sorted(edge.gateway_responses()))
def test_gateway_responses_answer_in_the_house_shape(kind):
    status, body, headers = edge.gateway_responses()[kind].render(400 if "4" in kind else 500, "req-1")
    error = json.loads(body)["error"]
    assert set(error) <= {"code", "message", "meta"} and error["code"] and error["message"]
    assert headers["Content-Type"].startswith("application/json")
    if kind == "DEFAULT_5XX":
        assert error["meta"] == {"request_id": "req-1"}


def test_an_unknown_route_is_a_404_not_found():
    assert {"MISSING_AUTHENTICATION_TOKEN", "DEFAULT_4XX", "DEFAULT_5XX"} <= set(edge.gateway_responses())
    status, body, _ = edge.gateway_responses()["MISSING_AUTHENTICATION_TOKEN"].render(403, "r")
    assert (status, json.loads(body)["error"]["code"]) == (404, "NOT_FOUND")
