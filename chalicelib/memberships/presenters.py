"""Members and invitations as the routes show them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.accounts import api as accounts
from chalicelib.errors import NotFound
from chalicelib.memberships import schemas
from chalicelib.memberships.domain import Invitation, Membership

_NOBODY: dict[str, Any] = {"first_name": "", "last_name": "", "email": None}


def members(found: list[Membership]) -> list[schemas.Member]:
    """A page of members, in its order, their names read together (one BatchGetItem, not one read each)."""
    people = accounts.people(m.user_id for m in found)
    return [_member(m, people.get(m.user_id, _NOBODY)) for m in found]


def member(membership: Membership) -> schemas.Member:
    try:
        person = accounts.personal_data(membership.user_id)
    except NotFound:
        person = _NOBODY
    return _member(membership, person)


def _member(membership: Membership, person: dict[str, Any]) -> schemas.Member:
    return schemas.Member(user_id=membership.user_id, first_name=person["first_name"],
                          last_name=person["last_name"], email=person["email"], role=membership.role,
                          joined_at=membership.joined_at)


def invitation(item: Invitation, now: datetime) -> schemas.InvitationOut:
    return schemas.InvitationOut(id=item.id, email=item.email, role=item.role, sent_at=item.sent_at,
                                 expires_at=item.expires_at, expired=now >= item.expires_at)


def mask(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"
