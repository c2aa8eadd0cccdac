"""Account use cases: sign up, log in, refresh, log out, reset a forgotten password, end all sessions.

Storage is `store.current()` (DynamoDB, or the in-memory twin in service tests); rules without I/O are in
`domain.py`, `passwords.py`, `usernames.py`; what the API shows is in `presenters.py`.
"""

import dataclasses
import hashlib
import uuid
from datetime import timedelta

from chalicelib import clock
from chalicelib.accounts import bus, passwords, presenters, store, tokens
from chalicelib.accounts.domain import (
    ATTEMPTS_MEMORY,
    FIRST_BLOCK,
    FREE_ATTEMPTS,
    Account,
    Grant,
    GrantKind,
    Spend,
    block_duration,
    session_key,
)
from chalicelib.accounts.schemas import Session, SignUpRequest
from chalicelib.accounts.usernames import username_candidates
from chalicelib.errors import Conflict, Invalid, NotFound, TooManyAttempts, Unauthenticated
from chalicelib.mail import send_mail
from chalicelib.observability import logger
from chalicelib.settings import get_settings

RESET_LINK_LIFETIME = timedelta(hours=1)
RESET_MAILS_PER_HOUR = 3


def _bad_credentials() -> Unauthenticated:
    # A fresh error each time: a module-level one would keep every tried password in its traceback.
    return Unauthenticated("INVALID_CREDENTIALS", "L'adresse e-mail, l'identifiant ou le mot de passe est incorrect.")


def _invalid_refresh() -> Unauthenticated:
    return Unauthenticated("INVALID_REFRESH_TOKEN", "Votre session a expiré : reconnectez-vous.")


def _invalid_reset_link() -> Invalid:
    return Invalid("INVALID_RESET_LINK",
                   "Ce lien de réinitialisation a expiré ou a déjà servi : demandez-en un nouveau.")


def get_account(user_id: str) -> Account:
    account = store.current().account(user_id)
    if account is None:
        raise Unauthenticated("UNKNOWN_USER", "Ce compte n'existe plus.")
    return account


def _check_password(password: str, *personal: str | None) -> None:
    problems = passwords.password_problems(password)
    if problems:
        raise Invalid(
            "WEAK_PASSWORD",
            "Le mot de passe doit contenir " + ", ".join(problems) + ".",
            details=[{"field": "password", "message": p} for p in problems],
        )
    if passwords.is_guessable(password, personal):
        message = ("Ce mot de passe est trop facile à deviner : évitez les mots de passe courants, "
                   "votre nom et votre adresse e-mail.")
        raise Invalid("GUESSABLE_PASSWORD", message, details=[{"field": "password", "message": message}])


# --- sign up, sessions ---------------------------------------------------------------------------------


def sign_up(request: SignUpRequest, roles: set[str] | None = None) -> Account:
    """Create an account with an e-mail, or with a generated username when there is none."""
    if not request.cgu_accepted:
        raise Invalid("CGU_NOT_ACCEPTED", "Vous devez accepter les conditions d'utilisation.")
    if request.email is None and request.birth_date is None:
        raise Invalid(
            "EMAIL_OR_BIRTH_DATE_REQUIRED",
            "Indiquez une adresse e-mail, ou votre date de naissance pour obtenir un identifiant.",
        )
    _check_password(request.password, request.first_name, request.last_name, request.email)
    now = clock.now()
    account = Account(
        user_id=str(uuid.uuid4()),
        first_name=request.first_name,
        last_name=request.last_name,
        email=request.email.lower() if request.email else None,
        username=None,
        password_hash=passwords.hash_password(request.password),
        roles=frozenset(roles or ()),
        lang=request.lang,
        cgu_accepted_at=now,
        created_at=now,
    )
    db = store.current()
    if account.email is not None:
        if not db.create_account(account, account.email):
            raise Conflict("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse e-mail.")
        return account
    assert request.birth_date is not None
    for candidate in username_candidates(request.first_name, request.last_name, request.birth_date):
        pupil = dataclasses.replace(account, username=candidate)
        if db.create_account(pupil, candidate):
            return pupil
    raise Conflict("USERNAME_UNAVAILABLE", "Impossible de générer un identifiant : contactez le support.")


