"""Account rules that need no database: passwords, usernames, blocking delays, tokens."""

from datetime import date, timedelta

import jwt
import pytest

from chalicelib.accounts.passwords import hash_password, password_problems, verify_password
from chalicelib.accounts.service import block_duration
from chalicelib.accounts.tokens import authenticate, issue_access_token
from chalicelib.accounts.usernames import username_candidates
from chalicelib.errors import Unauthenticated


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Bonjour2026", []),
        ("Abcdefg1", []),
        ("Abcdef1", ["au moins 8 caractères"]),
        ("bonjour2026", ["une lettre majuscule"]),
        ("BONJOUR2026", ["une lettre minuscule"]),
        ("Bonjourtout", ["un chiffre"]),
        ("", ["au moins 8 caractères", "une lettre minuscule", "une lettre majuscule", "un chiffre"]),
    ],
)
def test_password_rules(password, problems):
    assert password_problems(password) == problems


def test_password_hash_is_argon2id_and_verifies():
    hashed = hash_password("Bonjour2026")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "Bonjour2026")
    assert not verify_password(hashed, "bonjour2026")
    assert not verify_password("not-a-hash", "Bonjour2026")


def test_username_is_first_last_and_birth_day_month_then_digits():
    candidates = username_candidates("Jean-Édouard", "N'Diaye Le Gall", date(2011, 1, 5))
    assert [next(candidates) for _ in range(3)] == [
        "jeanedouard.ndiayelegall0501",
        "jeanedouard.ndiayelegall05011",
        "jeanedouard.ndiayelegall05012",
    ]


@pytest.mark.parametrize(
    ("failures", "blocked_for"),
    [(1, 0), (4, 0), (5, 60), (6, 120), (7, 240), (11, 3600), (40, 3600)],
)
def test_blocking_grows_then_caps_at_one_hour(failures, blocked_for):
    assert block_duration(failures) == timedelta(seconds=blocked_for)


def test_access_token_round_trip_and_tampering():
    token, lifetime = issue_access_token("user-1", {"SUPER_ADMIN"})
    assert lifetime == 15 * 60
    principal = authenticate(token)
    assert principal.user_id == "user-1" and principal.roles == {"SUPER_ADMIN"}
    claims = {"sub": "user-1", "exp": 9999999999, "iat": 0, "typ": "access"}
    other_key = jwt.encode(claims, "another-key-of-sufficient-length", algorithm="HS256")
    with pytest.raises(Unauthenticated) as error:
        authenticate(other_key)
    assert error.value.code == "INVALID_TOKEN"
    unsigned = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(Unauthenticated):
        authenticate(unsigned)
