"""The accounts room's domain objects and the storage interface the use cases need (no I/O here).

`store.py` implements `AccountStore` on DynamoDB, `memory.py` in memory for service tests. Every
operation that decides something under concurrency (counting a login attempt, spending a single-use
token, rotating a session) is one conditional operation of the store, so both twins give the same
answers when two requests race.
"""

from __future__ import annotations

import enum
import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

# Failed logins allowed before a login is blocked from one source; each further attempt doubles the wait.
FREE_ATTEMPTS = 5
FIRST_BLOCK = timedelta(minutes=1)
LONGEST_BLOCK = timedelta(hours=1)
# An attempt counter is forgotten a day after its last attempt (its item's TTL).
ATTEMPTS_MEMORY = timedelta(days=1)


def block_duration(attempts: int) -> timedelta:
    """How long a login stays blocked after its n-th consecutive attempt without success (zero if not)."""
    if attempts < FREE_ATTEMPTS:
        return timedelta(0)
    block: timedelta = FIRST_BLOCK * 2 ** (attempts - FREE_ATTEMPTS)
    return min(block, LONGEST_BLOCK)


@dataclass(frozen=True, slots=True)
class Account:
    user_id: str
    first_name: str
    last_name: str
    email: str | None
    username: str | None
    password_hash: str
    roles: frozenset[str]
    lang: str
    cgu_accepted_at: datetime
    created_at: datetime
    # Raised by a password reset or "end all sessions": an access token or a session issued under an
    # older version is refused at the next request.
    session_version: int = 0
    anonymised_at: datetime | None = None  # the account was deleted: names replaced, logins removed
    # A password someone else chose (a teacher, for a pupil): it opens no session, only its own change.
    password_temporary: bool = False

    @property
    def handles(self) -> list[str]:
        """What the person logs in with: the e-mail and/or the generated username."""
        return [h for h in (self.email, self.username) if h]


class GrantKind(enum.StrEnum):
    """The opaque items of the tokens table."""

    SESSION = "session"  # one per login: its id (`sid`) is in every access token of the session
    REFRESH = "refresh"  # single use, rotated at each refresh; its family is its session
    RESET = "reset"  # a password-reset link
    EMAIL_CHANGE = "email"  # a link confirming a new e-mail address (sent to that address)


@dataclass(frozen=True, slots=True)
class Grant:
    """A stored token: a refresh token, a reset link (keyed by the SHA-256 of the secret the user holds),
    or a session (keyed by its id)."""

    key: str
    kind: GrantKind
    user_id: str
    expires_at: datetime
    session_version: int
    family_id: str | None = None  # the session a refresh token belongs to
    spent_at: datetime | None = None  # a refresh token once traded: kept to recognise its reuse
    email: str | None = None  # the new address an e-mail change link confirms


class Spend(enum.Enum):
    SPENT = "spent"  # this call spent the token
    REUSED = "reused"  # the token had been spent before: someone replays it
    INVALID = "invalid"  # unknown, expired or of another kind


@dataclass(frozen=True, slots=True)
class AttemptCounter:
    attempts: int = 0
    blocked_until: datetime | None = None


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """What a search result shows of an account."""

    user_id: str
    first_name: str
    last_name: str
    email: str | None
    username: str | None


NameOrder = Literal["last", "first"]  # which name a search by name reads first


def login_handle(login: str) -> str:
    """A login as stored: trimmed, lower-cased, in Unicode's composed form (NFC, as sign-up stores an
    address): `bérénice@…` typed with a combining accent (some keyboards send one) is the same login."""
    return unicodedata.normalize("NFC", login.strip()).lower()


def login_digest(handle: str) -> str:
    """How a login attempt counter names its login, without holding it: the SHA-256 of the handle."""
    return hashlib.sha256(handle.encode()).hexdigest()


