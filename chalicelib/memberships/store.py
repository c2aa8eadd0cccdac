"""The memberships room's storage: the only module importing its model; it returns domain objects.

Every change that must hold under concurrency is one conditional write or one transaction: a code is
spent once, a person joins once, the last admin stays.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from pynamodb.exceptions import PynamoDBException
from pynamodb.expressions.update import Action

from chalicelib import db
from chalicelib.memberships.domain import (
    INVITATION_MEMORY,
    Invitation,
    InvitationStatus,
    Membership,
    Role,
    Tally,
)
from chalicelib.memberships.models import MembershipItem as Item

TALLY = "TALLY"


def partition(scope: str, resource_id: str) -> str:
    return f"{scope}#{resource_id}"


def _member_sk(user_id: str) -> str:
    return f"MEMBER#{user_id}"


def _invitation_sk(invitation_id: str) -> str:
    return f"INVITATION#{invitation_id}"


def _membership(item: Item) -> Membership:
    assert item.user_id is not None and item.joined_at is not None
    return Membership(item.scope, item.resource_id, item.user_id, cast(Role, item.role), item.joined_at)


def _invitation(item: Item) -> Invitation:
    assert item.email and item.created_at and item.sent_at and item.invitation_expires_at
    return Invitation(
        id=item.sk.removeprefix("INVITATION#"),
        scope=item.scope,
        resource_id=item.resource_id,
        email=item.email,
        role=cast(Role, item.role),
        status=cast(InvitationStatus, item.status),
        invited_by=item.invited_by or "",
        lang=item.lang or "fr",
        created_at=item.created_at,
        sent_at=item.sent_at,
        expires_at=item.invitation_expires_at,
    )


def _get(pk: str, sk: str) -> Item | None:
    try:
        return Item.get(pk, sk, consistent_read=True)
    except Item.DoesNotExist:
        return None


# --- members --------------------------------------------------------------------------------------------


def membership(scope: str, resource_id: str, user_id: str) -> Membership | None:
    item = _get(partition(scope, resource_id), _member_sk(user_id))
    return _membership(item) if item else None


def members(scope: str, resource_id: str, limit: int,
            start: dict[str, Any] | None = None) -> tuple[list[Membership], dict[str, Any] | None]:
    """A page of the resource's members (in the order of their ids) and the key to continue from."""
    query = Item.query(partition(scope, resource_id), Item.sk.startswith("MEMBER#"), limit=limit,
                       last_evaluated_key=start, consistent_read=True)
    found = [_membership(item) for item in query]
    return found, query.last_evaluated_key


def all_members(scope: str, resource_id: str) -> list[Membership]:
    return [_membership(i) for i in Item.query(partition(scope, resource_id), Item.sk.startswith("MEMBER#"))]


def tally(scope: str, resource_id: str) -> Tally:
    item = _get(partition(scope, resource_id), TALLY)
    if item is None:
        return Tally()
    return Tally(int(item.members or 0), int(item.admins or 0))


def memberships_of(user_id: str, scope: str | None = None) -> list[Membership]:
    """The person's memberships (of one scope, or all), from the index: eventually consistent."""
    condition = Item.resource_key.startswith(f"{scope}#") if scope else None
    return [_membership(item) for item in Item.by_user.query(user_id, condition)]


def _tally_update(tx: Any, pk: str, scope: str, resource_id: str, *, members: int, admins: int,
                  condition: Any = None) -> None:
    tally = Item(pk, TALLY)
    actions: list[Action] = [Item.scope.set(scope), Item.resource_id.set(resource_id)]
    if members:
        actions.append(Item.members.add(members))
    if admins:
        actions.append(Item.admins.add(admins))
    tx.update(tally, actions=actions, condition=condition)


def _membership_item(m: Membership) -> Item:
    return Item(partition(m.scope, m.resource_id), _member_sk(m.user_id), scope=m.scope,
                resource_id=m.resource_id, user_id=m.user_id, resource_key=partition(m.scope, m.resource_id),
                role=m.role, joined_at=m.joined_at)


def _no_member_yet() -> Any:
    return Item.members.does_not_exist() | (Item.members == 0)


