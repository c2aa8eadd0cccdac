"""The certification test through the real app on moto: a candidate joins, enters with the code, waits, is
authorised by the invigilator (who opened the session with its password), answers, resumes after a new
authorisation, reports a problem; the invigilator ends a test. Refused: another session's invigilator, a
candidate of another session, a wrong password. The DynamoDB store's conditions hold (an answer recorded once).
"""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from chalicelib import clock
from chalicelib.certif import members, service_exam, sessions
from chalicelib.certif.store import exam as exam_store
from chalicelib.certif.store.courses import DynamoCourseStore
from chalicelib.content.api import answer_for_display, get_release
from chalicelib.engine.checking import right_answer
from tests.integration.test_evaluation_api import sign_up
from tests.unit.test_certif_exam import ELIGIBLE, positioned

TODAY = clock.now().date().isoformat()
SESSION = {"address": "Lycée Jean Moulin, Lyon", "room": "Salle 12", "date": TODAY, "time": "09:00",
           "examiners": "Mme Durand"}


def _pupil(last: str, first: str, born: str) -> dict:
    return {"last_name": last, "first_name": first, "sex": "F", "birth_date": born, "birth_insee_code": "69123"}


@pytest.fixture
def world(api, monkeypatch):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    previous = exam_store.use(DynamoCourseStore())
    from chalicelib.accounts.models import User

    support, support_id = sign_up(api, "support@example.org")
    User(support_id).update(actions=[User.roles.set({"SUPPORT"})])
    admin, admin_id = sign_up(api, "certif.admin@example.org")
    status, centre, _ = api.call("POST", "/api/admin/certification-centres", {"name": "Lycée", "type": "SCO"},
                                 token=support)
    assert status == 201, centre
    members.add_member(centre["id"], admin_id, "ADMIN")
    made = {}
    for name in ("mine", "other"):
        status, created, _ = api.call("POST", f"/api/certif/centres/{centre['id']}/sessions", SESSION, token=admin)
        assert status == 201, created
        made[name] = created
    base = f"/api/certif/centres/{centre['id']}/sessions"
    for name, pupils in (("mine", [("Lefèvre", "Éloïse", "2009-05-17"), ("Martin", "Paul", "2009-01-02")]),
                         ("other", [("Nguyen", "Linh", "2009-11-02")])):
        for last, first, born in pupils:
            status, body, _ = api.call("POST", f"{base}/{made[name]['session']['id']}/candidates",
                                       _pupil(last, first, born), token=admin)
            assert status == 201, body
    candidate, candidate_id = sign_up(api, "eloise@example.org")
    paul, paul_id = sign_up(api, "paul@example.org")
    linh, linh_id = sign_up(api, "linh@example.org")
    invigilator, _ = sign_up(api, "surveillant@example.org")
    stranger, _ = sign_up(api, "autre.surveillant@example.org")
    monkeypatch.setattr(service_exam.evaluation, "positioned_profile",
                        lambda user_id: (positioned(ELIGIBLE), frozenset()))
    yield {"mine": made["mine"], "other": made["other"], "candidate": candidate, "paul": paul, "linh": linh,
           "invigilator": invigilator, "stranger": stranger}
    exam_store.use(previous)


def _session(world, name="mine") -> dict:
    return world[name]["session"]


def _join(api, world, token, last, first, born, name="mine") -> dict:
    status, state, _ = api.call("POST", "/api/certification/courses",
                                {"session_id": _session(world, name)["id"], "last_name": last, "first_name": first,
                                 "birth_date": born}, token=token)
    assert status == 200, state
    return state


def _supervise(api, world, token, name="mine"):
    return api.call("POST", "/api/certif/supervision",
                    {"session_id": _session(world, name)["id"], "password": world[name]["invigilator_password"]},
                    token=token)


def _answer_right(running: dict, entry: str) -> dict:
    challenge = get_release().challenges[running["challenge"]["id"]]
    return {"entry_id": entry, "challenge_id": challenge.id,
            "answer": answer_for_display(challenge, running["course_id"], right_answer(challenge.solution))}


