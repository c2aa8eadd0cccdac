"""The Certif store on moto: the conditions that keep a session consistent when two people write at once."""

from datetime import date, time

import pytest

from chalicelib import clock
from chalicelib.certif import candidates, sessions
from chalicelib.certif.ports import Stale, Taken
from chalicelib.certif.store.sessions import DynamoSessionStore


def _session(session_id: str, code: str) -> sessions.Session:
    details = sessions.details("Site", "Salle 1", date(2026, 12, 2), time(9, 0), "Mme X")
    return sessions.create(session_id, "cabcdefghij", details, code, "hash", clock.now())


def _candidate(session_id: str, name: str) -> candidates.Candidate:
    given = candidates.Input(last_name=name, first_name="Camille", sex="F", birth_date=date(2009, 5, 17),
                             birth_insee_code="69123")
    return candidates.enrol(candidates.new_candidate_id(), session_id, given, clock.now(), billed=False)


def test_a_session_number_or_an_access_code_in_use_is_taken_until_the_session_is_deleted(aws):
    store = DynamoSessionStore()
    first = _session("12345678", "BCDF23")
    store.add_session(first)
    with pytest.raises(Taken) as taken:
        store.add_session(_session("12345678", "BCDF24"))
    assert taken.value.what == "id"
    with pytest.raises(Taken) as taken:
        store.add_session(_session("87654321", "BCDF23"))
    assert taken.value.what == "code"
    store.delete_session(first, [])
    store.add_session(_session("87654321", "BCDF23"))  # the code is free again


def test_two_enrolments_from_the_same_read_are_one_enrolment_and_one_stale_write(aws):
    store = DynamoSessionStore()
    store.add_session(_session("12345678", "BCDF23"))
    read = store.session("12345678", consistent=True)
    assert read is not None
    store.add_candidate(read, _candidate(read.id, "Martin"))
    with pytest.raises(Stale):
        store.add_candidate(read, _candidate(read.id, "Dupont"))
    fresh = store.session("12345678", consistent=True)
    assert fresh is not None and fresh.candidate_count == 1 and fresh.version == read.version + 1
    assert [c.last_name for c in store.candidates(read.id)] == ["Martin"]


def test_once_a_candidate_started_no_enrolment_import_or_deletion_goes_through(aws):
    store = DynamoSessionStore()
    store.add_session(_session("12345678", "BCDF23"))
    read = store.session("12345678", consistent=True)
    assert read is not None
    store.mark_started(read.id, clock.now())
    store.mark_started(read.id, clock.now())  # the first start stays; a second is harmless
    for attempt in (lambda: store.add_candidate(read, _candidate(read.id, "Martin")),
                    lambda: store.replace_candidates(read, [], [_candidate(read.id, "Martin")]),
                    lambda: store.delete_session(read, [])):
        with pytest.raises(Stale):
            attempt()
    assert store.candidates(read.id) == []


def test_a_finalised_session_leaves_the_open_list_for_the_closed_one(aws):
    store = DynamoSessionStore()
    store.add_session(_session("12345678", "BCDF23"))
    read = store.session("12345678", consistent=True)
    assert read is not None
    today = date(2026, 12, 1)
    assert [s.id for s in store.session_page("cabcdefghij", sessions.UPCOMING, today, None, 10)[0]] == ["12345678"]
    store.save_session(sessions.replace(read, finalised_at=clock.now()))
    assert store.session_page("cabcdefghij", sessions.UPCOMING, today, None, 10)[0] == []
    assert [s.id for s in store.session_page("cabcdefghij", sessions.CLOSED, today, None, 10)[0]] == ["12345678"]
