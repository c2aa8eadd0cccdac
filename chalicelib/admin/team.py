"""The back-office team (no I/O): its members, their one role each, and whether they are active.

The role that opens routes is on the person's account (`User.roles`, read at each request): the team
list is the back office's record of who was given which role, by whom, and who was disabled. Adding,
changing or disabling a member writes both, the account last-but-one step being the one that matters
for access; a disabled member keeps their account, without any operator role.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from chalicelib.web import OPERATOR_ROLES

ROLES = OPERATOR_ROLES  # SUPER_ADMIN, SUPPORT, METIER, CERTIF


@dataclass(frozen=True, slots=True)
class Member:
    user_id: str
    role: str
    active: bool
    added_at: datetime
    added_by: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MemberPage:
    members: list[Member]
    last_key: dict[str, Any] | None


class TeamStore(Protocol):
    def member(self, user_id: str) -> Member | None: ...

    def add(self, member: Member) -> bool:
        """Write a new member; False when they are on the team already."""

    def save(self, member: Member, seen: datetime) -> bool:
        """Replace a member's record if it was not changed since `seen` (its `updated_at`); False otherwise."""

    def page(self, start: dict[str, Any] | None, limit: int) -> MemberPage: ...