def add_member(m: Membership, *, only_if_first: bool = False) -> bool:
    """Put the membership and count it; False when the person is already a member (or, with
    `only_if_first`, when someone joined first)."""
    pk = partition(m.scope, m.resource_id)
    try:
        with db.transaction() as tx:
            tx.save(_membership_item(m), condition=Item.sk.does_not_exist())
            _tally_update(tx, pk, m.scope, m.resource_id, members=1, admins=int(m.role == "ADMIN"),
                          condition=_no_member_yet() if only_if_first else None)
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def accept(invitation: Invitation, hashed_code: str, m: Membership | None, *, only_if_first: bool,
           at: datetime) -> bool:
    """Spend the invitation (pending, this very code) and, unless `m` is None (already a member), put the
    membership and count it. False when any condition failed: the caller reads again to say why."""
    pk = partition(invitation.scope, invitation.resource_id)
    try:
        with db.transaction() as tx:
            tx.update(
                Item(pk, _invitation_sk(invitation.id)),
                actions=[Item.status.set("ACCEPTED"), Item.code_hash.remove(),
                         Item.expires_at.set(at + INVITATION_MEMORY)],
                condition=(Item.status == "PENDING") & (Item.code_hash == hashed_code),
            )
            if m is not None:
                tx.save(_membership_item(m), condition=Item.sk.does_not_exist())
                _tally_update(tx, pk, m.scope, m.resource_id, members=1, admins=int(m.role == "ADMIN"),
                              condition=_no_member_yet() if only_if_first else None)
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def change_role(m: Membership, role: Role) -> bool:
    """Change a member's role if it is still `m.role`; a demotion keeps at least one admin. False when a
    condition failed (the member left, the role changed, or this is the last admin)."""
    if role == m.role:
        return True
    pk = partition(m.scope, m.resource_id)
    demoting = m.role == "ADMIN"
    try:
        with db.transaction() as tx:
            tx.update(Item(pk, _member_sk(m.user_id)), actions=[Item.role.set(role)],
                      condition=Item.role == m.role)
            _tally_update(tx, pk, m.scope, m.resource_id, members=0, admins=-1 if demoting else 1,
                          condition=(Item.admins > 1) if demoting else None)
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def remove(m: Membership, *, keep_an_admin: bool = True) -> bool:
    """Delete the membership (as it is: same role) and count it out; removing an admin keeps at least one
    unless `keep_an_admin` is off (the person's account is being deleted). False when a condition failed."""
    pk = partition(m.scope, m.resource_id)
    admin = m.role == "ADMIN"
    try:
        with db.transaction() as tx:
            tx.delete(Item(pk, _member_sk(m.user_id)), condition=Item.role == m.role)
            _tally_update(tx, pk, m.scope, m.resource_id, members=-1, admins=-1 if admin else 0,
                          condition=(Item.admins > 1) if admin and keep_an_admin else None)
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


# --- invitations ----------------------------------------------------------------------------------------


def put_invitation(invitation: Invitation, hashed_code: str) -> None:
    Item(
        partition(invitation.scope, invitation.resource_id), _invitation_sk(invitation.id),
        scope=invitation.scope, resource_id=invitation.resource_id, email=invitation.email,
        role=invitation.role, status=invitation.status, code_hash=hashed_code, invited_by=invitation.invited_by,
        lang=invitation.lang, created_at=invitation.created_at, sent_at=invitation.sent_at,
        invitation_expires_at=invitation.expires_at, expires_at=invitation.expires_at + INVITATION_MEMORY,
    ).save(condition=Item.sk.does_not_exist())


def invitation(scope: str, resource_id: str, invitation_id: str) -> Invitation | None:
    item = _get(partition(scope, resource_id), _invitation_sk(invitation_id))
    return _invitation(item) if item else None


def pending_invitations(scope: str, resource_id: str) -> list[Invitation]:
    """The resource's pending invitations (expired ones included: they can be resent), newest first."""
    query = Item.query(partition(scope, resource_id), Item.sk.startswith("INVITATION#"),
                       filter_condition=Item.status == "PENDING", consistent_read=True)
    return sorted((_invitation(i) for i in query), key=lambda inv: inv.sent_at, reverse=True)


def invitation_by_code(hashed_code: str) -> tuple[Invitation, str] | None:
    """The invitation whose current code has this hash (read consistently after the index), and that
    hash as stored; None when no invitation has it any more."""
    for key in Item.by_code.query(hashed_code, limit=1):
        item = _get(key.pk, key.sk)
        if item is not None and item.code_hash == hashed_code:
            return _invitation(item), hashed_code
    return None


def resend(invitation: Invitation, hashed_code: str, sent_at: datetime, expires_at: datetime) -> bool:
    """The same invitation with a new code and a new expiry, if still pending."""
    try:
        Item(partition(invitation.scope, invitation.resource_id), _invitation_sk(invitation.id)).update(
            actions=[Item.code_hash.set(hashed_code), Item.sent_at.set(sent_at),
                     Item.invitation_expires_at.set(expires_at), Item.role.set(invitation.role),
                     Item.expires_at.set(expires_at + INVITATION_MEMORY)],
            condition=Item.status == "PENDING",
        )
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def cancel(invitation: Invitation, at: datetime) -> bool:
    try:
        Item(partition(invitation.scope, invitation.resource_id), _invitation_sk(invitation.id)).update(
            actions=[Item.status.set("CANCELLED"), Item.code_hash.remove(),
                     Item.expires_at.set(at + INVITATION_MEMORY)],
            condition=Item.status == "PENDING",
        )
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True
