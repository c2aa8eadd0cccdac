"""What other rooms may ask of the Orga room (the only module of it they import)."""

from __future__ import annotations

from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import organizations as organization_store

__all__ = ["Organization", "organization"]


def organization(organization_id: str) -> Organization | None:
    """The organisation, or None."""
    return organization_store.get(organization_id)
