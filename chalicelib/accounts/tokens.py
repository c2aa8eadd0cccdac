"""Access tokens (short-lived JWT) and opaque single-use tokens (refresh, password reset).

Opaque tokens are random, handed to the user once, and stored only as SHA-256 hashes.
"""

import hashlib
import secrets
from datetime import timedelta

import jwt
from pynamodb.exceptions import DeleteError

from chalicelib import clock
from chalicelib.accounts.models import Token
from chalicelib.errors import Unauthenticated
from chalicelib.settings import get_settings
from chalicelib.web import Principal

_ALGORITHM = "HS256"


def issue_access_token(user_id: str, roles: set[str]) -> tuple[str, int]:
    """A signed access token and its lifetime in seconds."""
    settings = get_settings()
    lifetime = settings.access_token_minutes * 60
    issued = clock.now()
    claims = {
        "sub": user_id,
        "roles": sorted(roles),
        "iat": issued,
        "exp": issued + timedelta(seconds=lifetime),
        "typ": "access",
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=_ALGORITHM), lifetime


def authenticate(token: str) -> Principal:
    """The caller behind an access token; 401 when it is forged, expired or not an access token."""
    try:
        claims = jwt.decode(
            token,
            get_settings().jwt_secret,
            algorithms=[_ALGORITHM],
            options={"require": ["sub", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("TOKEN_EXPIRED", "Votre session a expiré : reconnectez-vous.") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("INVALID_TOKEN", "Votre session n'est pas valide : reconnectez-vous.") from None
    if claims.get("typ") != "access":
        raise Unauthenticated("INVALID_TOKEN", "Votre session n'est pas valide : reconnectez-vous.")
    return Principal(user_id=claims["sub"], roles=frozenset(claims.get("roles", [])))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_opaque_token(kind: str, user_id: str, lifetime: timedelta) -> str:
    token = secrets.token_urlsafe(32)
    Token(_digest(token), kind=kind, user_id=user_id, expires_at=clock.now() + lifetime).save()
    return token


def consume_opaque_token(kind: str, token: str) -> str | None:
    """The user id behind a valid token, which is deleted so it can serve only once."""
    try:
        item = Token.get(_digest(token))
    except Token.DoesNotExist:
        return None
    if item.kind != kind or item.expires_at <= clock.now():
        return None
    try:
        item.delete(condition=Token.token_hash.exists())
    except DeleteError:
        return None  # used concurrently by another request
    return item.user_id


def revoke_opaque_token(token: str) -> None:
    Token(_digest(token)).delete()
