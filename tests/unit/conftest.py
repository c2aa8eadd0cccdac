"""Fixtures shared by the unit tests."""

import pytest
from argon2 import PasswordHasher

from chalicelib import clock, rooms
from chalicelib.accounts import passwords, store
from chalicelib.accounts.memory import MemoryStore


@pytest.fixture
def accounts_db(monkeypatch):
    """The accounts room on its in-memory store, with argon2 at its lowest cost: account use-case tests are
    about who gets checked and what changes, not how slowly."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    # The room alone: another room's person hooks (a deletion calls every room's `anonymise`) need AWS.
    every_hook = rooms.person_hooks
    monkeypatch.setattr(rooms, "person_hooks", lambda name: [h for h in every_hook(name) if h[0] == "accounts"])
    passwords.dummy_hash.cache_clear()
    memory = MemoryStore()
    previous = store.use(memory)
    yield memory
    store.use(previous)
    passwords.dummy_hash.cache_clear()


@pytest.fixture
def frozen(monkeypatch):
    """A clock the test moves: `frozen[0]` is now."""
    now = [clock.now()]
    monkeypatch.setattr(clock, "now", lambda: now[0])
    return now
