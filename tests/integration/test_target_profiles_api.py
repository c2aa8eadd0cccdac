"""The operators' target profile API on moto: the content team builds, copies, outdates and attaches
profiles; support and learners are refused; every write lands in the profile's audit trail."""

from chalicelib.accounts.models import User
from chalicelib.orga import api as orga

PASSWORD = "Vq7-profils-cibles-2026"
BASE = "/api/admin/target-profiles"


def _account(api, email, roles=()):
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": "Camille", "last_name": "Contenu", "email": email, "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    if roles:
        User(session["user"]["id"]).update(actions=[User.roles.set(set(roles))])
    return session["access_token"]


NEW = {"name": "Recherche d'information", "category": "COMPETENCES", "description": "Chercher et évaluer.",
       "tubes": [{"tube_id": "rechercheRequete", "level": 3}, {"tube_id": "sourceFiabilite", "level": 3}]}
STAGES = {"kind": "mastery", "stages": [
    {"threshold": 0, "title": "Premiers pas", "message": "Vous débutez."},
    {"threshold": 50, "title": "En bonne voie", "message": "Vous cherchez efficacement.",
     "prescriber_title": "Autonome", "prescriber_description": "Sait formuler une requête."}]}
BADGES = {"badges": [{"key": "CHERCHEUR", "title": "Chercheur averti", "message": "Bravo !", "criteria": [
    {"kind": "campaign", "threshold": 60},
    {"kind": "tubes", "threshold": 50, "name": "Requêtes", "tubes": [{"tube_id": "rechercheRequete", "level": 2}]}]}]}


def test_the_content_team_builds_a_profile_end_to_end(api):
    token = _account(api, "metier.profils@example.org", {"METIER"})
    status, created, _ = api.call("POST", BASE, NEW, token=token)
    assert status == 201, created
    pid = created["id"]
    assert (created["skill_count"], created["competences"], created["version"]) == (5, ["1.1"], 1)

    status, staged, _ = api.call("PUT", f"{BASE}/{pid}/stages", STAGES, token=token)
    assert status == 200, staged
    assert [s["threshold"] for s in staged["stages"]] == [0, 50]
    status, badged, _ = api.call("PUT", f"{BASE}/{pid}/badges", BADGES, token=token)
    assert status == 200, badged
    badge_id = badged["badges"][0]["id"]
    status, again, _ = api.call("PUT", f"{BASE}/{pid}/badges", BADGES, token=token)
    assert again["badges"][0]["id"] == badge_id  # the same key keeps its id

    status, bad, _ = api.call("PUT", f"{BASE}/{pid}/stages", {"kind": "mastery", "stages": STAGES["stages"][1:]},
                              token=token)
    assert (status, bad["error"]["code"]) == (400, "STAGE_ZERO_MISSING")
    status, bad, _ = api.call("PATCH", f"{BASE}/{pid}", {"tubes": [{"tube_id": "sourceFiabilite", "level": 2}]},
                              token=token)
    assert (status, bad["error"]["code"]) == (400, "BADGE_CRITERION_TUBES")  # the badge names rechercheRequete

    status, edited, _ = api.call("PATCH", f"{BASE}/{pid}", {"description": "Nouvelle description"}, token=token)
    assert (status, edited["description"], edited["name"]) == (200, "Nouvelle description", NEW["name"])

    status, attached, _ = api.call("POST", f"{BASE}/{pid}/organizations", {"organization_ids": ["org-a", "org-b"]},
                                   token=token)
    assert attached["organization_ids"] == ["org-a", "org-b"]
    assert [p.id for p in orga.target_profiles_available_to("org-a")] == [pid]
    api.call("DELETE", f"{BASE}/{pid}/organizations/org-a", token=token)
    assert orga.target_profiles_available_to("org-a") == []
    assert api.call("PUT", f"{BASE}/{pid}/publication", {"public": True}, token=token)[1]["public"] is True
    assert [p.id for p in orga.target_profiles_available_to("org-z")] == [pid]
    assert orga.target_profile_skills(pid)[:2] == ("@rechercheRequete1", "@rechercheRequete2")

    status, copied, _ = api.call("POST", f"{BASE}/{pid}/copy", token=token)
    assert status == 201
    assert (copied["name"], copied["public"], copied["organization_ids"]) == ("[Copie] " + NEW["name"], False, [])
    assert copied["badges"][0]["key"] == "CHERCHEUR" and copied["id"] != pid

    status, outdated, _ = api.call("POST", f"{BASE}/{pid}/outdate", token=token)
    assert outdated["outdated"] is True
    assert orga.target_profiles_available_to("org-z") == []
    status, refused, _ = api.call("PATCH", f"{BASE}/{pid}", {"name": "Autre"}, token=token)
    assert (status, refused["error"]["code"]) == (400, "TARGET_PROFILE_OUTDATED")

    status, page, _ = api.call("GET", f"{BASE}?limit=1", token=token)
    assert [p["id"] for p in page["items"]] == [copied["id"]]
    status, rest, _ = api.call("GET", f"{BASE}?limit=1&cursor={page['next_cursor']}", token=token)
    assert [p["id"] for p in rest["items"]] == [pid]

    status, trail, _ = api.call("GET", f"/api/admin/trails/target-profile/{pid}?limit=50", token=token)
    assert status == 200
    actions = [e["action"] for e in trail["entries"]]
    assert actions[0] == "target-profile-outdated" and actions[-1] == "target-profile-created"
    assert "target-profile-attached" in actions and "target-profile-stages-set" in actions


def test_a_stale_edit_and_an_unknown_tube_are_refused(api):
    token = _account(api, "metier.conflit@example.org", {"METIER"})
    bad = {**NEW, "tubes": [{"tube_id": "inexistant", "level": 2}]}
    status, error, _ = api.call("POST", BASE, bad, token=token)
    assert (status, error["error"]["code"]) == (400, "TARGET_PROFILE_UNKNOWN_TUBE")
    assert api.call("GET", f"{BASE}/nope", token=token)[1]["error"]["code"] == "TARGET_PROFILE_NOT_FOUND"


def test_support_and_learners_are_refused(api):
    support = _account(api, "support.profils@example.org", {"SUPPORT"})
    learner = _account(api, "eleve.profils@example.org")
    for token in (support, learner):
        assert api.call("POST", BASE, NEW, token=token)[0] == 403
        assert api.call("GET", BASE, token=token)[0] == 403
        assert api.call("GET", "/api/admin/target-profile-tubes", token=token)[0] == 403
    assert api.call("GET", BASE)[0] == 401


def test_the_tube_catalog_lists_every_competence_with_its_tubes(api):
    token = _account(api, "metier.catalogue@example.org", {"METIER"})
    status, catalog, _ = api.call("GET", "/api/admin/target-profile-tubes", token=token)
    assert status == 200
    assert len(catalog["competences"]) == 16
    veille = next(t for c in catalog["competences"] for t in c["tubes"] if t["tube_id"] == "veilleFlux")
    assert veille["levels"] == [3, 4, 5, 6]
