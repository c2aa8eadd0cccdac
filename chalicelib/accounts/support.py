"""What support staff do on someone's account (the back office calls these through `api.py`; it checks
the operator's role and records each action in the audit trail): find an account, see and lift a login's
block, correct the identity or the address, send a reset link, remove a login, set operator roles.

Each use case returns the before/after of what it changed, which the back office records.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Literal

from chalicelib import clock
from chalicelib.accounts import search, service, store
from chalicelib.accounts.domain import Account, AccountSummary, GrantKind, NameOrder, login_digest, login_handle
from chalicelib.errors import Conflict, Invalid, NotFound

Changes = dict[str, tuple[Any, Any]]
ORDERS: tuple[NameOrder, ...] = ("last", "first")


def _account(user_id: str) -> Account:
    account = store.current().account(user_id)
    if account is None:
        raise NotFound("ACCOUNT_NOT_FOUND", "Ce compte n'existe pas.")
    return account


def _living(user_id: str) -> Account:
    account = _account(user_id)
    if account.anonymised_at is not None:
        raise Conflict("ACCOUNT_ANONYMISED", "Ce compte a été anonymisé : il ne peut plus être modifié.")
    return account


def account(user_id: str) -> Account:
    return _account(user_id)


def search_accounts(query: str, start: dict[str, Any] | None,
                    limit: int) -> tuple[list[AccountSummary], dict[str, Any] | None]:
    """Accounts by e-mail or username (exactly), or by name (prefix, last name then first name first):
    one Query per index read, never a scan. `start` is where the previous page stopped."""
    if search.looks_like_login(query):
        found = store.current().account_by_login(login_handle(query))
        if found is None or start is not None:
            return [], None
        return [AccountSummary(found.user_id, found.first_name, found.last_name, found.email, found.username)], None
    wanted = search.normalise(query)
    if len(wanted) < search.PREFIX:
        raise Invalid("SEARCH_TOO_SHORT", f"Saisissez au moins {search.PREFIX} caractères.")
    order_index = ORDERS.index(start["order"]) if start else 0
    key = start.get("key") if start else None
    results: list[AccountSummary] = []
    while order_index < len(ORDERS) and len(results) < limit:
        order = ORDERS[order_index]
        page, last = store.current().search_names(order, wanted, key, limit - len(results))
        if order == "first":  # those whose "last first" also matches were listed in the first pass
            page = [a for a in page if not search.keys(a.first_name, a.last_name)["search_last"].startswith(wanted)]
        results.extend(page)
        if last is not None:
            return results, {"order": order, "key": last}
        order_index, key = order_index + 1, None
    if order_index < len(ORDERS):
        return results, {"order": ORDERS[order_index], "key": None}
    return results, None


@dataclasses.dataclass(frozen=True, slots=True)
class LoginState:
    handle: str
    kind: Literal["email", "username"]
    failed_attempts: int  # the most counted from one source
    blocked_until: datetime | None  # None: not blocked now


def logins(user_id: str) -> list[LoginState]:
    """Each login of the account and whether it is blocked now (from any source)."""
    account = _account(user_id)
    now = clock.now()
    states = []
    for handle in account.handles:
        counters = store.current().login_counters(login_digest(handle))
        blocks = [c.blocked_until for c in counters if c.blocked_until and c.blocked_until > now]
        states.append(LoginState(handle, "email" if handle == account.email else "username",
                                 max((c.attempts for c in counters), default=0), max(blocks, default=None)))
    return states


def unblock(user_id: str) -> Changes:
    """Forget every failed attempt on the account's logins, from every source: the person can log in
    again at once."""
    before = logins(user_id)
    for state in before:
        store.current().clear_login(login_digest(state.handle))
    blocked = max((s.blocked_until for s in before if s.blocked_until), default=None)
    attempts = max((s.failed_attempts for s in before), default=0)
    return {"blocked_until": (blocked, None), "failed_attempts": (attempts, 0)}


def change_identity(user_id: str, first_name: str, last_name: str) -> Changes:
    account = _living(user_id)
    store.current().update_profile(user_id, first_name, last_name, account.lang)
    changes: Changes = {}
    if first_name != account.first_name:
        changes["first_name"] = (account.first_name, first_name)
    if last_name != account.last_name:
        changes["last_name"] = (account.last_name, last_name)
    return changes


def change_email(user_id: str, new_email: str) -> Changes:
    """Set the address at once (support checked it is the person's): it becomes the login, the old
    address is freed, reset links sent to the old one are spent."""
    account = _living(user_id)
    email = login_handle(new_email)
    if email == account.email:
        raise Invalid("SAME_EMAIL", "C'est déjà l'adresse de ce compte.")
    db = store.current()
    if db.account_by_login(email) is not None or not db.change_email(user_id, account.email, email):
        raise Conflict("EMAIL_TAKEN", "Un compte existe déjà avec cette adresse e-mail.")
    db.delete_grants(user_id, GrantKind.RESET)
    return {"email": (account.email, email)}


def send_password_reset(user_id: str) -> None:
    """E-mail the person a reset link, as "forgotten password" does (at most 3 an hour)."""
    account = _living(user_id)
    if not account.email:
        raise Invalid("ACCOUNT_WITHOUT_EMAIL", "Ce compte n'a pas d'adresse e-mail : ajoutez-en une d'abord.")
    service.send_password_reset_link(account.email)


def remove_login(user_id: str, kind: Literal["email", "username"]) -> Changes:
    """Remove the e-mail or the username as a way to log in; an account keeps at least one."""
    account = _living(user_id)
    handle = account.email if kind == "email" else account.username
    if handle is None:
        raise NotFound("LOGIN_NOT_FOUND", "Ce compte n'a pas cet identifiant de connexion.")
    if not store.current().remove_login(user_id, handle):
        raise Conflict("LAST_LOGIN", "C'est le seul moyen de connexion de ce compte : il ne peut pas être retiré.")
    store.current().clear_login(login_digest(handle))
    return {kind: (handle, None)}


def set_roles(user_id: str, roles: frozenset[str]) -> Changes:
    """The operator roles on the account, read at each request: a change takes effect at the next one."""
    account = _living(user_id)
    store.current().set_roles(user_id, roles)
    return {"roles": (account.roles, roles)}


def account_by_login(login: str) -> Account | None:
    return store.current().account_by_login(login_handle(login))
