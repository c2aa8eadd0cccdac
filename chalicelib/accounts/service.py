"""Account use cases: sign up, log in, refresh, log out, reset a forgotten password, end all sessions, and
what a person changes on "Mon compte" (names, language, password, e-mail) or deletes (anonymisation).

Storage is `store.current()` (DynamoDB, or the in-memory twin in service tests); rules without I/O are in
`domain.py`, `passwords.py`, `usernames.py`; what the API shows is in `presenters.py`.
"""

import dataclasses
import hashlib
import uuid
from datetime import date, timedelta
from typing import NoReturn

from chalicelib import clock, rooms
from chalicelib.accounts import bus, mails, passwords, presenters, store, tokens
from chalicelib.accounts.domain import (
    ATTEMPTS_MEMORY,
    FIRST_BLOCK,
    FREE_ATTEMPTS,
    Account,
    Grant,
    GrantKind,
    Spend,
    block_duration,
    login_digest,
    login_handle,
    session_key,
)
from chalicelib.accounts.schemas import ProfileUpdate, Session, SignUpRequest
from chalicelib.accounts.usernames import username_candidates
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound, TooManyAttempts, Unauthenticated
from chalicelib.mail import send_mail
from chalicelib.observability import logger
from chalicelib.settings import get_settings

RESET_LINK_LIFETIME = timedelta(hours=1)
RESET_MAILS_PER_HOUR = 3
EMAIL_LINK_LIFETIME = timedelta(hours=24)
# Checks of the current password by a signed-in person (password, e-mail change, deletion): a stolen
# session cannot try passwords at will to take the account over.
PASSWORD_CHECKS_PER_HOUR = 10


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


def _check_password(password: str, *personal: str | None, field: str = "password") -> None:
    """Refuse a new password, saying everything that is wrong at once: every rule missing (`meta.missing`,
    rule ids the site translates), or why it is easy to guess (`meta.reasons`)."""
    missing = passwords.missing_rules(password)
    if missing:
        message = "Il manque : " + ", ".join(passwords.password_problems(password)) + "."
        raise Invalid("WEAK_PASSWORD", message, meta={"missing": missing},
                      details=[{"field": field, "message": message}])
    reasons = passwords.guessable_reasons(password, personal)
    if reasons:
        told = " ; ".join(passwords.REASONS[r] for r in reasons)
        message = f"Ce mot de passe est trop facile à deviner : {told}."
        raise Invalid("GUESSABLE_PASSWORD", message, meta={"reasons": reasons},
                      details=[{"field": field, "message": message}])


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


def _take_attempt(key: str, login: str) -> timedelta:
    """Count this attempt *before* the password is checked, so that parallel attempts cannot outnumber
    the free ones. Returns the block this attempt already set for the next ones (zero for a free
    attempt); raises while the login is blocked from this source."""
    db = store.current()
    now = clock.now()
    expires = now + ATTEMPTS_MEMORY
    for _ in range(3):
        if db.count_free_attempt(key, FREE_ATTEMPTS - 1, expires, login):
            return timedelta(0)
        counter = db.attempt_counter(key)
        if counter.attempts < FREE_ATTEMPTS - 1:
            continue  # a success cleared the counter meanwhile
        if counter.blocked_until and counter.blocked_until > now:
            _raise_blocked(counter.blocked_until - now)
        # Beyond the free attempts, one attempt per block: it sets the next block before it is checked.
        wait = block_duration(counter.attempts + 1)
        if db.take_attempt(key, counter.attempts, now + wait, expires, login):
            return wait
    _raise_blocked(FIRST_BLOCK)  # other attempts from the same source keep taking the place


def _checked_login(login: str, password: str, source: str) -> Account:
    """The account, if the credentials are right. From one source, a login gets a few free attempts, then
    one per growing delay; an unknown login gets exactly the same answers, in the same time."""
    handle = login_handle(login)
    key = _attempts_key(handle, source)
    block = _take_attempt(key, login_digest(handle))
    account = store.current().account_by_login(handle)
    verified = passwords.verify_password(account.password_hash if account else passwords.dummy_hash(), password)
    if account is None or not verified:
        if block:
            _raise_blocked(block)
        raise _bad_credentials()
    store.current().clear_attempts(key)
    return account


def log_in(login: str, password: str, source: str) -> Session:
    """Check the credentials and open a session; a temporary password (chosen by a teacher) opens none:
    the person must choose their own first (`log_in_with_new_password`)."""
    account = _checked_login(login, password, source)
    if account.password_temporary:
        raise Forbidden("PASSWORD_CHANGE_REQUIRED",
                        "Ce mot de passe est provisoire : choisissez votre propre mot de passe pour continuer.")
    return open_session(account)


