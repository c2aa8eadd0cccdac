"""What the accounts API shows of an account, apart from the use cases."""

from typing import Any

from chalicelib.accounts.domain import Account
from chalicelib.accounts.schemas import Me, Session


def me(account: Account) -> Me:
    return Me(
        id=account.user_id,
        first_name=account.first_name,
        last_name=account.last_name,
        email=account.email,
        username=account.username,
        roles=sorted(account.roles),
        lang=account.lang,
        cgu_accepted_at=account.cgu_accepted_at.isoformat(),
    )


def session(account: Account, access_token: str, lifetime: int, refresh_token: str) -> Session:
    return Session(access_token=access_token, expires_in=lifetime, refresh_token=refresh_token, user=me(account))


def personal_data(account: Account) -> dict[str, Any]:
    """Everything the accounts room holds about a person, JSON-ready (the right of access): identity,
    what they log in with, when they accepted the terms. Never the password hash, which is not theirs
    to read and would only help someone who stole the export. Flat: the export (jobs room) reads
    `first_name`, `email`… at the top level."""
    return {
        "id": account.user_id,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "username": account.username,
        "logins": account.handles,
        "lang": account.lang,
        "roles": sorted(account.roles),
        "created_at": account.created_at.isoformat(),
        "cgu_accepted_at": account.cgu_accepted_at.isoformat(),
    }
