"""Accounts API: sign up, log in, refresh, log out, me (and its changes), password reset, deletion."""

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Blueprint

from chalicelib.accounts import presenters, schemas, service
from chalicelib.errors import DomainError
from chalicelib.observability import metrics
from chalicelib.web import Access, Call, endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/api/users", method="POST", access=Access.PUBLIC, body=schemas.SignUpRequest,
          response=schemas.Session, status=201, errors=(400, 409),
          summary="Créer un compte (e-mail, ou identifiant généré pour un élève) et ouvrir une session")
def sign_up(call: Call[schemas.SignUpRequest]) -> schemas.Session:
    account = service.sign_up(call.body)
    metrics.add_metric(name="SignUps", unit=MetricUnit.Count, value=1)
    return service.open_session(account)


def _source() -> str:
    """The caller's address, which login attempts are counted by (with the login)."""
    context = bp.current_request.context or {}
    return (context.get("identity") or {}).get("sourceIp") or "unknown"


@endpoint(bp, "/api/token", method="POST", access=Access.PUBLIC, body=schemas.LoginRequest,
          response=schemas.Session, errors=(400, 401, 429),
          summary="Se connecter avec son e-mail ou son identifiant")
def log_in(call: Call[schemas.LoginRequest]) -> schemas.Session:
    try:
        session = service.log_in(call.body.login, call.body.password, _source())
    except DomainError:
        metrics.add_metric(name="LoginFailures", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name="Logins", unit=MetricUnit.Count, value=1)
    return session


@endpoint(bp, "/api/token/new-password", method="POST", access=Access.PUBLIC, body=schemas.NewPasswordLogin,
          response=schemas.Session, errors=(400, 401, 429),
          summary="Première connexion avec un mot de passe provisoire : choisir le sien, puis ouvrir une session")
def log_in_with_new_password(call: Call[schemas.NewPasswordLogin]) -> schemas.Session:
    return service.log_in_with_new_password(call.body.login, call.body.password, call.body.new_password, _source())


@endpoint(bp, "/api/token/refresh", method="POST", access=Access.PUBLIC, body=schemas.RefreshRequest,
          response=schemas.Session, errors=(400, 401),
          summary="Prolonger la session avec un jeton de rafraîchissement (usage unique)")
def refresh(call: Call[schemas.RefreshRequest]) -> schemas.Session:
    return service.refresh_session(call.body.refresh_token)


@endpoint(bp, "/api/token/revoke", method="POST", access=Access.PUBLIC, body=schemas.RefreshRequest,
          summary="Se déconnecter : la session prend fin (jetons d'accès et de rafraîchissement)")
def log_out(call: Call[schemas.RefreshRequest]) -> None:
    service.log_out(call.body.refresh_token)


@endpoint(bp, "/api/me", access=Access.LEARNER, response=schemas.Me, errors=(401,),
          summary="Mon compte")
def get_me(call: Call[None]) -> schemas.Me:
    return presenters.me(service.get_account(call.user_id))


@endpoint(bp, "/api/password-reset", method="POST", access=Access.PUBLIC,
          body=schemas.PasswordResetRequest, response=schemas.Accepted, status=202, errors=(400,),
          summary="Recevoir par e-mail un lien pour choisir un nouveau mot de passe")
def request_password_reset(call: Call[schemas.PasswordResetRequest]) -> schemas.Accepted:
    service.request_password_reset(call.body.email, call.body.lang)
    return schemas.Accepted(
        message="Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé."
    )


@endpoint(bp, "/api/password-reset/confirm", method="POST", access=Access.PUBLIC,
          body=schemas.PasswordResetConfirm, errors=(400,),
          summary="Choisir un nouveau mot de passe avec le lien reçu par e-mail : toutes les sessions prennent fin")
def reset_password(call: Call[schemas.PasswordResetConfirm]) -> None:
    service.reset_password(call.body.token, call.body.password, _source())


@endpoint(bp, "/api/me", method="PATCH", access=Access.LEARNER, body=schemas.ProfileUpdate,
          response=schemas.Me, errors=(400, 401),
          summary="Changer ses prénom, nom ou langue (celle du site et des e-mails)")
def update_me(call: Call[schemas.ProfileUpdate]) -> schemas.Me:
    return presenters.me(service.update_profile(call.user_id, call.body))


@endpoint(bp, "/api/me/password", method="POST", access=Access.LEARNER, body=schemas.PasswordChange,
          response=schemas.Session, errors=(400, 401, 429),
          summary="Changer son mot de passe avec l'actuel : toutes les sessions prennent fin, une nouvelle s'ouvre")
def change_password(call: Call[schemas.PasswordChange]) -> schemas.Session:
    return service.change_password(call.user_id, call.body.current_password, call.body.new_password)


@endpoint(bp, "/api/me/email", method="POST", access=Access.LEARNER, body=schemas.EmailChangeRequest,
          response=schemas.Accepted, status=202, errors=(400, 401, 409, 429),
          summary="Changer d'adresse e-mail : un lien de confirmation est envoyé à la nouvelle adresse")
def request_email_change(call: Call[schemas.EmailChangeRequest]) -> schemas.Accepted:
    service.request_email_change(call.user_id, call.body.email, call.body.password)
    return schemas.Accepted(message="Un lien de confirmation vient d'être envoyé à la nouvelle adresse.")


@endpoint(bp, "/api/email-change/confirm", method="POST", access=Access.PUBLIC, body=schemas.EmailChangeConfirm,
          response=schemas.EmailChanged, errors=(400, 409),
          summary="Confirmer la nouvelle adresse e-mail avec le lien reçu : elle devient l'identifiant de connexion")
def confirm_email_change(call: Call[schemas.EmailChangeConfirm]) -> schemas.EmailChanged:
    return schemas.EmailChanged(email=service.confirm_email_change(call.body.token))


@endpoint(bp, "/api/me/deletion", method="POST", access=Access.LEARNER, body=schemas.AccountDeletion,
          errors=(400, 401, 429),
          summary="Supprimer son compte (mot de passe en confirmation) : la personne est anonymisée, "
                  "ses sessions prennent fin")
def delete_account(call: Call[schemas.AccountDeletion]) -> None:
    service.delete_account(call.user_id, call.body.password)
