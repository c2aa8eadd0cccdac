"""The shell's search box: one text, hits from every room that knows how to find its objects.

Users are found here (support roles); another room joins by defining in its `api.py`
`admin_search(text: str, roles: frozenset[str]) -> list[dict]`, each hit
`{"kind", "label", "detail"?, "href"}` (an organisation by name, a campaign by code, a centre, a session
by number…), and returns only what `roles` may open (a super admin holds every role). Each room reads its
own index: nothing is scanned.
"""

from __future__ import annotations

from typing import Any

from chalicelib import rooms
from chalicelib.accounts import api as accounts
from chalicelib.errors import Invalid

USERS_SHOWN = 5  # the users page lists them all, page by page


def _allowed(roles: frozenset[str], *needed: str) -> bool:
    return "SUPER_ADMIN" in roles or bool(roles & set(needed))


def search(text: str, roles: frozenset[str], site_root: str = "/") -> list[dict[str, Any]]:
    hits: list[dict[str, Any]] = []
    if _allowed(roles, "SUPPORT"):
        try:
            found, _ = accounts.search_accounts(text, None, USERS_SHOWN)
        except Invalid:
            found = []  # too short for a name: other rooms may still find a code
        hits += [{"kind": "user", "label": f"{a.first_name} {a.last_name}",
                  "detail": a.email or a.username,
                  "href": f"{site_root}admin/utilisateurs/fiche/?id={a.user_id}"} for a in found]
    for _, hook in rooms.person_hooks("admin_search"):
        hits += hook(text, roles)
    return hits
