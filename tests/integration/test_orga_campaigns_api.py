"""Campaigns through the real app, on moto: members create them with a unique code, list them with filters,
the owner or an admin edits, archives and deletes; the target profile must be usable by the organisation;
multiple sendings are fixed once someone participated."""

from chalicelib.memberships import api as memberships
from chalicelib.orga import api as orga
from chalicelib.orga.campaigns import CODE_PATTERN
from chalicelib.orga.store import campaigns as campaign_store
from tests.integration.test_orga_members_api import account

PROFILE = {"name": "Recherche d'information", "category": "COMPETENCES", "description": "Chercher et évaluer.",
           "tubes": [{"tube_id": "rechercheRequete", "level": 3}, {"tube_id": "sourceFiabilite", "level": 3}]}


def setup(api):
    _, operator = account(api, "support@example.org", {"SUPPORT"})
    _, content = account(api, "metier@example.org", {"METIER"})
    org = api.call("POST", "/api/admin/organizations", {"name": "Entreprise Durand", "type": "PRO"},
                   token=operator)[1]
    other = api.call("POST", "/api/admin/organizations", {"name": "Autre", "type": "PRO"}, token=operator)[1]
    admin_id, admin = account(api, "rh@example.org")
    member_id, member = account(api, "formateur@example.org")
    memberships.add_member("organization", org["id"], admin_id, "ADMIN")
    memberships.add_member("organization", org["id"], member_id, "MEMBER")
    public = api.call("POST", "/api/admin/target-profiles", PROFILE, token=content)[1]
    api.call("PUT", f"/api/admin/target-profiles/{public['id']}/publication", {"public": True}, token=content)
    private = api.call("POST", "/api/admin/target-profiles", {**PROFILE, "name": "Privé"}, token=content)[1]
    api.call("POST", f"/api/admin/target-profiles/{private['id']}/organizations",
             {"organization_ids": [other["id"]]}, token=content)
    outdated = api.call("POST", "/api/admin/target-profiles", {**PROFILE, "name": "Ancien"}, token=content)[1]
    api.call("PUT", f"/api/admin/target-profiles/{outdated['id']}/publication", {"public": True}, token=content)
    api.call("POST", f"/api/admin/target-profiles/{outdated['id']}/outdate", token=content)
    orga.forget_target_profile()
    return org, admin, member, public["id"], private["id"], outdated["id"]


def test_members_create_campaigns_with_unique_codes_and_usable_profiles(api):
    org, admin, member, public, private, outdated = setup(api)
    base = f"/api/organizations/{org['id']}/campaigns"
    status, choices, _ = api.call("GET", f"/api/organizations/{org['id']}/target-profiles", token=member)
    assert [p["id"] for p in choices["target_profiles"]] == [public]

    body = {"name": "Rentrée 2026", "type": "ASSESSMENT", "target_profile_id": public, "title": "Bienvenue",
            "external_id_label": "Matricule", "result_button_text": "Suite",
            "result_button_url": "https://example.org/suite"}
    status, campaign, _ = api.call("POST", base, body, token=member)
    assert status == 201, campaign
    assert CODE_PATTERN.match(campaign["code"]) and campaign["link"] == f"/campagnes/{campaign['code']}"
    assert campaign["target_profile_name"] == "Recherche d'information" and campaign["can_edit"] is True
    assert orga.campaign_by_code(campaign["code"].lower()).id == campaign["id"]

    for profile, code in ((private, "TARGET_PROFILE_NOT_FOUND"), (outdated, "TARGET_PROFILE_OUTDATED"),
                          ("nope", "TARGET_PROFILE_NOT_FOUND")):
        status, body_, _ = api.call("POST", base, {**body, "target_profile_id": profile}, token=member)
        assert body_["error"]["code"] == code, profile
    status, refused, _ = api.call("POST", base, {**body, "title": "x" * 51}, token=member)
    assert (status, refused["error"]["code"], refused["error"]["details"][0]["field"]) == (
        400, "CAMPAIGN_TITLE_TOO_LONG", "title")
    status, refused, _ = api.call("POST", base, {**body, "result_button_url": None}, token=member)
    assert refused["error"]["code"] == "RESULT_BUTTON_INCOMPLETE"

    status, collection, _ = api.call("POST", base, {"name": "Profils", "type": "PROFILES_COLLECTION"}, token=admin)
    assert status == 201 and collection["code"] != campaign["code"]
    status, page, _ = api.call("GET", base, token=member)
    assert [(c["name"], c["can_edit"]) for c in page["campaigns"]] == [("Profils", False), ("Rentrée 2026", True)]
    assert all(c["code"] for c in page["campaigns"])
    assert [c["id"] for c in api.call("GET", f"{base}?mine=true", token=member)[1]["campaigns"]] == [campaign["id"]]
    assert [c["id"] for c in api.call("GET", f"{base}?type=PROFILES_COLLECTION", token=member)[1]["campaigns"]] == [
        collection["id"]]
    first = api.call("GET", f"{base}?limit=1", token=member)[1]
    second = api.call("GET", f"{base}?limit=1&cursor={first['next_cursor']}", token=member)[1]
    assert "campaigns" in second, second
    assert [c["id"] for c in first["campaigns"] + second["campaigns"]] == [collection["id"], campaign["id"]]


