"""Learner lists through the real app, on moto: an admin imports a SIECLE zip and a SUP CSV through the
routes (the job shows each error and warning with its line), members browse and filter the list, an admin
unlinks and deletes; a teacher creates pupils' accounts, a pupil's temporary password opens no session
until changed, a reset gives a new one; a participant reconciles with the list of a campaign's school."""

import csv
import io
import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chalicelib.memberships import api as memberships
from chalicelib.orga import service_campaigns
from chalicelib.orga.campaigns import CampaignFields
from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import organizations as organization_store
from tests.integration.test_evaluation_api import sign_up
from tests.integration.test_jobs import Events, job, upload

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
EMAILS = itertools.count()


@pytest.fixture
def events(client):
    from app import app

    return Events(app)


def organization(org_id: str, type: str, uai: str | None = None, manages: bool = True) -> str:
    organization_store.current().create(Organization(
        id=org_id, name=f"Organisation {org_id}", type=type, external_id=uai, province_code="75",  # type: ignore[arg-type]
        manages_students=manages, email=None, tags=(), archived_at=None, created_at=datetime.now(UTC)))
    return org_id


def person(api, org_id: str | None = None, role: str = "ADMIN") -> tuple[str, str]:
    token, user_id = sign_up(api, f"personne{next(EMAILS)}@example.org")
    if org_id:
        memberships.add_member("organization", org_id, user_id, role)
    return token, user_id


@pytest.fixture
def school(aws):
    return organization("lycee", "SCO", "0751234A")


@pytest.fixture
def university(aws):
    return organization("univ", "SUP", "UNIV-1")


def send(api, events, token: str, org_id: str, fixture: str, body: dict, content_type: str) -> dict:
    status, ticket, _ = api.call("POST", f"/api/organizations/{org_id}/learner-imports", body, token=token)
    assert status == 201, ticket
    assert upload(ticket, (FIXTURES / fixture).read_bytes(), content_type).status_code == 204
    events.deliver_pending()
    return job(api, token, ticket["job"]["id"])


def learners(api, token: str, org_id: str, query: str = "") -> dict:
    status, page, _ = api.call("GET", f"/api/organizations/{org_id}/learners{query}", token=token)
    assert status == 200, page
    return page


def test_an_admin_imports_a_siecle_zip_and_members_browse_the_list(api, events, school):
    admin, _ = person(api, school)
    teacher, _ = person(api, school, "MEMBER")
    assert learners(api, teacher, school)["current_list"] is None
    done = send(api, events, admin, school, "siecle_sample.zip", {"format": "siecle", "zipped": True},
                "application/zip")
    assert done["state"] == "done", done["errors"]
    page = learners(api, teacher, school)
    assert page["organization_type"] == "SCO"
    assert page["current_list"]["learners"] == 6 and page["current_list"]["format"] == "siecle"
    assert len(page["learners"]) == 6 and not any(p["linked"] for p in page["learners"])
    in_5b = learners(api, teacher, school, "?division=5B")["learners"]
    assert sorted(p["first_name"] for p in in_5b) == ["Linh", "Zoë"]
    found = learners(api, teacher, school, "?search=ndiaye")["learners"]
    assert [p["last_name"] for p in found] == ["N'Diaye"]
    two = learners(api, teacher, school, "?limit=4")
    rest = learners(api, teacher, school, f"?limit=4&cursor={two['next_cursor']}")
    both = {p["id"] for p in two["learners"]} | {p["id"] for p in rest["learners"]}
    assert both == {p["id"] for p in page["learners"]}


