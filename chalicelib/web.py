"""HTTP glue shared by every blueprint: one error shape, one auth check, body parsing, OpenAPI.

A route is declared with `endpoint(...)`, which states who may call it, the request and response
schemas, and registers it for the generated OpenAPI document, so the document cannot drift
from the routes. Routes stay thin: parse, authorise, call the domain, map errors to HTTP.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from chalice import Blueprint, Response
from pydantic import BaseModel, ConfigDict, ValidationError

from chalicelib.settings import get_settings


# Request schemas are built on first use, not at import: a container builds only those of the routes it
# serves (import of the app: ≈ 360 → 320 ms on the development machine).
class Body(BaseModel):
    """A request body: unknown fields are refused (400 names them), text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class ApiError(Exception):
    """A failure the caller can understand: HTTP status, stable code, French message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}

    def to_response(self) -> Response:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return json_response({"error": error}, self.status, self.headers)


def not_found(what: str = "Ressource introuvable.") -> ApiError:
    return ApiError(404, "NOT_FOUND", what)


def forbidden(message: str = "Vous n'avez pas accès à cette ressource.") -> ApiError:
    return ApiError(403, "FORBIDDEN", message)


def conflict(code: str, message: str) -> ApiError:
    return ApiError(409, code, message)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status_code=status,
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Cache-Control": "no-store",
            **(headers or {}),
        },
    )


class Access(StrEnum):
    """Who may call a route. Every route names one."""

    PUBLIC = "public"
    LEARNER = "learner"  # any signed-in user
    OPERATOR = "operator"  # Pix Admin


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller, as proven by the access token."""

    user_id: str
    roles: frozenset[str]


@dataclass(slots=True)
class Call:
    """What a route handler receives besides its URL parameters."""

    principal: Principal | None
    body: Any
    query: dict[str, str]
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class RouteSpec:
    path: str
    method: str
    access: Access
    summary: str
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    tag: str
    errors: tuple[int, ...] = field(default=())


ROUTES: list[RouteSpec] = []

# The token check is plugged in by the accounts room, which owns tokens; web knows no secret.
_authenticate: Callable[[str], Principal] | None = None


def set_authenticator(check: Callable[[str], Principal]) -> None:
    global _authenticate
    _authenticate = check


def _principal(headers: dict[str, str], access: Access) -> Principal | None:
    header = headers.get("authorization", "")
    if access is Access.PUBLIC and not header:
        return None
    if not header.lower().startswith("bearer "):
        raise ApiError(401, "UNAUTHENTICATED", "Vous devez vous connecter pour accéder à cette page.")
    assert _authenticate is not None, "no authenticator registered"
    principal = _authenticate(header[7:].strip())
    if access is Access.OPERATOR and "operator" not in principal.roles:
        raise forbidden()
    return principal


def _parse_body(raw: bytes | None, schema: type[BaseModel]) -> BaseModel:
    if len(raw or b"") > get_settings().max_body_bytes:
        raise ApiError(413, "PAYLOAD_TOO_LARGE", "La requête est trop volumineuse.")
    try:
        return schema.model_validate_json(raw or b"")
    except ValidationError as exc:
        if any(err["type"] == "json_invalid" for err in exc.errors()):
            raise ApiError(400, "MALFORMED_JSON", "Le corps de la requête n'est pas un JSON valide.") from None
        details = [
            {"field": ".".join(str(part) for part in err["loc"]) or "body", "message": err["msg"]}
            for err in exc.errors(include_url=False)
        ]
        names = ", ".join(d["field"] for d in details)
        raise ApiError(400, "INVALID_INPUT", f"Certains champs sont invalides : {names}.", details=details) from None


def endpoint(
    bp: Blueprint,
    path: str,
    *,
    method: str = "GET",
    access: Access,
    summary: str,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    errors: tuple[int, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    """Declare a route: who may call it, what it takes and returns. See the module docstring."""

    def register(handler: Callable[..., Any]) -> Callable[..., Response]:
        @functools.wraps(handler)
        def view(**params: str) -> Response:
            request = bp.current_request
            headers = {k.lower(): v for k, v in (request.headers or {}).items()}
            try:
                principal = _principal(headers, access)
                if body is not None:
                    payload = _parse_body(request.raw_body, body)
                else:
                    if len(request.raw_body or b"") > get_settings().max_body_bytes:
                        raise ApiError(413, "PAYLOAD_TOO_LARGE", "La requête est trop volumineuse.")
                    payload = None
                call = Call(principal, payload, dict(request.query_params or {}), headers)
                result = handler(call, **params)
            except ApiError as error:
                return error.to_response()
            if isinstance(result, Response):
                return result
            if isinstance(result, BaseModel):
                result = result.model_dump(mode="json")
            if result is None:
                return Response(body="", status_code=204)
            return json_response(result, status)

        tag = bp._import_name.split(".")[1]  # the product room: chalicelib.<room>.routes
        view.__name__ = f"{tag}_{handler.__name__}"
        bp.route(path, methods=[method], content_types=["application/json", "text/plain"])(view)
        ROUTES.append(RouteSpec(path, method, access, summary, body, response, status, tag, errors))
        return view

    return register
