"""The accounts room's storage on DynamoDB: the only module importing `models.py`; it returns domain
objects (`domain.py`). Each decision taken under concurrency is one conditional operation.

`current()` is the store the use cases talk to; service tests swap in `memory.MemoryStore` with `use()`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pynamodb.exceptions import DeleteError, TransactWriteError, UpdateError

from chalicelib import db
from chalicelib.accounts import search
from chalicelib.accounts.domain import (
    ANONYMISED_NAME,
    NO_PASSWORD,
    Account,
    AccountStore,
    AccountSummary,
    AttemptCounter,
    Grant,
    GrantKind,
    NameOrder,
    Spend,
    session_key,
)
from chalicelib.accounts.models import Login, Throttle, Token, User
from chalicelib.db import batch_get, transaction

_ABSENT = "-"  # a user id that never exists: an unknown login still costs the same two reads


def _account(user: User) -> Account:
    return Account(
        user_id=user.user_id,
        first_name=user.first_name,
        last_name=user.last_name,
        email=user.email,
        username=user.username,
        password_hash=user.password_hash,
        roles=frozenset(user.roles or ()),
        lang=user.lang,
        cgu_accepted_at=user.cgu_accepted_at,
        created_at=user.created_at,
        session_version=int(user.session_version or 0),
        anonymised_at=user.anonymised_at,
        password_temporary=bool(user.password_temporary),
    )


def _user(account: Account) -> User:
    user = User(
        account.user_id,
        first_name=account.first_name,
        last_name=account.last_name,
        email=account.email,
        username=account.username,
        password_hash=account.password_hash,
        roles=set(account.roles),
        lang=account.lang,
        cgu_accepted_at=account.cgu_accepted_at,
        created_at=account.created_at,
        session_version=account.session_version,
        anonymised_at=account.anonymised_at,
        password_temporary=account.password_temporary or None,
    )
    if account.anonymised_at is None:
        for name, value in search.keys(account.first_name, account.last_name).items():
            setattr(user, name, value)
    return user


def _grant(token: Token) -> Grant:
    return Grant(
        key=token.token_hash,
        kind=GrantKind(token.kind),
        user_id=token.user_id,
        expires_at=token.expires_at,
        session_version=int(token.session_version or 0),
        family_id=token.family_id,
        spent_at=token.spent_at,
        email=token.email,
    )


def _token(grant: Grant) -> Token:
    return Token(
        grant.key,
        kind=grant.kind.value,
        user_id=grant.user_id,
        family_id=grant.family_id,
        session_version=grant.session_version,
        spent_at=grant.spent_at,
        email=grant.email,
        expires_at=grant.expires_at,
    )


class DynamoStore:
    # --- accounts ---------------------------------------------------------------------------------

    def create_account(self, account: Account, handle: str) -> bool:
        try:
            with transaction() as tx:
                tx.save(Login(handle, user_id=account.user_id), condition=Login.handle.does_not_exist())
                tx.save(_user(account), condition=User.user_id.does_not_exist())
        except TransactWriteError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def account(self, user_id: str) -> Account | None:
        try:
            return _account(User.get(user_id, consistent_read=True))
        except User.DoesNotExist:
            return None

    def accounts_of(self, user_ids: list[str]) -> dict[str, Account]:
        wanted = list(dict.fromkeys(user_ids))
        found: dict[str, Account] = {}
        for start in range(0, len(wanted), 100):  # BatchGetItem's limit; unprocessed keys are retried by PynamoDB
            for user in User.batch_get(wanted[start:start + 100]):
                found[user.user_id] = _account(user)
        return found

    def account_by_login(self, handle: str) -> Account | None:
        try:
            user_id = Login.get(handle).user_id
        except Login.DoesNotExist:
            user_id = _ABSENT
        try:
            return _account(User.get(user_id))
        except User.DoesNotExist:
            return None

    def account_and_session(self, user_id: str, session_id: str) -> tuple[Account | None, Grant | None]:
        users, tokens = User.Meta.table_name, Token.Meta.table_name
        found = batch_get({
            users: {"Keys": [{"user_id": {"S": user_id}}], "ConsistentRead": True},
            tokens: {"Keys": [{"token_hash": {"S": session_key(session_id)}}], "ConsistentRead": True},
        })
        account = _account(User.from_raw_data(found[users][0])) if found[users] else None
        session = _grant(Token.from_raw_data(found[tokens][0])) if found[tokens] else None
        return account, session

    def set_password(self, user_id: str, password_hash: str, temporary: bool = False) -> None:
        User(user_id).update(
            actions=[User.password_hash.set(password_hash), User.session_version.add(1),
                     User.password_temporary.set(True) if temporary else User.password_temporary.remove()],
            condition=User.user_id.exists(),
        )

    def raise_session_version(self, user_id: str) -> None:
        User(user_id).update(actions=[User.session_version.add(1)], condition=User.user_id.exists())

    def update_profile(self, user_id: str, first_name: str, last_name: str, lang: str) -> None:
        keys = search.keys(first_name, last_name)
        User(user_id).update(
            actions=[User.first_name.set(first_name), User.last_name.set(last_name), User.lang.set(lang),
                     *(getattr(User, name).set(value) for name, value in keys.items())],
            condition=User.user_id.exists() & User.anonymised_at.does_not_exist(),
        )

    def search_names(self, order: NameOrder, query: str, start: dict[str, Any] | None,
                     limit: int) -> tuple[list[AccountSummary], dict[str, Any] | None]:
        index, key = (User.by_last_name, User.search_last) if order == "last" else (User.by_first_name,
                                                                                     User.search_first)
        result = index.query(query[:search.PREFIX], key.startswith(query), limit=limit, last_evaluated_key=start)
        found = [AccountSummary(u.user_id, u.first_name, u.last_name, u.email, u.username) for u in result]
        return found, result.last_evaluated_key

    def remove_login(self, user_id: str, handle: str) -> bool:
        field, other = (User.email, User.username) if "@" in handle else (User.username, User.email)
        try:
            with transaction() as tx:
                tx.delete(Login(handle), condition=Login.user_id == user_id)
                tx.update(User(user_id), actions=[field.remove()],
                          condition=User.user_id.exists() & (field == handle) & other.exists())
        except TransactWriteError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def set_roles(self, user_id: str, roles: frozenset[str]) -> None:
        action = User.roles.set(set(roles)) if roles else User.roles.remove()
        User(user_id).update(actions=[action], condition=User.user_id.exists())

    def change_email(self, user_id: str, old_email: str | None, new_email: str) -> bool:
        same_address = User.email == old_email if old_email else User.email.does_not_exist()
        try:
            with transaction() as tx:
                tx.save(Login(new_email, user_id=user_id), condition=Login.handle.does_not_exist())
                if old_email:
                    tx.delete(Login(old_email), condition=Login.user_id == user_id)
                tx.update(User(user_id), actions=[User.email.set(new_email)],
                          condition=User.user_id.exists() & same_address)
        except TransactWriteError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def anonymise(self, account: Account, at: datetime) -> None:
        with transaction() as tx:
            for handle in account.handles:
                tx.delete(Login(handle), condition=Login.user_id == account.user_id)
            tx.update(User(account.user_id), actions=[
                User.first_name.set(ANONYMISED_NAME),
                User.last_name.set(ANONYMISED_NAME),
                User.email.remove(),
                User.username.remove(),
                User.password_hash.set(NO_PASSWORD),
                User.roles.remove(),
                User.session_version.add(1),
                User.anonymised_at.set(at),
                User.search_last_prefix.remove(),
                User.search_last.remove(),
                User.search_first_prefix.remove(),
                User.search_first.remove(),
            ], condition=User.user_id.exists())

    # --- tokens -----------------------------------------------------------------------------------

    def put_grants(self, *grants: Grant) -> None:
        # No transaction needed: a session without its refresh token, or the reverse, serves nothing.
        with Token.batch_write() as batch:
            for grant in grants:
                batch.save(_token(grant))

    def grant(self, key: str) -> Grant | None:
        try:
            return _grant(Token.get(key, consistent_read=True))
        except Token.DoesNotExist:
            return None

    def spend_refresh(self, key: str, now: datetime) -> tuple[Spend, Grant | None]:
        token = Token(key)
        try:
            token.update(
                actions=[Token.spent_at.set(now)],
                condition=Token.token_hash.exists()
                & (Token.kind == GrantKind.REFRESH.value)
                & Token.spent_at.does_not_exist()
                & (Token.expires_at > now),
            )
        except UpdateError as error:
            if not db.condition_failed(error):
                raise
            grant = self.grant(key)
            if grant and grant.kind is GrantKind.REFRESH and grant.spent_at is not None:
                return Spend.REUSED, grant
            return Spend.INVALID, None
        return Spend.SPENT, _grant(token)

    def rotate(self, session: Grant, refresh: Grant, expires_at: datetime) -> bool:
        try:
            with transaction() as tx:
                # The user's version is checked in the same transaction: a password reset between the
                # read and this write cannot be outlived by a freshly rotated token.
                tx.condition_check(User, session.user_id,
                                   condition=User.session_version == session.session_version)
                tx.update(Token(session.key), actions=[Token.expires_at.set(expires_at)],
                          condition=Token.token_hash.exists())
                tx.save(_token(refresh))
        except TransactWriteError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def consume(self, key: str) -> bool:
        try:
            Token(key).delete(condition=Token.token_hash.exists())
        except DeleteError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def _delete_tokens(self, keys: set[str]) -> None:
        with Token.batch_write() as batch:
            for key in keys:
                batch.delete(Token(key))

    def delete_family(self, user_id: str, family_id: str) -> None:
        # The session's item by its key (the index is eventually consistent), its refresh tokens by index.
        keys = {t.token_hash for t in Token.by_user.query(user_id, filter_condition=Token.family_id == family_id)}
        self._delete_tokens(keys | {session_key(family_id)})

    def delete_grants(self, user_id: str, kind: GrantKind | None = None) -> None:
        only = Token.kind == kind.value if kind else None
        self._delete_tokens({t.token_hash for t in Token.by_user.query(user_id, filter_condition=only)})

    # --- throttles --------------------------------------------------------------------------------

    def count_free_attempt(self, key: str, free: int, expires_at: datetime, login: str) -> bool:
        try:
            Throttle(key).update(
                actions=[Throttle.attempts.add(1), Throttle.expires_at.set(expires_at), Throttle.login.set(login)],
                condition=Throttle.attempts.does_not_exist() | (Throttle.attempts < free),
            )
        except UpdateError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def attempt_counter(self, key: str) -> AttemptCounter:
        try:
            item = Throttle.get(key, consistent_read=True)
        except Throttle.DoesNotExist:
            return AttemptCounter()
        return AttemptCounter(int(item.attempts or 0), item.blocked_until)

    def take_attempt(self, key: str, seen: int, blocked_until: datetime, expires_at: datetime, login: str) -> bool:
        try:
            Throttle(key).update(
                actions=[
                    Throttle.attempts.set(seen + 1),
                    Throttle.blocked_until.set(blocked_until),
                    Throttle.expires_at.set(expires_at),
                    Throttle.login.set(login),
                ],
                condition=Throttle.attempts == seen,
            )
        except UpdateError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def clear_attempts(self, key: str) -> None:
        Throttle(key).delete()

    def login_counters(self, login: str) -> list[AttemptCounter]:
        return [AttemptCounter(int(t.attempts or 0), t.blocked_until) for t in Throttle.by_login.query(login)]

    def clear_login(self, login: str) -> None:
        with Throttle.batch_write() as batch:
            for item in Throttle.by_login.query(login):
                batch.delete(Throttle(item.key))

    def count_in_window(self, key: str, limit: int, window: timedelta, now: datetime) -> bool:
        item = Throttle(key)
        try:  # a new window when there is none or it has ended
            item.update(
                actions=[
                    Throttle.attempts.set(1),
                    Throttle.window_ends_at.set(now + window),
                    Throttle.expires_at.set(now + window),
                ],
                condition=Throttle.window_ends_at.does_not_exist() | (Throttle.window_ends_at <= now),
            )
            return True
        except UpdateError as error:
            if not db.condition_failed(error):
                raise
        try:  # else one more in the current window, up to the limit
            item.update(actions=[Throttle.attempts.add(1)],
                        condition=(Throttle.window_ends_at > now) & (Throttle.attempts < limit))
            return True
        except UpdateError as error:
            if db.condition_failed(error):
                return False
            raise


_current: AccountStore = DynamoStore()


def current() -> AccountStore:
    return _current


def use(store: AccountStore) -> AccountStore:
    """Make `store` the one the use cases talk to (tests); returns the previous one."""
    global _current
    previous, _current = _current, store
    return previous