def test_owner_or_admin_edit_archive_and_delete_and_participations_fix_sendings(api):
    org, admin, member, public, *_ = setup(api)
    base = f"/api/organizations/{org['id']}/campaigns"
    body = {"name": "Rentrée", "type": "ASSESSMENT", "target_profile_id": public}
    campaign = api.call("POST", base, body, token=admin)[1]
    one = f"{base}/{campaign['id']}"
    status, refused, _ = api.call("PUT", one, {**body, "name": "Par un membre"}, token=member)
    assert (status, refused["error"]["code"]) == (403, "CAMPAIGN_OWNER_ONLY")
    assert api.call("PUT", one, {**body, "multiple_sendings": True}, token=admin)[1]["multiple_sendings"] is True

    assert campaign_store.mark_participated(campaign["id"]) and not campaign_store.mark_participated(campaign["id"])
    status, refused, _ = api.call("PUT", one, {**body, "multiple_sendings": False}, token=admin)
    assert (status, refused["error"]["code"]) == (409, "MULTIPLE_SENDINGS_FIXED")
    status, kept, _ = api.call("PUT", one, {**body, "multiple_sendings": True, "name": "Rentrée B"}, token=admin)
    assert status == 200 and kept["has_participations"] is True and kept["name"] == "Rentrée B"

    assert api.call("POST", f"{one}/archive", token=admin)[1]["archived_at"]
    assert api.call("GET", base, token=member)[1]["campaigns"] == []
    assert [c["id"] for c in api.call("GET", f"{base}?archived=true", token=member)[1]["campaigns"]] == [campaign["id"]]
    assert api.call("POST", f"{one}/unarchive", token=admin)[1]["archived_at"] is None
    assert api.call("DELETE", one, token=member)[0] == 403
    assert api.call("DELETE", one, token=admin)[0] == 204
    assert api.call("GET", one, token=admin)[1]["error"]["code"] == "CAMPAIGN_NOT_FOUND"
    assert api.call("GET", f"{base}?archived=all", token=admin)[1]["campaigns"] == []


def test_another_organisation_sees_no_campaign(api):
    org, admin, _, public, *_ = setup(api)
    campaign = api.call("POST", f"/api/organizations/{org['id']}/campaigns",
                        {"name": "Secret", "type": "ASSESSMENT", "target_profile_id": public}, token=admin)[1]
    outsider_id, outsider = account(api, "ailleurs@example.org")
    assert api.call("GET", f"/api/organizations/{org['id']}/campaigns/{campaign['id']}", token=outsider)[0] == 403
    elsewhere = api.call("POST", "/api/admin/organizations", {"name": "Ailleurs", "type": "PRO"},
                         token=account(api, "support2@example.org", {"SUPPORT"})[1])[1]
    memberships.add_member("organization", elsewhere["id"], outsider_id, "ADMIN")
    status, body, _ = api.call("GET", f"/api/organizations/{elsewhere['id']}/campaigns/{campaign['id']}",
                               token=outsider)
    assert (status, body["error"]["code"]) == (404, "CAMPAIGN_NOT_FOUND")