class AccountStore(Protocol):
    # --- accounts ---
    def create_account(self, account: Account, handle: str) -> bool:
        """Write the account and its login handle together; False when the handle is taken."""

    def account(self, user_id: str) -> Account | None: ...

    def accounts_of(self, user_ids: list[str]) -> dict[str, Account]:
        """The accounts that exist among these ids, by id, in one BatchGetItem per 100 (eventually consistent:
        lists of people, not authentication)."""

    def account_by_login(self, handle: str) -> Account | None:
        """The account behind an e-mail or username; the same work whether it exists or not."""

    def account_and_session(self, user_id: str, session_id: str) -> tuple[Account | None, Grant | None]:
        """Both in one round trip: what each authenticated request checks."""

    def set_password(self, user_id: str, password_hash: str, temporary: bool = False) -> None:
        """Store the new hash and raise the session version (every session and link ends); `temporary`:
        the password must be changed at the next login."""

    def raise_session_version(self, user_id: str) -> None: ...

    def update_profile(self, user_id: str, first_name: str, last_name: str, lang: str) -> None: ...

    def change_email(self, user_id: str, old_email: str | None, new_email: str) -> bool:
        """Move the login handle and the address together, unless the new address is someone's login
        by now or the account's address changed meanwhile (False)."""

    def search_names(self, order: NameOrder, query: str, start: dict[str, Any] | None,
                     limit: int) -> tuple[list[AccountSummary], dict[str, Any] | None]:
        """Accounts whose normalised "last first" (or "first last") name starts with `query` (already
        normalised, at least `search.PREFIX` characters), in that order; and where the next page starts."""

    def remove_login(self, user_id: str, handle: str) -> bool:
        """Remove one of the account's login handles (its e-mail or its username) and the field holding
        it, unless the account would be left without any (False)."""

    def set_roles(self, user_id: str, roles: frozenset[str]) -> None: ...

    def anonymise(self, account: Account, at: datetime) -> None:
        """Replace the names, remove the address, username, password, roles and login handles, and raise
        the session version, in one write (a deleted account; its id stays, without the person)."""

    # --- tokens ---
    def put_grants(self, *grants: Grant) -> None: ...

    def grant(self, key: str) -> Grant | None: ...

    def spend_refresh(self, key: str, now: datetime) -> tuple[Spend, Grant | None]:
        """Mark a refresh token spent, once: a second call for the same token gets REUSED."""

    def rotate(self, session: Grant, refresh: Grant, expires_at: datetime) -> bool:
        """Add the session's next refresh token and extend the session, unless the session ended or its
        version changed meanwhile (False)."""

    def consume(self, key: str) -> bool:
        """Delete a single-use token; False when another request deleted it first."""

    def delete_family(self, user_id: str, family_id: str) -> None:
        """End one session: its item and every refresh token of its family."""

    def delete_grants(self, user_id: str, kind: GrantKind | None = None) -> None:
        """Every session, refresh token and link of the user (or only those of one kind)."""

    # --- throttles ---
    def count_free_attempt(self, key: str, free: int, expires_at: datetime, login: str) -> bool:
        """Add one attempt if fewer than `free` were counted (atomic); False otherwise. `login` is the
        handle's digest (`login_digest`), by which the back office finds the counter."""

    def attempt_counter(self, key: str) -> AttemptCounter: ...

    def take_attempt(self, key: str, seen: int, blocked_until: datetime, expires_at: datetime, login: str) -> bool:
        """Count attempt `seen + 1` and block the next ones until `blocked_until`, if the counter still
        says `seen` (atomic); False when another attempt took this one's place."""

    def login_counters(self, login: str) -> list[AttemptCounter]:
        """Every attempt counter of a login (one per source it was tried from), by its digest."""

    def clear_login(self, login: str) -> None:
        """Delete every attempt counter of a login: it is unblocked from everywhere."""

    def clear_attempts(self, key: str) -> None: ...

    def count_in_window(self, key: str, limit: int, window: timedelta, now: datetime) -> bool:
        """Count one more event in the current window of `key`; False when `limit` is already reached."""


# What an anonymised account shows in place of the person's names (the back office lists it so).
ANONYMISED_NAME = "(anonymisé)"
NO_PASSWORD = "!"  # an anonymised account's hash: no password verifies against it


def session_key(session_id: str) -> str:
    """The key of a session's item in the tokens table (other keys are SHA-256 hex digests)."""
    return f"session#{session_id}"
