"""The Certif room's S3 side: the certificates bucket (signed PDF attestations of certificates, sessions and
classes), written by the certificates job and read only through short-lived presigned links.

Keys hold no personal data: `certificates/<code>.pdf`, `sessions/<session_id>/attestations.pdf`,
`sessions/<session_id>/classes/<n>.pdf` (n: the class's rank in the session, names stay in the item).
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

import boto3
from botocore.config import Config

from chalicelib.settings import get_settings

DOWNLOAD_LINK_SECONDS = 300  # a link works for 5 minutes; the page asks for a fresh one at each click


@cache
def _s3() -> Any:
    config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
    return boto3.client("s3", region_name=get_settings().region, config=config)


def certificate_key(code: str) -> str:
    return f"certificates/{code}.pdf"


def session_key(session_id: str) -> str:
    return f"sessions/{session_id}/attestations.pdf"


def class_key(session_id: str, rank: int) -> str:
    return f"sessions/{session_id}/classes/{rank}.pdf"


def put_pdf(key: str, body: bytes) -> None:
    _s3().put_object(Bucket=get_settings().certificates_bucket, Key=key, Body=body,
                     ContentType="application/pdf")


def read(key: str) -> bytes:
    body: bytes = _s3().get_object(Bucket=get_settings().certificates_bucket, Key=key)["Body"].read()
    return body


def download_link(key: str, file_name: str) -> str:
    link: str = _s3().generate_presigned_url(
        "get_object",
        Params={"Bucket": get_settings().certificates_bucket, "Key": key,
                "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(file_name)}"},
        ExpiresIn=DOWNLOAD_LINK_SECONDS,
    )
    return link
