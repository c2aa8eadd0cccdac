"""Finalisation, jury and publication through the real app on moto (the DynamoDB stores' transactions and
conditions): the centre finalises once (a running test ended), the operator of the certification team takes the
session, handles the fraud report, neutralises and restores a question, publishes; the certificates job gives the
candidate their certificate; the recipient gets one e-mail whose link opens their candidates' results; the
session is unpublished. Refused: a SUPPORT operator, a second finalisation, a publication before the jury."""

from __future__ import annotations

from dataclasses import replace

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from chalicelib.certif import members, store
from chalicelib.certif.store import jury as jury_store
from chalicelib.certif.store.certifications import DynamoCertificationStore
from tests.integration.test_certif_exam_api import _answer_right, _join, _session, _supervise
from tests.integration.test_certif_exam_api import world as world  # noqa: F401  (the fixture)
from tests.integration.test_evaluation_api import sign_up

RECIPIENT = "parent.lefevre@example.org"


def _mails_to(address: str) -> list[dict]:
    sent = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages
    return [m for m in sent if address in m.destinations["ToAddresses"]]


@pytest.fixture
def sat(api, world):  # noqa: F811
    """Éloïse answers every question (skipping question 2); Paul answers one and is still running."""
    previous = jury_store.use(DynamoCertificationStore())
    _supervise(api, world, world["invigilator"])
    supervision = f"/api/certif/sessions/{_session(world)['id']}/supervision"
    ids = {}
    for token, last, first, born in ((world["candidate"], "Lefèvre", "Éloïse", "2009-05-17"),
                                     (world["paul"], "Martin", "Paul", "2009-01-02")):
        state = _join(api, world, token, last, first, born)
        course = f"/api/certification/courses/{state['course_id']}"
        api.call("POST", course + "/entry", {"access_code": _session(world)["access_code"]}, token=token)
        status, live, _ = api.call("GET", supervision, token=world["invigilator"])
        me = next(r["candidate_id"] for r in live["candidates"] if r["last_name"] == last)
        ids[last] = me
        api.call("POST", f"{supervision}/candidates/{me}/authorise", token=world["invigilator"])
        status, running, _ = api.call("POST", course + "/start", token=token)
        assert status == 200, running
        entry, number = running["entry_id"], 1
        while running.get("challenge") and (token == world["candidate"] or number == 1):
            given = _answer_right(running, entry)
            if number == 2:
                given.update(answer=None, skipped=True)
            status, running, _ = api.call("POST", course + "/answers", given, token=token)
            assert status == 200, running
            number += 1
    eloise = next(c for c in store.current().candidates(_session(world)["id"]) if c.id == ids["Lefèvre"])
    store.current().rewrite_candidate(replace(eloise, result_recipient_email=RECIPIENT))
    from chalicelib.accounts.models import User

    operator, operator_id = sign_up(api, "jury@example.org")
    User(operator_id).update(actions=[User.roles.set({"CERTIF"})])
    support, support_id = sign_up(api, "support.jury@example.org")
    User(support_id).update(actions=[User.roles.set({"SUPPORT"})])
    admin, admin_id = sign_up(api, "finalisation@example.org")
    members.add_member(_session(world)["centre_id"], admin_id, "MEMBER")
    yield {**world, "ids": ids, "operator": operator, "support": support, "admin": admin,
           "finalisation": f"/api/certif/centres/{_session(world)['centre_id']}/sessions/{_session(world)['id']}"
                           "/finalisation"}
    jury_store.use(previous)


def _finalise_body(sat, with_fraud=True) -> dict:
    reports = [{"category": "IN_CHALLENGE", "subcategory": "WEBSITE_BLOCKED", "question_number": 2}]
    if with_fraud:
        reports.append({"category": "FRAUD", "description": "Téléphone sorti pendant le test"})
    return {"comment": "", "incident": False, "joining_issue": False, "candidates": [
        {"candidate_id": sat["ids"]["Lefèvre"], "reports": reports},
        {"candidate_id": sat["ids"]["Martin"], "abort_reason": "technical"}]}


