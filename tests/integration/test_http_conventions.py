"""Conventions every route follows: declared access, documented in OpenAPI, one error shape."""

from app import app
from chalicelib.web import ROUTES, Rule


def test_every_route_declares_who_may_call_it():
    declared = {(r.path, r.method) for r in ROUTES}
    served = {(path, method) for path, methods in app.routes.items() for method in methods}
    assert served == declared
    assert all(isinstance(r.access, Rule) for r in ROUTES)


def test_openapi_document_lists_every_route_with_its_schemas(api):
    status, document, _ = api.call("GET", "/api/openapi.json")
    assert status == 200
    for route in ROUTES:
        operation = document["paths"][route.path][route.method.lower()]
        assert operation["x-access"] == route.access.describe()
        if route.body is not None:
            assert "requestBody" in operation
        if route.access.kind != "public":
            assert "401" in operation["responses"]
    assert "SignUpRequest" in document["components"]["schemas"]


def test_routes_that_need_a_session_refuse_anonymous_callers(api):
    for route in ROUTES:
        if route.access.kind == "public":
            continue
        path = route.path.replace("{", "").replace("}", "")
        status, body, _ = api.call(route.method, path, {} if route.body else None)
        assert status == 401, route.path
        assert body["error"]["code"] == "UNAUTHENTICATED"


def test_seeding_twice_adds_no_duplicates(aws):
    from chalicelib.accounts.models import Login, User
    from local.seed import seed

    first = seed()
    second = seed()
    assert first == second
    assert User.count() == len(first) == Login.count()
