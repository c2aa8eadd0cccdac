"""The OpenAPI document is valid OpenAPI 3.1 and says what the glue really answers (the end-to-end
schemathesis run, tests/e2e/test_api_fuzz.py, checks the live answers against it)."""

import ast
import copy
from pathlib import Path

import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator
from pydantic import BaseModel

from app import app  # noqa: F401  (registers every route in web.ROUTES)
from chalicelib import openapi
from chalicelib.rooms import ROOMS
from chalicelib.web import ROUTES, STATUS_OF, Access, RouteSpec

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = openapi.openapi_document()


def _errors(document) -> list[str]:
    return [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]


def test_the_document_is_valid_openapi_3_1():
    assert DOCUMENT["openapi"].startswith("3.1")
    assert _errors(DOCUMENT) == []


def test_the_validator_refuses_a_broken_document():
    """The check above can fail: a response without description, a parameter in no known place."""
    broken = copy.deepcopy(DOCUMENT)
    del broken["paths"]["/api/me"]["get"]["responses"]["401"]["description"]
    broken["paths"]["/api/competences/{code}/retry"]["post"]["parameters"][0]["in"] = "body"
    assert len(_errors(broken)) >= 2


def test_every_route_is_documented_with_its_success_and_every_error_the_glue_may_answer():
    for route in ROUTES:
        responses = DOCUMENT["paths"][route.path][route.method.lower()]["responses"]
        success = responses[str(route.success)]
        if route.response is None:
            assert route.success == 204 and "content" not in success, route.path
        else:
            assert "application/json" in success["content"], route.path
        documented = {int(s) for s in responses if int(s) >= 400}
        assert {413, 415, 500} <= documented, route.path  # any request: too large, not JSON, a bug
        assert (400 in documented) >= (route.body is not None), route.path
        assert (401 in documented) >= (route.access.kind != "public"), route.path
        assert (403 in documented) >= (route.access.kind in ("operator", "member")), route.path


def test_declared_errors_are_statuses_the_glue_can_answer():
    possible = set(STATUS_OF.values()) | {413, 415, 500}
    for route in ROUTES:
        assert set(route.errors) <= possible, route.path


def test_the_error_schema_has_every_field_of_the_error_shape():
    fields = DOCUMENT["components"]["schemas"]["Error"]["properties"]["error"]["properties"]
    assert set(fields) == {"code", "message", "meta", "details"}
    too_many = DOCUMENT["paths"]["/api/token"]["post"]["responses"]["429"]
    assert "Retry-After" in too_many["headers"]


def test_two_models_of_the_same_name_in_two_rooms_stay_two_schemas():
    def model(module: str) -> type[BaseModel]:
        return type("Session", (BaseModel,), {"__module__": module, "__annotations__": {module[-1]: int}})

    first, second = model("chalicelib.a"), model("chalicelib.b")
    specs = [RouteSpec(f"/{m.__module__}", "GET", Access.PUBLIC, "s", None, m, 200, "t") for m in (first, second)]
    refs, definitions = openapi._schemas(specs)
    assert refs[(first, "serialization")] != refs[(second, "serialization")]
    assert len(definitions) == 2


def _reads_query(function: ast.FunctionDef) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "query" for n in ast.walk(function))


def _declares_query(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call) and any(k.arg == "query" for k in d.keywords) for d in function.decorator_list
    )


def _route_files(room: str) -> list[Path]:
    """A room's routes: `routes.py`, or a `routes/` package of one module per aggregate."""
    single = ROOT / "chalicelib" / room / "routes.py"
    return [single] if single.exists() else sorted((ROOT / "chalicelib" / room / "routes").glob("*.py"))


@pytest.mark.parametrize("room", [r.name for r in ROOMS if r.routes])
def test_a_route_that_reads_the_query_string_declares_its_parameters(room):
    for path in _route_files(room):
        tree = ast.parse(path.read_text())
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            if _reads_query(function):
                assert _declares_query(function), f"{path.stem}.{function.name} reads call.query: declare query=(...)"


def test_declared_query_parameters_are_documented():
    from chalicelib.pagination import PAGE_QUERY

    spec = RouteSpec("/api/things", "GET", Access.LEARNER, "s", None, None, 200, "t", query=PAGE_QUERY)
    operation = openapi._operation(spec, {})
    assert [(p["name"], p["in"]) for p in operation["parameters"]] == [("cursor", "query"), ("limit", "query")]
    assert operation["parameters"][1]["schema"]["maximum"] == 100
