"""Publish what the function does not carry: the built site to the site bucket, the challenges'
attachments to theirs (CloudFront serves both).

    python -m infra.publish --site-bucket NAME --attachments-bucket NAME

Run after `make site content` and the deployment of the stack (the names are its outputs
`SiteBucketName` and `AttachmentsBucketName`). The local stack publishes the attachments the same way.
"""

import argparse
import mimetypes
import urllib.parse
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "static_site" / "dist"
ATTACHMENTS_DIR = ROOT / "build" / "attachments"

# Pages and scripts keep their names from one release to the next: browsers revalidate them.
SITE_CACHE = "no-cache"
ATTACHMENTS_CACHE = "public, max-age=3600"

# The status a page is served with when it is not 200: S3 serves every object with 200, CloudFront's
# SiteStatusFunction (infra/resources.yaml) answers with the `status` metadata instead.
SITE_STATUSES = {"404.html": "404"}

# Attachments shown in the page (an illustration's <img>): raster images only. Every other attachment
# (HTML, SVG, XML, PDF, office files…) is a download, so that nothing an author wrote renders, let alone
# runs, on the app's origin (the /fichiers/ headers policy sandboxes it besides).
INLINE_ATTACHMENT_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})


def content_type(path: Path) -> str:
    found = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if found.startswith("text/") or found.endswith(("javascript", "json", "svg+xml", "xml")):
        found += "; charset=utf-8"
    return found


def as_download(name: str) -> str:
    """Content-Disposition of a download named `name` (RFC 6266; the UTF-8 name for non-ASCII)."""
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(name)}"


def upload_folder(s3, folder: Path, bucket: str, cache_control: str, *, attachments: bool = False,
                  statuses: dict[str, str] | None = None) -> int:
    """Upload every file below `folder` to `bucket` under its relative path, with its content type;
    `attachments`: every one but raster images as a download; `statuses`: a status kept in metadata."""
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    for path in files:
        key = path.relative_to(folder).as_posix()
        extra = {"ContentType": content_type(path), "CacheControl": cache_control}
        if attachments and extra["ContentType"].split(";")[0] not in INLINE_ATTACHMENT_TYPES:
            extra["ContentDisposition"] = as_download(path.name)
        if statuses and key in statuses:
            extra["Metadata"] = {"status": statuses[key]}
        s3.upload_file(str(path), bucket, key, ExtraArgs=extra)
    return len(files)


def publish_attachments(s3, bucket: str) -> int:
    return upload_folder(s3, ATTACHMENTS_DIR, bucket, ATTACHMENTS_CACHE, attachments=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-bucket", required=True)
    parser.add_argument("--attachments-bucket", required=True)
    args = parser.parse_args()
    for folder in (SITE_DIR, ATTACHMENTS_DIR):
        if not folder.is_dir():
            raise SystemExit(f"{folder.relative_to(ROOT)} is missing: run `make site content` first.")
    s3 = boto3.client("s3")
    site = upload_folder(s3, SITE_DIR, args.site_bucket, SITE_CACHE, statuses=SITE_STATUSES)
    attachments = publish_attachments(s3, args.attachments_bucket)
    print(f"Published {site} site files to {args.site_bucket}, {attachments} attachments to {args.attachments_bucket}.")


if __name__ == "__main__":
    main()
