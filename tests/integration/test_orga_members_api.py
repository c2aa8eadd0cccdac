"""Organisations and their members through the real app, on moto (DynamoDB, SES): the operator creates an
organisation and invites its first admin, who invites members; invitations are single-use, resendable,
cancellable and expire; roles change, members leave, the last admin stays."""

from datetime import timedelta

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses import ses_backends

from chalicelib import clock
from chalicelib.accounts.models import User

PASSWORD = "Vq7-membres-orga-2026"


def account(api, email, roles=()):
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": email.split("@")[0].split(".")[0].title(), "last_name": "Orga", "email": email,
        "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    if roles:
        User(session["user"]["id"]).update(actions=[User.roles.set(set(roles))])
    return session["user"]["id"], session["access_token"]


def mails_to(address):
    return [m for m in ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages
            if m.destinations["ToAddresses"][0] == address]


def last_code(address):
    body = mails_to(address)[-1].body
    assert "/rejoindre/#code=" in body
    return body.split("#code=")[1].split()[0]


def new_organization(api, operator, **fields):
    body = {"name": "Lycée Victor-Hugo", "type": "SCO", "external_id": "0750654D", "manages_students": True,
            "first_admin_email": "directrice@example.org", **fields}
    status, org, _ = api.call("POST", "/api/admin/organizations", body, token=operator)
    assert status == 201, org
    return org


def test_the_operator_creates_an_organisation_and_its_first_admin_joins(api):
    _, operator = account(api, "support@example.org", {"SUPPORT"})
    status, body, _ = api.call("POST", "/api/admin/organizations", {"name": "Collège", "type": "SCO",
                                                                    "external_id": "0750654E"}, token=operator)
    assert (status, body["error"]["code"]) == (400, "INVALID_UAI")
    org = new_organization(api, operator)
    assert org["external_id"] == "0750654D" and org["manages_students"] is True
    mail = mails_to("directrice@example.org")[-1]
    assert "Lycée Victor-Hugo" in mail.subject and "administrateur" in mail.body
    code = last_code("directrice@example.org")

    status, preview, _ = api.call("POST", "/api/invitations/preview", {"code": code})
    assert status == 200 and preview["resource_name"] == "Lycée Victor-Hugo" and preview["role"] == "ADMIN"
    assert preview["email"] == "d•••@example.org"
    assert api.call("POST", "/api/invitations/accept", {"code": code})[0] == 401

    admin_id, admin = account(api, "directrice@example.org")
    status, joined, _ = api.call("POST", "/api/invitations/accept", {"code": code}, token=admin)
    assert status == 200 and joined["role"] == "ADMIN" and joined["home"] == "orga/"
    status, body, _ = api.call("POST", "/api/invitations/accept", {"code": code}, token=admin)
    assert (status, body["error"]["code"]) == (404, "INVITATION_NOT_FOUND")  # single-use

    status, mine, _ = api.call("GET", "/api/me/organizations", token=admin)
    assert [(o["name"], o["role"]) for o in mine["organizations"]] == [("Lycée Victor-Hugo", "ADMIN")]
    status, detail, _ = api.call("GET", f"/api/admin/organizations/{org['id']}", token=operator)
    assert (detail["members"], detail["admins"]) == (1, 1)
    status, page, _ = api.call("GET", "/api/admin/organizations?q=lycee", token=operator)
    assert [o["id"] for o in page["organizations"]] == [org["id"]]
    status, page, _ = api.call("GET", "/api/admin/organizations?q=0750654D", token=operator)
    assert [o["id"] for o in page["organizations"]] == [org["id"]]
    _, learner = account(api, "curieux@example.org")
    assert api.call("GET", "/api/admin/organizations", token=learner)[0] == 403


