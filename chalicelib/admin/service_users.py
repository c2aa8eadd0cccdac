"""Support tools on a person's account: find, look at, correct, unblock, sign out, reset, anonymise.

The accounts room does the work (`accounts.api`); this module records each action on the user's trail.
A user's page also shows what other rooms know of the person (their organisations, participations,
certifications…): a room joins by defining `user_sections(user_id) -> list[dict]` in its `api.py`
(see `sections`).
"""

from __future__ import annotations

from typing import Any, Literal

from chalicelib import rooms
from chalicelib.accounts import api as accounts
from chalicelib.admin import service_trail
from chalicelib.observability import logger

OBJECT = "user"

# The sections of a user's page, in order; a room's `user_sections` fills those it knows (by key) or
# adds its own. Each is {"key", "title", "items": [{"label", "detail"?, "href"?}]}.
SECTIONS = (
    ("memberships", "Organisations et centres"),
    ("participations", "Participations aux campagnes"),
    ("certifications", "Certifications"),
)


def search(query: str, start: dict[str, Any] | None,
           limit: int) -> tuple[list[accounts.AccountSummary], dict[str, Any] | None]:
    return accounts.search_accounts(query, start, limit)


def sections(user_id: str) -> list[dict[str, Any]]:
    """The page's sections: those every user page has, filled by the rooms that know the person."""
    found: dict[str, dict[str, Any]] = {key: {"key": key, "title": title, "items": []} for key, title in SECTIONS}
    for room, hook in rooms.person_hooks("user_sections"):
        for section in hook(user_id):
            key = str(section["key"])
            if key in found:
                found[key]["items"].extend(section.get("items", []))
            else:
                found[key] = {"key": key, "title": section.get("title", key), "items": list(section.get("items", []))}
        logger.debug("user sections read", room=room)
    return list(found.values())


def change_identity(actor_id: str, user_id: str, first_name: str, last_name: str) -> None:
    changes = accounts.change_identity(user_id, first_name, last_name)
    if changes:
        service_trail.record_action(actor_id, "identity-changed", OBJECT, user_id, changes)


def change_email(actor_id: str, user_id: str, email: str) -> None:
    service_trail.record_action(actor_id, "email-changed", OBJECT, user_id, accounts.change_email(user_id, email))


def unblock(actor_id: str, user_id: str) -> None:
    service_trail.record_action(actor_id, "login-unblocked", OBJECT, user_id, accounts.unblock(user_id))


def end_sessions(actor_id: str, user_id: str) -> None:
    accounts.end_all_sessions(user_id)
    service_trail.record_action(actor_id, "sessions-ended", OBJECT, user_id)


def send_password_reset(actor_id: str, user_id: str) -> None:
    accounts.send_password_reset(user_id)
    service_trail.record_action(actor_id, "password-reset-sent", OBJECT, user_id)


def remove_login(actor_id: str, user_id: str, kind: Literal["email", "username"]) -> None:
    service_trail.record_action(actor_id, "login-removed", OBJECT, user_id, accounts.remove_login(user_id, kind))


def anonymise(actor_id: str, user_id: str) -> list[str]:
    """Remove the person everywhere (every room's `anonymise` hook, the account last); idempotent.
    Returns the rooms that took part."""
    before = accounts.account(user_id)
    called = rooms.anonymise_person(user_id)
    if before.anonymised_at is None:
        service_trail.record_action(actor_id, "user-anonymised", OBJECT, user_id, {
            "first_name": (before.first_name, accounts.ANONYMISED_NAME),
            "last_name": (before.last_name, accounts.ANONYMISED_NAME),
            "email": (before.email, None),
            "username": (before.username, None),
            "rooms": (None, called),
        })
    return called
