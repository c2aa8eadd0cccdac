"""The scopes this room serves: each is registered by the room that owns its resources.

Registering a scope also makes this room the one that answers its access rules
(`web.set_membership_resolver`): a member's role is read per request, consistently, so that a removed
member loses access at the next request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from chalicelib import web
from chalicelib.memberships import store
from chalicelib.memberships.domain import Resource


@dataclass(frozen=True, slots=True)
class Scope:
    name: str  # "organization", "centre"…
    describe: Callable[[str], Resource | None]  # the owner's description of one of its resources
    space: str  # the product people join, named in the e-mail ("Pix Orga")
    home: str  # where a new member lands, as the French site names it ("orga/")
    kind_fr: str  # "l'organisation"
    kind_en: str  # "the organisation"


_scopes: dict[str, Scope] = {}


def register(scope: Scope) -> None:
    _scopes[scope.name] = scope
    web.set_membership_resolver(scope.name, lambda user_id, resource_id: roles(scope.name, user_id, resource_id))


def get(name: str) -> Scope | None:
    return _scopes.get(name)


def registered() -> tuple[str, ...]:
    return tuple(_scopes)


def roles(scope: str, user_id: str, resource_id: str) -> frozenset[str]:
    """The roles `user_id` holds in the resource: {"ADMIN"}, {"MEMBER"} or none."""
    if not resource_id or "#" in resource_id:
        return frozenset()
    found = store.membership(scope, resource_id, user_id)
    return frozenset({found.role}) if found else frozenset()