def test_the_content_team_changes_and_swaps_campaign_codes_with_a_trail(api):
    org, admin, member, public, _, _ = setup(api)
    _, content = account(api, "codes@example.org", {"METIER"})
    _, support = account(api, "aide@example.org", {"SUPPORT"})
    base = f"/api/organizations/{org['id']}/campaigns"
    body = {"name": "Rentrée", "type": "PROFILES_COLLECTION"}
    first = api.call("POST", base, body, token=member)[1]
    second = api.call("POST", base, {**body, "name": "Seconde"}, token=member)[1]

    one = f"/api/admin/campaigns/{first['id']}"
    assert api.call("PATCH", one + "/code", {"code": "BCDFGH234"}, token=support)[0] == 403
    assert api.call("PATCH", one + "/code", {"code": "BCDFGH234"}, token=admin)[0] == 403  # an organisation's admin
    status, changed, _ = api.call("PATCH", one + "/code", {"code": "bcdfgh234"}, token=content)
    assert status == 200 and changed["code"] == "BCDFGH234"
    assert api.call("POST", "/api/campaigns/by-code", {"code": "BCDFGH234"})[0] == 200
    assert api.call("POST", "/api/campaigns/by-code", {"code": first["code"]})[0] == 404
    status, error, _ = api.call("PATCH", f"/api/admin/campaigns/{second['id']}/code", {"code": "BCDFGH234"},
                                token=content)
    assert (status, error["error"]["code"]) == (409, "CAMPAIGN_CODE_TAKEN")
    status, error, _ = api.call("PATCH", one + "/code", {"code": "ABC"}, token=content)
    assert (status, error["error"]["code"]) == (400, "INVALID_CAMPAIGN_CODE")
    assert api.call("PATCH", "/api/admin/campaigns/nope/code", {"code": "BCDFGH235"}, token=content)[0] == 404

    status, swapped, _ = api.call("POST", one + "/code-swap", {"other_campaign_id": second["id"]}, token=content)
    assert status == 200 and [c["code"] for c in swapped["campaigns"]] == [second["code"], "BCDFGH234"]
    assert api.call("GET", base + f"/{second['id']}", token=member)[1]["code"] == "BCDFGH234"
    status, trail, _ = api.call("GET", f"/api/admin/trails/campaign/{first['id']}", token=content)
    assert status == 200 and {e["action"] for e in trail["entries"]} == {"campaign-code-changed",
                                                                         "campaign-code-swapped"}


def test_a_profile_used_by_a_campaign_keeps_its_tubes_and_may_be_copied(api):
    org, _, member, public, _, _ = setup(api)
    _, content = account(api, "contenu@example.org", {"METIER"})
    profile = f"/api/admin/target-profiles/{public}"
    fewer = {"tubes": [{"tube_id": "rechercheRequete", "level": 2}]}
    assert api.call("PATCH", profile, fewer, token=content)[0] == 200  # no campaign yet
    api.call("POST", f"/api/organizations/{org['id']}/campaigns",
             {"name": "Rentrée", "type": "ASSESSMENT", "target_profile_id": public}, token=member)
    status, error, _ = api.call("PATCH", profile, PROFILE | {"tubes": PROFILE["tubes"]}, token=content)
    assert (status, error["error"]["code"]) == (409, "TARGET_PROFILE_IN_USE")
    assert "Copiez-le" in error["error"]["message"]
    assert api.call("PATCH", profile, {"description": "Chercher, trier."}, token=content)[0] == 200
    status, copied, _ = api.call("POST", profile + "/copy", token=content)
    assert status == 201
    assert api.call("PATCH", f"/api/admin/target-profiles/{copied['id']}", {"tubes": PROFILE["tubes"]},
                    token=content)[0] == 200
