"""Certif through the real app on moto: the operator's centres, a centre's sessions and candidates, the
import of a file and the attendance sheet as jobs (S3 → EventBridge → the jobs room's handler), and a member
of another centre refused everywhere.

Centre memberships are real (the memberships room serves the "centre" scope); operator roles are written on
the user item, as the access matrix does.
"""

from __future__ import annotations

import base64
import io
from datetime import date, timedelta

import openpyxl
import pytest
import requests
from argon2 import PasswordHasher

from chalicelib import clock, web
from chalicelib.certif import candidate_file, members, sessions
from chalicelib.certif.store.sessions import DynamoSessionStore
from chalicelib.memberships import api as memberships
from tests.integration.test_evaluation_api import sign_up
from tests.integration.test_jobs import Events, job

TODAY = sessions.french_day(clock.now())  # the centre's tabs count French days
SESSION = {"address": "Lycée Jean Moulin, Lyon", "room": "Salle 12", "date": TODAY.isoformat(), "time": "09:00",
           "examiners": "Mme Durand"}


@pytest.fixture
def world(api, monkeypatch):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    from chalicelib.accounts.models import User

    support, support_id = sign_up(api, "support@example.org")
    User(support_id).update(actions=[User.roles.set({"SUPPORT"})])
    admin, admin_id = sign_up(api, "certif.admin@example.org")
    outsider, outsider_id = sign_up(api, "autre.centre@example.org")
    status, centre, _ = api.call("POST", "/api/admin/certification-centres",
                                 {"name": "Lycée Jean Moulin", "type": "SCO",
                                  "admin_email": "certif.admin@example.org"},
                                 token=support)
    assert status == 201, centre
    status, other, _ = api.call("POST", "/api/admin/certification-centres", {"name": "Autre centre", "type": "PRO"},
                                token=support)
    members.add_member(centre["id"], admin_id, "ADMIN")
    members.add_member(other["id"], outsider_id, "ADMIN")
    return {"support": support, "admin": admin, "outsider": outsider, "centre": centre, "other": other}


def _create(api, world, **change) -> dict:
    status, created, _ = api.call("POST", f"/api/certif/centres/{world['centre']['id']}/sessions",
                                  {**SESSION, **change}, token=world["admin"])
    assert status == 201, created
    return created


def test_centres_are_served_by_the_memberships_room(client):
    assert "centre" in memberships.registered_scopes() and "centre" in web._memberships


def test_the_operator_creates_edits_lists_and_archives_centres(api, world):
    pending = memberships.pending_invitations("centre", world["centre"]["id"])
    assert [(i.email, i.role) for i in pending.invitations] == [("certif.admin@example.org", "ADMIN")]
    status, page, _ = api.call("GET", "/api/admin/certification-centres?search=lyc&limit=1", token=world["support"])
    assert status == 200 and [c["name"] for c in page["centres"]] == ["Lycée Jean Moulin"]
    status, page, _ = api.call("GET", "/api/admin/certification-centres?limit=1", token=world["support"])
    status, rest, _ = api.call("GET", f"/api/admin/certification-centres?limit=1&cursor={page['next_cursor']}",
                               token=world["support"])
    assert [c["name"] for c in page["centres"] + rest["centres"]] == ["Autre centre", "Lycée Jean Moulin"]
    centre_path = f"/api/admin/certification-centres/{world['centre']['id']}"
    status, edited, _ = api.call("PATCH", centre_path, {"room_capacity": 25, "external_id": "0690001A"},
                                 token=world["support"])
    assert status == 200 and (edited["room_capacity"], edited["external_id"]) == (25, "0690001A")
    status, archived, _ = api.call("POST", centre_path + "/archive", token=world["support"])
    assert status == 200 and archived["archived"]
    status, body, _ = api.call("POST", f"/api/certif/centres/{world['centre']['id']}/sessions", SESSION,
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (409, "CENTRE_ARCHIVED")
    status, body, _ = api.call("GET", "/api/admin/certification-centres/cnotacentre", token=world["support"])
    assert (status, body["error"]["code"]) == (404, "CENTRE_NOT_FOUND")


def test_a_member_creates_reads_edits_lists_and_deletes_sessions(api, world):
    status, mine, _ = api.call("GET", "/api/certif/me/centres", token=world["admin"])
    assert [c["centre"]["name"] for c in mine["centres"]] == ["Lycée Jean Moulin"]
    created = _create(api, world)
    session = created["session"]
    assert len(created["invigilator_password"]) == 14 and session["status"] == "created"
    path = f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}"
    status, read, _ = api.call("GET", path, token=world["admin"])
    assert status == 200 and "invigilator_password" not in read and read["access_code"] == session["access_code"]
    stored = DynamoSessionStore().session(session["id"])
    assert stored is not None and sessions.password_matches(stored.password_hash, created["invigilator_password"])
    changed = {**SESSION, "time": "14:30", "observations": "Apporter une pièce d'identité"}
    status, edited, _ = api.call("PUT", path, changed, token=world["admin"])
    assert status == 200 and edited["time"] == "14:30"
    _create(api, world, date=(TODAY - timedelta(days=2)).isoformat())
    _create(api, world, date=(TODAY + timedelta(days=2)).isoformat())
    base = f"/api/certif/centres/{world['centre']['id']}/sessions"
    status, first, _ = api.call("GET", base + "?limit=1", token=world["admin"])
    status, second, _ = api.call("GET", base + f"?limit=1&cursor={first['next_cursor']}", token=world["admin"])
    assert [s["date"] for s in first["sessions"] + second["sessions"]] == [
        TODAY.isoformat(), (TODAY + timedelta(days=2)).isoformat()]
    status, past, _ = api.call("GET", base + "?tab=to_finalise", token=world["admin"])
    assert [s["tab"] for s in past["sessions"]] == ["to_finalise"]
    status, body, _ = api.call("GET", base + f"?tab=to_finalise&cursor={first['next_cursor']}", token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "INVALID_CURSOR")
    assert api.call("DELETE", path, token=world["admin"])[0] == 204
    assert api.call("GET", path, token=world["admin"])[0] == 404


