"""The jury's demo data: a session of the demo centre, sat and finalised with a neutralised in-challenge report
and a fraud report awaiting the jury; idempotent."""

import re

from argon2 import PasswordHasher

from chalicelib.certif import finalisation, service_jury, sessions, store
from chalicelib.certif.store import jury as jury_store
from chalicelib.certif.store.certifications import DynamoCertificationStore
from local import seed


def test_the_jury_seed_leaves_a_session_requiring_action(aws, monkeypatch):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    previous = jury_store.use(DynamoCertificationStore())
    try:
        seed.seed_certif()
        lines = seed.seed_jury()
        number = re.search(r"n° (\d{8})", lines[0]).group(1)
        assert seed.seed_jury()[0].startswith(f"Jury : session finalisée n° {number}")  # idempotent
        found, _ = service_jury.queue(finalisation.REQUIRING_ACTION, None, 20)
        assert [line.session.id for line in found] == [number]
        (certification,) = jury_store.current().certifications(number)
        assert certification.status == "validated" and certification.questions[1].neutralised
        assert [r.outcome for r in certification.reports] == ["neutralised", "awaits_jury"]
        waiting = seed.seed_to_finalise()
        assert seed.seed_to_finalise() == waiting  # idempotent
        pending = re.search(r"n° (\d{8})", waiting[0]).group(1)
        session = store.current().session(pending)
        assert session.status == "created" and session.started_at is not None
    finally:
        jury_store.use(previous)
