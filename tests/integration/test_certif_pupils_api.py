"""A SCO centre picks candidates from its school's list, through the real app on moto: the school is the Pix
Orga organisation with the centre's UAI; its list is written as an import would write it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from argon2 import PasswordHasher

from chalicelib import clock
from chalicelib.certif import members, sessions
from chalicelib.orga.imports.learner import ImportedLearner
from chalicelib.orga.learners import Learner, ListHead
from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import learners as learner_store
from chalicelib.orga.store import organizations as organization_store
from tests.integration.test_evaluation_api import sign_up

UAI = "0690001B"
TODAY = clock.now().date()
SESSION = {"address": "Collège Jean Moulin, Lyon", "room": "Salle 4", "date": (TODAY + timedelta(days=3)).isoformat(),
           "time": "09:00", "examiners": "Mme Durand"}


def _school(organization_id: str, uai: str, pupils: list[tuple[str, str, str | None, bool]]) -> None:
    organization_store.current().create(Organization(
        organization_id, "Collège Jean Moulin", "SCO", uai, "69", True, None, (), None, clock.now()))
    listed = [Learner(f"{organization_id}-{n}", f"INE:{organization_id}{n}", ImportedLearner(
        line=n, first_name=first, last_name=last, birth_date=date(2011, 2, 1) + timedelta(days=n), sex="F",
        birth_country_code="100", birth_city_code="69123", division=division), active=active)
        for n, (last, first, division, active) in enumerate(pupils, start=1)]
    db = learner_store.current()
    db.write(organization_id, "g1", listed)
    assert db.commit(organization_id, None, ListHead("g1", "siecle", clock.now(), len(listed), len(listed)))


@pytest.fixture
def world(api, monkeypatch):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    from chalicelib.accounts.models import User

    support, support_id = sign_up(api, "support@example.org")
    User(support_id).update(actions=[User.roles.set({"SUPPORT"})])
    admin, admin_id = sign_up(api, "certif.admin@example.org")
    status, centre, _ = api.call("POST", "/api/admin/certification-centres",
                                 {"name": "Collège Jean Moulin", "type": "SCO", "external_id": UAI}, token=support)
    assert status == 201, centre
    members.add_member(centre["id"], admin_id, "ADMIN")
    pupils = [(f"Nom{n}", f"Prénom{n}", "3A", True) for n in range(1, 24)]
    pupils += [("Parti", "Élève", "3A", False), ("Autre", "Classe", "3B", True), ("Sans", "Classe", None, True)]
    _school("org-school", UAI, pupils)
    _school("org-other", "0750654D", [("Voisin", "Élève", "3A", True)])
    status, created, _ = api.call("POST", f"/api/certif/centres/{centre['id']}/sessions", SESSION, token=admin)
    assert status == 201, created
    base = f"/api/certif/centres/{centre['id']}"
    return {"admin": admin, "admin_id": admin_id, "centre": centre, "base": base,
            "session": f"{base}/sessions/{created['session']['id']}"}


def test_a_sco_centre_lists_its_schools_classes_and_pupils_page_by_page(api, world):
    status, found, _ = api.call("GET", world["base"] + "/pupil-divisions", token=world["admin"])
    assert (status, found) == (200, {"divisions": ["3A", "3B"]})
    status, first, _ = api.call("GET", world["session"] + "/pupils?division=3A&limit=15", token=world["admin"])
    assert status == 200 and len(first["pupils"]) == 15 and first["next_cursor"]
    status, rest, _ = api.call("GET", world["session"] + f"/pupils?division=3A&limit=15&cursor={first['next_cursor']}",
                               token=world["admin"])
    names = {p["last_name"] for p in first["pupils"] + rest["pupils"]}
    assert status == 200 and len(names) == 23 and "Parti" not in names  # active pupils of the class only
    status, body, _ = api.call("GET", world["session"] + f"/pupils?division=3B&cursor={first['next_cursor']}",
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "INVALID_CURSOR")  # a cursor belongs to its class
    status, body, _ = api.call("GET", world["session"] + "/pupils", token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "PUPILS_DIVISION_REQUIRED")


def test_picked_pupils_are_enrolled_once_within_the_rooms_capacity(api, world):
    status, page, _ = api.call("GET", world["session"] + "/pupils?division=3A&limit=30", token=world["admin"])
    ids = [p["learner_id"] for p in page["pupils"]]
    status, body, _ = api.call("POST", world["session"] + "/pupil-enrolments", {"learner_ids": ids},
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "SESSION_FULL")
    status, enrolled, _ = api.call("POST", world["session"] + "/pupil-enrolments", {"learner_ids": ids[:19]},
                                   token=world["admin"])
    assert status == 201 and len(enrolled["candidates"]) == 19
    assert {(c["division"], c["from_pupil_list"], c["birth_city"]) for c in enrolled["candidates"]} == {
        ("3A", True, "Lyon")}
    status, body, _ = api.call("POST", world["session"] + "/pupil-enrolments", {"learner_ids": [ids[0]]},
                               token=world["admin"])
    assert (status, body["error"]["code"]) == (400, "CANDIDATE_ALREADY_ENROLLED")
    status, listed, _ = api.call("GET", world["session"] + "/candidates", token=world["admin"])
    assert len(listed["candidates"]) == 19 and {c["division"] for c in listed["candidates"]} == {"3A"}  # stored
    status, page, _ = api.call("GET", world["session"] + "/pupils?division=3A&limit=30", token=world["admin"])
    assert sum(p["enrolled"] for p in page["pupils"]) == 19


def test_only_the_schools_current_active_pupils_can_be_picked(api, world):
    for learner_id in ("org-school-24", "org-other-1", "nobody"):  # inactive, another school's, unknown
        status, body, _ = api.call("POST", world["session"] + "/pupil-enrolments", {"learner_ids": [learner_id]},
                                   token=world["admin"])
        assert (status, body["error"]["code"]) == (404, "PUPIL_NOT_FOUND")
    status, body, _ = api.call("POST", world["session"] + "/pupil-enrolments", {"learner_ids": []},
                               token=world["admin"])
    assert status == 400


def test_a_centre_without_a_linked_school_has_no_pupils_to_pick(api, world):
    from chalicelib.certif import service_centres

    pro = service_centres.create("Centre PRO", "PRO", "operator-1", external_id=UAI)
    unknown = service_centres.create("Collège sans liste", "SCO", "operator-1", external_id="0130001X")
    for centre in (pro, unknown):
        members.add_member(centre.id, world["admin_id"], "ADMIN")
        status, body, _ = api.call("GET", f"/api/certif/centres/{centre.id}/pupil-divisions", token=world["admin"])
        assert (status, body["error"]["code"]) == (404, "CENTRE_PUPIL_LIST_NOT_FOUND")
