"""The store finalisation, the jury and publication talk to: DynamoDB, unless a test put the in-memory twin
(`store.memory_certifications.MemoryCertificationStore`) in place with `use(...)`."""

from __future__ import annotations

from chalicelib.certif.finalisation_ports import CertificationStore

_current: CertificationStore | None = None


def current() -> CertificationStore:
    global _current
    if _current is None:
        from chalicelib.certif.store.certifications import DynamoCertificationStore

        _current = DynamoCertificationStore()
    return _current


def use(store: CertificationStore | None) -> CertificationStore | None:
    global _current
    previous, _current = _current, store
    return previous
