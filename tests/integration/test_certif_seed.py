"""The Certif demo data: a centre with its admin, today's session with the demo candidates; idempotent."""

import re

from argon2 import PasswordHasher

from chalicelib.accounts import store as accounts
from chalicelib.certif import members, service_candidates, service_centres, service_sessions, sessions
from local import seed


def test_the_certif_seed_is_idempotent_and_prints_a_working_password(aws, monkeypatch):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    first = seed.seed_certif()
    second = seed.seed_certif()
    number, code, password = re.search(r"n° (\d{8}) : code d'accès (\w{6}), mot de passe surveillant (\S+)",
                                       second[1]).groups()
    assert number in first[1] and code in first[1]
    found, _ = service_centres.page(seed.CERTIF_CENTRE, None, 10)
    assert [c.name for c in found] == [seed.CERTIF_CENTRE]
    admin = accounts.current().account_by_login("certif.admin@example.org")
    assert admin is not None and members.centres_of(admin.user_id) == [(found[0].id, "ADMIN")]
    session = service_sessions.session_of(found[0].id, number)
    assert sessions.password_matches(session.password_hash, password)
    enrolled = service_candidates.list_of(found[0].id, number)
    assert len(enrolled) == len(seed.CERTIF_CANDIDATES)
    assert "camille.martin@example.org" in {c.email for c in enrolled}
