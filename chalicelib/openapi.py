"""The OpenAPI 3.1 document, generated from the declared routes (`web.ROUTES`) and their pydantic schemas.

It says what the routes really answer: the success status and body of each route (204 and no body when
it has no response schema), the errors its use cases raise (`errors=`) and those the glue adds (400, 413,
415, 401, 403, 500: see `RouteSpec.statuses`), all in the one error shape; the query parameters it reads;
who may call it (`x-access`, and `security` when a token is needed). Schemathesis checks the local stack
against it in the end-to-end tests, and the document is validated as OpenAPI 3.1 in the unit tests.
"""

import re
from typing import Any, Literal

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import models_json_schema

from chalicelib.web import ROUTES, Access, Call, RouteSpec, endpoint

bp = Blueprint(__name__)

_REF = "#/components/schemas/{model}"

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "The one error shape of the API.",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable: the site translates it (err_<CODE>)."},
                "message": {"type": "string", "description": "In French, for logs and API readers."},
                "meta": {
                    "type": "object",
                    "description": "Facts the page needs: a date, a delay (retry_after_seconds), the request id "
                    "of a 500.",
                },
                "details": {
                    "type": "array",
                    "description": "The fields of an invalid request and what is wrong with each.",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                        "required": ["field", "message"],
                        "additionalProperties": False,
                    },
                },
            },
            "required": ["code", "message"],
            "additionalProperties": False,
        }
    },
    "required": ["error"],
    "additionalProperties": False,
}

ERROR_DESCRIPTIONS = {
    400: "Requête invalide : corps mal formé, champ refusé ou règle du domaine (code et `details`)",
    401: "Non connecté, ou session expirée ou révoquée",
    403: "Connecté, mais sans accès à cette ressource",
    404: "Ressource inconnue",
    409: "La ressource n'est pas dans un état qui permet la requête",
    413: "Corps trop volumineux",
    415: "Corps d'un autre type que application/json",
    429: "Trop de tentatives : réessayer après `Retry-After` secondes",
    500: "Erreur inattendue, journalisée avec l'identifiant de requête donné dans `meta.request_id`",
}

_SCOPE_TEXT = {"organization": "cette organisation", "centre": "ce centre", "session": "cette session"}


def _access_text(route: RouteSpec) -> str:
    rule = route.access
    if rule.kind == "public":
        text = "public (un jeton éventuel est ignoré)"
    elif rule.kind == "learner":
        text = "tout utilisateur connecté"
    elif rule.kind == "operator":
        text = "personnel Pix ayant l'un des rôles " + ", ".join(sorted(rule.roles))
    else:
        assert rule.scope is not None
        roles = " avec le rôle " + " ou ".join(sorted(rule.roles)) if rule.roles else ""
        text = (f"membre de {_SCOPE_TEXT.get(rule.scope, rule.scope)} (`{rule.param}`){roles}, "
                "appartenance lue à chaque requête")
    return f"Accès : {text}."


# A model and the mode it is shown in ("validation" for a body, "serialization" for a response) → its $ref.
Refs = dict[tuple[object, str], dict[str, Any]]


def _schemas(routes: list[RouteSpec]) -> tuple[Refs, dict[str, Any]]:
    """Every body and response model in one pass: two models of the same name in two rooms get distinct
    components instead of one silently replacing the other."""
    wanted: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = []
    for route in routes:
        if route.body is not None:
            wanted.append((route.body, "validation"))
        if route.response is not None:
            wanted.append((route.response, "serialization"))
    refs, definitions = models_json_schema(list(dict.fromkeys(wanted)), ref_template=_REF)
    found: Refs = {key: dict(ref) for key, ref in refs.items()}
    return found, definitions.get("$defs", {})


def _error(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": ERROR_DESCRIPTIONS.get(status, "Erreur"),
        "content": {"application/json": {"schema": {"$ref": _REF.format(model="Error")}}},
    }
    if status == 429:
        response["headers"] = {
            "Retry-After": {"description": "Secondes à attendre", "schema": {"type": "string", "pattern": "^[0-9]+$"}}
        }
    return response


def _operation(route: RouteSpec, refs: Refs) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": f"{route.method.lower()}{re.sub(r'[^A-Za-z0-9]+', '_', route.path)}".rstrip("_"),
        "summary": route.summary,
        "description": _access_text(route),
        "tags": [route.tag],
        "x-access": route.access.describe(),
        "responses": {},
    }
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string", "minLength": 1}}
        for name in re.findall(r"{(\w+)}", route.path)
    ]
    parameters += [
        {"name": q.name, "in": "query", "required": q.required, "description": q.description, "schema": dict(q.schema)}
        for q in route.query
    ]
    if parameters:
        operation["parameters"] = parameters
    if route.access.kind != "public":
        operation["security"] = [{"bearer": []}]
    if route.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(route.body, "validation")]}},
        }
    if route.response is not None:
        operation["responses"][str(route.success)] = {
            "description": "Succès",
            "content": {"application/json": {"schema": refs[(route.response, "serialization")]}},
        }
    else:
        operation["responses"][str(route.success)] = {"description": "Fait (pas de contenu)"}
    for status in route.statuses():
        operation["responses"][str(status)] = _error(status)
    return operation


def openapi_document() -> dict[str, Any]:
    refs, definitions = _schemas(ROUTES)
    paths: dict[str, Any] = {}
    for route in ROUTES:
        paths.setdefault(route.path, {})[route.method.lower()] = _operation(route, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Pix API",
            "version": "1.0.0",
            "description": "Toutes les réponses sont du JSON (`application/json`), les erreurs dans une seule forme "
            "(`Error`). Chaque opération dit qui peut l'appeler (`x-access`).",
        },
        "paths": paths,
        "components": {
            "schemas": {"Error": ERROR_SCHEMA, **definitions},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


class OpenApiDocument(BaseModel):
    """This document (its parts are described by the OpenAPI 3.1 specification itself)."""

    model_config = ConfigDict(extra="allow")

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]


@endpoint(bp, "/api/openapi.json", access=Access.PUBLIC, response=OpenApiDocument,
          summary="Le document OpenAPI de cette API")
def openapi(call: Call[None]) -> OpenApiDocument:
    return OpenApiDocument(**openapi_document())