def test_finalisation_jury_publication_and_the_recipients_link(api, deliver, sat):
    admin = sat["admin"]
    status, overview, _ = api.call("GET", sat["finalisation"], token=admin)
    assert status == 200 and not overview["finalised"]
    rows = {c["last_name"]: c for c in overview["candidates"]}
    assert rows["Martin"]["unfinished"] and rows["Martin"]["running"] and not rows["Lefèvre"]["unfinished"]
    assert {c["code"] for c in overview["categories"]} >= {"IN_CHALLENGE", "FRAUD", "SIGNATURE_ISSUE"}
    status, body, _ = api.call("POST", sat["finalisation"], {**_finalise_body(sat), "candidates": []}, token=admin)
    assert (status, body["error"]["code"]) == (400, "FINALISATION_ABORT_REASON_MISSING")
    status, done, _ = api.call("POST", sat["finalisation"], _finalise_body(sat), token=admin)
    assert status == 200 and done["finalised"] and done["status"] == "finalised"
    assert not {c["last_name"]: c for c in done["candidates"]}["Martin"]["running"]  # ended by the finalisation
    status, body, _ = api.call("POST", sat["finalisation"], _finalise_body(sat), token=admin)
    assert (status, body["error"]["code"]) == (409, "SESSION_ALREADY_FINALISED")

    jury, session_id = sat["operator"], _session(sat)["id"]
    base = f"/api/admin/certification-sessions/{session_id}"
    status, body, _ = api.call("GET", "/api/admin/certification-sessions?queue=requiring_action",
                               token=sat["support"])
    assert (status, body["error"]["code"]) == (403, "FORBIDDEN")
    status, page, _ = api.call("GET", "/api/admin/certification-sessions?queue=requiring_action", token=jury)
    assert status == 200 and [s["session_id"] for s in page["sessions"]] == [session_id]
    status, page, _ = api.call("GET", "/api/admin/certification-sessions", token=jury)
    assert page["sessions"] == []
    status, body, _ = api.call("POST", base + "/publication", token=jury)
    assert (status, body["error"]["code"]) == (409, "SESSION_NEEDS_JURY")
    status, taken, _ = api.call("POST", base + "/assignment", token=jury)
    assert status == 200 and taken["status"] == "in_process" and not taken["publishable"] and taken["blocking"]

    certification = f"{base}/certifications/{sat['ids']['Lefèvre']}"
    status, cert, _ = api.call("GET", certification, token=jury)
    assert status == 200 and cert["questions"][1]["neutralised"] and cert["status"] == "validated"
    assert [r["outcome"] for r in cert["reports"]] == ["neutralised", "awaits_jury"]
    assert cert["questions"][0]["instruction"] and cert["questions"][0]["result"] == "ok"
    status, cert, _ = api.call("POST", certification + "/reports/2/decision", token=jury)
    assert status == 200 and cert["reports"][1]["decided_by_jury"]
    status, changed, _ = api.call("POST", certification + "/questions/1/neutralisation", {"neutralised": True},
                                  token=jury)
    assert status == 200 and changed["questions"][0]["neutralised"]
    status, restored, _ = api.call("POST", certification + "/questions/1/neutralisation", {"neutralised": False},
                                   token=jury)
    assert restored["pix"] == cert["pix"]
    status, _, _ = api.call("POST", certification + "/comments", {"for_candidate": "Bravo !"}, token=jury)
    assert status == 200
    status, _, _ = api.call("PUT", certification + "/identity",
                            {"last_name": "Lefèvre", "first_name": "Éloïse", "birth_date": "2009-05-17"}, token=jury)
    assert status == 200

    status, published, _ = api.call("POST", base + "/publication", token=jury)
    assert status == 200 and published["mails"] == 1, published
    assert deliver() >= 1
    status, mine, _ = api.call("GET", "/api/me/certificates", token=sat["candidate"])
    assert status == 200 and [c["pix"] for c in mine["certificates"]] == [cert["pix"]]
    (mail,) = _mails_to(RECIPIENT)
    link = mail.body.split("#jeton=")[1].split()[0]
    status, results, _ = api.call("POST", "/api/certif/session-results", {"token": link})
    assert status == 200 and [r["last_name"] for r in results["rows"]] == ["Lefèvre"]
    assert results["csv"].startswith("\ufeffNuméro de certification") and f"{session_id}-" in results["csv"]
    status, body, _ = api.call("POST", "/api/certif/session-results", {"token": link[:-2] + "00"})
    assert (status, body["error"]["code"]) == (404, "RESULTS_LINK_INVALID")

    status, body, _ = api.call("DELETE", base + "/publication", token=jury)
    assert status == 200 and body["withdrawn"] >= 1
    status, mine, _ = api.call("GET", "/api/me/certificates", token=sat["candidate"])
    assert mine["certificates"] == []
    status, page, _ = api.call("GET", "/api/admin/certification-sessions?queue=requiring_action", token=jury)
    assert [s["session_id"] for s in page["sessions"]] == [session_id]
    status, trail, _ = api.call("GET", f"/api/admin/trails/session/{session_id}", token=jury)
    assert status == 200 and {e["action"] for e in trail["entries"]} == {
        "certification-session-assigned", "certification-session-published", "certification-session-unpublished"}
    status, trail, _ = api.call("GET", f"/api/admin/trails/certification/{session_id}-{sat['ids']['Lefèvre']}",
                                token=jury)
    assert {"certification-challenge-neutralised", "certification-challenge-restored",
            "certification-report-decided", "certification-commented"} <= {e["action"] for e in trail["entries"]}


