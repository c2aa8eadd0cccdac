"""The seam with the memberships room: the "centre" scope, the first admin's invitation, a person's centres.

Members and invitations (routes, e-mails, roles) are the memberships room's; this room tells it what a centre
is (its name, whether it is archived) and asks it who belongs where. `routes/members.py` registers the scope.
"""

from __future__ import annotations

from chalicelib.certif import store
from chalicelib.memberships import api as memberships

SCOPE = "centre"


def describe(centre_id: str) -> memberships.Resource | None:
    centre = store.current().centre(centre_id)
    return memberships.Resource(name=centre.name, archived=centre.archived) if centre else None


def invite_admin(centre_id: str, email: str, invited_by: str, lang: str = "fr") -> None:
    memberships.invite(SCOPE, centre_id, [email], "ADMIN", invited_by, lang)


def add_member(centre_id: str, user_id: str, role: memberships.Role = "MEMBER") -> None:
    """Seeds and tests: a member without an invitation (idempotent)."""
    memberships.add_member(SCOPE, centre_id, user_id, role)


def centres_of(user_id: str) -> list[tuple[str, str]]:
    """(centre id, role) of every centre the person belongs to."""
    return [(m.resource_id, m.role) for m in memberships.resources_of(SCOPE, user_id)]
