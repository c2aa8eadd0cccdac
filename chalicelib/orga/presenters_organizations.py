"""Organisations as the routes show them."""

from __future__ import annotations

from chalicelib.orga import schemas_organizations as schemas
from chalicelib.orga.organizations import Organization


def organization(org: Organization) -> schemas.OrganizationOut:
    return schemas.OrganizationOut(
        id=org.id, name=org.name, type=org.type, external_id=org.external_id, province_code=org.province_code,
        manages_students=org.manages_students, email=org.email, tags=list(org.tags), archived_at=org.archived_at,
        created_at=org.created_at)