def log_in_with_new_password(login: str, password: str, new_password: str, source: str) -> Session:
    """The first login with a temporary password: the new one replaces it (the same rules as any
    password), then a session opens. Counted as a login attempt."""
    account = _checked_login(login, password, source)
    if not account.password_temporary:
        raise Invalid("PASSWORD_CHANGE_NOT_REQUIRED",
                      "Ce mot de passe n'est pas provisoire : connectez-vous, puis changez-le dans « Mon compte ».")
    _check_password(new_password, account.first_name, account.last_name, account.email, account.username,
                    field="new_password")
    if passwords.verify_password(account.password_hash, new_password):
        message = "Choisissez un mot de passe différent du mot de passe provisoire."
        raise Invalid("SAME_PASSWORD", message, details=[{"field": "new_password", "message": message}])
    db = store.current()
    db.set_password(account.user_id, passwords.hash_password(new_password))
    db.delete_grants(account.user_id)
    return open_session(get_account(account.user_id))


# --- accounts created for pupils by their school ----------------------------------------------------


def create_pupil_account(first_name: str, last_name: str, birth_date: date, temporary_password: str,
                         lang: str = "fr") -> Account:
    """An account with a generated username (`prenom.nom` + DDMM, random digits when taken) and a
    temporary password a teacher hands out: the pupil chooses their own at their first login."""
    now = clock.now()
    account = Account(user_id=str(uuid.uuid4()), first_name=first_name, last_name=last_name, email=None,
                      username=None, password_hash=passwords.hash_password(temporary_password), roles=frozenset(),
                      lang=lang, cgu_accepted_at=now, created_at=now, password_temporary=True)
    for candidate in username_candidates(first_name, last_name, birth_date):
        pupil = dataclasses.replace(account, username=candidate)
        if store.current().create_account(pupil, candidate):
            return pupil
    raise Conflict("USERNAME_UNAVAILABLE", "Impossible de générer un identifiant : contactez le support.")


def set_temporary_password(user_id: str, temporary_password: str) -> Account:
    """A teacher gives a pupil a new temporary password: every session ends; the pupil chooses their own
    at the next login."""
    account = get_account(user_id)
    db = store.current()
    db.set_password(user_id, passwords.hash_password(temporary_password), temporary=True)
    db.delete_grants(user_id)
    return dataclasses.replace(account, password_temporary=True)


def _raise_blocked(wait: timedelta) -> NoReturn:
    seconds = max(1, int(wait.total_seconds() + 0.999))
    minutes = (seconds + 59) // 60
    raise TooManyAttempts(
        "ACCOUNT_TEMPORARILY_BLOCKED",
        f"Trop de tentatives de connexion : réessayez dans {minutes} minute{'s' if minutes > 1 else ''}.",
        retry_after_seconds=seconds,
    )


# --- forgotten password -------------------------------------------------------------------------------


def request_password_reset(email: str, lang: str | None = None) -> None:
    """Hand the request to the event handler, whatever the address: the answer takes the same time
    whether an account exists or not, and the e-mail is sent off the request path. `lang` is the page's
    language (not personal)."""
    detail = {"email": email.lower()}
    if lang:
        detail["lang"] = lang
    bus.publish(bus.PASSWORD_RESET_REQUESTED, detail)


def send_password_reset_link(email: str, lang: str | None = None) -> None:
    """E-mail a single-use link valid one hour (a few per hour at most); nothing when no account has
    this address. Written in the language of the page the request came from, else the account's."""
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
    send_mail(account.email, *mails.password_reset(lang or account.lang, account.first_name, token))


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


# --- "Mon compte": names, language, password, e-mail, deletion -----------------------------------------


def _wrong_password(field: str) -> Invalid:
    # 400, not 401: the person is signed in; a 401 would make the site refresh the session and retry.
    message = "Le mot de passe actuel est incorrect."
    return Invalid("WRONG_PASSWORD", message, details=[{"field": field, "message": message}])


def _confirm_password(account: Account, password: str, field: str = "password") -> None:
    """The person proves it is them (not someone at an unlocked computer) before a change that could take
    the account over or delete it. Counted before the check, as logins are, so parallel guesses from a
    stolen session get no more checks than sequential ones."""
    db = store.current()
    if not db.count_in_window(f"password-check#{account.user_id}", PASSWORD_CHECKS_PER_HOUR,
                              timedelta(hours=1), clock.now()):
        raise TooManyAttempts("PASSWORD_CHECKS_EXCEEDED",
                              "Trop de vérifications du mot de passe : réessayez dans une heure.",
                              retry_after_seconds=3600)
    if not passwords.verify_password(account.password_hash, password):
        raise _wrong_password(field)


