"""What the Admin API shows of the room's domain objects."""

from __future__ import annotations

from chalicelib.admin import schemas
from chalicelib.admin.trail import Entry


def trail_scope(object_type: str, object_id: str) -> str:
    """The list a trail cursor belongs to."""
    return f"admin-trail:{object_type}:{object_id}"


def entry(e: Entry, actor_name: str | None = None) -> schemas.TrailEntryOut:
    return schemas.TrailEntryOut(
        id=e.entry_id,
        at=e.at.isoformat(),
        actor_id=e.actor_id,
        actor_name=actor_name,
        action=e.action,
        changes=[schemas.FieldChange(field=name, before=before, after=after)
                 for name, (before, after) in sorted(e.changes.items())],
    )
