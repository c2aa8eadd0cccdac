"""The current time, in one place, so tests can move it (blocked logins, retry and reset delays)."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
