"""The site's policy lets the browser post uploads to the uploads bucket, and nowhere else."""

import re

from infra import edge


def _directives(csp: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (d.split() for d in csp.split(";") if d.strip())}


def test_the_browser_may_post_to_the_uploads_bucket_only():
    connect = _directives(edge.site_headers()["Content-Security-Policy"])["connect-src"]
    assert connect == ["'self'", edge.UPLOADS_ORIGIN]
    assert re.fullmatch(r"https://\$\{UploadsBucket\}\.s3\.\$\{AWS::Region\}\.amazonaws\.com", connect[1])


def test_the_local_stack_puts_its_moto_there():
    local = _directives(edge.site_headers(uploads_origin="http://127.0.0.1:5005")["Content-Security-Policy"])
    assert local["connect-src"] == ["'self'", "http://127.0.0.1:5005"]
    assert local["script-src"] == ["'self'"]
