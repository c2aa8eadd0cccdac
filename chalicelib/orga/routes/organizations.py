"""Organisations: the operator's back office (create, edit, archive, list, members) and a member's view."""

from __future__ import annotations

from chalicelib.memberships import api as memberships
from chalicelib.orga import presenters_organizations as presenters
from chalicelib.orga import schemas_organizations as schemas
from chalicelib.orga import service_organizations as service
from chalicelib.orga.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, decode_cursor, encode_cursor, page_size
from chalicelib.web import Access, Call, QueryParam, endpoint

SUPPORT = Access.operator("SUPPORT")
ADMIN_BASE = "/api/admin/organizations"


@endpoint(bp, ADMIN_BASE, method="POST", access=SUPPORT, body=schemas.NewOrganization,
          response=schemas.OrganizationOut, status=201, errors=(400,),
          summary="Créer une organisation et inviter sa première administratrice ou son premier administrateur")
def create_organization(call: Call[schemas.NewOrganization]) -> schemas.OrganizationOut:
    return presenters.organization(service.create(call.body, call.user_id))


@endpoint(bp, ADMIN_BASE, access=SUPPORT, response=schemas.OrganizationsPage, errors=(400,),
          query=(QueryParam("q", "Le début du nom cherché (sans accents ni majuscules), ou un UAI."), *PAGE_QUERY),
          summary="Les organisations par nom, ou celles dont le nom commence par… ou dont l'UAI est…")
def list_organizations(call: Call[None]) -> schemas.OrganizationsPage:
    q = call.query.get("q", "").strip()
    if q and any(ch.isdigit() for ch in q) and " " not in q:  # an UAI or another external id
        found = service.by_external_id(q)
        return schemas.OrganizationsPage(organizations=[presenters.organization(o) for o in found], next_cursor=None)
    scope = f"organizations:{q.lower()}"
    found, last = service.search(q, page_size(call.query), decode_cursor(call.query.get("cursor"), scope=scope))
    return schemas.OrganizationsPage(organizations=[presenters.organization(o) for o in found],
                                     next_cursor=encode_cursor(last, scope=scope))


def _detail(organization_id: str) -> schemas.OrganizationDetail:
    org = service.organization(organization_id)
    counts = memberships.count(service.SCOPE, organization_id)
    return schemas.OrganizationDetail(**presenters.organization(org).model_dump(), **counts)


@endpoint(bp, ADMIN_BASE + "/{organization_id}", access=SUPPORT, response=schemas.OrganizationDetail,
          errors=(404,), summary="Une organisation (back office)")
def get_organization_as_operator(call: Call[None], organization_id: str) -> schemas.OrganizationDetail:
    return _detail(organization_id)


@endpoint(bp, ADMIN_BASE + "/{organization_id}", method="PATCH", access=SUPPORT, body=schemas.OrganizationChange,
          response=schemas.OrganizationOut, errors=(400, 404),
          summary="Modifier une organisation (nom, UAI, département, gestion d'élèves, contact, étiquettes)")
def update_organization(call: Call[schemas.OrganizationChange], organization_id: str) -> schemas.OrganizationOut:
    return presenters.organization(service.update(organization_id, call.body, call.user_id))


@endpoint(bp, ADMIN_BASE + "/{organization_id}/archive", method="POST", access=SUPPORT,
          response=schemas.OrganizationOut, errors=(404, 409),
          summary="Archiver une organisation : plus de nouvelle campagne, ni de nouveau membre ou participant")
def archive_organization(call: Call[None], organization_id: str) -> schemas.OrganizationOut:
    return presenters.organization(service.archive(organization_id, call.user_id))


@endpoint(bp, ADMIN_BASE + "/{organization_id}/members", access=SUPPORT, response=memberships.MembersPage,
          errors=(400, 404), query=PAGE_QUERY, summary="Les membres d'une organisation (back office)")
def organization_members_as_operator(call: Call[None], organization_id: str) -> memberships.MembersPage:
    return memberships.members_page(service.SCOPE, organization_id, call.query)


@endpoint(bp, ADMIN_BASE + "/{organization_id}/invitations", access=SUPPORT, response=memberships.Invitations,
          errors=(404,), summary="Les invitations en attente d'une organisation (back office)")
def organization_invitations_as_operator(call: Call[None], organization_id: str) -> memberships.Invitations:
    return memberships.pending_invitations(service.SCOPE, organization_id)


@endpoint(bp, ADMIN_BASE + "/{organization_id}/invitations", method="POST", access=SUPPORT,
          body=memberships.InviteRequest, response=memberships.Invitations, status=201, errors=(400, 404, 409),
          summary="Inviter des personnes dans une organisation (back office ; la première devient administratrice)")
def invite_as_operator(call: Call[memberships.InviteRequest], organization_id: str) -> memberships.Invitations:
    service.organization(organization_id)
    sent = memberships.invite_request(service.SCOPE, organization_id, call.body, call.user_id)
    service.record_invitations(organization_id, call.user_id, len(sent.invitations))
    return sent


@endpoint(bp, "/api/organizations/{organization_id}", access=Access.organization_member(),
          response=schemas.OrganizationOut, errors=(404,), summary="Mon organisation")
def get_organization(call: Call[None], organization_id: str) -> schemas.OrganizationOut:
    return presenters.organization(service.organization(organization_id))


@endpoint(bp, "/api/me/organizations", access=Access.LEARNER, response=schemas.MyOrganizations,
          summary="Les organisations dont je suis membre, et mon rôle (pour passer de l'une à l'autre)")
def my_organizations(call: Call[None]) -> schemas.MyOrganizations:
    return schemas.MyOrganizations(organizations=[
        schemas.MyOrganization(id=org.id, name=org.name, type=org.type, role=role, archived=org.archived)  # type: ignore[arg-type]
        for org, role in service.mine(call.user_id)
    ])
