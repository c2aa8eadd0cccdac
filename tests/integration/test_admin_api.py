"""The back office on moto: the team, the support tools on users, each action in the trail."""

import pytest

from chalicelib.accounts.models import User

PASSWORD = "Vq7-outils-du-support-2026"


def _sign_up(api, email, first="Maëlle", last="Lefèvre-Dubois", roles=()):
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": first, "last_name": last, "email": email, "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    user_id = session["user"]["id"]
    if roles:
        User(user_id).update(actions=[User.roles.set(set(roles))])
    return user_id, session["access_token"]


def _log_in(api, login, password=PASSWORD):
    return api.call("POST", "/api/token", {"login": login, "password": password})


@pytest.fixture
def support(api):
    return _sign_up(api, "support.api@example.org", "Sam", "Support", {"SUPPORT"})


@pytest.fixture
def boss(api):
    return _sign_up(api, "boss.api@example.org", "Sasha", "Chef", {"SUPER_ADMIN"})


def _actions(api, token, object_type, object_id):
    status, page, _ = api.call("GET", f"/api/admin/trails/{object_type}/{object_id}", token=token)
    assert status == 200, page
    return [e["action"] for e in page["entries"]]


def test_support_finds_a_blocked_user_by_email_and_unblocks_them(api, support):
    _, token = support
    user_id, _ = _sign_up(api, "bloquee@example.org")
    for _ in range(6):
        _log_in(api, "bloquee@example.org", "pas-le-bon-mot-de-passe")
    assert _log_in(api, "bloquee@example.org")[0] == 429
    status, page, _ = api.call("POST", "/api/admin/users/search", {"text": "Bloquee@example.org"}, token=token)
    assert status == 200, page
    assert [u["id"] for u in page["users"]] == [user_id]
    status, detail, _ = api.call("GET", f"/api/admin/users/{user_id}", token=token)
    assert detail["blocked"] is True and detail["logins"][0]["blocked_until"]
    assert [s["key"] for s in detail["sections"]][:3] == ["memberships", "participations", "certifications"]
    status, detail, _ = api.call("POST", f"/api/admin/users/{user_id}/unblock", token=token)
    assert status == 200 and detail["blocked"] is False
    assert _log_in(api, "bloquee@example.org")[0] == 200
    assert _actions(api, token, "user", user_id) == ["login-unblocked"]


