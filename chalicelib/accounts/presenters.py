"""What the accounts API shows of an account, apart from the use cases."""

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


def personal_data(account: Account) -> dict:
    """Everything the accounts room holds about a person, JSON-ready (the right of access): never the
    password hash, which is not theirs to read and would only help someone who stole the export."""
    return {
        "identity": {
            "id": account.user_id,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": account.email,
            "username": account.username,
            "lang": account.lang,
            "roles": sorted(account.roles),
            "created_at": account.created_at.isoformat(),
        },
        "logins": account.handles,
        "consents": {"cgu_accepted_at": account.cgu_accepted_at.isoformat()},
    }
