"""The accounts API through the real app, on moto: what a person signing up and logging in sees."""

import json
import logging
from datetime import timedelta

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses import ses_backends

from chalicelib import clock


def sign_up_body(**overrides):
    body = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille@example.org",
        "password": "Bonjour2026",
        "cgu_accepted": True,
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def test_sign_up_opens_a_session_and_me_shows_the_account(api):
    status, session, _ = api.call("POST", "/api/users", sign_up_body())
    assert status == 201
    assert session["user"]["email"] == "camille@example.org"
    assert session["refresh_token"] and session["expires_in"] == 15 * 60
    status, me, _ = api.call("GET", "/api/me", token=session["access_token"])
    assert status == 200
    assert me["first_name"] == "Camille" and me["cgu_accepted_at"]


def test_email_is_unique_whatever_its_case(api):
    assert api.call("POST", "/api/users", sign_up_body())[0] == 201
    status, body, _ = api.call("POST", "/api/users", sign_up_body(email="Camille@Example.org"))
    assert status == 409
    assert body["error"]["code"] == "EMAIL_TAKEN"


@pytest.mark.parametrize(
    ("raw", "code", "field"),
    [
        (b"{not json", "MALFORMED_JSON", None),
        (json.dumps(sign_up_body(first_name=None)).encode(), "INVALID_INPUT", "first_name"),
        (json.dumps(sign_up_body(admin=True)).encode(), "INVALID_INPUT", "admin"),
        (json.dumps(sign_up_body(email="pas-une-adresse")).encode(), "INVALID_INPUT", "email"),
        (json.dumps(sign_up_body(password="court")).encode(), "WEAK_PASSWORD", "password"),
        (json.dumps(sign_up_body(password="toutenminuscule1")).encode(), "WEAK_PASSWORD", "password"),
        (json.dumps(sign_up_body(cgu_accepted=False)).encode(), "CGU_NOT_ACCEPTED", None),
        (json.dumps(sign_up_body(email=None)).encode(), "EMAIL_OR_BIRTH_DATE_REQUIRED", None),
    ],
)
def test_bad_sign_up_gets_a_clear_400(api, raw, code, field):
    status, body, _ = api.call("POST", "/api/users", raw=raw)
    assert status == 400
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    if field:
        assert field in [d["field"] for d in body["error"]["details"]]


def test_oversized_body_is_refused_with_413(api):
    huge = json.dumps(sign_up_body(first_name="x" * 70_000)).encode()
    status, body, _ = api.call("POST", "/api/users", raw=huge)
    assert status == 413
    assert body["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_pupil_gets_a_generated_username_with_a_digit_when_taken(api):
    pupil = sign_up_body(first_name="Léo", last_name="Dubois-Éthan", email=None, birth_date="2012-03-14")
    first = api.call("POST", "/api/users", pupil)[1]
    second = api.call("POST", "/api/users", pupil)[1]
    assert first["user"]["username"] == "leo.duboisethan1403"
    assert second["user"]["username"] == "leo.duboisethan14031"
    status, session, _ = api.call("POST", "/api/token", {"login": "leo.duboisethan14031", "password": "Bonjour2026"})
    assert status == 200
    assert session["user"]["id"] == second["user"]["id"]


def test_log_in_by_email_refresh_rotates_and_log_out_revokes(api):
    api.call("POST", "/api/users", sign_up_body())
    status, session, _ = api.call("POST", "/api/token", {"login": " CAMILLE@example.org ", "password": "Bonjour2026"})
    assert status == 200
    status, renewed, _ = api.call("POST", "/api/token/refresh", {"refresh_token": session["refresh_token"]})
    assert status == 200
    replay = api.call("POST", "/api/token/refresh", {"refresh_token": session["refresh_token"]})
    assert replay[0] == 401  # a refresh token serves once
    assert api.call("POST", "/api/token/revoke", {"refresh_token": renewed["refresh_token"]})[0] == 204
    assert api.call("POST", "/api/token/refresh", {"refresh_token": renewed["refresh_token"]})[0] == 401


def test_repeated_wrong_passwords_block_then_the_account_opens_again(api, monkeypatch):
    api.call("POST", "/api/users", sign_up_body())
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    wrong = {"login": "camille@example.org", "password": "Mauvais2026"}
    statuses = [api.call("POST", "/api/token", wrong)[0] for _ in range(5)]
    assert statuses == [401, 401, 401, 401, 429]
    status, body, headers = api.call("POST", "/api/token", {**wrong, "password": "Bonjour2026"})
    assert status == 429  # even the right password waits for the delay
    assert body["error"]["code"] == "ACCOUNT_TEMPORARILY_BLOCKED"
    assert int(headers["Retry-After"]) == 60
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=61))
    status, body, headers = api.call("POST", "/api/token", wrong)
    assert status == 429 and int(headers["Retry-After"]) == 120  # the delay grows
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=61 + 121))
    assert api.call("POST", "/api/token", {**wrong, "password": "Bonjour2026"})[0] == 200
    assert api.call("POST", "/api/token", wrong)[0] == 401  # the counter starts again