def test_an_access_code_is_held_by_one_open_session(api, world, monkeypatch):
    from chalicelib.certif import codes

    drawn = iter(["BCDF23", "BCDF23", "BCDF24"])
    monkeypatch.setattr(codes, "new_access_code", lambda: next(drawn))
    first, second = _create(api, world)["session"], _create(api, world)["session"]
    assert (first["access_code"], second["access_code"]) == ("BCDF23", "BCDF24")


def test_a_member_of_another_centre_gets_nothing(api, world):
    session = _create(api, world)["session"]
    centre, other = world["centre"]["id"], world["other"]["id"]
    for method, path in (("GET", f"/api/certif/centres/{centre}"), ("GET", f"/api/certif/centres/{centre}/sessions"),
                         ("GET", f"/api/certif/centres/{centre}/sessions/{session['id']}/candidates")):
        status, body, _ = api.call(method, path, token=world["outsider"])
        assert (status, body["error"]["code"]) == (403, "FORBIDDEN")
    # Through their own centre, another centre's session does not exist.
    status, body, _ = api.call("GET", f"/api/certif/centres/{other}/sessions/{session['id']}", token=world["outsider"])
    assert (status, body["error"]["code"]) == (404, "SESSION_NOT_FOUND")
    status, body, _ = api.call("POST", f"/api/certif/centres/{other}/sessions/{session['id']}/candidate-imports",
                               {"content_base64": "YQ=="}, token=world["outsider"])
    assert status == 404


CANDIDATE = {"last_name": "Martin", "first_name": "Camille", "sex": "F", "birth_date": "2009-05-17",
             "birth_insee_code": "69123", "email": "camille.martin@example.org", "extra_time_percentage": 30}


def test_candidates_are_enrolled_one_by_one_and_refused_clearly(api, world):
    session = _create(api, world)["session"]
    base = f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}/candidates"
    status, enrolled, _ = api.call("POST", base, CANDIDATE, token=world["admin"])
    assert status == 201 and enrolled["birth_insee_code"] == "69123" and not enrolled["linked"]
    status, body, _ = api.call("POST", base, CANDIDATE, token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "CANDIDATE_ALREADY_ENROLLED")
    status, body, _ = api.call("POST", base, {**CANDIDATE, "last_name": "Autre", "birth_postal_code": "69001"},
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "CANDIDATE_BIRTHPLACE_INVALID")
    status, listed, _ = api.call("GET", base, token=world["admin"])
    assert [c["last_name"] for c in listed["candidates"]] == ["Martin"] and listed["capacity"] == 20
    DynamoSessionStore().mark_started(session["id"], clock.now())
    status, body, _ = api.call("POST", base, {**CANDIDATE, "last_name": "Tard"}, token=world["admin"])
    assert (status, body["error"]["code"]) == (409, "SESSION_STARTED")
    status, body, _ = api.call("DELETE", f"{base}/{enrolled['id']}", token=world["admin"])
    assert status == 409
    status, body, _ = api.call("DELETE", f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}",
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (409, "SESSION_STARTED")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.append([h for _, h, _, billing in candidate_file.COLUMNS if not billing])
    for row in rows:
        book.active.append(row)
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def _send(api, world, base: str, raw: bytes, token_of: str = "admin"):
    body = {"file_name": "liste.xlsx", "content_base64": base64.b64encode(raw).decode()}
    return api.call("POST", base + "/candidate-imports", body, token=world[token_of])


