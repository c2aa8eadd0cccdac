"""Use cases of organisations: the operator creates, edits, archives and lists them; members find theirs."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from chalicelib import clock
from chalicelib.admin import api as admin
from chalicelib.errors import Conflict, NotFound
from chalicelib.memberships import api as memberships
from chalicelib.orga import schemas_organizations as schemas
from chalicelib.orga.organizations import Organization, checked, new_id
from chalicelib.orga.store import organizations as store

SCOPE = "organization"


def organization(organization_id: str) -> Organization:
    found = store.current().get(organization_id)
    if found is None:
        raise NotFound("ORGANIZATION_NOT_FOUND", "Cette organisation n'existe pas.")
    return found


def describe(organization_id: str) -> memberships.Resource | None:
    """What the memberships room needs to know of an organisation (its scope's description)."""
    found = store.current().get(organization_id)
    return memberships.Resource(found.name, found.archived) if found else None


def create(fields: schemas.NewOrganization, operator_id: str) -> Organization:
    """A new organisation; its first admin, when given, is invited (the link makes them its admin)."""
    org = checked(Organization(new_id(), fields.name, fields.type, fields.external_id, fields.province_code,
                               fields.manages_students, str(fields.email) if fields.email else None,
                               tuple(fields.tags), None, clock.now()))
    store.current().create(org)
    admin.record_action(operator_id, "organization-created", "organization", org.id,
                        {"name": (None, org.name), "type": (None, org.type), "external_id": (None, org.external_id)})
    if fields.first_admin_email:
        invite_first_admin(org.id, str(fields.first_admin_email), operator_id, fields.lang)
    return org


def invite_first_admin(organization_id: str, email: str, operator_id: str, lang: str = "fr") -> None:
    memberships.invite(SCOPE, organization_id, [email], "ADMIN", operator_id, lang)
    admin.record_action(operator_id, "organization-admin-invited", "organization", organization_id)


def update(organization_id: str, change: schemas.OrganizationChange, operator_id: str) -> Organization:
    before = organization(organization_id)
    given = change.model_dump(exclude_unset=True)
    if "tags" in given:
        given["tags"] = tuple(given["tags"] or ())
    if "email" in given and given["email"] is not None:
        given["email"] = str(given["email"])
    after = checked(replace(before, **given))
    if not store.current().save(after):
        raise NotFound("ORGANIZATION_NOT_FOUND", "Cette organisation n'existe pas.")
    changes: dict[str, tuple[Any, Any]] = {
        name: (getattr(before, name), getattr(after, name))
        for name in given if getattr(before, name) != getattr(after, name)
    }
    if changes:
        admin.record_action(operator_id, "organization-updated", "organization", organization_id, changes)
    return after


def archive(organization_id: str, operator_id: str) -> Organization:
    """Archive: no new campaign, member or participant; what exists stays readable."""
    before = organization(organization_id)
    if before.archived:
        raise Conflict("ORGANIZATION_ARCHIVED", "Cette organisation est déjà archivée.")
    after = replace(before, archived_at=clock.now())
    store.current().save(after)
    admin.record_action(operator_id, "organization-archived", "organization", organization_id,
                        {"archived_at": (None, after.archived_at)})
    return after


def search(prefix: str, limit: int, start: dict[str, Any] | None) -> store.Page:
    return store.current().search(prefix, limit, start)


def by_external_id(external_id: str) -> list[Organization]:
    return store.current().by_external_id(external_id)


def record_invitations(organization_id: str, operator_id: str, sent: int) -> None:
    if sent:
        admin.record_action(operator_id, "organization-members-invited", "organization", organization_id,
                            {"invitations": (None, sent)})


def mine(user_id: str) -> list[tuple[Organization, str]]:
    """The organisations the person belongs to, with their role, by name."""
    found = []
    for membership in memberships.resources_of(SCOPE, user_id):
        org = store.current().get(membership.resource_id)
        if org is not None:
            found.append((org, membership.role))
    return sorted(found, key=lambda pair: pair[0].name.lower())
