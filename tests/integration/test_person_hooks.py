"""The rooms' person hooks through Pix Admin on moto: a user's page lists their organisations, centres,
participations and certifications with links to the operator's pages; the search box finds organisations,
campaigns by code, centres and sessions by number, for support only; after the anonymisation the person's
links are gone and what stays names no one."""

from chalicelib import clock
from chalicelib.accounts.models import User
from chalicelib.certif import api as certif_api
from chalicelib.orga import api as orga_api
from chalicelib.orga.campaigns import CampaignFields, created
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store import learners
from tests.integration.test_anonymisation_scan import (
    CERTIFICATES,
    _candidacy_and_certificate,
    _linked_learner,
    _memberships,
    _participation,
    _sign_up,
)

PERSON = {"first_name": "Océane", "last_name": "Berthelot", "email": "oceane.berthelot@example.org"}


def _operator(api, email, role):
    _, token = _sign_up(api, {"first_name": "Op", "last_name": "Érateur", "email": email})
    User(api.call("GET", "/api/me", token=token)[1]["id"]).update(actions=[User.roles.set({role})])
    return token


def _items(detail, key):
    return next(s["items"] for s in detail["sections"] if s["key"] == key)


def test_a_user_page_and_the_search_box_through_the_rooms_hooks(api):
    CERTIFICATES.clear()
    user, token = _sign_up(api, PERSON)
    organization_id, centre_id = _memberships(api, user, token, PERSON)
    _linked_learner(organization_id, user["id"], PERSON)
    _participation(organization_id, user["id"], PERSON)
    _candidacy_and_certificate(centre_id, user["id"], PERSON)
    campaign = created("camp-hooks", "HOOKSA123", organization_id, CampaignFields("Rentrée", "PROFILES_COLLECTION"),
                       "owner-id", clock.now())
    assert campaign_store.current().create(campaign)
    support = _operator(api, "support@example.org", "SUPPORT")
    content = _operator(api, "contenu@example.org", "METIER")

    status, detail, _ = api.call("GET", f"/api/admin/users/{user['id']}", token=support)
    assert status == 200, detail
    memberships = _items(detail, "memberships")
    hrefs = {i["href"] for i in memberships}
    assert f"/admin/organisations/organisation/?id={organization_id}" in hrefs
    assert f"/admin/centres/centre/?id={centre_id}" in hrefs
    assert any("Inscrit" in i["detail"] for i in memberships)  # the learner of the list linked to the account
    assert len(_items(detail, "participations")) == 1
    certifications = _items(detail, "certifications")
    assert {i["label"].split()[0] for i in certifications} == {"Session", "Certificat"}

    session_id = certifications[0]["label"].split()[1]
    for text, kind in (("hooksa 123", "campaign"), ("Université", "organization"), ("centre n", "centre"),
                       (session_id, "session")):
        status, found, _ = api.call("POST", "/api/admin/search", {"text": text}, token=support)
        assert status == 200 and kind in {h["kind"] for h in found["hits"]}, (text, found)
        status, found, _ = api.call("POST", "/api/admin/search", {"text": text}, token=content)
        assert status == 200 and kind not in {h["kind"] for h in found["hits"]}, (text, found)

    exported = orga_api.personal_data(user["id"])
    assert exported["learners"][0]["as_listed"]["last_name"] == "Berthelot"
    assert exported["participations"][0]["external_id"] == PERSON["email"]
    assert certif_api.personal_data(user["id"])["certificates"][0]["last_name"] == "Berthelot"

    assert api.call("POST", f"/api/admin/users/{user['id']}/anonymisation", token=support)[0] == 200
    assert api.call("POST", f"/api/admin/users/{user['id']}/anonymisation", token=support)[0] == 200  # again

    detail = api.call("GET", f"/api/admin/users/{user['id']}", token=support)[1]
    assert _items(detail, "memberships") == [] and _items(detail, "certifications") == []
    assert "Berthelot" not in str(orga_api.personal_data(user["id"]))
    assert learners.current().linked_to(user["id"]) == []
    listed = learners.current().learners(organization_id, learners.current().head(organization_id).generation)
    assert [learner.record.last_name for learner in listed] == ["(anonymisé)"]  # detached, still counted
    assert certif_api.personal_data(user["id"]) == {"candidacies": [], "certificates": [],
                                                    "certifications_without_certificate": []}