def test_search_by_name_reads_both_orders_page_by_page(api, support):
    _, token = support
    ids = {_sign_up(api, f"homonyme{n}@example.org", "Zoé", f"Lefèvre {n}")[0] for n in range(3)}
    also = _sign_up(api, "prenom@example.org", "Lefevrette", "Zzz")[0]
    found, cursor = [], None
    while True:
        status, page, _ = api.call("POST", "/api/admin/users/search",
                                   {"text": "lefevre", "limit": 2, **({"cursor": cursor} if cursor else {})},
                                   token=token)
        assert status == 200, page
        found += [u["id"] for u in page["users"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert set(found) == ids | {also} and len(found) == 4
    status, page, _ = api.call("POST", "/api/admin/users/search", {"text": "zoe lef"}, token=token)
    assert set(u["id"] for u in page["users"]) == ids
    assert api.call("POST", "/api/admin/users/search", {"text": "z"}, token=token)[1]["error"]["code"] == \
        "SEARCH_TOO_SHORT"


def test_support_corrects_identity_and_email_and_the_trail_masks_them(api, support):
    _, token = support
    user_id, _ = _sign_up(api, "ancienne@example.org", "Anne", "Ancienne")
    status, detail, _ = api.call("PATCH", f"/api/admin/users/{user_id}",
                                 {"first_name": "Annie", "last_name": "Nouvelle"}, token=token)
    assert status == 200 and detail["last_name"] == "Nouvelle"
    status, detail, _ = api.call("POST", f"/api/admin/users/{user_id}/email", {"email": "nouvelle@example.net"},
                                 token=token)
    assert status == 200 and detail["email"] == "nouvelle@example.net"
    assert _log_in(api, "nouvelle@example.net")[0] == 200
    assert _log_in(api, "ancienne@example.org")[0] == 401
    status, page, _ = api.call("GET", f"/api/admin/trails/user/{user_id}", token=token)
    email_change, identity_change = page["entries"]
    assert email_change["changes"] == [{"field": "email", "before": "a•••@example.org", "after": "n•••@example.net"}]
    assert identity_change["actor_name"] == "Sam Support"
    assert "Nouvelle" not in str(page) and "Ancienne" not in str(page)


def test_support_ends_sessions_sends_a_reset_and_removes_a_login(api, support):
    _, token = support
    user_id, user_token = _sign_up(api, "sessions@example.org")
    assert api.call("POST", f"/api/admin/users/{user_id}/sessions/end", token=token)[0] == 204
    assert api.call("GET", "/api/me", token=user_token)[0] == 401
    assert api.call("POST", f"/api/admin/users/{user_id}/password-reset", token=token)[0] == 204
    status, error, _ = api.call("DELETE", f"/api/admin/users/{user_id}/logins/email", token=token)
    assert status == 409 and error["error"]["code"] == "LAST_LOGIN"
    assert _actions(api, token, "user", user_id) == ["password-reset-sent", "sessions-ended"]


def test_anonymise_removes_the_person_and_is_in_the_trail(api, support):
    _, token = support
    user_id, _ = _sign_up(api, "effacee@example.org", "Effie", "Cée")
    status, body, _ = api.call("POST", f"/api/admin/users/{user_id}/anonymisation", token=token)
    assert status == 200 and "accounts" in body["rooms"] and body["rooms"][-1] == "accounts"
    status, detail, _ = api.call("GET", f"/api/admin/users/{user_id}", token=token)
    assert detail["anonymised_at"] and detail["email"] is None and detail["logins"] == []
    assert api.call("POST", "/api/admin/users/search", {"text": "effacee@example.org"}, token=token)[1]["users"] == []
    assert api.call("POST", "/api/admin/users/search", {"text": "cee"}, token=token)[1]["users"] == []
    assert _actions(api, token, "user", user_id) == ["user-anonymised"]
    assert api.call("PATCH", f"/api/admin/users/{user_id}", {"first_name": "A", "last_name": "B"},
                    token=token)[1]["error"]["code"] == "ACCOUNT_ANONYMISED"


def test_a_super_admin_manages_the_team_and_roles_apply_at_the_next_request(api, boss):
    boss_id, token = boss
    member_id, member_token = _sign_up(api, "recrue@example.org", "Rémi", "Recrue")
    assert api.call("POST", "/api/admin/users/search", {"text": "recrue"}, token=member_token)[0] == 403
    status, member, _ = api.call("POST", "/api/admin/team", {"email": "recrue@example.org", "role": "SUPPORT"},
                                 token=token)
    assert status == 201 and member["role"] == "SUPPORT" and member["active"]
    assert api.call("POST", "/api/admin/users/search", {"text": "recrue"}, token=member_token)[0] == 200
    assert api.call("POST", "/api/admin/team", {"email": "recrue@example.org", "role": "CERTIF"},
                    token=token)[1]["error"]["code"] == "ALREADY_MEMBER"
    status, member, _ = api.call("PATCH", f"/api/admin/team/{member_id}", {"role": "METIER"}, token=token)
    assert status == 200 and member["role"] == "METIER"
    assert api.call("POST", "/api/admin/users/search", {"text": "recrue"}, token=member_token)[0] == 403
    status, member, _ = api.call("POST", f"/api/admin/team/{member_id}/disable", token=token)
    assert status == 200 and member["active"] is False
    assert api.call("GET", "/api/admin/trails/target-profile/tp-1", token=member_token)[0] == 403
    status, team, _ = api.call("GET", "/api/admin/team", token=token)
    assert [m["email"] for m in team["members"]] == ["recrue@example.org"]
    assert _actions(api, token, "admin-member", member_id) == ["member-disabled", "member-role-changed",
                                                               "member-added"]
    assert api.call("PATCH", f"/api/admin/team/{boss_id}", {"role": "SUPPORT"},
                    token=token)[1]["error"]["code"] == "OWN_MEMBERSHIP"
    assert api.call("POST", "/api/admin/team", {"email": "personne@example.org", "role": "SUPPORT"},
                    token=token)[1]["error"]["code"] == "USER_NOT_FOUND"


def test_the_seed_puts_one_operator_per_role_on_the_team(aws):
    from chalicelib.admin import service_team
    from local.seed import seed

    seed()
    seed()
    members = service_team.members(None, 50).members
    logins = {"admin@example.org": "SUPER_ADMIN", "support@example.org": "SUPPORT", "metier@example.org": "METIER",
              "certif@example.org": "CERTIF"}
    from chalicelib.accounts import api as accounts

    by_id = {accounts.account_by_login(login).user_id: role for login, role in logins.items()}
    assert {m.user_id: m.role for m in members} == by_id
    assert all(accounts.account(uid).roles == {role} for uid, role in by_id.items())


def test_the_shell_search_finds_what_each_role_opens_and_rooms_plug_in(api, support, monkeypatch):
    from chalicelib import rooms

    _, support_token = support
    _, metier_token = _sign_up(api, "metier.search@example.org", "Mia", "Métier", {"METIER"})
    user_id, _ = _sign_up(api, "trouvee@example.org", "Trudy", "Trouvée")
    hits = api.call("POST", "/api/admin/search", {"text": "Trouvée"}, token=support_token)[1]["hits"]
    assert [(h["kind"], h["href"]) for h in hits] == [("user", f"/admin/utilisateurs/fiche/?id={user_id}")]
    assert api.call("POST", "/api/admin/search", {"text": "Trouvée"}, token=metier_token)[1]["hits"] == []

    def campaigns(text, roles):
        if "METIER" not in roles:
            return []
        return [{"kind": "campaign", "label": text.upper(), "href": "/admin/campagnes/?id=1"}]

    every = rooms.person_hooks
    monkeypatch.setattr(rooms, "person_hooks",
                        lambda name: [("orga", campaigns)] if name == "admin_search" else every(name))
    hits = api.call("POST", "/api/admin/search", {"text": "abc123"}, token=metier_token)[1]["hits"]
    assert hits == [{"kind": "campaign", "label": "ABC123", "detail": None, "href": "/admin/campagnes/?id=1"}]


def test_support_gives_a_pupil_an_address_then_removes_the_username(api, support):
    _, token = support
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": "Élio", "last_name": "Petit", "birth_date": "2013-02-03", "password": PASSWORD,
        "cgu_accepted": True})
    assert status == 201, session
    user_id, username = session["user"]["id"], session["user"]["username"]
    assert api.call("POST", f"/api/admin/users/{user_id}/email", {"email": "elio.parent@example.org"},
                    token=token)[0] == 200
    status, detail, _ = api.call("DELETE", f"/api/admin/users/{user_id}/logins/username", token=token)
    assert status == 200, detail
    assert [login["kind"] for login in detail["logins"]] == ["email"] and detail["username"] is None
    assert _log_in(api, username)[0] == 401
    assert _log_in(api, "elio.parent@example.org")[0] == 200
    assert _actions(api, token, "user", user_id) == ["login-removed", "email-changed"]
