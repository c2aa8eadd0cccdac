"""The audit trail's rules (no I/O): what an entry holds, and what it must not hold.

Every operator action that changes data is one entry on the changed object's trail: who (the operator's
user id), when, what (an action code), on which object (type and id), and the before/after of each field
changed. The trail is append-only: nothing updates or deletes an entry.

Personal data. An object's trail outlives the person: a user's trail stays after their anonymisation,
and nothing may be removed from it. So an entry never stores a person's identity in clear: the operator
is named by their user id (the page reads their name at display time, from the accounts room), and the
values of identity fields (`PERSONAL_FIELDS`: names, e-mail, username…) are stored masked (`C•••`,
`c•••@example.org`): enough for support to see what changed, not enough to find the person once the
account is anonymised. Other fields (roles, states, dates, ids) are stored as given.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

# Fields whose values identify a person: stored masked, whatever the object type.
PERSONAL_FIELDS = frozenset({
    "first_name", "last_name", "name", "email", "username", "birth_date", "birthdate", "national_id",
    "ine", "student_number", "phone", "address", "comment_about_person",
})
MASK = "•••"
MAX_VALUE_CHARS = 500  # a longer value is cut: the trail says what changed, it is not a copy of the data


def mask(value: Any) -> str | None:
    """A person's value, shown without identifying them: the first character, and an e-mail's domain."""
    if value is None:
        return None
    text = str(value)
    if not text:
        return ""
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}{MASK}@{domain}"
    return f"{text[:1]}{MASK}"


def _plain(value: Any) -> Any:
    """A JSON-ready value (sets sorted, dates in ISO 8601, long texts cut)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        return value[:MAX_VALUE_CHARS] + "…"
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)[:MAX_VALUE_CHARS]


def recorded_changes(changes: Mapping[str, tuple[Any, Any]] | None) -> dict[str, list[Any]]:
    """field → [before, after] as stored: personal fields masked, values JSON-ready."""
    kept: dict[str, list[Any]] = {}
    for name, (before, after) in (changes or {}).items():
        if name in PERSONAL_FIELDS:
            kept[name] = [mask(before), mask(after)]
        else:
            kept[name] = [_plain(before), _plain(after)]
    return kept


def object_key(object_type: str, object_id: str) -> str:
    return f"{object_type}#{object_id}"


@dataclass(frozen=True, slots=True)
class Entry:
    object_type: str
    object_id: str
    entry_id: str  # `<ISO 8601 time>#<random>`: sorts by time, unique even for two actions at once
    at: datetime
    actor_id: str
    action: str
    changes: dict[str, list[Any]]  # field → [before, after], as `recorded_changes` gave them

    def changes_json(self) -> str:
        return json.dumps(self.changes, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True, slots=True)
class EntryPage:
    entries: list[Entry]
    last_key: dict[str, Any] | None  # where the next page starts (None: the trail is finished)


class TrailStore(Protocol):
    def append(self, entry: Entry) -> None:
        """Write a new entry; never replaces one (a write to an existing key fails)."""

    def page(self, object_type: str, object_id: str, start: dict[str, Any] | None, limit: int) -> EntryPage:
        """An object's entries, newest first."""


# Every action an entry may name, each shown by its label `trail_action_<code, "-" as "_">` of the admin
# catalogs (fr and en: tests/unit/test_trail_actions.py). A room that records a new action adds it here.
ACTIONS = frozenset({
    # accounts (the user page)
    "identity-changed", "email-changed", "login-unblocked", "sessions-ended", "password-reset-sent",
    "login-removed", "user-anonymised",
    # the operators' team
    "member-added", "member-role-changed", "member-disabled",
    # target profiles
    "target-profile-created", "target-profile-edited", "target-profile-copied", "target-profile-outdated",
    "target-profile-stages-set", "target-profile-badges-set", "target-profile-publication-set",
    "target-profile-attached", "target-profile-detached",
    # organisations and campaigns
    "organization-created", "organization-updated", "organization-archived", "organization-admin-invited",
    "organization-members-invited", "organization-credits-purchased", "campaign-code-changed",
    "campaign-code-swapped",
    # certification centres
    "centre-created", "centre-edited", "centre-archived", "centre-admin-invited",
    # the certification jury: sessions, then certifications
    "certification-session-assigned", "certification-session-published", "certification-session-unpublished",
    "certification-session-unfinalised", "certification-challenge-neutralised", "certification-challenge-restored",
    "certification-rejected", "certification-cancelled", "certification-scored", "certification-commented",
    "certification-report-decided", "certification-identity-corrected",
})

# Who reads the trail of each type of object (a super admin reads every one). A room whose objects get a
# trail adds its type here: a type not listed has no readable trail.
READERS: dict[str, tuple[str, ...]] = {
    "user": ("SUPPORT",),
    "admin-member": (),
    "organization": ("SUPPORT", "METIER"),
    "campaign": ("SUPPORT", "METIER"),  # METIER changes and swaps campaign codes
    "centre": ("SUPPORT", "CERTIF"),
    "target-profile": ("METIER",),
    "session": ("CERTIF",),
    "certification": ("CERTIF",),
}
