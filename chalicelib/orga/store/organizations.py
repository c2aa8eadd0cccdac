"""Organisations in DynamoDB (the only reader of their model); returns `Organization`s."""

from __future__ import annotations

from typing import Any, Protocol

from pynamodb.exceptions import PynamoDBException

from chalicelib import db
from chalicelib.orga.models.organizations import LISTING, OrganizationRecord
from chalicelib.orga.organizations import Organization, OrganizationType, search_key


def _organization(record: OrganizationRecord) -> Organization:
    kind: OrganizationType = record.type  # type: ignore[assignment]  # written from the Literal only
    return Organization(
        id=record.organization_id, name=record.name, type=kind, external_id=record.external_id,
        province_code=record.province_code, manages_students=bool(record.manages_students),
        email=record.email, tags=tuple(sorted(record.tags or ())), archived_at=record.archived_at,
        created_at=record.created_at,
    )


def _record(org: Organization) -> OrganizationRecord:
    return OrganizationRecord(
        org.id, name=org.name, type=org.type, external_id=org.external_id, province_code=org.province_code,
        manages_students=org.manages_students, email=org.email, tags=set(org.tags) or None,
        archived_at=org.archived_at, created_at=org.created_at, listing=LISTING,
        name_key=f"{search_key(org.name)}#{org.id}",
    )


Page = tuple[list[Organization], dict[str, Any] | None]


class OrganizationStore(Protocol):
    def get(self, organization_id: str) -> Organization | None: ...
    def create(self, organization: Organization) -> None: ...
    def save(self, organization: Organization) -> bool: ...
    def search(self, prefix: str, limit: int, start: dict[str, Any] | None) -> Page: ...
    def by_external_id(self, external_id: str) -> list[Organization]: ...


class DynamoOrganizations:
    def get(self, organization_id: str) -> Organization | None:
        try:
            return _organization(OrganizationRecord.get(organization_id))
        except OrganizationRecord.DoesNotExist:
            return None

    def create(self, organization: Organization) -> None:
        _record(organization).save(condition=OrganizationRecord.organization_id.does_not_exist())

    def save(self, organization: Organization) -> bool:
        """Replace an existing organisation; False when there is none."""
        try:
            _record(organization).save(condition=OrganizationRecord.organization_id.exists())
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def search(self, prefix: str, limit: int, start: dict[str, Any] | None) -> Page:
        """Organisations in name order, those whose name starts with `prefix` (searched form)."""
        condition = OrganizationRecord.name_key.startswith(search_key(prefix)) if prefix else None
        query = OrganizationRecord.by_name.query(LISTING, condition, limit=limit, last_evaluated_key=start)
        found = [_organization(r) for r in query]
        return found, query.last_evaluated_key

    def by_external_id(self, external_id: str) -> list[Organization]:
        return [_organization(r) for r in OrganizationRecord.by_external_id.query(external_id.upper())]


_store: OrganizationStore = DynamoOrganizations()


def current() -> OrganizationStore:
    return _store


def use(store: OrganizationStore) -> OrganizationStore:
    """Put another store in place (the in-memory twin, in tests); returns the previous one."""
    global _store
    previous, _store = _store, store
    return previous


def get(organization_id: str) -> Organization | None:
    return _store.get(organization_id)