def open_session(account: Account) -> Session:
    """A new session: its item (whose id every access token names) and its first refresh token."""
    now = clock.now()
    session_id, refresh = tokens.new_session_id(), tokens.new_secret()
    expires = now + timedelta(days=get_settings().refresh_token_days)
    version = account.session_version
    store.current().put_grants(
        Grant(session_key(session_id), GrantKind.SESSION, account.user_id, expires, version, family_id=session_id),
        Grant(tokens.digest(refresh), GrantKind.REFRESH, account.user_id, expires, version, family_id=session_id),
    )
    access, lifetime = tokens.issue_access_token(account.user_id, session_id, version)
    return presenters.session(account, access, lifetime, refresh)


def refresh_session(refresh_token: str) -> Session:
    """Trade a refresh token for a new one in the same session (rotation). A token traded before is
    being replayed, by a thief or by its owner after a theft: the whole session ends."""
    db = store.current()
    now = clock.now()
    outcome, grant = db.spend_refresh(tokens.digest(refresh_token), now)
    if outcome is Spend.REUSED and grant is not None and grant.family_id:
        db.delete_family(grant.user_id, grant.family_id)
        logger.warning("refresh token reused: its session is revoked")
        raise _invalid_refresh()
    if outcome is not Spend.SPENT or grant is None or not grant.family_id:
        raise _invalid_refresh()
    account, session = db.account_and_session(grant.user_id, grant.family_id)
    if account is None or session is None or session.session_version != account.session_version:
        raise _invalid_refresh()
    refresh = tokens.new_secret()
    expires = now + timedelta(days=get_settings().refresh_token_days)
    following = Grant(tokens.digest(refresh), GrantKind.REFRESH, account.user_id, expires,
                      session.session_version, family_id=grant.family_id)
    if not db.rotate(session, following, expires):
        raise _invalid_refresh()
    access, lifetime = tokens.issue_access_token(account.user_id, grant.family_id, session.session_version)
    return presenters.session(account, access, lifetime, refresh)


def log_out(refresh_token: str) -> None:
    """End the session the refresh token belongs to: its access tokens are refused from now on."""
    db = store.current()
    grant = db.grant(tokens.digest(refresh_token))
    if grant is not None and grant.kind is GrantKind.REFRESH and grant.family_id:
        db.delete_family(grant.user_id, grant.family_id)


def end_all_sessions(user_id: str) -> None:
    """Sign the person out everywhere (support staff, a password reset): every access token, refresh
    token and pending reset link stops working."""
    db = store.current()
    if db.account(user_id) is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "Ce compte n'existe pas.")
    db.raise_session_version(user_id)
    db.delete_grants(user_id)


# --- log in ----------------------------------------------------------------------------------------------


def _attempts_key(handle: str, source: str) -> str:
    # Per login *and* source: a stranger hammering a login from elsewhere cannot lock its owner out.
    # Hashed: the table holds neither the e-mail nor the address.
    return "login#" + hashlib.sha256(f"{handle}\n{source}".encode()).hexdigest()


def _take_attempt(key: str) -> timedelta:
    """Count this attempt *before* the password is checked, so that parallel attempts cannot outnumber
    the free ones. Returns the block this attempt already set for the next ones (zero for a free
    attempt); raises while the login is blocked from this source."""
    db = store.current()
    now = clock.now()
    expires = now + ATTEMPTS_MEMORY
    for _ in range(3):
        if db.count_free_attempt(key, FREE_ATTEMPTS - 1, expires):
            return timedelta(0)
        counter = db.attempt_counter(key)
        if counter.attempts < FREE_ATTEMPTS - 1:
            continue  # a success cleared the counter meanwhile
        if counter.blocked_until and counter.blocked_until > now:
            _raise_blocked(counter.blocked_until - now)
        # Beyond the free attempts, one attempt per block: it sets the next block before it is checked.
        wait = block_duration(counter.attempts + 1)
        if db.take_attempt(key, counter.attempts, now + wait, expires):
            return wait
    _raise_blocked(FIRST_BLOCK)  # other attempts from the same source keep taking the place


