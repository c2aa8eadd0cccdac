"""Use cases of the audit trail: record an operator's action, read an object's trail."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from typing import Any

from chalicelib import clock
from chalicelib.admin import store
from chalicelib.admin.trail import ACTIONS, Entry, EntryPage, recorded_changes
from chalicelib.errors import Invalid

NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")  # object types and actions: `user`, `login-unblocked`…
ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def record_action(actor_id: str, action: str, object_type: str, object_id: str,
                  changes: Mapping[str, tuple[Any, Any]] | None = None) -> Entry:
    assert NAME.match(action), f"an action is a short kebab-case code, not {action!r}"
    assert action in ACTIONS, f"{action!r} is not in admin.trail.ACTIONS (with its labels in the admin catalogs)"
    assert NAME.match(object_type), f"an object type is a short kebab-case code, not {object_type!r}"
    assert ID.match(object_id), "an object id has no spaces nor personal data"
    at = clock.now()
    entry = Entry(
        object_type=object_type,
        object_id=object_id,
        entry_id=f"{at.isoformat(timespec='microseconds')}#{secrets.token_hex(4)}",
        at=at,
        actor_id=actor_id,
        action=action,
        changes=recorded_changes(changes),
    )
    store.current().trail.append(entry)
    return entry


def trail(object_type: str, object_id: str, start: dict[str, Any] | None, limit: int) -> EntryPage:
    if not NAME.match(object_type) or not ID.match(object_id):
        raise Invalid("INVALID_TRAIL_OBJECT", "Cet objet n'a pas de journal.")
    return store.current().trail.page(object_type, object_id, start, limit)
