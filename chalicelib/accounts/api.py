"""What other rooms may ask of the accounts room (the only module of it they import)."""

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from chalicelib.accounts import domain, passwords, presenters, schemas, service, store, support
from chalicelib.errors import NotFound


def personal_data(user_id: str) -> dict[str, Any]:
    """The person's identity, logins and consent dates, JSON-ready (a GDPR export); never the password
    hash."""
    account = store.current().account(user_id)
    if account is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "Ce compte n'existe pas.")
    return presenters.personal_data(account)


def people(user_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """user id → `personal_data` for the accounts that exist, read together (one BatchGetItem per 100):
    lists of people (an organisation's members) without one read each."""
    found = store.current().accounts_of(list(user_ids))
    return {user_id: presenters.personal_data(account) for user_id, account in found.items()}


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


# --- the back office's support tools (the admin room checks roles and records each action) ---------------

Account = domain.Account
AccountSummary = domain.AccountSummary
LoginState = support.LoginState
Changes = support.Changes
ANONYMISED_NAME = domain.ANONYMISED_NAME


def account(user_id: str) -> domain.Account:
    """The account (NotFound `ACCOUNT_NOT_FOUND`)."""
    return support.account(user_id)


def account_by_login(login: str) -> domain.Account | None:
    """The account an e-mail or username logs into."""
    return support.account_by_login(login)


def search_accounts(query: str, start: dict[str, Any] | None,
                    limit: int) -> tuple[list[domain.AccountSummary], dict[str, Any] | None]:
    """By e-mail or username (exactly) or by name (prefix): a page, and where the next one starts."""
    return support.search_accounts(query, start, limit)


def logins(user_id: str) -> list[support.LoginState]:
    return support.logins(user_id)


def unblock(user_id: str) -> support.Changes:
    return support.unblock(user_id)


def change_identity(user_id: str, first_name: str, last_name: str) -> support.Changes:
    return support.change_identity(user_id, first_name, last_name)


def change_email(user_id: str, email: str) -> support.Changes:
    return support.change_email(user_id, email)


def send_password_reset(user_id: str) -> None:
    support.send_password_reset(user_id)


def remove_login(user_id: str, kind: Literal["email", "username"]) -> support.Changes:
    return support.remove_login(user_id, kind)


def set_roles(user_id: str, roles: frozenset[str]) -> support.Changes:
    return support.set_roles(user_id, roles)


# --- pupils' accounts, created by their school (Orga's learner lists) -----------------------------------


def create_pupil_account(first_name: str, last_name: str, birth_date: date) -> tuple[domain.Account, str]:
    """A new account with a generated username (`prenom.nom` + DDMM) and a temporary password, returned
    once to be handed out: it opens no session until the pupil has chosen their own."""
    password = passwords.temporary_password()
    return service.create_pupil_account(first_name, last_name, birth_date, password), password


def reset_pupil_password(user_id: str) -> tuple[domain.Account, str]:
    """A new temporary password for the account (every session ends); returned once to be handed out."""
    password = passwords.temporary_password()
    return service.set_temporary_password(user_id, password), password


def printable_name(value: str | None) -> str | None:
    """The accounts room's rule for a name (no control or invisible character), as a pydantic validator."""
    return schemas._printable(value)
