"""The back-office team (super admins only): list, add by e-mail, change a role, disable."""

from __future__ import annotations

from chalicelib.accounts import api as accounts
from chalicelib.admin import presenters, schemas, service_team
from chalicelib.admin.routes.blueprint import bp
from chalicelib.admin.team import Member
from chalicelib.errors import NotFound
from chalicelib.pagination import PAGE_QUERY, decode_cursor, encode_cursor, page_size
from chalicelib.web import Access, Call, endpoint

SUPER_ADMIN = Access.operator()  # a super admin passes every operator rule; no other role passes this one
SCOPE = "admin-team"


def _out(member: Member) -> schemas.MemberOut:
    try:
        account = accounts.account(member.user_id)
    except NotFound:  # a member whose account is gone still shows, without a name
        account = None
    return presenters.member(member, account)


@endpoint(bp, "/api/admin/team", access=SUPER_ADMIN, response=schemas.TeamPage, errors=(400,), query=PAGE_QUERY,
          summary="L'équipe Pix Admin : ses membres, leur rôle, actifs ou désactivés")
def list_team(call: Call[None]) -> schemas.TeamPage:
    page = service_team.members(decode_cursor(call.query.get("cursor"), scope=SCOPE), page_size(call.query))
    return schemas.TeamPage(members=[_out(m) for m in page.members],
                            next_cursor=encode_cursor(page.last_key, scope=SCOPE))


@endpoint(bp, "/api/admin/team", method="POST", access=SUPER_ADMIN, body=schemas.MemberAdd,
          response=schemas.MemberOut, status=201, errors=(400, 404, 409),
          summary="Ajouter à l'équipe le titulaire d'un compte existant (par son e-mail), avec un rôle")
def add_member(call: Call[schemas.MemberAdd]) -> schemas.MemberOut:
    return _out(service_team.add(call.user_id, str(call.body.email), call.body.role))


@endpoint(bp, "/api/admin/team/{user_id}", method="PATCH", access=SUPER_ADMIN, body=schemas.RoleChange,
          response=schemas.MemberOut, errors=(400, 404, 409),
          summary="Changer le rôle d'un membre (effet à sa prochaine requête)")
def change_role(call: Call[schemas.RoleChange], user_id: str) -> schemas.MemberOut:
    return _out(service_team.change_role(call.user_id, user_id, call.body.role))


@endpoint(bp, "/api/admin/team/{user_id}/disable", method="POST", access=SUPER_ADMIN,
          response=schemas.MemberOut, errors=(404, 409),
          summary="Désactiver un membre : il perd tout rôle d'opérateur à sa prochaine requête")
def disable_member(call: Call[None], user_id: str) -> schemas.MemberOut:
    return _out(service_team.disable(call.user_id, user_id))
