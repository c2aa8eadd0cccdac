"""Configuration read from the environment, in one place.

Every name (tables, buckets, secrets) comes from here so the same code runs on moto's server
locally and in AWS: only the environment changes (`.chalice/config.json` holds it per stage).
"""

import os
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True, slots=True)
class Settings:
    stage: str
    table_prefix: str
    region: str
    attachments_bucket: str
    uploads_bucket: str
    exports_bucket: str
    mail_sender: str
    site_url: str
    jwt_secret: str
    access_token_minutes: int
    refresh_token_days: int
    max_body_bytes: int
    max_reachable_level: int

    def table(self, name: str) -> str:
        """The physical name of one of our tables."""
        return f"{self.table_prefix}-{name}"


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise RuntimeError(f"the environment variable {name} is required")
    return value


@cache
def get_settings() -> Settings:
    stage = os.environ.get("STAGE", "local")
    prefix = os.environ.get("TABLE_PREFIX", f"pix-{stage}")
    return Settings(
        stage=stage,
        table_prefix=prefix,
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "eu-west-3",
        attachments_bucket=os.environ.get("ATTACHMENTS_BUCKET", f"{prefix}-attachments"),
        uploads_bucket=os.environ.get("UPLOADS_BUCKET", f"{prefix}-uploads"),
        exports_bucket=os.environ.get("EXPORTS_BUCKET", f"{prefix}-exports"),
        mail_sender=os.environ.get("MAIL_SENDER", "ne-pas-repondre@pix.example.org"),
        site_url=os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/"),
        jwt_secret=_required("JWT_SECRET"),
        access_token_minutes=int(os.environ.get("ACCESS_TOKEN_MINUTES", "15")),
        refresh_token_days=int(os.environ.get("REFRESH_TOKEN_DAYS", "30")),
        max_body_bytes=int(os.environ.get("MAX_BODY_BYTES", "65536")),
        max_reachable_level=int(os.environ.get("MAX_REACHABLE_LEVEL", "7")),
    )
