"""What other rooms may ask of the memberships room (the only module of it they import).

An owning room registers its scope once (`register_scope`), then declares the member and invitation routes
on its blueprint (`declare_member_routes`) and asks the rest here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint

from chalicelib.memberships import member_routes, schemas, scopes, service, store
from chalicelib.memberships.domain import Invitation, Membership, Resource, Role
from chalicelib.memberships.schemas import Invitations, InviteRequest, MembersPage
from chalicelib.web import Rule

__all__ = ["Invitation", "Invitations", "InviteRequest", "MembersPage", "Membership", "Resource", "Role"]


def register_scope(scope: str, describe: Callable[[str], Resource | None], *, space: str, home: str,
                   kind_fr: str, kind_en: str) -> None:
    """Serve `scope`: `describe(resource_id)` names a resource and says whether it is archived (None: no
    such resource). This room then answers the scope's access rules."""
    scopes.register(scopes.Scope(scope, describe, space, home, kind_fr, kind_en))


def registered_scopes() -> tuple[str, ...]:
    return scopes.registered()


def declare_member_routes(bp: Blueprint, *, scope: str, base: str, param: str, member: Rule, admin: Rule,
                          noun: str) -> None:
    member_routes.declare(bp, scope=scope, base=base, param=param, member=member, admin=admin, noun=noun)


def roles(scope: str, user_id: str, resource_id: str) -> frozenset[str]:
    """The roles the person holds in the resource ({"ADMIN"}, {"MEMBER"} or none), read consistently."""
    return scopes.roles(scope, user_id, resource_id)


def resources_of(scope: str, user_id: str) -> list[Membership]:
    """The person's memberships in that scope (the switcher); eventually consistent."""
    return store.memberships_of(user_id, scope)


def add_member(scope: str, resource_id: str, user_id: str, role: Role) -> Membership:
    """Make someone a member without an invitation (seeds, tests, operator tools); idempotent."""
    return service.add_member(scope, resource_id, user_id, role)


def invite(scope: str, resource_id: str, emails: list[str], role: Role, invited_by: str,
           lang: str = "fr") -> list[Invitation]:
    """Send invitations (the operator's first-admin invitation uses it)."""
    return service.invite(scope, resource_id, emails, role, invited_by, lang)


def invite_request(scope: str, resource_id: str, body: InviteRequest, invited_by: str) -> Invitations:
    """Send the invitations a request asks for, JSON-ready (the operator's route)."""
    return member_routes.invite(scope, resource_id, body, invited_by)


def members_page(scope: str, resource_id: str, query: dict[str, str],
                 viewer_id: str | None = None) -> schemas.MembersPage:
    """A page of members, JSON-ready (operator pages)."""
    return member_routes.members_page(scope, resource_id, query, viewer_id)


def pending_invitations(scope: str, resource_id: str) -> schemas.Invitations:
    return member_routes.invitations(scope, resource_id)


def count(scope: str, resource_id: str) -> dict[str, Any]:
    tally = store.tally(scope, resource_id)
    return {"members": tally.members, "admins": tally.admins}


def anonymise(user_id: str) -> None:
    """The person hook of the registry (`rooms.person_hooks("anonymise")`): their memberships end.
    Idempotent."""
    service.disable_memberships_of(user_id)


def personal_data(user_id: str) -> dict[str, Any]:
    """The person hook of the data export: the resources they belong to, with their role, JSON-ready."""
    found = []
    for membership in store.memberships_of(user_id):
        scope = scopes.get(membership.scope)
        resource = scope.describe(membership.resource_id) if scope else None
        found.append({"scope": membership.scope, "resource_id": membership.resource_id,
                      "name": resource.name if resource else None, "role": membership.role,
                      "joined_at": membership.joined_at.isoformat()})
    return {"memberships": found}


def disable_memberships_of(user_id: str) -> int:
    """End every membership of a person whose account is deleted (anonymisation); how many ended."""
    return service.disable_memberships_of(user_id)
