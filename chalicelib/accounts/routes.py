"""Accounts API: sign up, log in, refresh, log out, me, password reset."""

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
def sign_up(call: Call) -> schemas.Session:
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
def log_in(call: Call) -> schemas.Session:
    try:
        session = service.log_in(call.body.login, call.body.password, _source())
    except DomainError:
        metrics.add_metric(name="LoginFailures", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name="Logins", unit=MetricUnit.Count, value=1)
    return session


@endpoint(bp, "/api/token/refresh", method="POST", access=Access.PUBLIC, body=schemas.RefreshRequest,
          response=schemas.Session, errors=(400, 401),
          summary="Prolonger la session avec un jeton de rafraîchissement (usage unique)")
def refresh(call: Call) -> schemas.Session:
    return service.refresh_session(call.body.refresh_token)


@endpoint(bp, "/api/token/revoke", method="POST", access=Access.PUBLIC, body=schemas.RefreshRequest,
          summary="Se déconnecter : la session prend fin (jetons d'accès et de rafraîchissement)")
def log_out(call: Call) -> None:
    service.log_out(call.body.refresh_token)


@endpoint(bp, "/api/me", access=Access.LEARNER, response=schemas.Me, errors=(401,),
          summary="Mon compte")
def get_me(call: Call) -> schemas.Me:
    return presenters.me(service.get_account(call.user_id))


@endpoint(bp, "/api/password-reset", method="POST", access=Access.PUBLIC,
          body=schemas.PasswordResetRequest, response=schemas.Accepted, status=202, errors=(400,),
          summary="Recevoir par e-mail un lien pour choisir un nouveau mot de passe")
def request_password_reset(call: Call) -> schemas.Accepted:
    service.request_password_reset(call.body.email)
    return schemas.Accepted(
        message="Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé."
    )


@endpoint(bp, "/api/password-reset/confirm", method="POST", access=Access.PUBLIC,
          body=schemas.PasswordResetConfirm, errors=(400,),
          summary="Choisir un nouveau mot de passe avec le lien reçu par e-mail : toutes les sessions prennent fin")
def reset_password(call: Call) -> None:
    service.reset_password(call.body.token, call.body.password, _source())
