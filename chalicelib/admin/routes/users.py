"""Support tools on users (SUPPORT): search, a user's page, and the actions on it (each in the trail)."""

from __future__ import annotations

from typing import Literal

from chalicelib.accounts import api as accounts
from chalicelib.admin import presenters, schemas, service_users
from chalicelib.admin.routes.blueprint import bp
from chalicelib.errors import NotFound
from chalicelib.pagination import decode_cursor, encode_cursor
from chalicelib.web import Access, Call, endpoint

SUPPORT = Access.operator("SUPPORT")


def _detail(user_id: str) -> schemas.UserDetail:
    return presenters.user_detail(accounts.account(user_id), accounts.logins(user_id),
                                  service_users.sections(user_id))


@endpoint(bp, "/api/admin/users/search", method="POST", access=SUPPORT, body=schemas.UserSearch,
          response=schemas.UserSearchPage, errors=(400,),
          summary="Chercher des utilisateurs par nom (début), e-mail ou identifiant (dans le corps : "
                  "aucune donnée personnelle dans l'URL)")
def search_users(call: Call[schemas.UserSearch]) -> schemas.UserSearchPage:
    scope = "admin-user-search:" + call.body.text.strip().casefold()
    found, last = service_users.search(call.body.text, decode_cursor(call.body.cursor, scope=scope), call.body.limit)
    return schemas.UserSearchPage(users=[presenters.summary(a) for a in found],
                                  next_cursor=encode_cursor(last, scope=scope))


@endpoint(bp, "/api/admin/users/{user_id}", access=SUPPORT, response=schemas.UserDetail, errors=(404,),
          summary="La page d'un utilisateur : identité, connexions (bloquées ou non), organisations, "
                  "participations, certifications")
def get_user(call: Call[None], user_id: str) -> schemas.UserDetail:
    return _detail(user_id)


@endpoint(bp, "/api/admin/users/{user_id}", method="PATCH", access=SUPPORT, body=schemas.IdentityChange,
          response=schemas.UserDetail, errors=(400, 404, 409), summary="Corriger le prénom et le nom")
def change_identity(call: Call[schemas.IdentityChange], user_id: str) -> schemas.UserDetail:
    service_users.change_identity(call.user_id, user_id, call.body.first_name, call.body.last_name)
    return _detail(user_id)


@endpoint(bp, "/api/admin/users/{user_id}/email", method="POST", access=SUPPORT, body=schemas.EmailChange,
          response=schemas.UserDetail, errors=(400, 404, 409),
          summary="Changer l'adresse e-mail (elle devient l'identifiant de connexion, sans lien de confirmation)")
def change_email(call: Call[schemas.EmailChange], user_id: str) -> schemas.UserDetail:
    service_users.change_email(call.user_id, user_id, str(call.body.email))
    return _detail(user_id)


@endpoint(bp, "/api/admin/users/{user_id}/unblock", method="POST", access=SUPPORT, response=schemas.UserDetail,
          errors=(404,), summary="Débloquer la connexion (oublier les tentatives échouées, de partout)")
def unblock(call: Call[None], user_id: str) -> schemas.UserDetail:
    service_users.unblock(call.user_id, user_id)
    return _detail(user_id)


@endpoint(bp, "/api/admin/users/{user_id}/sessions/end", method="POST", access=SUPPORT, errors=(404,),
          summary="Déconnecter l'utilisateur partout (toutes ses sessions et liens en cours prennent fin)")
def end_sessions(call: Call[None], user_id: str) -> None:
    service_users.end_sessions(call.user_id, user_id)


@endpoint(bp, "/api/admin/users/{user_id}/password-reset", method="POST", access=SUPPORT, errors=(400, 404, 409),
          summary="Envoyer à l'utilisateur un lien pour choisir un nouveau mot de passe")
def send_password_reset(call: Call[None], user_id: str) -> None:
    service_users.send_password_reset(call.user_id, user_id)


@endpoint(bp, "/api/admin/users/{user_id}/logins/{kind}", method="DELETE", access=SUPPORT,
          response=schemas.UserDetail, errors=(404, 409),
          summary="Retirer un moyen de connexion (l'e-mail ou l'identifiant) ; il en reste toujours un")
def remove_login(call: Call[None], user_id: str, kind: str) -> schemas.UserDetail:
    if kind not in ("email", "username"):
        raise NotFound("LOGIN_NOT_FOUND", "Ce compte n'a pas cet identifiant de connexion.")
    chosen: Literal["email", "username"] = "email" if kind == "email" else "username"
    service_users.remove_login(call.user_id, user_id, chosen)
    return _detail(user_id)


@endpoint(bp, "/api/admin/users/{user_id}/anonymisation", method="POST", access=SUPPORT,
          response=schemas.Anonymised, errors=(404,),
          summary="Anonymiser l'utilisateur partout : noms remplacés, connexions et jetons supprimés, "
                  "appartenances désactivées ; les statistiques restent")
def anonymise(call: Call[None], user_id: str) -> schemas.Anonymised:
    return schemas.Anonymised(rooms=service_users.anonymise(call.user_id, user_id))
