"""Account use cases on the in-memory store (no moto): logins under attack, sessions that end when they
should, reset links, and the per-request check."""

import dataclasses
import gc
import threading
import types
from datetime import date, timedelta

import pytest

from chalicelib.accounts import passwords, service, tokens
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.errors import NotFound, TooManyAttempts, Unauthenticated

PASSWORD = "Bonjour2026"
HOME, ELSEWHERE = "192.0.2.10", "198.51.100.7"


@pytest.fixture(autouse=True)
def db(accounts_db):
    return accounts_db


@pytest.fixture
def camille():
    return service.sign_up(SignUpRequest(first_name="Camille", last_name="Martin", email="camille@example.org",
                                         password=PASSWORD, cgu_accepted=True))


def code_of(call):
    try:
        call()
    except (Unauthenticated, TooManyAttempts) as error:
        return error.code
    return "OK"


# --- a failed login -----------------------------------------------------------------------------------


def _strings_in(traceback):
    found = set()
    while traceback is not None:
        found |= {v for v in traceback.tb_frame.f_locals.values() if isinstance(v, str)}
        traceback = traceback.tb_next
    return found


def test_a_failed_login_leaves_no_tried_password_in_memory(camille):
    """A module-level error re-raised at each failure would chain every frame it went through, with
    the password tried in each, for as long as the container lives."""
    tried = ["Premier-essai-7391", "Second-essai-2846"]
    kept = []
    for password in tried:
        try:
            service.log_in("camille@example.org", password, HOME)
        except Unauthenticated as error:
            kept.append(_strings_in(error.__traceback__))
    assert tried[1] in kept[1] and tried[0] not in kept[1]  # the second error knows nothing of the first
    assert not any(isinstance(v, BaseException) for v in vars(service).values())
    gc.collect()
    for obj in gc.get_objects():  # and once handled, no traceback anywhere holds a tried password
        if isinstance(obj, types.TracebackType):
            assert not set(tried) & _strings_in(obj)


# --- attempts counted before the password is checked -------------------------------------------------


def _concurrently(calls):
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i, call):
        start.wait()
        results[i] = code_of(call)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def checked(monkeypatch):
    """The passwords actually verified."""
    seen = []
    real = passwords.verify_password

    def counting(password_hash, password):
        seen.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify_password", counting)
    return seen


def test_parallel_attempts_cannot_outnumber_the_free_ones_and_the_owner_still_logs_in(camille, checked):
    wrong = [lambda i=i: service.log_in("camille@example.org", f"Devine{i:04d}x", ELSEWHERE) for i in range(14)]
    right = lambda: service.log_in("camille@example.org", PASSWORD, HOME)  # noqa: E731
    results = _concurrently([*wrong, right])
    assert results[-1] == "OK"
    attacker = results[:-1]
    assert len([p for p in checked if p != PASSWORD]) == 5  # counted before checked: no more than allowed
    assert sorted(attacker) == ["ACCOUNT_TEMPORARILY_BLOCKED"] * 10 + ["INVALID_CREDENTIALS"] * 4


def test_an_unknown_login_gets_the_same_answers_under_the_same_attack(camille):
    def attack(login):
        return sorted(_concurrently([lambda i=i: service.log_in(login, f"Devine{i:04d}x", ELSEWHERE)
                                     for i in range(15)]))

    assert attack("camille@example.org") == attack("personne@example.org")


def test_blocks_grow_from_one_source_and_a_success_starts_again(camille, frozen):
    def attempt(password, source=ELSEWHERE):
        return code_of(lambda: service.log_in("camille@example.org", password, source))

    assert [attempt("Mauvais2026") for _ in range(5)] == ["INVALID_CREDENTIALS"] * 4 + ["ACCOUNT_TEMPORARILY_BLOCKED"]
    assert attempt(PASSWORD) == "ACCOUNT_TEMPORARILY_BLOCKED"  # the right password waits too, from there
    assert attempt(PASSWORD, HOME) == "OK"  # not from the owner's own address
    frozen[0] += timedelta(seconds=61)
    with pytest.raises(TooManyAttempts) as blocked:
        service.log_in("camille@example.org", "Mauvais2026", ELSEWHERE)
    assert blocked.value.retry_after_seconds == 120  # one attempt after the delay, then a longer one
    frozen[0] += timedelta(seconds=121)
    assert attempt(PASSWORD) == "OK"
    assert attempt("Mauvais2026") == "INVALID_CREDENTIALS"


def test_a_block_never_lasts_more_than_an_hour(camille, frozen):
    for _ in range(5):
        code_of(lambda: service.log_in("camille@example.org", "Mauvais2026", ELSEWHERE))
    for _ in range(12):
        frozen[0] += timedelta(hours=1, seconds=1)
        with pytest.raises(TooManyAttempts) as blocked:
            service.log_in("camille@example.org", "Mauvais2026", ELSEWHERE)
    assert blocked.value.retry_after_seconds == 3600
    frozen[0] += timedelta(hours=1, seconds=1)
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, ELSEWHERE)) == "OK"


# --- sessions --------------------------------------------------------------------------------------


def test_each_request_reads_the_account_and_the_session_in_one_round_trip(camille, db):
    session = service.open_session(camille)
    db.round_trips = 0
    principal = tokens.authenticate(session.access_token)
    assert principal.user_id == camille.user_id
    assert db.round_trips == 1


def test_operator_roles_come_from_the_account_not_the_token(db):
    admin = service.sign_up(SignUpRequest(first_name="Inès", last_name="Lefèvre", email="admin@example.org",
                                          password=PASSWORD, cgu_accepted=True), roles={"SUPER_ADMIN", "ODD"})
    token = service.open_session(admin).access_token
    assert tokens.authenticate(token).roles == {"SUPER_ADMIN"}  # only operator roles
    db.accounts[admin.user_id] = dataclasses.replace(admin, roles=frozenset())
    assert tokens.authenticate(token).roles == frozenset()  # a role taken away is gone at the next request