def test_who_may_import_what(api, school, university):
    admin, _ = person(api, school)
    teacher, _ = person(api, school, "MEMBER")
    pro = organization("entreprise", "PRO", manages=False)
    pro_admin, _ = person(api, pro)
    call = api.call
    assert call("POST", f"/api/organizations/{school}/learner-imports", {"format": "siecle"}, token=teacher)[0] == 403
    status, body, _ = call("POST", f"/api/organizations/{school}/learner-imports", {"format": "sup-csv"}, token=admin)
    assert (status, body["error"]["code"]) == (400, "LEARNER_FORMAT_NOT_ALLOWED")
    status, body, _ = call("POST", f"/api/organizations/{pro}/learner-imports", {"format": "sup-csv"}, token=pro_admin)
    assert (status, body["error"]["code"]) == (403, "ORGANIZATION_MANAGES_NO_LEARNERS")
    outsider, _ = person(api, university)  # an admin of another organisation
    assert call("GET", f"/api/organizations/{school}/learners", token=outsider)[0] == 403


def test_a_windows_1252_file_shows_each_error_and_warning_then_the_fixed_file_imports(api, events, university):
    admin, _ = person(api, university)
    failed = send(api, events, admin, university, "sup_errors_windows1252.csv", {"format": "sup-csv"}, "text/csv")
    assert failed["state"] == "failed"
    assert [e["line"] for e in failed["errors"]] == [3, 4, 5, 5, 6, 6, 7]
    assert failed["errors"][0]["message"].startswith("Ligne 3, colonne « Date de naissance (jj/mm/aaaa)* »")
    assert [(w["line"], w["code"]) for w in failed["warnings"]] == [(7, "LEARNER_FILE_WARNING")]
    assert "Mastre" in failed["warnings"][0]["message"] and failed["warning_count"] == 1
    assert learners(api, admin, university)["current_list"] is None
    done = send(api, events, admin, university, "sup_sample_utf8_bom.csv", {"format": "sup-csv", "mode": "replace"},
                "text/csv")
    assert done["state"] == "done" and [w["line"] for w in done["warnings"]] == [5]
    page = learners(api, admin, university)
    assert page["current_list"]["learners"] == 4 and page["organization_type"] == "SUP"


def pupils(api, events, school) -> tuple[str, str, list[dict]]:
    admin, _ = person(api, school)
    teacher, _ = person(api, school, "MEMBER")
    send(api, events, admin, school, "siecle_sample.zip", {"format": "siecle", "zipped": True}, "application/zip")
    return admin, teacher, learners(api, teacher, school)["learners"]


