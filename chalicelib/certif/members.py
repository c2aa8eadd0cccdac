"""The seam with the memberships room: the "centre" scope, the first admin's invitation, a person's centres.

Members and invitations (routes, e-mails, roles) are the memberships room's; this room tells it what a centre
is (its name, whether it is archived) and asks it who belongs where.
"""

from __future__ import annotations

from typing import Any

from chalicelib.certif import store


def _memberships() -> Any:  # until the memberships room is merged on this branch: imported when used
    from chalicelib.memberships import api  # type: ignore[import-not-found,unused-ignore]

    return api

SCOPE = "centre"


def describe(centre_id: str) -> Any:
    centre = store.current().centre(centre_id)
    return _memberships().Resource(name=centre.name, archived=centre.archived) if centre else None


def register() -> None:
    _memberships().register_scope(SCOPE, describe, space="Pix Certif", home="certif/",
                               kind_fr="le centre de certification", kind_en="the certification centre")


def invite_admin(centre_id: str, email: str, invited_by: str, lang: str = "fr") -> None:
    _memberships().invite(SCOPE, centre_id, [email], "ADMIN", invited_by, lang)


def add_member(centre_id: str, user_id: str, role: str = "MEMBER") -> None:
    """Seeds and tests: a member without an invitation."""
    _memberships().add_member(SCOPE, centre_id, user_id, "ADMIN" if role == "ADMIN" else "MEMBER")


def centres_of(user_id: str) -> list[tuple[str, str]]:
    """(centre id, role) of every centre the person belongs to."""
    return [(m.resource_id, m.role) for m in _memberships().resources_of(SCOPE, user_id)]