def test_a_clean_session_goes_to_publish_and_is_published_in_a_batch(api, deliver, sat):
    status, _, _ = api.call("POST", sat["finalisation"], _finalise_body(sat, with_fraud=False), token=sat["admin"])
    assert status == 200
    session_id = _session(sat)["id"]
    status, page, _ = api.call("GET", "/api/admin/certification-sessions?queue=to_publish&limit=1",
                               token=sat["operator"])
    assert [s["session_id"] for s in page["sessions"]] == [session_id]
    status, batch, _ = api.call("POST", "/api/admin/certification-sessions/batch-publication",
                                {"session_ids": [session_id, "12345678"]}, token=sat["operator"])
    assert status == 200
    assert [(o["session_id"], o["published"]) for o in batch["outcomes"]] == [(session_id, True), ("12345678", False)]


def test_the_jury_unfinalises_a_session_and_its_centre_finalises_it_again(api, deliver, sat):
    status, _, _ = api.call("POST", sat["finalisation"], _finalise_body(sat), token=sat["admin"])
    assert status == 200
    jury, session_id = sat["operator"], _session(sat)["id"]
    base = f"/api/admin/certification-sessions/{session_id}"
    api.call("POST", base + "/assignment", token=jury)
    status, body, _ = api.call("DELETE", base + "/finalisation", token=sat["support"])
    assert (status, body["error"]["code"]) == (403, "FORBIDDEN")
    status, _, _ = api.call("DELETE", base + "/finalisation", token=jury)
    assert status == 204
    status, body, _ = api.call("GET", base, token=jury)
    assert (status, body["error"]["code"]) == (404, "SESSION_NOT_FOUND")
    status, page, _ = api.call("GET", "/api/admin/certification-sessions?queue=requiring_action", token=jury)
    assert page["sessions"] == []
    status, overview, _ = api.call("GET", sat["finalisation"], token=sat["admin"])
    assert status == 200 and not overview["finalised"] and overview["status"] == "created"

    status, done, _ = api.call("POST", sat["finalisation"], _finalise_body(sat, with_fraud=False), token=sat["admin"])
    assert status == 200 and done["finalised"]
    status, page, _ = api.call("GET", "/api/admin/certification-sessions?queue=to_publish", token=jury)
    assert [s["session_id"] for s in page["sessions"]] == [session_id]
    status, trail, _ = api.call("GET", f"/api/admin/trails/session/{session_id}", token=jury)
    assert "certification-session-unfinalised" in {e["action"] for e in trail["entries"]}
