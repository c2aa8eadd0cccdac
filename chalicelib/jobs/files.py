"""The jobs room's S3 side: upload forms (presigned POST), reading a job's source object, writing its
result to the exports bucket and handing out a short-lived link to it (presigned GET).

No endpoint is set: boto reads AWS_ENDPOINT_URL, so locally every URL points at moto's server.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import IO, Any
from urllib.parse import quote

import boto3
from botocore.config import Config

from chalicelib.settings import get_settings

UPLOAD_FORM_SECONDS = 600  # the form can be sent for 10 minutes
DOWNLOAD_LINK_SECONDS = 300  # a result link works for 5 minutes; the page asks for a fresh one


@cache
def _s3() -> Any:
    # SigV4 everywhere: newer regions (eu-west-3) accept nothing else. Virtual-host addressing gives links
    # on the bucket's regional host (the global host redirects a new bucket's requests, which breaks a
    # cross-origin POST); on moto's IP endpoint boto falls back to path style by itself.
    config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
    return boto3.client("s3", region_name=get_settings().region, config=config)


@dataclass(frozen=True, slots=True)
class UploadForm:
    """What the browser posts as multipart/form-data to `url`: `fields` first, then the file as `file`."""

    url: str
    fields: dict[str, str]
    max_bytes: int


def upload_form(key: str, content_type: str, max_bytes: int) -> UploadForm:
    """A presigned POST for exactly `key`: S3 refuses another key, another type, an empty file or one
    larger than `max_bytes`, and the form expires after UPLOAD_FORM_SECONDS."""
    post = _s3().generate_presigned_post(
        Bucket=get_settings().uploads_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
        ExpiresIn=UPLOAD_FORM_SECONDS,
    )
    return UploadForm(url=post["url"], fields=post["fields"], max_bytes=max_bytes)


def put_source(key: str, body: bytes, content_type: str) -> None:
    """The server's own request object (e.g. a data export), written where uploads land."""
    _s3().put_object(Bucket=get_settings().uploads_bucket, Key=key, Body=body, ContentType=content_type)


def read_source(key: str) -> bytes:
    """The source object (its size was checked against the kind's limit before it is read)."""
    body: bytes = _s3().get_object(Bucket=get_settings().uploads_bucket, Key=key)["Body"].read()
    return body


def put_result(key: str, body: bytes, content_type: str) -> None:
    _s3().put_object(Bucket=get_settings().exports_bucket, Key=key, Body=body, ContentType=content_type)


def put_result_file(key: str, body: IO[bytes], content_type: str) -> None:
    """A large result from a (temporary) file, in parts: its size never sits in memory."""
    _s3().upload_fileobj(body, get_settings().exports_bucket, key, ExtraArgs={"ContentType": content_type})


def download_link(key: str, file_name: str) -> str:
    """A link to the result, saved under `file_name` (never a personal name), valid a few minutes."""
    link: str = _s3().generate_presigned_url(
        "get_object",
        Params={
            "Bucket": get_settings().exports_bucket,
            "Key": key,
            "ResponseContentDisposition": f"attachment; filename*=UTF-8''{quote(file_name)}",
        },
        ExpiresIn=DOWNLOAD_LINK_SECONDS,
    )
    return link


def delete_objects(source_key: str, result_key: str | None) -> None:
    """A job's source (uploads bucket) and result (exports bucket), if any: deleting an absent key is fine."""
    settings = get_settings()
    _s3().delete_object(Bucket=settings.uploads_bucket, Key=source_key)
    if result_key:
        _s3().delete_object(Bucket=settings.exports_bucket, Key=result_key)
