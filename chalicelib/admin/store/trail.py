"""The audit trail on DynamoDB: append-only (a conditional put), read newest first."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.admin.models.trail import TrailEntry
from chalicelib.admin.trail import Entry, EntryPage, object_key


def _entry(item: TrailEntry) -> Entry:
    return Entry(
        object_type=item.object_type,
        object_id=item.object_id,
        entry_id=item.entry_id,
        at=item.at,
        actor_id=item.actor_id,
        action=item.action,
        changes=json.loads(item.changes or "{}"),
    )


class DynamoTrail:
    def append(self, entry: Entry) -> None:
        TrailEntry(
            object_key(entry.object_type, entry.object_id),
            entry.entry_id,
            object_type=entry.object_type,
            object_id=entry.object_id,
            at=entry.at,
            actor_id=entry.actor_id,
            action=entry.action,
            changes=entry.changes_json(),
        ).save(condition=TrailEntry.object_key.does_not_exist())

    def page(self, object_type: str, object_id: str, start: dict[str, Any] | None, limit: int) -> EntryPage:
        result = TrailEntry.query(object_key(object_type, object_id), scan_index_forward=False, limit=limit,
                                  last_evaluated_key=start)
        entries = [_entry(item) for item in result]
        return EntryPage(entries, result.last_evaluated_key)
