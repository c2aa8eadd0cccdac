"""Access tokens (short-lived JWT) and the per-request check behind them; opaque token helpers.

An access token proves who signed in (`sub`) and in which session (`sid`) under which session version
(`sv`). It is not trusted alone: each authenticated request reads the account and the session in one
round trip, so a logout, a password reset or "end all sessions" takes effect at the next request, and
operator roles come from the account, never from the token.
"""

import hashlib
import secrets
from datetime import timedelta

import jwt

from chalicelib import clock
from chalicelib.accounts import store
from chalicelib.errors import Unauthenticated
from chalicelib.settings import get_settings
from chalicelib.web import OPERATOR_ROLES, Principal

_ALGORITHM = "HS256"


def issue_access_token(user_id: str, session_id: str, session_version: int) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    settings = get_settings()
    lifetime = settings.access_token_minutes * 60
    issued = clock.now()
    claims = {
        "sub": user_id,
        "sid": session_id,
        "sv": session_version,
        "iat": issued,
        "exp": issued + timedelta(seconds=lifetime),
        "typ": "access",
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=_ALGORITHM), lifetime


def _invalid() -> Unauthenticated:
    return Unauthenticated("INVALID_TOKEN", "Votre session n'est pas valide : reconnectez-vous.")


def _ended() -> Unauthenticated:
    return Unauthenticated("SESSION_ENDED", "Votre session a pris fin : reconnectez-vous.")


def authenticate(token: str) -> Principal:
    """The caller behind an access token; 401 when it is forged, expired, not an access token, or its
    session has ended."""
    try:
        claims = jwt.decode(
            token,
            get_settings().jwt_secret,
            algorithms=[_ALGORITHM],
            options={"require": ["sub", "sid", "sv", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("TOKEN_EXPIRED", "Votre session a expiré : reconnectez-vous.") from None
    except jwt.InvalidTokenError:
        raise _invalid() from None
    if claims.get("typ") != "access" or not isinstance(claims["sv"], int):
        raise _invalid()
    account, session = store.current().account_and_session(claims["sub"], claims["sid"])
    if account is None:
        raise Unauthenticated("UNKNOWN_USER", "Ce compte n'existe plus.")
    if (
        claims["sv"] != account.session_version
        or session is None
        or session.user_id != account.user_id
        or session.expires_at <= clock.now()
    ):
        raise _ended()
    return Principal(user_id=account.user_id, roles=account.roles & frozenset(OPERATOR_ROLES))


def new_secret() -> str:
    """A random token handed to the user once; only its digest is stored."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_session_id() -> str:
    return secrets.token_urlsafe(16)
