"""The accounts store in memory: the twin of `store.DynamoStore` for service tests (no moto).

Each operation holds one lock, as DynamoDB applies each conditional write atomically, so tests can run
use cases in threads and see the same races the real store resolves. `reads` counts round trips.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timedelta
from typing import Any

from chalicelib.accounts import search
from chalicelib.accounts.domain import (
    ANONYMISED_NAME,
    NO_PASSWORD,
    Account,
    AccountSummary,
    AttemptCounter,
    Grant,
    GrantKind,
    NameOrder,
    Spend,
    session_key,
)


@dataclasses.dataclass
class _Counter:
    attempts: int = 0
    blocked_until: datetime | None = None
    window_ends_at: datetime | None = None
    login: str | None = None


class MemoryStore:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.logins: dict[str, str] = {}
        self.grants: dict[str, Grant] = {}
        self.counters: dict[str, _Counter] = {}
        self.round_trips = 0
        self._lock = threading.Lock()

    def _trip(self) -> None:
        self.round_trips += 1

    # --- accounts ---

    def create_account(self, account: Account, handle: str) -> bool:
        with self._lock:
            self._trip()
            if handle in self.logins or account.user_id in self.accounts:
                return False
            self.logins[handle] = account.user_id
            self.accounts[account.user_id] = account
            return True

    def account(self, user_id: str) -> Account | None:
        with self._lock:
            self._trip()
            return self.accounts.get(user_id)

    def accounts_of(self, user_ids: list[str]) -> dict[str, Account]:
        with self._lock:
            self._trip()
            return {u: self.accounts[u] for u in user_ids if u in self.accounts}

    def account_by_login(self, handle: str) -> Account | None:
        with self._lock:
            self._trip()
            self._trip()
            return self.accounts.get(self.logins.get(handle, ""))

    def account_and_session(self, user_id: str, session_id: str) -> tuple[Account | None, Grant | None]:
        with self._lock:
            self._trip()
            return self.accounts.get(user_id), self.grants.get(session_key(session_id))

    def set_password(self, user_id: str, password_hash: str, temporary: bool = False) -> None:
        with self._lock:
            self._trip()
            account = self.accounts[user_id]
            self.accounts[user_id] = dataclasses.replace(
                account, password_hash=password_hash, session_version=account.session_version + 1,
                password_temporary=temporary,
            )

    def raise_session_version(self, user_id: str) -> None:
        with self._lock:
            self._trip()
            account = self.accounts[user_id]
            self.accounts[user_id] = dataclasses.replace(account, session_version=account.session_version + 1)

    def update_profile(self, user_id: str, first_name: str, last_name: str, lang: str) -> None:
        with self._lock:
            self._trip()
            account = self.accounts[user_id]
            assert account.anonymised_at is None, "an anonymised account is not updated"
            self.accounts[user_id] = dataclasses.replace(account, first_name=first_name, last_name=last_name,
                                                         lang=lang)

    def change_email(self, user_id: str, old_email: str | None, new_email: str) -> bool:
        with self._lock:
            self._trip()
            account = self.accounts.get(user_id)
            if account is None or account.email != old_email or new_email in self.logins:
                return False
            if old_email:
                del self.logins[old_email]
            self.logins[new_email] = user_id
            self.accounts[user_id] = dataclasses.replace(account, email=new_email)
            return True

    def search_names(self, order: NameOrder, query: str, start: dict[str, Any] | None,
                     limit: int) -> tuple[list[AccountSummary], dict[str, Any] | None]:
        field = "search_last" if order == "last" else "search_first"
        with self._lock:
            self._trip()
            keyed = sorted(
                (search.keys(a.first_name, a.last_name)[field], a.user_id, a)
                for a in self.accounts.values() if a.anonymised_at is None
            )
        after = (start["key"], start["user_id"]) if start else None
        matches = [(k, uid, a) for k, uid, a in keyed if k.startswith(query) and (after is None or (k, uid) > after)]
        page = matches[:limit]
        last = {"key": page[-1][0], "user_id": page[-1][1]} if len(matches) > limit else None
        return [AccountSummary(a.user_id, a.first_name, a.last_name, a.email, a.username) for _, _, a in page], last

    def remove_login(self, user_id: str, handle: str) -> bool:
        with self._lock:
            self._trip()
            account = self.accounts.get(user_id)
            if account is None or handle not in account.handles or len(account.handles) < 2:
                return False
            self.logins.pop(handle, None)
            if handle == account.email:
                self.accounts[user_id] = dataclasses.replace(account, email=None)
            else:
                self.accounts[user_id] = dataclasses.replace(account, username=None)
            return True

    def set_roles(self, user_id: str, roles: frozenset[str]) -> None:
        with self._lock:
            self._trip()
            self.accounts[user_id] = dataclasses.replace(self.accounts[user_id], roles=roles)

    def anonymise(self, account: Account, at: datetime) -> None:
        with self._lock:
            self._trip()
            for handle in account.handles:
                if self.logins.get(handle) == account.user_id:
                    del self.logins[handle]
            current = self.accounts[account.user_id]
            self.accounts[account.user_id] = dataclasses.replace(
                current, first_name=ANONYMISED_NAME, last_name=ANONYMISED_NAME, email=None, username=None,
                password_hash=NO_PASSWORD, roles=frozenset(), session_version=current.session_version + 1,
                anonymised_at=at,
            )

    # --- tokens ---

    def put_grants(self, *grants: Grant) -> None:
        with self._lock:
            self._trip()
            for grant in grants:
                self.grants[grant.key] = grant

    def grant(self, key: str) -> Grant | None:
        with self._lock:
            self._trip()
            return self.grants.get(key)

    def spend_refresh(self, key: str, now: datetime) -> tuple[Spend, Grant | None]:
        with self._lock:
            self._trip()
            grant = self.grants.get(key)
            if grant is None or grant.kind is not GrantKind.REFRESH:
                return Spend.INVALID, None
            if grant.spent_at is not None:
                return Spend.REUSED, grant
            if grant.expires_at <= now:
                return Spend.INVALID, None
            spent = self.grants[key] = dataclasses.replace(grant, spent_at=now)
            return Spend.SPENT, spent

    def rotate(self, session: Grant, refresh: Grant, expires_at: datetime) -> bool:
        with self._lock:
            self._trip()
            account = self.accounts.get(session.user_id)
            if (account is None or account.session_version != session.session_version
                    or session.key not in self.grants):
                return False
            self.grants[session.key] = dataclasses.replace(self.grants[session.key], expires_at=expires_at)
            self.grants[refresh.key] = refresh
            return True

    def consume(self, key: str) -> bool:
        with self._lock:
            self._trip()
            return self.grants.pop(key, None) is not None

    def delete_family(self, user_id: str, family_id: str) -> None:
        with self._lock:
            self._trip()
            for key, grant in list(self.grants.items()):
                if grant.user_id == user_id and (grant.family_id == family_id or key == session_key(family_id)):
                    del self.grants[key]

    def delete_grants(self, user_id: str, kind: GrantKind | None = None) -> None:
        with self._lock:
            self._trip()
            for key, grant in list(self.grants.items()):
                if grant.user_id == user_id and (kind is None or grant.kind is kind):
                    del self.grants[key]

    # --- throttles ---

    def count_free_attempt(self, key: str, free: int, expires_at: datetime, login: str) -> bool:
        with self._lock:
            self._trip()
            counter = self.counters.setdefault(key, _Counter())
            if counter.attempts >= free:
                return False
            counter.attempts += 1
            counter.login = login
            return True

    def attempt_counter(self, key: str) -> AttemptCounter:
        with self._lock:
            self._trip()
            counter = self.counters.get(key)
            return AttemptCounter(counter.attempts, counter.blocked_until) if counter else AttemptCounter()

    def take_attempt(self, key: str, seen: int, blocked_until: datetime, expires_at: datetime, login: str) -> bool:
        with self._lock:
            self._trip()
            counter = self.counters.get(key)
            if counter is None or counter.attempts != seen:
                return False
            counter.attempts, counter.blocked_until, counter.login = seen + 1, blocked_until, login
            return True

    def login_counters(self, login: str) -> list[AttemptCounter]:
        with self._lock:
            self._trip()
            return [AttemptCounter(c.attempts, c.blocked_until) for c in self.counters.values() if c.login == login]

    def clear_login(self, login: str) -> None:
        with self._lock:
            self._trip()
            for key in [k for k, c in self.counters.items() if c.login == login]:
                del self.counters[key]

    def clear_attempts(self, key: str) -> None:
        with self._lock:
            self._trip()
            self.counters.pop(key, None)

    def count_in_window(self, key: str, limit: int, window: timedelta, now: datetime) -> bool:
        with self._lock:
            self._trip()
            counter = self.counters.setdefault(key, _Counter())
            if counter.window_ends_at is None or counter.window_ends_at <= now:
                counter.attempts, counter.window_ends_at = 1, now + window
                return True
            if counter.attempts >= limit:
                return False
            counter.attempts += 1
            return True