def test_unknown_login_and_wrong_password_look_the_same(api):
    api.call("POST", "/api/users", sign_up_body())
    unknown = api.call("POST", "/api/token", {"login": "personne@example.org", "password": "Bonjour2026"})
    wrong = api.call("POST", "/api/token", {"login": "camille@example.org", "password": "Bonjour2027"})
    assert unknown[0] == wrong[0] == 401
    assert unknown[1] == wrong[1]


def test_expired_forged_and_missing_tokens_get_401(api, monkeypatch):
    session = api.call("POST", "/api/users", sign_up_body())[1]
    token = session["access_token"]
    assert api.call("GET", "/api/me")[1]["error"]["code"] == "UNAUTHENTICATED"
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert api.call("GET", "/api/me", token=forged)[1]["error"]["code"] == "INVALID_TOKEN"
    later = clock.now() + timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: later)
    # PyJWT checks expiry against the real clock: re-issue a token that is already expired.
    from chalicelib.accounts import tokens

    monkeypatch.setattr(clock, "now", lambda: later - timedelta(hours=1))
    expired, _ = tokens.issue_access_token(session["user"]["id"], set())
    status, body, _ = api.call("GET", "/api/me", token=expired)
    assert status == 401 and body["error"]["code"] == "TOKEN_EXPIRED"


def test_password_reset_by_email_link_is_single_use(api):
    api.call("POST", "/api/users", sign_up_body())
    status, body, _ = api.call("POST", "/api/password-reset", {"email": "camille@example.org"})
    assert status == 202
    unknown = api.call("POST", "/api/password-reset", {"email": "personne@example.org"})
    assert unknown[:2] == (status, body)  # no hint whether an account exists
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages
    assert len(sent) == 1 and sent[0].destinations["ToAddresses"] == ["camille@example.org"]
    token = sent[0].body.split("#token=")[1].split()[0]
    assert api.call("POST", "/api/password-reset/confirm", {"token": token, "password": "faible"})[0] == 400
    assert api.call("POST", "/api/password-reset/confirm", {"token": token, "password": "Nouveau2026"})[0] == 204
    again = api.call("POST", "/api/password-reset/confirm", {"token": token, "password": "Encore2026x"})
    assert again[0] == 400 and again[1]["error"]["code"] == "INVALID_RESET_LINK"
    assert api.call("POST", "/api/token", {"login": "camille@example.org", "password": "Nouveau2026"})[0] == 200


def test_logs_carry_no_password_token_or_email(api, caplog, capfd):
    caplog.set_level(logging.INFO)
    session = api.call("POST", "/api/users", sign_up_body())[1]
    api.call("POST", "/api/token", {"login": "camille@example.org", "password": "Bonjour2026"})
    api.call("GET", "/api/me", token=session["access_token"])
    assert any(getattr(r, "route", None) == "/api/me" for r in caplog.records)  # requests are logged
    logged = capfd.readouterr().out + "".join(str(r.__dict__) for r in caplog.records)
    for secret in ("camille@example.org", "Bonjour2026", session["access_token"], session["refresh_token"]):
        assert secret not in logged
