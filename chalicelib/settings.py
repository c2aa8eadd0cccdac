"""Configuration read from the environment, in one place.

Every name (tables, buckets, secrets) comes from here so the same code runs on moto's server
locally and in AWS: only the environment changes (`.chalice/config.json` holds it per stage).
"""

import hashlib
import hmac
import os
from dataclasses import dataclass, field
from functools import cache

# How long a container keeps the signing key read from Secrets Manager before reading it again.
SECRET_MAX_AGE_SECONDS = 15 * 60


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
    jwt_secret_value: str = field(repr=False)  # JWT_SECRET: local stack and tests
    jwt_secret_name: str  # JWT_SECRET_NAME: the Secrets Manager secret holding the key in AWS
    access_token_minutes: int
    refresh_token_days: int
    max_body_bytes: int
    max_reachable_level: int
    certificates_bucket: str = ""  # CERTIFICATES_BUCKET: the certificates' PDF attestations (certif room)
    certificate_keys_secret_name: str = ""  # CERTIFICATE_KEYS_SECRET_NAME: chalicelib/certif/keys.py

    def table(self, name: str) -> str:
        """The physical name of one of our tables."""
        return f"{self.table_prefix}-{name}"

    @property
    def jwt_secret(self) -> str:
        """The key that signs access tokens (and, derived, pagination cursors). In AWS it is read from
        Secrets Manager on first use (a cold start) and cached by Powertools, never kept in the
        function's configuration, where anyone allowed to read the function would see it."""
        if not self.jwt_secret_name:
            return self.jwt_secret_value
        from aws_lambda_powertools.utilities import parameters

        return parameters.get_secret(self.jwt_secret_name, max_age=SECRET_MAX_AGE_SECONDS)


@cache
def get_settings() -> Settings:
    if not (os.environ.get("JWT_SECRET") or os.environ.get("JWT_SECRET_NAME")):
        raise RuntimeError("the environment variable JWT_SECRET_NAME (or JWT_SECRET, locally) is required")
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
        jwt_secret_value=os.environ.get("JWT_SECRET", ""),
        jwt_secret_name=os.environ.get("JWT_SECRET_NAME", ""),
        access_token_minutes=int(os.environ.get("ACCESS_TOKEN_MINUTES", "15")),
        refresh_token_days=int(os.environ.get("REFRESH_TOKEN_DAYS", "30")),
        max_body_bytes=int(os.environ.get("MAX_BODY_BYTES", "65536")),
        max_reachable_level=int(os.environ.get("MAX_REACHABLE_LEVEL", "7")),
        certificates_bucket=os.environ.get("CERTIFICATES_BUCKET", f"{prefix}-certificates"),
        certificate_keys_secret_name=os.environ.get("CERTIFICATE_KEYS_SECRET_NAME", ""),
    )


def derived_key(label: str) -> bytes:
    """A key for one use (signing page cursors, drawing the order of proposals), derived from the signing
    secret with a label of its own: one secret to keep, and nothing computed with one key can pass for
    another's. Computed once per secret: a rotated secret gives new keys."""
    return _derive(get_settings().jwt_secret, label)


@cache
def _derive(secret: str, label: str) -> bytes:
    return hmac.new(secret.encode(), label.encode(), hashlib.sha256).digest()