def test_a_teacher_creates_pupils_accounts_whose_temporary_password_must_be_changed(api, events, school):
    admin, teacher, listed = pupils(api, events, school)
    chosen = [p for p in listed if p["last_name"] in ("Nguyen", "N'Diaye")]
    status, made, _ = api.call("POST", f"/api/organizations/{school}/pupil-accounts",
                               {"learner_ids": [p["id"] for p in chosen]}, token=teacher)
    assert status == 201, made
    by_name = {a["last_name"]: a for a in made["accounts"]}
    assert by_name["Nguyen"]["username"] == "linh.nguyen1709"
    rows = list(csv.reader(io.StringIO(made["csv"].lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Classe", "Nom", "Prénom", "Identifiant", "Mot de passe provisoire"]
    assert made["csv"].startswith("\ufeff") and "\r\n" in made["csv"] and len(rows) == 3
    again = api.call("POST", f"/api/organizations/{school}/pupil-accounts", {"learner_ids": [chosen[0]["id"]]},
                     token=teacher)
    assert (again[0], again[1]["error"]["code"]) == (409, "LEARNER_HAS_ACCOUNT")

    pupil = by_name["Nguyen"]
    status, body, _ = api.call("POST", "/api/token", {"login": pupil["username"], "password": pupil["password"]})
    assert (status, body["error"]["code"]) == (403, "PASSWORD_CHANGE_REQUIRED")
    status, body, _ = api.call("POST", "/api/token/new-password", {
        "login": pupil["username"], "password": pupil["password"], "new_password": pupil["password"]})
    assert (status, body["error"]["code"]) == (400, "SAME_PASSWORD")
    status, session, _ = api.call("POST", "/api/token/new-password", {
        "login": pupil["username"], "password": pupil["password"], "new_password": "Tournesol-bleu-42"})
    assert status == 200 and session["access_token"]
    assert api.call("POST", "/api/token", {"login": pupil["username"], "password": "Tournesol-bleu-42"})[0] == 200

    detail = api.call("GET", f"/api/organizations/{school}/learners/{pupil['learner_id']}", token=teacher)[1]
    assert detail["learner"]["linked"] and detail["account"] == {
        "username": "linh.nguyen1709", "email": None, "pupil_account": True}
    status, reset, _ = api.call("POST", f"/api/organizations/{school}/learners/{pupil['learner_id']}/password-reset",
                                token=teacher)
    assert status == 200 and reset["accounts"][0]["username"] == "linh.nguyen1709"
    assert api.call("GET", "/api/me", token=session["access_token"])[0] == 401  # every session ended
    status, body, _ = api.call("POST", "/api/token", {"login": pupil["username"], "password": "Tournesol-bleu-42"})
    assert status == 401
    status, body, _ = api.call("POST", "/api/token", {"login": pupil["username"],
                                                       "password": reset["accounts"][0]["password"]})
    assert (status, body["error"]["code"]) == (403, "PASSWORD_CHANGE_REQUIRED")


def test_an_admin_unlinks_and_deletes_a_learner(api, events, school):
    admin, teacher, listed = pupils(api, events, school)
    pupil = listed[0]
    api.call("POST", f"/api/organizations/{school}/pupil-accounts", {"learner_ids": [pupil["id"]]}, token=teacher)
    path = f"/api/organizations/{school}/learners/{pupil['id']}"
    assert api.call("DELETE", path + "/account", token=teacher)[0] == 403
    assert api.call("DELETE", path + "/account", token=admin)[0] == 204
    assert api.call("GET", path, token=teacher)[1]["learner"]["linked"] is False
    assert api.call("DELETE", path, token=teacher)[0] == 403
    assert api.call("DELETE", path, token=admin)[0] == 204
    gone = api.call("GET", path, token=teacher)[1]["learner"]
    assert gone["anonymised"] and gone["birth_date"] is None and gone["last_name"] != pupil["last_name"]


def test_a_participant_reconciles_with_the_school_of_a_campaign(api, events, school):
    pupils(api, events, school)
    owner_token, owner_id = person(api, school)
    campaign = service_campaigns.create(school, owner_id, CampaignFields(name="Rentrée", type="PROFILES_COLLECTION"))
    pupil_token, _ = person(api)
    path = f"/api/campaigns/{campaign.code}/reconciliation"
    state = api.call("GET", path, token=pupil_token)[1]
    assert state["required"] is True and state["reconciled"] is False and state["organization_type"] == "SCO"
    status, body, _ = api.call("POST", path, {"first_name": "Linh", "last_name": "Nguyen",
                                              "birth_date": "2012-09-18"}, token=pupil_token)
    assert (status, body["error"]["code"]) == (404, "LEARNER_NOT_FOUND_IN_LIST")
    status, body, _ = api.call("POST", path, {"first_name": "linh", "last_name": "NGUYEN",
                                              "birth_date": "2012-09-17"}, token=pupil_token)
    assert status == 200 and body["reconciled"] and body["first_name"] == "Linh"
    assert api.call("GET", path, token=pupil_token)[1]["reconciled"] is True
    other_token, _ = person(api)
    status, body, _ = api.call("POST", path, {"first_name": "Linh", "last_name": "Nguyen",
                                              "birth_date": "2012-09-17"}, token=other_token)
    assert (status, body["error"]["code"]) == (409, "LEARNER_ALREADY_RECONCILED")
    assert "p***@example.org" in body["error"]["message"]
    nobody = api.call("POST", "/api/campaigns/ZZZZZZ999/reconciliation",
                      {"first_name": "A", "last_name": "B", "birth_date": "2012-09-17"}, token=pupil_token)
    assert nobody[0] == 404
