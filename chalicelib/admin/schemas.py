"""Request and response bodies of the Admin API."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldChange(BaseModel):
    field: str
    before: Any = Field(description="The value before (identity fields masked: `C•••`).")
    after: Any


class TrailEntryOut(BaseModel):
    id: str
    at: str
    actor_id: str
    actor_name: str | None = Field(None, description="The operator's name today (None when unknown).")
    action: str = Field(description="A kebab-case code: `login-unblocked`, `member-added`…")
    changes: list[FieldChange]


class TrailPage(BaseModel):
    entries: list[TrailEntryOut]
    next_cursor: str | None
