"""The Certif room's stores: the only modules that import `chalicelib.certif.models`; they return domain objects.

`current()` is the store the use cases talk to: DynamoDB, unless a test put the in-memory twin
(`store.memory.MemoryCertifStore`) in place with `use(...)`.
"""

from __future__ import annotations

from typing import Protocol

from chalicelib.certif.ports import CentreStore, SessionStore


class CertifStore(CentreStore, SessionStore, Protocol):
    """Both: the use cases of a session read its centre."""


_current: CertifStore | None = None


def current() -> CertifStore:
    global _current
    if _current is None:
        from chalicelib.certif.store.centres import DynamoCentreStore
        from chalicelib.certif.store.sessions import DynamoSessionStore

        class DynamoCertifStore(DynamoCentreStore, DynamoSessionStore):
            pass

        _current = DynamoCertifStore()
    return _current


def use(store: CertifStore | None) -> CertifStore | None:
    """Make `store` the one the use cases talk to (tests; None: DynamoDB again); returns the previous one."""
    global _current
    previous, _current = _current, store
    return previous
