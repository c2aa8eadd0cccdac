"""The member and invitation routes of one scope, declared on the owning room's blueprint.

The owner chooses the path (`/api/organizations/{organization_id}`) and the access rules of its scope;
the handlers are this room's. One declaration per scope, so Orga and Certif share one implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Blueprint

from chalicelib import clock
from chalicelib.memberships import presenters, schemas, service, store
from chalicelib.pagination import PAGE_QUERY, decode_cursor, encode_cursor, page_size
from chalicelib.web import Call, Rule, endpoint


def members_page(scope: str, resource_id: str, query: dict[str, str],
                 viewer_id: str | None) -> schemas.MembersPage:
    cursor_scope = f"members:{scope}:{resource_id}"
    found, last = service.members_page(scope, resource_id, page_size(query),
                                       decode_cursor(query.get("cursor"), scope=cursor_scope))
    mine = store.membership(scope, resource_id, viewer_id) if viewer_id else None
    return schemas.MembersPage(members=presenters.members(found),
                               next_cursor=encode_cursor(last, scope=cursor_scope),
                               my_role=mine.role if mine else None)


def invitations(scope: str, resource_id: str) -> schemas.Invitations:
    now = clock.now()
    return schemas.Invitations(invitations=[presenters.invitation(i, now)
                                            for i in service.pending_invitations(scope, resource_id)])


def invite(scope: str, resource_id: str, body: schemas.InviteRequest, user_id: str) -> schemas.Invitations:
    now = clock.now()
    sent = service.invite(scope, resource_id, [str(e) for e in body.emails], body.role, user_id, body.lang)
    return schemas.Invitations(invitations=[presenters.invitation(i, now) for i in sent])


def declare(bp: Blueprint, *, scope: str, base: str, param: str, member: Rule, admin: Rule, noun: str) -> None:
    """Declare, under `base` (which names `{param}`), the routes of members and invitations.
    `noun` names the resource in the summaries ("l'organisation")."""

    def named(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def rename(handler: Callable[..., Any]) -> Callable[..., Any]:
            handler.__name__ = f"{scope}_{name}"
            return handler
        return rename

    @endpoint(bp, f"{base}/members", access=member, response=schemas.MembersPage, errors=(400, 404),
              query=PAGE_QUERY, summary=f"Les membres de {noun} et leur rôle")
    @named("members")
    def list_members(call: Call[None], **params: str) -> schemas.MembersPage:
        return members_page(scope, params[param], call.query, call.user_id)

    @endpoint(bp, f"{base}/members/{{user_id}}", method="PATCH", access=admin, body=schemas.RoleChange,
              response=schemas.Member, errors=(404, 409), summary=f"Changer le rôle d'un membre de {noun}")
    @named("change_role")
    def change_role(call: Call[schemas.RoleChange], **params: str) -> schemas.Member:
        return presenters.member(service.change_role(scope, params[param], params["user_id"], call.body.role))

    @endpoint(bp, f"{base}/members/{{user_id}}", method="DELETE", access=admin, errors=(404, 409),
              summary=f"Retirer un membre de {noun} (il reste au moins un administrateur)")
    @named("remove_member")
    def remove_member(call: Call[None], **params: str) -> None:
        service.remove_member(scope, params[param], params["user_id"])

    @endpoint(bp, f"{base}/leave", method="POST", access=member, errors=(404, 409),
              summary=f"Quitter {noun} (le dernier administrateur ne peut pas)")
    @named("leave")
    def leave(call: Call[None], **params: str) -> None:
        service.leave(scope, params[param], call.user_id)

    @endpoint(bp, f"{base}/invitations", access=admin, response=schemas.Invitations, errors=(404,),
              summary=f"Les invitations en attente de {noun}")
    @named("invitations")
    def list_invitations(call: Call[None], **params: str) -> schemas.Invitations:
        return invitations(scope, params[param])

    @endpoint(bp, f"{base}/invitations", method="POST", access=admin, body=schemas.InviteRequest,
              response=schemas.Invitations, status=201, errors=(404, 409),
              summary=f"Inviter des personnes par e-mail à rejoindre {noun} (une adresse déjà invitée "
                      "reçoit à nouveau la même invitation)")
    @named("invite")
    def send_invitations(call: Call[schemas.InviteRequest], **params: str) -> schemas.Invitations:
        return invite(scope, params[param], call.body, call.user_id)

    @endpoint(bp, f"{base}/invitations/{{invitation_id}}/resend", method="POST", access=admin,
              response=schemas.InvitationOut, errors=(404, 409),
              summary="Renvoyer une invitation : nouveau lien, valable 7 jours (l'ancien ne sert plus)")
    @named("resend_invitation")
    def resend_invitation(call: Call[None], **params: str) -> schemas.InvitationOut:
        return presenters.invitation(service.resend(scope, params[param], params["invitation_id"]), clock.now())

    @endpoint(bp, f"{base}/invitations/{{invitation_id}}", method="DELETE", access=admin, errors=(404,),
              summary="Annuler une invitation en attente")
    @named("cancel_invitation")
    def cancel_invitation(call: Call[None], **params: str) -> None:
        service.cancel(scope, params[param], params["invitation_id"])
