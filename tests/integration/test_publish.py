"""Publishing the site and the attachments to their buckets (moto), as deployment and `make run` do."""

import boto3

from chalicelib.settings import get_settings
from infra import publish


def test_a_folder_is_published_with_paths_types_and_cache(aws, tmp_path):
    (tmp_path / "profil").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Pix</title>", encoding="utf-8")
    (tmp_path / "profil" / "index.html").write_text("<!doctype html><title>Profil</title>", encoding="utf-8")
    (tmp_path / "notes.xlsx").write_bytes(b"PK\x03\x04")
    s3 = boto3.client("s3")
    bucket = get_settings().attachments_bucket

    assert publish.upload_folder(s3, tmp_path, bucket, "no-cache") == 3

    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"])
    assert keys == ["index.html", "notes.xlsx", "profil/index.html"]
    page = s3.get_object(Bucket=bucket, Key="profil/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "no-cache"
    sheet = s3.head_object(Bucket=bucket, Key="notes.xlsx")
    assert sheet["ContentType"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_local_stack_publishes_every_generated_attachment(aws):
    from chalicelib.content.release import get_release
    from local import resources

    expected = set(get_release().attachments)
    assert resources.upload_attachments() >= len(expected)
    s3 = boto3.client("s3")
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=get_settings().attachments_bucket)
    published = {o["Key"] for page in pages for o in page.get("Contents", [])}
    assert expected <= published
