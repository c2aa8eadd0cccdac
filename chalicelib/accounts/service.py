"""Account use cases: sign up, log in, refresh, log out, reset a forgotten password."""

import uuid
from datetime import timedelta

from pynamodb.exceptions import TransactWriteError

from chalicelib import clock
from chalicelib.accounts import passwords, tokens
from chalicelib.accounts.models import Login, User
from chalicelib.accounts.schemas import Me, Session, SignUpRequest
from chalicelib.accounts.usernames import username_candidates
from chalicelib.db import transaction
from chalicelib.errors import Conflict, Invalid, TooManyAttempts, Unauthenticated
from chalicelib.mail import send_mail
from chalicelib.settings import get_settings

# Failed logins allowed before the account is blocked; each further failure doubles the wait.
FREE_ATTEMPTS = 5
FIRST_BLOCK = timedelta(minutes=1)
LONGEST_BLOCK = timedelta(hours=1)
RESET_LINK_LIFETIME = timedelta(hours=1)


def _bad_credentials() -> Unauthenticated:
    # A fresh error each time: a module-level one would keep every tried password in its traceback.
    return Unauthenticated("INVALID_CREDENTIALS", "L'adresse e-mail, l'identifiant ou le mot de passe est incorrect.")


def block_duration(failed_logins: int) -> timedelta:
    """How long an account stays blocked after its n-th consecutive failed login (zero if not)."""
    if failed_logins < FREE_ATTEMPTS:
        return timedelta(0)
    return min(FIRST_BLOCK * 2 ** (failed_logins - FREE_ATTEMPTS), LONGEST_BLOCK)


def me(user: User) -> Me:
    return Me(
        id=user.user_id,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        username=user.username,
        roles=sorted(user.roles or ()),
        lang=user.lang,
        cgu_accepted_at=user.cgu_accepted_at.isoformat(),
    )


def get_user(user_id: str) -> User:
    try:
        return User.get(user_id)
    except User.DoesNotExist:
        raise Unauthenticated("UNKNOWN_USER", "Ce compte n'existe plus.") from None


def _check_password(password: str) -> None:
    problems = passwords.password_problems(password)
    if problems:
        raise Invalid(
            "WEAK_PASSWORD",
            "Le mot de passe doit contenir " + ", ".join(problems) + ".",
            details=[{"field": "password", "message": p} for p in problems],
        )


def _create(user: User, handle: str) -> bool:
    """Write the user and its login handle together; False when the handle is already taken."""
    try:
        with transaction() as tx:
            tx.save(Login(handle, user_id=user.user_id), condition=Login.handle.does_not_exist())
            tx.save(user, condition=User.user_id.does_not_exist())
    except TransactWriteError as error:
        if error.cause_response_code == "TransactionCanceledException":
            return False
        raise
    return True


def sign_up(request: SignUpRequest, roles: set[str] | None = None) -> User:
    """Create an account with an e-mail, or with a generated username when there is none."""
    if not request.cgu_accepted:
        raise Invalid("CGU_NOT_ACCEPTED", "Vous devez accepter les conditions d'utilisation.")
    if request.email is None and request.birth_date is None:
        raise Invalid(
            "EMAIL_OR_BIRTH_DATE_REQUIRED",
            "Indiquez une adresse e-mail, ou votre date de naissance pour obtenir un identifiant.",
        )
    _check_password(request.password)
    now = clock.now()
    user = User(
        str(uuid.uuid4()),
        first_name=request.first_name,
        last_name=request.last_name,
        password_hash=passwords.hash_password(request.password),
        roles=roles or set(),
        lang=request.lang,
        cgu_accepted_at=now,
        created_at=now,
    )
    if request.email is not None:
        user.email = request.email.lower()
        if not _create(user, user.email):
            raise Conflict("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse e-mail.")
        return user
    assert request.birth_date is not None
    for candidate in username_candidates(request.first_name, request.last_name, request.birth_date):
        user.username = candidate
        if _create(user, candidate):
            return user
    raise Conflict("USERNAME_UNAVAILABLE", "Impossible de générer un identifiant : contactez le support.")


def open_session(user: User) -> Session:
    access, lifetime = tokens.issue_access_token(user.user_id, set(user.roles or ()))
    refresh = tokens.issue_opaque_token(
        "refresh", user.user_id, timedelta(days=get_settings().refresh_token_days)
    )
    return Session(access_token=access, expires_in=lifetime, refresh_token=refresh, user=me(user))


def log_in(login: str, password: str) -> Session:
    """Check the credentials; too many failures in a row block the account for a growing delay."""
    try:
        user = User.get(Login.get(login.strip().lower()).user_id)
    except (Login.DoesNotExist, User.DoesNotExist):
        passwords.verify_password(passwords.dummy_hash(), password)
        raise _bad_credentials() from None
    now = clock.now()
    if user.blocked_until and user.blocked_until > now:
        _raise_blocked(user.blocked_until - now)
    if not passwords.verify_password(user.password_hash, password):
        user.update(actions=[User.failed_logins.add(1)])
        wait = block_duration(user.failed_logins)
        if wait:
            user.update(actions=[User.blocked_until.set(now + wait)])
            _raise_blocked(wait)
        raise _bad_credentials()
    if user.failed_logins or user.blocked_until:
        user.update(actions=[User.failed_logins.set(0), User.blocked_until.remove()])
    return open_session(user)


def _raise_blocked(wait: timedelta) -> None:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    minutes = (seconds + 59) // 60
    raise TooManyAttempts(
        "ACCOUNT_TEMPORARILY_BLOCKED",
        f"Trop de tentatives de connexion : réessayez dans {minutes} minute{'s' if minutes > 1 else ''}.",
        retry_after_seconds=seconds,
    )


def refresh_session(refresh_token: str) -> Session:
    """Trade a refresh token for a new session; the old token is spent (rotation)."""
    user_id = tokens.consume_opaque_token("refresh", refresh_token)
    if user_id is None:
        raise Unauthenticated("INVALID_REFRESH_TOKEN", "Votre session a expiré : reconnectez-vous.")
    return open_session(get_user(user_id))


def log_out(refresh_token: str) -> None:
    tokens.revoke_opaque_token(refresh_token)


def request_password_reset(email: str) -> None:
    """E-mail a single-use link valid one hour; silent when no account has this address."""
    try:
        user = User.get(Login.get(email.lower()).user_id)
    except (Login.DoesNotExist, User.DoesNotExist):
        return
    token = tokens.issue_opaque_token("reset", user.user_id, RESET_LINK_LIFETIME)
    # The token rides in the fragment, which browsers never send to a server: it stays out of logs.
    link = f"{get_settings().site_url}/mot-de-passe-oublie/nouveau/#token={token}"
    send_mail(
        user.email or email,
        "Réinitialisation de votre mot de passe Pix",
        f"Bonjour {user.first_name},\n\n"
        "Vous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure "
        f"et ne sert qu'une fois :\n\n{link}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : "
        "votre mot de passe reste inchangé.\n\nL'équipe Pix",
    )


def reset_password(token: str, password: str) -> None:
    _check_password(password)
    user_id = tokens.consume_opaque_token("reset", token)
    if user_id is None:
        raise Invalid(
            "INVALID_RESET_LINK", "Ce lien de réinitialisation a expiré ou a déjà servi : demandez-en un nouveau."
        )
    user = get_user(user_id)
    user.update(
        actions=[
            User.password_hash.set(passwords.hash_password(password)),
            User.failed_logins.set(0),
            User.blocked_until.remove(),
        ]
    )
