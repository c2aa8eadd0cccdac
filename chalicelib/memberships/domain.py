"""Members and invitations, pure: roles, invitation codes, expiry, the rules of who may do what."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Role = Literal["ADMIN", "MEMBER"]
ROLES: tuple[Role, ...] = ("ADMIN", "MEMBER")
InvitationStatus = Literal["PENDING", "ACCEPTED", "CANCELLED"]

INVITATION_LIFETIME = timedelta(days=7)
# Accepted and cancelled invitations, and pending ones long expired, are forgotten after this (TTL).
INVITATION_MEMORY = timedelta(days=90)
# Upper-case letters and digits without the look-alikes (0/O, 1/I/L): read aloud or typed, it survives.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
MAX_EMAILS = 50


@dataclass(frozen=True, slots=True)
class Resource:
    """What the owning room says of one of its resources: enough to name it and to refuse invitations."""

    name: str
    archived: bool


@dataclass(frozen=True, slots=True)
class Membership:
    scope: str
    resource_id: str
    user_id: str
    role: Role
    joined_at: datetime


@dataclass(frozen=True, slots=True)
class Tally:
    """How many members and admins a resource has (kept with each change, so that the last admin
    cannot go, even when two admins act at once)."""

    members: int = 0
    admins: int = 0


@dataclass(frozen=True, slots=True)
class Invitation:
    id: str
    scope: str
    resource_id: str
    email: str
    role: Role
    status: InvitationStatus
    invited_by: str
    lang: str
    created_at: datetime
    sent_at: datetime
    expires_at: datetime

    def usable(self, now: datetime) -> bool:
        return self.status == "PENDING" and now < self.expires_at


def new_code() -> str:
    """A random, single-use invitation code (about 50 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    """What is stored of a code: its SHA-256 (the code itself is only in the e-mail)."""
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def new_invitation_id() -> str:
    return secrets.token_urlsafe(12)


def normalise_emails(emails: list[str]) -> list[str]:
    """The list an admin typed: trimmed, lower-cased, each address once, in the order given."""
    seen: dict[str, None] = {}
    for email in emails:
        cleaned = email.strip().lower()
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)