def update_profile(user_id: str, change: ProfileUpdate) -> Account:
    """Change the names and/or the language (the site's, and the e-mails')."""
    account = get_account(user_id)
    changed = dataclasses.replace(
        account,
        first_name=change.first_name or account.first_name,
        last_name=change.last_name or account.last_name,
        lang=change.lang or account.lang,
    )
    if changed != account:
        store.current().update_profile(user_id, changed.first_name, changed.last_name, changed.lang)
    return changed


def change_password(user_id: str, current_password: str, new_password: str) -> Session:
    """Change the password with the current one. Every session ends, this one included, and a fresh one
    opens for the caller: the session version is the one mechanism that ends sessions, and a thief holding
    this session's refresh token must lose it too. Pending reset links are spent; the owner is told by
    e-mail."""
    account = get_account(user_id)
    _confirm_password(account, current_password, "current_password")
    _check_password(new_password, account.first_name, account.last_name, account.email, account.username,
                    field="new_password")
    db = store.current()
    db.set_password(user_id, passwords.hash_password(new_password))
    db.delete_grants(user_id)
    if account.email:
        send_mail(account.email, *mails.password_changed(account.lang, account.first_name))
    return open_session(get_account(user_id))


def _invalid_email_link() -> Invalid:
    return Invalid("INVALID_EMAIL_LINK",
                   "Ce lien de confirmation a expiré ou a déjà servi : refaites la demande depuis « Mon compte ».")


def _email_taken() -> Conflict:
    return Conflict("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse e-mail.")


def request_email_change(user_id: str, new_email: str, password: str) -> None:
    """Send a single-use link, valid 24 hours, to the new address; nothing changes until it is opened.
    A pupil without an address may add one this way (it becomes a second login, beside the username)."""
    account = get_account(user_id)
    _confirm_password(account, password)
    email = new_email.lower()
    if email == account.email:
        raise Invalid("SAME_EMAIL", "C'est déjà l'adresse de votre compte.",
                      details=[{"field": "email", "message": "C'est déjà l'adresse de votre compte."}])
    db = store.current()
    # Sign-up already tells whether an address has an account: a signed-in person who knows their
    # password learns nothing more here.
    if db.account_by_login(email) is not None:
        raise _email_taken()
    token = tokens.new_secret()
    db.put_grants(Grant(tokens.digest(token), GrantKind.EMAIL_CHANGE, user_id, clock.now() + EMAIL_LINK_LIFETIME,
                        account.session_version, email=email))
    send_mail(email, *mails.email_confirmation(account.lang, account.first_name, token))


def confirm_email_change(token: str) -> str:
    """Open the link sent to the new address: the login handle moves to it, and the old address is told.
    Anyone holding the link may open it (it may be opened on a phone without a session): it proves the
    new address is the person's, the request proved the password. Returns the new address."""
    db = store.current()
    key = tokens.digest(token)
    grant = db.grant(key)
    if grant is None or grant.kind is not GrantKind.EMAIL_CHANGE or grant.expires_at <= clock.now() or not grant.email:
        raise _invalid_email_link()
    account = db.account(grant.user_id)
    # A password change or reset since the request spends the link (its version is older).
    if account is None or account.anonymised_at or grant.session_version != account.session_version:
        raise _invalid_email_link()
    if db.account_by_login(grant.email) is not None:
        raise _email_taken()
    if not db.consume(key):
        raise _invalid_email_link()
    if not db.change_email(account.user_id, account.email, grant.email):
        raise _email_taken()  # taken meanwhile (or the address changed by another link at the same time)
    # Reset links went to the old address: whoever reads it must not take the account back with one.
    db.delete_grants(account.user_id, GrantKind.RESET)
    if account.email:
        send_mail(account.email, *mails.email_changed(account.lang, account.first_name, grant.email))
    return grant.email


def delete_account(user_id: str, password: str) -> None:
    """The person deletes their account, with their password as confirmation: a last e-mail, then the
    same anonymisation as the back office's."""
    account = get_account(user_id)
    _confirm_password(account, password)
    if account.email:
        send_mail(account.email, *mails.account_deleted(account.lang, account.first_name))
    rooms.anonymise_person(user_id)  # every room's hook, this room's `anonymise` last


def anonymise(user_id: str) -> None:
    """Remove the person from the accounts room (the back office does the same): names replaced, address,
    username, password and roles removed, login handles freed, every session and link ended. The user id
    stays, without anyone behind it, so the learner's answers and statistics stay whole. Idempotent."""
    db = store.current()
    account = db.account(user_id)
    if account is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "Ce compte n'existe pas.")
    if account.anonymised_at is None:
        for handle in account.handles:  # its attempt counters name the login (hashed): gone with it
            db.clear_login(login_digest(handle))
        db.anonymise(account, clock.now())
    db.delete_grants(user_id)