def test_a_candidate_enters_is_authorised_answers_resumes_and_reports(api, world):
    state = _join(api, world, world["candidate"], "LEFEVRE", "eloise", "2009-05-17")
    course = f"/api/certification/courses/{state['course_id']}"
    status, body, _ = api.call("POST", course + "/entry", {"access_code": "BCDF22"}, token=world["candidate"])
    assert (status, body["error"]["code"]) == (400, "CERTIFICATION_ACCESS_CODE_WRONG")
    status, body, _ = api.call("POST", course + "/entry", {"access_code": _session(world)["access_code"]},
                               token=world["candidate"])
    assert (status, body["status"]) == (200, "waiting")
    status, body, _ = api.call("POST", course + "/start", token=world["candidate"])
    assert (status, body["error"]["code"]) == (409, "CERTIFICATION_NOT_AUTHORISED")

    status, granted, _ = _supervise(api, world, world["invigilator"])
    assert status == 200, granted
    supervision = f"/api/certif/sessions/{_session(world)['id']}/supervision"
    status, live, _ = api.call("GET", supervision, token=world["invigilator"])
    assert status == 200
    rows = {r["last_name"]: r for r in live["candidates"]}
    assert rows["Lefèvre"]["status"] == "waiting" and rows["Martin"]["status"] == "absent"
    me = rows["Lefèvre"]["candidate_id"]
    status, row, _ = api.call("POST", f"{supervision}/candidates/{me}/authorise", token=world["invigilator"])
    assert (status, row["status"]) == (200, "authorised")
    status, polled, _ = api.call("GET", course, token=world["candidate"])
    assert polled["status"] == "authorised"

    status, running, _ = api.call("POST", course + "/start", token=world["candidate"])
    assert status == 200 and running["challenge"] and running["entry_id"]
    assert not {"solution", "answer", "accept"} & _keys(running)  # no right answer, whatever the texts say
    entry = running["entry_id"]
    for _ in range(3):
        answer = _answer_right(running, entry)
        status, running, _ = api.call("POST", course + "/answers", answer, token=world["candidate"])
        assert status == 200, running
        status, again, _ = api.call("POST", course + "/answers", answer, token=world["candidate"])  # a replay
        assert (status, again["number"]) == (200, running["number"])
    status, received, _ = api.call("POST", course + "/reports",
                                   {"entry_id": entry, "category": "IN_CHALLENGE", "subcategory": "FILE_NOT_OPENING",
                                    "description": "Le fichier ne s'ouvre pas"}, token=world["candidate"])
    assert (status, received["question_number"]) == (201, 4)

    # the page is lost: a new entry, refused until authorised again; the old entry can no longer answer
    api.call("POST", course + "/entry", {"access_code": _session(world)["access_code"].lower()},
             token=world["candidate"])
    status, body, _ = api.call("POST", course + "/answers", _answer_right(running, entry), token=world["candidate"])
    assert (status, body["error"]["code"]) == (409, "CERTIFICATION_NOT_AUTHORISED")
    api.call("POST", f"{supervision}/candidates/{me}/authorise", token=world["invigilator"])
    status, resumed, _ = api.call("POST", course + "/start", token=world["candidate"])
    assert status == 200 and resumed["number"] == 4 and resumed["challenge"]["id"] == running["challenge"]["id"]

    status, live, _ = api.call("GET", supervision, token=world["invigilator"])
    row = next(r for r in live["candidates"] if r["candidate_id"] == me)
    assert row["status"] == "in_progress" and row["answered"] == 3 and row["started_at"] and row["ends_at"]
    assert [r["subcategory"] for r in row["reports"]] == ["FILE_NOT_OPENING"]
    sid, cid = state["course_id"].split("-")
    assert [a.number for a in DynamoCourseStore().answers(sid, cid)] == [1, 2, 3]

    status, ended, _ = api.call("POST", f"{supervision}/candidates/{me}/end", token=world["invigilator"])
    assert (status, ended["status"], ended["ended_by"]) == (200, "ended", "invigilator")
    status, last, _ = api.call("POST", course + "/answers", _answer_right(resumed, resumed["entry_id"]),
                               token=world["candidate"])
    assert (status, last["status"], last["ended_by"]) == (200, "completed", "invigilator")


def test_refusals_another_sessions_invigilator_a_candidate_of_another_session_a_wrong_password(api, world):
    status, body, _ = api.call("POST", "/api/certif/supervision",
                               {"session_id": _session(world)["id"], "password": "BCDF-2346-7899"},
                               token=world["stranger"])
    assert (status, body["error"]["code"]) == (403, "INVIGILATOR_ACCESS_REFUSED")
    assert _supervise(api, world, world["stranger"], "other")[0] == 200
    supervision = f"/api/certif/sessions/{_session(world)['id']}/supervision"
    status, body, _ = api.call("GET", supervision, token=world["stranger"])
    assert (status, body["error"]["code"]) == (403, "FORBIDDEN")
    state = _join(api, world, world["candidate"], "Lefèvre", "Éloïse", "2009-05-17")
    me = state["course_id"].split("-")[1]
    status, body, _ = api.call("POST", f"{supervision}/candidates/{me}/authorise", token=world["stranger"])
    assert (status, body["error"]["code"]) == (403, "FORBIDDEN")
    # a candidate of the other session can neither join this one nor read this course
    status, body, _ = api.call("POST", "/api/certification/courses",
                               {"session_id": _session(world)["id"], "last_name": "Nguyen", "first_name": "Linh",
                                "birth_date": "2009-11-02"}, token=world["linh"])
    assert (status, body["error"]["code"]) == (404, "CERTIFICATION_CANDIDATE_NOT_FOUND")
    _join(api, world, world["linh"], "Nguyen", "Linh", "2009-11-02", name="other")
    status, body, _ = api.call("GET", f"/api/certification/courses/{state['course_id']}", token=world["linh"])
    assert (status, body["error"]["code"]) == (404, "CERTIFICATION_NOT_FOUND")
    # and another account cannot take this candidate's place
    status, body, _ = api.call("POST", "/api/certification/courses",
                               {"session_id": _session(world)["id"], "last_name": "Lefèvre", "first_name": "Éloïse",
                                "birth_date": "2009-05-17"}, token=world["paul"])
    assert (status, body["error"]["code"]) == (409, "CERTIFICATION_CANDIDATE_TAKEN")


def test_the_eligibility_page(api, world):
    status, body, _ = api.call("GET", "/api/certification/eligibility", token=world["candidate"])
    assert status == 200 and body["eligible"] and len(body["tested"]) == len(ELIGIBLE) and body["course_id"] is None


def _keys(value):
    """Every key of a JSON value, at any depth: what a response discloses, whatever its texts say."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()
