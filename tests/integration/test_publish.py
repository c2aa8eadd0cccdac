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


def test_attachments_but_raster_images_are_published_as_downloads(aws, tmp_path):
    for name in ("page.html", "dessin.svg", "flux.xml", "rapport.pdf", "été.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    for name in ("photo.jpg", "carte.png"):
        (tmp_path / name).write_bytes(b"\x00")
    s3 = boto3.client("s3")
    bucket = get_settings().attachments_bucket
    publish.upload_folder(s3, tmp_path, bucket, publish.ATTACHMENTS_CACHE, attachments=True)

    def disposition(key):
        return s3.head_object(Bucket=bucket, Key=key).get("ContentDisposition")

    assert disposition("page.html") == "attachment; filename=\"page.html\"; filename*=UTF-8''page.html"
    assert s3.head_object(Bucket=bucket, Key="page.html")["ContentType"] == "text/html; charset=utf-8"
    for name in ("dessin.svg", "flux.xml", "rapport.pdf"):
        assert disposition(name).startswith("attachment;"), name
    assert disposition("été.csv") == "attachment; filename=\"_t_.csv\"; filename*=UTF-8''%C3%A9t%C3%A9.csv"
    assert disposition("photo.jpg") is None and disposition("carte.png") is None


def test_the_404_page_keeps_its_status_in_metadata(aws, tmp_path):
    (tmp_path / "404.html").write_text("<!doctype html><title>Introuvable</title>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<!doctype html><title>Pix</title>", encoding="utf-8")
    s3 = boto3.client("s3")
    bucket = get_settings().attachments_bucket
    publish.upload_folder(s3, tmp_path, bucket, publish.SITE_CACHE, statuses=publish.SITE_STATUSES)
    assert s3.head_object(Bucket=bucket, Key="404.html")["Metadata"] == {"status": "404"}
    assert s3.head_object(Bucket=bucket, Key="index.html")["Metadata"] == {}