def log_in(login: str, password: str, source: str) -> Session:
    """Check the credentials. From one source, a login gets a few free attempts, then one per growing
    delay; an unknown login gets exactly the same answers, in the same time."""
    handle = login.strip().lower()
    key = _attempts_key(handle, source)
    block = _take_attempt(key)
    account = store.current().account_by_login(handle)
    verified = passwords.verify_password(account.password_hash if account else passwords.dummy_hash(), password)
    if account is None or not verified:
        if block:
            _raise_blocked(block)
        raise _bad_credentials()
    store.current().clear_attempts(key)
    return open_session(account)


def _raise_blocked(wait: timedelta) -> None:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    minutes = (seconds + 59) // 60
    raise TooManyAttempts(
        "ACCOUNT_TEMPORARILY_BLOCKED",
        f"Trop de tentatives de connexion : réessayez dans {minutes} minute{'s' if minutes > 1 else ''}.",
        retry_after_seconds=seconds,
    )


# --- forgotten password -------------------------------------------------------------------------------


def request_password_reset(email: str) -> None:
    """Hand the request to the event handler, whatever the address: the answer takes the same time
    whether an account exists or not, and the e-mail is sent off the request path."""
    bus.publish(bus.PASSWORD_RESET_REQUESTED, {"email": email.lower()})


def send_password_reset_link(email: str) -> None:
    """E-mail a single-use link valid one hour (a few per hour at most); nothing when no account has
    this address."""
    db = store.current()
    account = db.account_by_login(email.lower())
    if account is None or account.email is None:
        return
    now = clock.now()
    if not db.count_in_window(f"reset-mail#{account.user_id}", RESET_MAILS_PER_HOUR, timedelta(hours=1), now):
        logger.info("password reset e-mails limit reached")
        return
    token = tokens.new_secret()
    db.put_grants(Grant(tokens.digest(token), GrantKind.RESET, account.user_id, now + RESET_LINK_LIFETIME,
                        account.session_version))
    # The token rides in the fragment, which browsers never send to a server: it stays out of logs.
    link = f"{get_settings().site_url}/mot-de-passe-oublie/nouveau/#token={token}"
    send_mail(
        account.email,
        "Réinitialisation de votre mot de passe Pix",
        f"Bonjour {account.first_name},\n\n"
        "Vous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure "
        f"et ne sert qu'une fois :\n\n{link}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : "
        "votre mot de passe reste inchangé.\n\nL'équipe Pix",
    )


def reset_password(token: str, password: str, source: str) -> None:
    """Choose a new password with a reset link: every session ends and every other pending link is
    spent; the login is unblocked from where the reset was made."""
    db = store.current()
    key = tokens.digest(token)
    grant = db.grant(key)
    if grant is None or grant.kind is not GrantKind.RESET or grant.expires_at <= clock.now():
        raise _invalid_reset_link()
    account = db.account(grant.user_id)
    # A link issued before the last reset or "end all sessions" is spent, even if its item remains.
    if account is None or grant.session_version != account.session_version:
        raise _invalid_reset_link()
    _check_password(password, account.first_name, account.last_name, account.email, account.username)
    if not db.consume(key):
        raise _invalid_reset_link()
    db.set_password(account.user_id, passwords.hash_password(password))
    db.delete_grants(account.user_id)
    for handle in account.handles:
        db.clear_attempts(_attempts_key(handle, source))