def test_refresh_rotates_and_a_reused_token_ends_the_whole_session(camille):
    first = service.open_session(camille)
    second = service.refresh_session(first.refresh_token)
    third = service.refresh_session(second.refresh_token)
    assert tokens.authenticate(third.access_token).user_id == camille.user_id
    # The first token shows up again: stolen, or its owner's copy after a theft. The session ends.
    with pytest.raises(Unauthenticated):
        service.refresh_session(first.refresh_token)
    with pytest.raises(Unauthenticated):
        service.refresh_session(third.refresh_token)
    with pytest.raises(Unauthenticated) as ended:
        tokens.authenticate(third.access_token)
    assert ended.value.code == "SESSION_ENDED"


def test_a_reused_token_ends_its_session_only(camille):
    phone, laptop = service.open_session(camille), service.open_session(camille)
    service.refresh_session(phone.refresh_token)
    with pytest.raises(Unauthenticated):
        service.refresh_session(phone.refresh_token)
    assert tokens.authenticate(laptop.access_token).user_id == camille.user_id


def test_logging_out_ends_the_access_token_too(camille):
    phone, laptop = service.open_session(camille), service.open_session(camille)
    service.log_out(phone.refresh_token)
    with pytest.raises(Unauthenticated) as ended:
        tokens.authenticate(phone.access_token)
    assert ended.value.code == "SESSION_ENDED"
    with pytest.raises(Unauthenticated):
        service.refresh_session(phone.refresh_token)
    assert tokens.authenticate(laptop.access_token).user_id == camille.user_id


def _reset_links(monkeypatch, email, times):
    sent = []
    monkeypatch.setattr(service, "send_mail", lambda to, subject, text: sent.append(text))
    for _ in range(times):
        service.send_password_reset_link(email)
    return [text.split("#token=")[1].split()[0] for text in sent]


def test_a_password_reset_ends_every_session_and_spends_every_other_link(camille, monkeypatch, db):
    sessions = [service.open_session(camille) for _ in range(2)]
    first_link, second_link = _reset_links(monkeypatch, "camille@example.org", 2)
    service.reset_password(second_link, "Nouveau2026", HOME)
    for session in sessions:
        with pytest.raises(Unauthenticated):
            tokens.authenticate(session.access_token)
        with pytest.raises(Unauthenticated):
            service.refresh_session(session.refresh_token)
    for link in (first_link, second_link):
        with pytest.raises(Exception) as spent:
            service.reset_password(link, "Encore2026x", HOME)
        assert spent.value.code == "INVALID_RESET_LINK"
    assert code_of(lambda: service.log_in("camille@example.org", "Nouveau2026", HOME)) == "OK"


def test_a_session_opened_during_a_reset_does_not_outlive_it(camille, monkeypatch, db):
    (link,) = _reset_links(monkeypatch, "camille@example.org", 1)
    service.reset_password(link, "Nouveau2026", HOME)
    # A login that read the account before the reset writes its session after it: the version decides.
    racing = service.open_session(camille)
    with pytest.raises(Unauthenticated):
        tokens.authenticate(racing.access_token)
    with pytest.raises(Unauthenticated):
        service.refresh_session(racing.refresh_token)


def test_a_reset_unblocks_the_login_from_where_it_was_made(camille, monkeypatch):
    for _ in range(5):
        code_of(lambda: service.log_in("camille@example.org", "Mauvais2026", HOME))
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "ACCOUNT_TEMPORARILY_BLOCKED"
    (link,) = _reset_links(monkeypatch, "camille@example.org", 1)
    service.reset_password(link, "Nouveau2026", HOME)
    assert code_of(lambda: service.log_in("camille@example.org", "Nouveau2026", HOME)) == "OK"


def test_a_guessable_new_password_keeps_the_link(camille, monkeypatch):
    (link,) = _reset_links(monkeypatch, "camille@example.org", 1)
    with pytest.raises(Exception) as refused:
        service.reset_password(link, "Camille2026", HOME)
    assert refused.value.code == "GUESSABLE_PASSWORD"
    service.reset_password(link, "Nouveau2026", HOME)


def test_reset_mails_are_limited_per_account_and_hour(camille, monkeypatch, frozen):
    assert len(_reset_links(monkeypatch, "camille@example.org", 5)) == 3
    frozen[0] += timedelta(hours=1, seconds=1)
    assert len(_reset_links(monkeypatch, "camille@example.org", 1)) == 1
    assert _reset_links(monkeypatch, "personne@example.org", 1) == []


def test_support_ends_all_sessions(camille):
    sessions = [service.open_session(camille) for _ in range(3)]
    service.end_all_sessions(camille.user_id)
    for session in sessions:
        with pytest.raises(Unauthenticated):
            tokens.authenticate(session.access_token)
        with pytest.raises(Unauthenticated):
            service.refresh_session(session.refresh_token)
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "OK"
    with pytest.raises(NotFound):
        service.end_all_sessions("nobody")


def test_pupils_with_the_same_name_get_unpredictable_usernames():
    def pupil():
        return service.sign_up(SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=date(2012, 3, 14),
                                             password=PASSWORD, cgu_accepted=True)).username

    names = [pupil() for _ in range(6)]
    assert names[0] == "leo.dubois1403"
    assert len(set(names)) == 6
    suffixes = sorted(int(name.removeprefix("leo.dubois1403")) for name in names[1:])
    assert all(suffix >= 10 for suffix in suffixes)
    assert suffixes != list(range(suffixes[0], suffixes[0] + 5))  # not a sequence
