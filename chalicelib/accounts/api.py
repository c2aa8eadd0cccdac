"""What other rooms may ask of the accounts room (the only module of it they import)."""

from collections.abc import Iterable
from typing import Any

from chalicelib.accounts import presenters, service, store
from chalicelib.errors import NotFound


def personal_data(user_id: str) -> dict[str, Any]:
    """The person's identity, logins and consent dates, JSON-ready (a GDPR export); never the password
    hash."""
    account = store.current().account(user_id)
    if account is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "Ce compte n'existe pas.")
    return presenters.personal_data(account)


def display_names(user_ids: Iterable[str]) -> dict[str, str]:
    """user id → "First Last" for the accounts that exist (an anonymised one shows as such): what a page
    shows of the operators named in a trail."""
    found = {}
    for user_id in set(user_ids):
        account = store.current().account(user_id)
        if account is not None:
            found[user_id] = f"{account.first_name} {account.last_name}"
    return found


def end_all_sessions(user_id: str) -> None:
    """Sign the person out everywhere (support staff): every token and pending reset link stops working."""
    service.end_all_sessions(user_id)


def anonymise(user_id: str) -> None:
    """Delete the person from their account (the back office, or the person on "Mon compte"): names
    replaced, logins, password and roles removed, sessions ended; the user id stays without anyone behind
    it. Idempotent."""
    service.anonymise(user_id)