def test_admins_invite_resend_cancel_change_roles_and_the_last_admin_stays(api, monkeypatch):
    _, operator = account(api, "support@example.org", {"SUPPORT"})
    org = new_organization(api, operator)
    base = f"/api/organizations/{org['id']}"
    _, admin = account(api, "directrice@example.org")
    api.call("POST", "/api/invitations/accept", {"code": last_code("directrice@example.org")}, token=admin)

    status, sent, _ = api.call("POST", f"{base}/invitations", {
        "emails": [" Prof@Example.org", "prof@example.org", "cpe@example.org"]}, token=admin)
    assert status == 201 and [i["email"] for i in sent["invitations"]] == ["prof@example.org", "cpe@example.org"]
    first_code = last_code("prof@example.org")
    status, again, _ = api.call("POST", f"{base}/invitations", {"emails": ["prof@example.org"]}, token=admin)
    assert again["invitations"][0]["id"] == sent["invitations"][0]["id"]  # the same invitation, resent
    assert api.call("POST", "/api/invitations/preview", {"code": first_code})[0] == 404  # the old link is spent
    cpe = sent["invitations"][1]["id"]
    assert api.call("POST", f"{base}/invitations/{cpe}/resend", token=admin)[0] == 200
    assert api.call("DELETE", f"{base}/invitations/{cpe}", token=admin)[0] == 204
    assert api.call("POST", "/api/invitations/preview", {"code": last_code("cpe@example.org")})[0] == 404
    status, pending, _ = api.call("GET", f"{base}/invitations", token=admin)
    assert [i["email"] for i in pending["invitations"]] == ["prof@example.org"]

    prof_code = last_code("prof@example.org")
    later = clock.now() + timedelta(days=7, minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    status, body, _ = api.call("POST", "/api/invitations/preview", {"code": prof_code})
    assert (status, body["error"]["code"]) == (409, "INVITATION_EXPIRED")
    monkeypatch.undo()

    prof_id, prof = account(api, "prof@example.org")
    status, joined, _ = api.call("POST", "/api/invitations/accept", {"code": prof_code}, token=prof)
    assert joined["role"] == "MEMBER"
    status, members, _ = api.call("GET", f"{base}/members", token=prof)
    assert status == 200 and members["my_role"] == "MEMBER"
    assert sorted(m["email"] for m in members["members"]) == ["directrice@example.org", "prof@example.org"]
    assert api.call("POST", f"{base}/invitations", {"emails": ["x@example.org"]}, token=prof)[0] == 403
    assert api.call("GET", f"{base}/invitations", token=prof)[0] == 403

    status, body, _ = api.call("POST", f"{base}/leave", token=admin)
    assert (status, body["error"]["code"]) == (409, "LAST_ADMIN")
    admin_id = next(m["user_id"] for m in members["members"] if m["email"] == "directrice@example.org")
    status, body, _ = api.call("PATCH", f"{base}/members/{admin_id}", {"role": "MEMBER"}, token=admin)
    assert (status, body["error"]["code"]) == (409, "LAST_ADMIN")
    assert api.call("PATCH", f"{base}/members/{prof_id}", {"role": "ADMIN"}, token=admin)[1]["role"] == "ADMIN"
    assert api.call("POST", f"{base}/leave", token=admin)[0] == 204
    assert api.call("GET", f"{base}/members", token=admin)[0] == 403  # gone at the next request
    status, members, _ = api.call("GET", f"{base}/members", token=prof)
    assert [m["email"] for m in members["members"]] == ["prof@example.org"]


def test_other_organisations_see_nothing_and_archived_ones_take_no_one(api):
    _, operator = account(api, "support@example.org", {"SUPPORT"})
    org = new_organization(api, operator)
    other = new_organization(api, operator, name="Entreprise Durand", type="PRO", external_id=None,
                             manages_students=False, first_admin_email="rh@example.org")
    _, admin = account(api, "directrice@example.org")
    api.call("POST", "/api/invitations/accept", {"code": last_code("directrice@example.org")}, token=admin)
    _, rh = account(api, "rh@example.org")
    api.call("POST", "/api/invitations/accept", {"code": last_code("rh@example.org")}, token=rh)
    assert api.call("GET", f"/api/organizations/{org['id']}/members", token=rh)[0] == 403
    assert api.call("GET", f"/api/organizations/{other['id']}", token=rh)[1]["name"] == "Entreprise Durand"

    status, archived, _ = api.call("POST", f"/api/admin/organizations/{org['id']}/archive", token=operator)
    assert status == 200 and archived["archived_at"]
    status, body, _ = api.call("POST", f"/api/organizations/{org['id']}/invitations",
                               {"emails": ["prof@example.org"]}, token=admin)
    assert (status, body["error"]["code"]) == (409, "RESOURCE_ARCHIVED")
    status, changed, _ = api.call("PATCH", f"/api/admin/organizations/{other['id']}",
                                  {"name": "Durand SA", "tags": ["privé", "PRIVÉ"]}, token=operator)
    assert status == 200 and changed["name"] == "Durand SA" and changed["tags"] == ["PRIVÉ"]


def test_the_members_list_reads_the_names_of_a_page_together(api, monkeypatch):
    from chalicelib.memberships import api as memberships

    _, operator = account(api, "support@example.org", {"SUPPORT"})
    org = api.call("POST", "/api/admin/organizations", {"name": "Durand", "type": "PRO"}, token=operator)[1]
    people = [account(api, f"{name}@example.org") for name in ("alice", "bruno", "chloe", "denis")]
    for i, (user_id, _) in enumerate(people):
        memberships.add_member("organization", org["id"], user_id, "ADMIN" if i == 0 else "MEMBER")
    memberships.add_member("organization", org["id"], "gone-account", "MEMBER")  # its account no longer exists
    admin = people[0][1]

    def one_by_one(*args, **kwargs):
        raise AssertionError("one read per member")

    monkeypatch.setattr(User, "get", one_by_one)
    seen, cursor = [], None
    while True:
        query = f"?limit=2&cursor={cursor}" if cursor else "?limit=2"
        status, page, _ = api.call("GET", f"/api/organizations/{org['id']}/members{query}", token=admin)
        assert status == 200 and len(page["members"]) <= 2
        seen.extend((m["user_id"], m["first_name"]) for m in page["members"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    expected = sorted([(user_id, name.title()) for (user_id, _), name in
                       zip(people, ("alice", "bruno", "chloe", "denis"), strict=True)] + [("gone-account", "")])
    assert seen == expected  # the store's order (member ids), every page, names from one batch each
