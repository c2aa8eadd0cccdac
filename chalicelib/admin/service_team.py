"""Use cases of the back-office team (super admins): list, add by e-mail, change a role, disable.

Each writes the team record and the role on the person's account (what access control reads, at each
request: a change takes effect at the member's next request), and records the action on the member's
trail (`admin-member`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from chalicelib import clock
from chalicelib.accounts import api as accounts
from chalicelib.admin import service_trail, store
from chalicelib.admin.team import ROLES, Member, MemberPage
from chalicelib.errors import Conflict, Invalid, NotFound

OBJECT = "admin-member"


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise Invalid("UNKNOWN_ROLE", "Ce rôle n'existe pas.")


def _member(user_id: str) -> Member:
    member = store.current().team.member(user_id)
    if member is None:
        raise NotFound("TEAM_MEMBER_NOT_FOUND", "Cette personne ne fait pas partie de l'équipe.")
    return member


def _not_oneself(actor_id: str, user_id: str) -> None:
    if actor_id == user_id:  # the team must keep the super admin who is acting
        raise Conflict("OWN_MEMBERSHIP", "Vous ne pouvez pas changer votre propre rôle ni vous désactiver.")


def members(start: dict[str, Any] | None, limit: int) -> MemberPage:
    return store.current().team.page(start, limit)


def add(actor_id: str, email: str, role: str) -> Member:
    """Give the person with this account the role; a disabled member is enabled again with it."""
    _check_role(role)
    account = accounts.account_by_login(email)
    if account is None or "@" not in email:
        raise NotFound("USER_NOT_FOUND", "Aucun compte n'a cette adresse e-mail.")
    if account.anonymised_at is not None:
        raise Conflict("ACCOUNT_ANONYMISED", "Ce compte a été anonymisé : il ne peut plus être modifié.")
    now = clock.now()
    team = store.current().team
    existing = team.member(account.user_id)
    if existing is not None and existing.active:
        raise Conflict("ALREADY_MEMBER", "Cette personne fait déjà partie de l'équipe.")
    if existing is None:
        member = Member(account.user_id, role, True, now, actor_id, now)
        if not team.add(member):
            raise Conflict("ALREADY_MEMBER", "Cette personne fait déjà partie de l'équipe.")
    else:
        member = dataclasses.replace(existing, role=role, active=True, updated_at=now)
        if not team.save(member, existing.updated_at):
            raise Conflict("TEAM_MEMBER_CHANGED", "Ce membre vient d'être modifié : rechargez la page.")
    accounts.set_roles(account.user_id, frozenset({role}))
    before = (existing.role if existing else None, existing.active if existing else None)
    service_trail.record_action(actor_id, "member-added", OBJECT, account.user_id,
                                {"role": (before[0], role), "active": (before[1], True)})
    return member


def change_role(actor_id: str, user_id: str, role: str) -> Member:
    _check_role(role)
    _not_oneself(actor_id, user_id)
    current = _member(user_id)
    if not current.active:
        raise Conflict("MEMBER_DISABLED", "Ce membre est désactivé : ajoutez-le de nouveau pour lui rendre un rôle.")
    if current.role == role:
        return current
    changed = dataclasses.replace(current, role=role, updated_at=clock.now())
    if not store.current().team.save(changed, current.updated_at):
        raise Conflict("TEAM_MEMBER_CHANGED", "Ce membre vient d'être modifié : rechargez la page.")
    accounts.set_roles(user_id, frozenset({role}))
    service_trail.record_action(actor_id, "member-role-changed", OBJECT, user_id, {"role": (current.role, role)})
    return changed


def disable(actor_id: str, user_id: str) -> Member:
    """The member loses every operator role at their next request; their account stays."""
    _not_oneself(actor_id, user_id)
    current = _member(user_id)
    if not current.active:
        return current
    changed = dataclasses.replace(current, active=False, updated_at=clock.now())
    if not store.current().team.save(changed, current.updated_at):
        raise Conflict("TEAM_MEMBER_CHANGED", "Ce membre vient d'être modifié : rechargez la page.")
    accounts.set_roles(user_id, frozenset())
    service_trail.record_action(actor_id, "member-disabled", OBJECT, user_id, {"active": (True, False)})
    return changed


def ensure_member(user_id: str, role: str, actor_id: str) -> None:
    """The demo seed's: the account has the role and a team record (idempotent; no trail)."""
    now = clock.now()
    if store.current().team.add(Member(user_id, role, True, now, actor_id, now)):
        accounts.set_roles(user_id, frozenset({role}))
