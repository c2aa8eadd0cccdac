"""Account rules that need no database: passwords, usernames, blocking delays, request bodies, tokens."""

import re
from datetime import date, timedelta

import jwt
import pytest
from pydantic import ValidationError

from chalicelib import clock
from chalicelib.accounts import store
from chalicelib.accounts.domain import block_duration
from chalicelib.accounts.memory import MemoryStore
from chalicelib.accounts.passwords import (
    guessable_reasons,
    hash_password,
    is_guessable,
    missing_rules,
    password_problems,
    verify_password,
)
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.accounts.tokens import authenticate, issue_access_token
from chalicelib.accounts.usernames import username_candidates
from chalicelib.errors import Unauthenticated


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Bonjour2026", []),
        ("Abcdefg1", []),
        ("Abcdef1", ["length"]),
        ("bonjour2026", ["uppercase"]),
        ("BONJOUR2026", ["lowercase"]),
        ("Bonjourtout", ["digit"]),
        ("", ["length", "lowercase", "uppercase", "digit"]),
    ],
)
def test_password_rules_all_at_once(password, missing):
    assert missing_rules(password) == missing


def test_missing_rules_read_as_one_sentence():
    assert password_problems("bonjour") == ["8 caractères", "une majuscule", "un chiffre"]


@pytest.mark.parametrize(
    ("password", "reasons"),
    [
        ("Password1", ["common"]),
        ("Camille2012", ["personal", "date"]),
        ("Martin2026", ["personal", "date"]),  # a surname is in zxcvbn's names too: it is theirs first
        ("Qwertyuiop1", ["common"]),
        ("Bonjour2026", []),
    ],
)
def test_why_a_password_is_easy_to_guess(password, reasons):
    assert guessable_reasons(password, ("Camille", "Martin", "camille@example.org")) == reasons


def test_password_hash_is_argon2id_and_verifies():
    hashed = hash_password("Bonjour2026")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "Bonjour2026")
    assert not verify_password(hashed, "bonjour2026")
    assert not verify_password("not-a-hash", "Bonjour2026")


@pytest.mark.parametrize(
    ("password", "names", "guessable"),
    [
        ("Password1", (), True),
        ("Azerty123", (), True),
        ("Camille2012", ("Camille", "Martin", "camille@example.org"), True),
        ("Camille@example.org1", ("Camille", "Martin", "camille@example.org"), True),
        ("Bonjour2026", ("Camille", "Martin", "camille@example.org"), False),
        ("Bienvenue2026", ("Nina", "Roux", None), False),
        ("Xq7#mLp2vR", (), False),
        ("A1" + "b" * 150, (), True),  # beyond what the library reads, judged on its start
    ],
)
def test_common_and_personal_passwords_are_guessable(password, names, guessable):
    assert is_guessable(password, names) is guessable


def test_username_is_first_last_and_birth_day_month_then_random_digits():
    candidates = list(username_candidates("Jean-Édouard", "N'Diaye Le Gall", date(2011, 1, 5)))
    assert candidates[0] == "jeanedouard.ndiayelegall0501"
    suffixes = [c.removeprefix("jeanedouard.ndiayelegall0501") for c in candidates[1:]]
    assert [len(s) for s in suffixes] == [2] * 10 + [3] * 10 + [4] * 10
    assert all(re.fullmatch(r"[1-9][0-9]+", s) for s in suffixes)
    firsts_after_base = {list(username_candidates("Léo", "Dubois", date(2012, 3, 14)))[1] for _ in range(30)}
    assert len(firsts_after_base) > 5  # not "…1" every time


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "Ca\tmille"),
        ("first_name", "Cam\nille"),
        ("last_name", "Mar\u200btin"),  # zero-width space
        ("last_name", "\u202enitraM"),  # right-to-left override
    ],
)
def test_names_with_control_or_invisible_characters_are_refused(field, value):
    body = {"first_name": "Camille", "last_name": "Martin", "email": "c@example.org", "password": "x",
            "cgu_accepted": True, field: value}
    with pytest.raises(ValidationError) as error:
        SignUpRequest.model_validate(body)
    assert error.value.errors()[0]["loc"] == (field,)


def test_names_with_accents_hyphens_and_apostrophes_pass():
    body = SignUpRequest(first_name="Jean-Édouard", last_name="N'Diaye Le Gall", email="c@example.org",
                         password="x", cgu_accepted=True)
    assert body.last_name == "N'Diaye Le Gall"


def test_a_birth_date_in_the_future_is_refused():
    tomorrow = clock.now().date() + timedelta(days=1)
    with pytest.raises(ValidationError):
        SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=tomorrow, password="x", cgu_accepted=True)
    SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=date(2012, 3, 14), password="x",
                  cgu_accepted=True)


@pytest.mark.parametrize(
    ("failures", "blocked_for"),
    [(1, 0), (4, 0), (5, 60), (6, 120), (7, 240), (11, 3600), (40, 3600)],
)
def test_blocking_grows_then_caps_at_one_hour(failures, blocked_for):
    assert block_duration(failures) == timedelta(seconds=blocked_for)


def test_access_token_round_trip_and_tampering():
    token, lifetime = issue_access_token("user-1", "session-1", 0)
    assert lifetime == 15 * 60
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["sid"] == "session-1" and claims["sv"] == 0 and "roles" not in claims
    previous = store.use(MemoryStore())  # nobody: the signature is fine, the account is not there
    try:
        with pytest.raises(Unauthenticated) as error:
            authenticate(token)
        assert error.value.code == "UNKNOWN_USER"
    finally:
        store.use(previous)
    claims = {"sub": "user-1", "sid": "session-1", "sv": 0, "exp": 9999999999, "iat": 0, "typ": "access"}
    other_key = jwt.encode(claims, "another-key-of-sufficient-length", algorithm="HS256")
    with pytest.raises(Unauthenticated) as error:
        authenticate(other_key)
    assert error.value.code == "INVALID_TOKEN"
    unsigned = jwt.encode(claims, None, algorithm="none")
    with pytest.raises(Unauthenticated):
        authenticate(unsigned)
