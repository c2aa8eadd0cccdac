"""A session's day is a French day: around midnight in Paris, the centre's tabs follow Paris, not UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from argon2 import PasswordHasher

from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.certif import members, service_centres, service_sessions, sessions, store
from chalicelib.certif.store.memory import MemoryCertifStore


@pytest.fixture
def centre(monkeypatch, frozen):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(members, "invite_admin", lambda *a, **k: None)
    previous = store.use(MemoryCertifStore())
    previous_admin = admin_store.use(admin_store.Stores(trail=MemoryTrail()))
    yield service_centres.create("Lycée Jean Moulin", "SCO", "operator-1")
    store.use(previous)
    admin_store.use(previous_admin)


def _session(centre_id: str, on: date) -> str:
    details = sessions.details("Lycée Jean Moulin, Lyon", "Salle 12", on, time(8, 0), "Mme Durand")
    return service_sessions.create(centre_id, details).session.id


def _tabs(centre_id: str) -> dict[str, list[str]]:
    return {tab: [s.id for s in service_sessions.page(centre_id, tab, None, 10)[0]]
            for tab in (sessions.UPCOMING, sessions.TO_FINALISE)}


@pytest.mark.parametrize(("utc", "french"), [
    (datetime(2026, 6, 14, 21, 59, tzinfo=UTC), date(2026, 6, 14)),  # summer: UTC+2
    (datetime(2026, 6, 14, 22, 0, tzinfo=UTC), date(2026, 6, 15)),
    (datetime(2026, 12, 1, 22, 59, tzinfo=UTC), date(2026, 12, 1)),  # winter: UTC+1
    (datetime(2026, 12, 1, 23, 0, tzinfo=UTC), date(2026, 12, 2)),
])
def test_the_french_day_turns_at_midnight_in_paris(utc, french):
    assert sessions.french_day(utc) == french


def test_just_after_midnight_in_paris_the_days_session_is_upcoming_and_yesterdays_to_finalise(centre, frozen):
    frozen[0] = datetime(2026, 6, 14, 21, 30, tzinfo=UTC)  # 23:30 in Paris, still the 14th
    yesterday, today = _session(centre.id, date(2026, 6, 14)), _session(centre.id, date(2026, 6, 15))
    assert _tabs(centre.id) == {sessions.UPCOMING: [yesterday, today], sessions.TO_FINALISE: []}
    assert service_sessions.today() == date(2026, 6, 14)
    frozen[0] = datetime(2026, 6, 14, 22, 30, tzinfo=UTC)  # 00:30 in Paris: the 15th, though UTC says the 14th
    assert _tabs(centre.id) == {sessions.UPCOMING: [today], sessions.TO_FINALISE: [yesterday]}
    assert sessions.Session.tab(service_sessions.session_of(centre.id, yesterday),
                                service_sessions.today()) == sessions.TO_FINALISE
