"""Publish what the function does not carry: the built site to the site bucket, the challenges'
attachments to theirs (CloudFront serves both).

    python -m infra.publish --site-bucket NAME --attachments-bucket NAME

Run after `make site content` and the deployment of the stack (the names are its outputs
`SiteBucketName` and `AttachmentsBucketName`). The local stack publishes the attachments the same way.
"""

import argparse
import mimetypes
from pathlib import Path

import boto3

ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = ROOT / "static_site" / "dist"
ATTACHMENTS_DIR = ROOT / "build" / "attachments"

# Pages and scripts keep their names from one release to the next: browsers revalidate them.
SITE_CACHE = "no-cache"
ATTACHMENTS_CACHE = "public, max-age=3600"


def upload_folder(s3, folder: Path, bucket: str, cache_control: str) -> int:
    """Upload every file below `folder` to `bucket` under its relative path, with its content type."""
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    for path in files:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith(("javascript", "json", "svg+xml")):
            content_type += "; charset=utf-8"
        s3.upload_file(
            str(path), bucket, path.relative_to(folder).as_posix(),
            ExtraArgs={"ContentType": content_type, "CacheControl": cache_control},
        )
    return len(files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-bucket", required=True)
    parser.add_argument("--attachments-bucket", required=True)
    args = parser.parse_args()
    for folder in (SITE_DIR, ATTACHMENTS_DIR):
        if not folder.is_dir():
            raise SystemExit(f"{folder.relative_to(ROOT)} is missing: run `make site content` first.")
    s3 = boto3.client("s3")
    site = upload_folder(s3, SITE_DIR, args.site_bucket, SITE_CACHE)
    attachments = upload_folder(s3, ATTACHMENTS_DIR, args.attachments_bucket, ATTACHMENTS_CACHE)
    print(f"Published {site} site files to {args.site_bucket}, {attachments} attachments to {args.attachments_bucket}.")


if __name__ == "__main__":
    main()
