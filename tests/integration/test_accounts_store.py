"""The accounts store and use cases on moto: concurrent logins in threads, the per-request read, the
personal-data export, the signing key from Secrets Manager."""

import json
import threading
from datetime import date

import boto3
import botocore.client
import jwt
import pytest
from aws_lambda_powertools.utilities import parameters

from chalicelib.accounts import api, passwords, service, tokens
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.errors import NotFound, TooManyAttempts, Unauthenticated
from chalicelib.settings import get_settings

PASSWORD = "Bonjour2026"
OWNER, ATTACKER = "192.0.2.10", "198.51.100.7"


@pytest.fixture
def camille(aws):
    return service.sign_up(SignUpRequest(first_name="Camille", last_name="Martin", email="camille@example.org",
                                         password=PASSWORD, cgu_accepted=True))


@pytest.fixture
def aws_calls(monkeypatch):
    """The AWS operations made, in order. Each call is also made atomic, as DynamoDB applies each
    conditional write to an item atomically (moto in-process does not lock between threads)."""
    calls = []
    lock = threading.Lock()
    real = botocore.client.BaseClient._make_api_call

    def recorded(client, operation, params):
        with lock:
            calls.append(operation)
            return real(client, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recorded)
    return calls


def test_fifteen_concurrent_logins_fourteen_wrong_one_right(camille, aws_calls, monkeypatch):
    checked = []
    real_verify = passwords.verify_password

    def counting(password_hash, password):
        checked.append(password)
        return real_verify(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", counting)
    start = threading.Barrier(15)
    results: dict[str, list[str]] = {"attacker": [], "owner": []}

    def attempt(who, password, source):
        start.wait()
        try:
            service.log_in("camille@example.org", password, source)
            results[who].append("OK")
        except (Unauthenticated, TooManyAttempts) as error:
            results[who].append(error.code)

    threads = [threading.Thread(target=attempt, args=("attacker", f"Devine{i:04d}x", ATTACKER)) for i in range(14)]
    threads.append(threading.Thread(target=attempt, args=("owner", PASSWORD, OWNER)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wrong_checked = [p for p in checked if p != PASSWORD]
    print(f"concurrent logins: owner {results['owner']}, attacker {sorted(results['attacker'])}, "
          f"wrong passwords checked {len(wrong_checked)} of 14")
    assert results["owner"] == ["OK"]
    assert len(wrong_checked) == 5
    assert sorted(results["attacker"]) == ["ACCOUNT_TEMPORARILY_BLOCKED"] * 10 + ["INVALID_CREDENTIALS"] * 4


def test_each_authenticated_request_is_one_batch_get(camille, aws_calls):
    session = service.open_session(camille)
    aws_calls.clear()
    assert tokens.authenticate(session.access_token).user_id == camille.user_id
    assert aws_calls == ["BatchGetItem"]


def test_the_seeded_operator_gets_its_roles_from_the_account(aws):
    from local.seed import seed

    seed()
    admin = service.log_in("admin@example.org", "Demo2026!", OWNER)
    assert tokens.authenticate(admin.access_token).roles == {"SUPER_ADMIN"}
    learner = service.log_in("camille.martin@example.org", "Demo2026!", OWNER)
    assert tokens.authenticate(learner.access_token).roles == frozenset()


def test_personal_data_is_json_ready_and_holds_no_password_hash(camille):
    pupil = service.sign_up(SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=date(2012, 3, 14),
                                          password=PASSWORD, cgu_accepted=True))
    data = api.personal_data(camille.user_id)
    assert data["email"] == "camille@example.org" and data["first_name"] == "Camille"
    assert data["logins"] == ["camille@example.org"]
    assert data["cgu_accepted_at"] == camille.cgu_accepted_at.isoformat()
    assert api.personal_data(pupil.user_id)["logins"] == ["leo.dubois1403"]
    text = json.dumps(data)
    assert "argon2" not in text and "password" not in text
    with pytest.raises(NotFound):
        api.personal_data("nobody")


def test_end_all_sessions_through_the_api_on_dynamodb(camille):
    sessions = [service.open_session(camille) for _ in range(3)]
    api.end_all_sessions(camille.user_id)
    for session in sessions:
        with pytest.raises(Unauthenticated):
            tokens.authenticate(session.access_token)
        with pytest.raises(Unauthenticated):
            service.refresh_session(session.refresh_token)


@pytest.fixture
def secret_name(aws, monkeypatch):
    name = "pix-test/jwt-secret"
    boto3.client("secretsmanager").create_secret(Name=name, SecretString="key-from-secrets-manager-0123456789")
    monkeypatch.delenv("JWT_SECRET")
    monkeypatch.setenv("JWT_SECRET_NAME", name)
    get_settings.cache_clear()
    parameters.clear_caches()
    yield name
    get_settings.cache_clear()
    parameters.clear_caches()


def test_the_signing_key_is_read_from_secrets_manager_once(secret_name, aws_calls):
    token, _ = tokens.issue_access_token("user-1", "session-1", 0)
    claims = jwt.decode(token, "key-from-secrets-manager-0123456789", algorithms=["HS256"])
    assert claims["sub"] == "user-1"
    boto3.client("secretsmanager").put_secret_value(SecretId=secret_name, SecretString="rotated-key-0123456789abcdef")
    again, _ = tokens.issue_access_token("user-1", "session-1", 0)
    jwt.decode(again, "key-from-secrets-manager-0123456789", algorithms=["HS256"])  # cached, not re-read
    assert aws_calls.count("GetSecretValue") == 1


def test_without_a_key_or_a_secret_name_the_function_does_not_start(monkeypatch):
    monkeypatch.delenv("JWT_SECRET")
    monkeypatch.delenv("JWT_SECRET_NAME", raising=False)
    get_settings.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="JWT_SECRET_NAME"):
            get_settings()
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_people_are_read_together_a_batch_per_hundred(camille, aws_calls):
    other = service.sign_up(SignUpRequest(first_name="Hugo", last_name="Petit", email="hugo@example.org",
                                          password=PASSWORD, cgu_accepted=True))
    aws_calls.clear()
    wanted = [f"nobody-{i}" for i in range(120)] + [other.user_id, camille.user_id, camille.user_id]
    found = api.people(wanted)
    assert {user_id: person["first_name"] for user_id, person in found.items()} == {
        other.user_id: "Hugo", camille.user_id: "Camille"}
    assert "password_hash" not in found[camille.user_id]
    assert aws_calls == ["BatchGetItem", "BatchGetItem"]  # 121 distinct ids: two batches, no read each
