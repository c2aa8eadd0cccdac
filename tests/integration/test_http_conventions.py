"""Conventions every route follows: declared access, documented in OpenAPI, one error shape."""

import json

from app import app
from chalicelib import web
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


def test_chalice_refusals_answer_in_the_house_shape(api, monkeypatch):
    """Chalice's own 405, 415 and 500 (app.py's middleware reshapes them), through the test client."""
    status, body, headers = api.call("DELETE", "/api/me")
    assert (status, body["error"]["code"], headers["Allow"]) == (405, "METHOD_NOT_ALLOWED", "GET, PATCH")

    response = api.client.http.post("/api/token", headers={"Content-Type": "text/plain"},
                                    body='{"login": "a", "password": "b"}')
    assert response.status_code == 415
    assert json.loads(response.body)["error"]["code"] == "UNSUPPORTED_MEDIA_TYPE"

    def broken(raw):
        raise RuntimeError("a failure no route expects")

    monkeypatch.setattr(web, "_too_large", broken)
    status, body, _ = api.call("GET", "/api/frameworks")
    assert (status, body["error"]["code"]) == (500, "INTERNAL_ERROR")
    assert "request_id" in body["error"]["meta"]


def test_an_unknown_route_is_answered_by_the_gateway_as_the_template_says(client):
    """API Gateway (emulated by Chalice) answers an unknown route itself; the template's gateway response
    (emulated by local/devserver.py) turns it into a 404 in the house shape."""
    from infra import edge

    response = client.http.get("/api/nulle-part")
    kind = edge.gateway_response_type(response.status_code, response.body)
    assert kind == "MISSING_AUTHENTICATION_TOKEN"
    status, body, _ = edge.gateway_responses()[kind].render(response.status_code, "r")
    assert (status, json.loads(body)["error"]["code"]) == (404, "NOT_FOUND")


def test_a_path_parameter_must_be_a_whole_segment_on_every_route(api):
    """Chalice's local router would read `/api/jobs/abc;x` as job `abc`: every route refuses it (404)."""
    status, body, _ = api.call("GET", "/api/tutorials/saved/tu-1;drop")
    assert (status, body["error"]["code"]) == (404, "NOT_FOUND")
    status, body, _ = api.call("GET", "/api/jobs/abc;x")
    assert (status, body["error"]["code"]) == (404, "NOT_FOUND")


def test_each_handler_types_the_body_its_route_declares():
    """`Call[Schema]` in a handler's signature is what mypy checks its use of the body against: it must be
    the schema the route parses (`Call[None]` for a route without a body)."""
    import typing

    handlers = {(path, method): entry.view_function.__wrapped__
                for path, methods in app.routes.items() for method, entry in methods.items()}
    for route in ROUTES:
        hint = typing.get_type_hints(handlers[(route.path, route.method)])["call"]
        assert typing.get_args(hint) == ((route.body or type(None)),), f"{route.method} {route.path}: {hint}"
