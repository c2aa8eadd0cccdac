"""What other rooms may ask of the Admin room (the only module of it they import; it imports no route).

The audit trail. A room whose use case changes data on an operator's behalf records it:

    from chalicelib.admin import api as admin
    admin.record_action(operator_id, "organization-archived", "organization", org_id,
                        {"archived_at": (None, now)})

`changes` maps each changed field to (before, after). Values of identity fields (names, e-mail,
username, birth date…: `trail.PERSONAL_FIELDS`) are stored masked, others as given (sets sorted, dates ISO
8601): never put a person's identity in a field of another name, nor in the object id. The object's page
shows its trail with `GET /api/admin/trails/{object_type}/{object_id}` (see `chalicelib.admin.routes.trail`
for who may read which type), or the page's room calls `trail(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chalicelib.admin import presenters, service_trail
from chalicelib.pagination import decode_cursor, encode_cursor


def record_action(actor_id: str, action: str, object_type: str, object_id: str,
                  changes: Mapping[str, tuple[Any, Any]] | None = None) -> None:
    """Append one entry to the object's trail: who (the operator's user id), now, what (a kebab-case
    action code), and the before/after of each changed field. Append-only: an entry is never changed."""
    service_trail.record_action(actor_id, action, object_type, object_id, changes)


def trail(object_type: str, object_id: str, cursor: str | None = None, limit: int = 20) -> dict[str, Any]:
    """One page of the object's trail, newest first: {"entries": [{"id", "at", "actor_id", "action",
    "changes": {field: [before, after]}}], "next_cursor": str | None} (JSON-ready; the route adds the
    operators' names)."""
    scope = presenters.trail_scope(object_type, object_id)
    page = service_trail.trail(object_type, object_id, decode_cursor(cursor, scope=scope), limit)
    return {
        "entries": [presenters.entry(e).model_dump(mode="json") for e in page.entries],
        "next_cursor": encode_cursor(page.last_key, scope=scope),
    }
