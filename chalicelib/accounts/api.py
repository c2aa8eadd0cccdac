"""What other rooms may use of the accounts room.

Minimal version written on the `jobs` branch for the data export; the accounts branch owns this module.
"""

from typing import Any

from chalicelib.accounts import service


def personal_data(user_id: str) -> dict[str, Any]:
    """Everything the account holds about a person, as they may download it (GDPR access). The password
    is stored only as a one-way hash, which is not personal information one can read: it is left out."""
    user = service.get_user(user_id)
    return {
        "id": user.user_id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "username": user.username,
        "lang": user.lang,
        "roles": sorted(user.roles or ()),
        "created_at": user.created_at.isoformat(),
        "cgu_accepted_at": user.cgu_accepted_at.isoformat(),
    }
