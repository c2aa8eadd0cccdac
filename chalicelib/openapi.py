"""The OpenAPI document, generated from the declared routes and their pydantic schemas."""

import re
from typing import Any

from chalice import Blueprint
from pydantic import BaseModel

from chalicelib.web import ROUTES, Access, Call, endpoint

bp = Blueprint(__name__)

_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["code", "message"],
        }
    },
}


def _ref(model: type[BaseModel], components: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(schema.pop("$defs", {}))
    components[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def openapi_document() -> dict[str, Any]:
    components: dict[str, Any] = {"Error": _ERROR_SCHEMA}
    paths: dict[str, Any] = {}
    for route in ROUTES:
        operation: dict[str, Any] = {
            "summary": route.summary,
            "tags": [route.tag],
            "x-access": route.access.describe(),
            "responses": {},
        }
        params = re.findall(r"{(\w+)}", route.path)
        if params:
            operation["parameters"] = [
                {"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params
            ]
        if route.access.kind != "public":
            operation["security"] = [{"bearer": []}]
        if route.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": _ref(route.body, components)}},
            }
        ok: dict[str, Any] = {"description": "Succès"}
        if route.response is not None:
            ok["content"] = {"application/json": {"schema": _ref(route.response, components)}}
        operation["responses"][str(route.status if route.response or route.status != 200 else 204)] = ok
        for status in route.statuses():
            operation["responses"][str(status)] = {
                "description": "Erreur",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            }
        paths.setdefault(route.path, {})[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "Pix API", "version": "1.0.0"},
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


@endpoint(bp, "/api/openapi.json", access=Access.PUBLIC, summary="Le document OpenAPI de cette API")
def openapi(call: Call) -> dict[str, Any]:
    return openapi_document()
