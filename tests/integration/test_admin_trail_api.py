"""The audit trail on moto: append-only writes, the route that reads it and who may."""

import pytest
from pynamodb.exceptions import PutError

from chalicelib.accounts.models import User
from chalicelib.admin import api as admin
from chalicelib.admin.store.trail import DynamoTrail

PASSWORD = "Vq7-journal-des-actions-2026"


def _account(api, email, roles=()):
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": "Odile", "last_name": "Trace", "email": email, "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    if roles:
        User(session["user"]["id"]).update(actions=[User.roles.set(set(roles))])
    return session["user"]["id"], session["access_token"]


def test_the_trail_route_shows_the_operator_and_the_changes(api):
    operator, token = _account(api, "support.trace@example.org", {"SUPPORT"})
    admin.record_action(operator, "identity-changed", "user", "u-42", {"email": ("a@x.org", "b@y.org")})
    admin.record_action(operator, "login-unblocked", "user", "u-42")
    status, page, _ = api.call("GET", "/api/admin/trails/user/u-42?limit=1", token=token)
    assert status == 200, page
    assert page["entries"][0]["action"] == "login-unblocked"
    assert page["entries"][0]["actor_name"] == "Odile Trace"
    status, rest, _ = api.call("GET", f"/api/admin/trails/user/u-42?limit=1&cursor={page['next_cursor']}",
                               token=token)
    assert status == 200
    assert rest["entries"][0]["changes"] == [{"field": "email", "before": "a•••@x.org", "after": "b•••@y.org"}]


def test_each_type_of_trail_has_its_readers(api):
    _, metier = _account(api, "metier.trace@example.org", {"METIER"})
    _, certif = _account(api, "certif.trace@example.org", {"CERTIF"})
    assert api.call("GET", "/api/admin/trails/user/u-1", token=metier)[0] == 403
    assert api.call("GET", "/api/admin/trails/target-profile/tp-1", token=metier)[0] == 200
    assert api.call("GET", "/api/admin/trails/admin-member/u-1", token=certif)[0] == 403
    assert api.call("GET", "/api/admin/trails/nothing/u-1", token=certif)[1]["error"]["code"] == "TRAIL_NOT_FOUND"


def test_an_entry_cannot_be_overwritten(aws):
    from chalicelib.admin import service_trail

    entry = service_trail.record_action("op", "identity-changed", "user", "u-7", {"lang": ("fr", "en")})
    with pytest.raises(PutError):
        DynamoTrail().append(entry)


def test_the_api_has_no_route_that_changes_a_trail():
    import app  # noqa: F401  # registers every route
    from chalicelib import web

    trail_routes = [r for r in web.ROUTES if r.path.startswith("/api/admin/trails")]
    assert trail_routes and all(r.method == "GET" for r in trail_routes)