def test_a_file_is_imported_as_a_job_and_its_errors_named_by_line(api, world, client):
    from app import app

    events = Events(app)
    session = _create(api, world)["session"]
    base = f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}"
    xlsx = _xlsx([["Martin", "Camille", "E1", 30, date(2009, 5, 17), None, None, "69123", None, None, None, "F"],
                  ["Dupont", "Léo", "E2", None, "02/01/2009", "Lyon", "69001", None, None, None, None, "M"]])
    status, started, _ = _send(api, world, base, xlsx)
    assert status == 202 and started["kind"] == "certif-candidates", started
    events.deliver_pending()
    done = job(api, world["admin"], started["id"])
    assert done["state"] == "done", done
    status, listed, _ = api.call("GET", base + "/candidates", token=world["admin"])
    assert sorted(c["last_name"] for c in listed["candidates"]) == ["Dupont", "Martin"]

    csv = (candidate_file.template_csv(False).decode().lstrip("\ufeff") + "Bernard;Lou;;;17/05/2009;;;69123;;;;F\r\n"
           "Sans;Sexe;;;01/01/2009;;;69123;;;;\r\nMauvaise;Date;;;2009-01-01;;;69123;;;;M\r\n").encode("cp1252")
    status, started, _ = _send(api, world, base, csv)
    events.deliver_pending()
    failed = job(api, world["admin"], started["id"])
    assert failed["state"] == "failed"
    assert [(e["line"], e["code"]) for e in failed["errors"]] == [(3, "IMPORT_LINE_INVALID"),
                                                                  (4, "IMPORT_LINE_INVALID")]
    assert failed["errors"][1]["message"] == "Ligne 4 : la date de naissance doit s'écrire jj/mm/aaaa."
    status, listed, _ = api.call("GET", base + "/candidates", token=world["admin"])
    assert sorted(c["last_name"] for c in listed["candidates"]) == ["Dupont", "Martin"], "nothing imported"
    # Another user cannot follow the centre's job; the generic upload route gives no form for this kind.
    assert api.call("GET", f"/api/jobs/{started['id']}", token=world["outsider"])[0] == 404
    status, body, _ = api.call("POST", "/api/jobs", {"kind": "certif-candidates"}, token=world["support"])
    assert (status, body["error"]["code"]) == (400, "UNKNOWN_JOB_KIND")


def test_a_file_too_large_or_not_base64_is_refused_before_any_job(api, world):
    session = _create(api, world)["session"]
    base = f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}"
    status, body, _ = _send(api, world, base, b"x" * 45_001)
    assert (status, body["error"]["code"]) == (400, "IMPORT_FILE_TOO_LARGE")
    status, body, _ = api.call("POST", base + "/candidate-imports", {"content_base64": "pas du base64 !"},
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "IMPORT_FILE_UNREADABLE")


def test_the_attendance_sheet_is_a_pdf_downloaded_through_the_job(api, world, client):
    from app import app

    events = Events(app)
    session = _create(api, world)["session"]
    base = f"/api/certif/centres/{world['centre']['id']}/sessions/{session['id']}"
    api.call("POST", base + "/candidates", CANDIDATE, token=world["admin"])
    status, started, _ = api.call("POST", base + "/attendance-sheet", token=world["admin"])
    assert status == 202
    events.deliver_pending()
    done = job(api, world["admin"], started["id"])
    assert done["state"] == "done", done
    pdf = requests.get(done["download_url"], timeout=10)
    assert pdf.content.startswith(b"%PDF")
    assert b"Martin" in pdf.content or b"Martin" in _text_of(pdf.content)


def _text_of(pdf: bytes) -> bytes:
    import zlib

    found = b""
    for chunk in pdf.split(b"stream\n")[1:]:
        try:
            found += zlib.decompress(chunk.split(b"\nendstream")[0])
        except zlib.error:
            continue
    return found
