"""Centres: the operator's (SUPPORT) list, creation with the first admin's invitation, edit, archive; a
member's centres and a centre's card."""

from __future__ import annotations

from typing import Any

from chalicelib import pagination
from chalicelib.certif import presenters, service_centres
from chalicelib.certif import schemas as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.web import Access, Call, QueryParam, endpoint

SUPPORT = Access.operator("SUPPORT")
ADMIN_BASE = "/api/admin/certification-centres"


def _lang(call: Call[Any]) -> str:
    return "en" if call.headers.get("accept-language", "").lower().startswith("en") else "fr"


@endpoint(bp, ADMIN_BASE, access=SUPPORT, response=s.CentrePage, errors=(400,),
          query=(QueryParam("search", "Le début du nom du centre, ou son identifiant."), *pagination.PAGE_QUERY),
          summary="Les centres de certification, par nom (recherche par début de nom ou identifiant)")
def list_centres(call: Call[None]) -> s.CentrePage:
    search = call.query.get("search", "")
    scope = f"certif-centres:{search.strip().lower()}"
    found, last = service_centres.page(search, pagination.decode_cursor(call.query.get("cursor"), scope=scope),
                                       pagination.page_size(call.query))
    return s.CentrePage(centres=[presenters.centre_out(c) for c in found],
                        next_cursor=pagination.encode_cursor(last, scope=scope))


@endpoint(bp, ADMIN_BASE, method="POST", access=SUPPORT, body=s.CentreCreate, response=s.CentreOut, status=201,
          errors=(400,), summary="Créer un centre de certification et inviter son premier administrateur")
def create_centre(call: Call[s.CentreCreate]) -> s.CentreOut:
    b = call.body
    created = service_centres.create(b.name, b.type, call.user_id, external_id=b.external_id,
                                     room_capacity=b.room_capacity, admin_email=b.admin_email, lang=_lang(call))
    return presenters.centre_out(created)


@endpoint(bp, ADMIN_BASE + "/{centre_id}", access=SUPPORT, response=s.CentreOut, errors=(404,),
          summary="Un centre de certification")
def get_centre_for_support(call: Call[None], centre_id: str) -> s.CentreOut:
    return presenters.centre_out(service_centres.centre(centre_id))


@endpoint(bp, ADMIN_BASE + "/{centre_id}", method="PATCH", access=SUPPORT, body=s.CentreEdit,
          response=s.CentreOut, errors=(400, 404, 409), summary="Modifier un centre de certification")
def edit_centre(call: Call[s.CentreEdit], centre_id: str) -> s.CentreOut:
    b = call.body
    return presenters.centre_out(service_centres.edit(centre_id, call.user_id, name=b.name, kind=b.type,
                                                      external_id=b.external_id, room_capacity=b.room_capacity))


@endpoint(bp, ADMIN_BASE + "/{centre_id}/archive", method="POST", access=SUPPORT, response=s.CentreOut,
          errors=(404,), summary="Archiver un centre de certification (ses membres n'y ont plus accès)")
def archive_centre(call: Call[None], centre_id: str) -> s.CentreOut:
    return presenters.centre_out(service_centres.archive(centre_id, call.user_id))


@endpoint(bp, ADMIN_BASE + "/{centre_id}/admin-invitations", method="POST", access=SUPPORT, body=s.Invite,
          errors=(400, 404, 409), summary="Inviter un administrateur du centre (un e-mail avec un lien)")
def invite_centre_admin(call: Call[s.Invite], centre_id: str) -> None:
    service_centres.invite_admin(centre_id, call.body.email, call.user_id, _lang(call))


@endpoint(bp, "/api/certif/me/centres", access=Access.LEARNER, response=s.MyCentres,
          summary="Mes centres de certification (ceux dont je suis membre)")
def my_centres(call: Call[None]) -> s.MyCentres:
    return s.MyCentres(centres=[s.MyCentreOut(centre=presenters.centre_out(m.centre), role=m.role)
                                for m in service_centres.mine(call.user_id)])


@endpoint(bp, "/api/certif/centres/{centre_id}", access=Access.centre_member(), response=s.CentreOut,
          errors=(404,), summary="Mon centre de certification")
def get_centre(call: Call[None], centre_id: str) -> s.CentreOut:
    return presenters.centre_out(service_centres.centre(centre_id))
