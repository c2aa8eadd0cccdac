"""HTTP glue shared by every blueprint: who may call a route, body parsing, one error shape.

A route is declared with `endpoint(...)`, which states who may call it (an `Access` rule), the request
and response schemas, and registers it for the generated OpenAPI document, so the document cannot drift
from the routes. Routes stay thin: parse, authorise, call a use case. Use cases raise domain errors
(`chalicelib.errors`); `STATUS_OF` below is the one table that maps them to HTTP. Anything else becomes a
500 in the same shape, logged with the request id (`app.py` also reshapes Chalice's own 405 and 415).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import unquote

from chalice.app import Blueprint, Request, Response
from pydantic import BaseModel, ConfigDict, ValidationError

from chalicelib.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    TooManyAttempts,
    Unauthenticated,
    Unavailable,
)
from chalicelib.observability import logger
from chalicelib.settings import get_settings


# Request schemas are built on first use, not at import: a container builds only those of the routes it
# serves (import of the app: ≈ 360 → 320 ms on the development machine).
class Body(BaseModel):
    """A request body: unknown fields are refused (400 names them), text is trimmed, and values are taken
    only in the JSON type the OpenAPI document gives (strict: `"yes"` or `1` is no boolean, a number no
    date), so that what the document calls invalid is refused."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True, defer_build=True)


# --- errors → HTTP ----------------------------------------------------------------------------------

STATUS_OF: dict[type[DomainError], int] = {
    Invalid: 400,
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    TooManyAttempts: 429,
    Unavailable: 503,
}


class HttpError(DomainError):
    """What HTTP itself refuses before any use case runs (body too large, not JSON…): status given."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code, message)
        self.status = status


def status_of(error: DomainError) -> int:
    if isinstance(error, HttpError):
        return error.status
    for kind in type(error).__mro__:
        if kind in STATUS_OF:
            return STATUS_OF[kind]
    return 500


def error_body(code: str, message: str, *, meta: Mapping[str, Any] | None = None,
               details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The one error shape: {"error": {"code", "message", "meta"?, "details"?}}."""
    error: dict[str, Any] = {"code": code, "message": message}
    if meta:
        error["meta"] = dict(meta)
    if details:
        error["details"] = details
    return {"error": error}


def error_response(error: DomainError) -> Response:
    headers = {}
    if isinstance(error, TooManyAttempts):
        headers["Retry-After"] = str(error.retry_after_seconds)
    body = error_body(error.code, error.message, meta=error.meta, details=error.details)
    return json_response(body, status_of(error), headers)


def internal_error_response(request_id: str | None) -> Response:
    body = error_body("INTERNAL_ERROR", "Une erreur inattendue est survenue : réessayez dans un instant.",
                      meta={"request_id": request_id} if request_id else None)
    return json_response(body, 500)


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


# --- who may call a route ----------------------------------------------------------------------------

OPERATOR_ROLES = ("SUPER_ADMIN", "SUPPORT", "METIER", "CERTIF")


@dataclass(frozen=True, slots=True)
class Rule:
    """One access rule. `scope` names a kind of resource (organization, centre, session) whose
    membership is read per request; `param` is the URL parameter naming the resource; `roles` are the
    operator roles, or the membership roles, that pass (empty: any membership)."""

    kind: str  # public | learner | operator | member
    roles: frozenset[str] = frozenset()
    scope: str | None = None
    param: str | None = None

    def describe(self) -> str:
        """As shown in OpenAPI (`x-access`) and the access-matrix test."""
        if self.kind == "operator":
            return "operator:" + "|".join(sorted(self.roles))
        if self.kind == "member":
            return f"{self.scope}:{'|'.join(sorted(self.roles)) or 'member'}({self.param})"
        return self.kind


class Access:
    """Who may call a route. Every route names one rule; memberships are never taken from the token."""

    PUBLIC: ClassVar[Rule] = Rule("public")  # anyone; a token, even stale, is ignored
    LEARNER: ClassVar[Rule] = Rule("learner")  # any signed-in user

    @staticmethod
    def operator(*roles: str) -> Rule:
        """Back-office staff with one of `roles`; a super admin passes every operator rule."""
        unknown = set(roles) - set(OPERATOR_ROLES)
        assert not unknown, f"unknown operator roles {unknown}"
        return Rule("operator", frozenset(roles) | {"SUPER_ADMIN"})

    @staticmethod
    def organization_member(param: str = "organization_id") -> Rule:
        return Rule("member", scope="organization", param=param)

    @staticmethod
    def organization_admin(param: str = "organization_id") -> Rule:
        return Rule("member", frozenset({"ADMIN"}), scope="organization", param=param)

    @staticmethod
    def centre_member(param: str = "centre_id") -> Rule:
        return Rule("member", scope="centre", param=param)

    @staticmethod
    def centre_admin(param: str = "centre_id") -> Rule:
        return Rule("member", frozenset({"ADMIN"}), scope="centre", param=param)

    @staticmethod
    def session_invigilator(param: str = "session_id") -> Rule:
        return Rule("member", frozenset({"INVIGILATOR"}), scope="session", param=param)


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: proven by the access token, with operator roles read from the account per request."""

    user_id: str
    roles: frozenset[str] = frozenset()


# A room that owns a kind of resource tells, for a user and a resource id, which membership roles the
# user holds there (an empty set: none). Read per request: a removed member loses access at once.
MembershipResolver = Callable[[str, str], frozenset[str]]
_memberships: dict[str, MembershipResolver] = {}

# The token check is plugged in by the accounts room, which owns tokens; web knows no secret.
_authenticate: Callable[[str], Principal] | None = None


def set_authenticator(check: Callable[[str], Principal]) -> None:
    global _authenticate
    _authenticate = check


def set_membership_resolver(scope: str, resolver: MembershipResolver) -> None:
    _memberships[scope] = resolver


def authenticate(headers: Mapping[str, str]) -> Principal:
    header = headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise Unauthenticated("UNAUTHENTICATED", "Vous devez vous connecter pour accéder à cette page.")
    assert _authenticate is not None, "no authenticator registered"
    return _authenticate(header[7:].strip())


def authorize(rule: Rule, principal: Principal, params: Mapping[str, str]) -> None:
    """Raise Forbidden unless `principal` passes `rule` for the resource named in `params`."""
    if rule.kind == "learner":
        return
    if rule.kind == "operator":
        if principal.roles & rule.roles:
            return
    elif rule.kind == "member":
        assert rule.scope is not None and rule.param is not None
        resolver = _memberships.get(rule.scope)
        held = resolver(principal.user_id, params[rule.param]) if resolver else frozenset()
        if held and (not rule.roles or held & rule.roles):
            return
    raise Forbidden("FORBIDDEN", "Vous n'avez pas accès à cette ressource.")


# --- routes -------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Call[B]:
    """What a route handler receives besides its URL parameters; `B` is the route's request body
    (`Call[schemas.AnswerRequest]`), `None` for a route without one."""

    principal: Principal | None
    body: B
    query: dict[str, str]
    headers: dict[str, str]

    @property
    def user_id(self) -> str:
        assert self.principal is not None, "a public route has no caller"
        return self.principal.user_id


@dataclass(frozen=True, slots=True)
class QueryParam:
    """A query-string parameter a route reads from `call.query`, declared so that OpenAPI shows it."""

    name: str
    description: str
    schema: Mapping[str, Any] = field(default_factory=lambda: {"type": "string"})
    required: bool = False


@dataclass(frozen=True, slots=True)
class RouteSpec:
    path: str
    method: str
    access: Rule
    summary: str
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    tag: str
    errors: tuple[int, ...] = field(default=())
    query: tuple[QueryParam, ...] = field(default=())

    @property
    def success(self) -> int:
        """The status of a success: a route without a response schema answers 204 with no body."""
        return self.status if self.response is not None else 204

    def statuses(self) -> list[int]:
        """Every error status the route may answer, for OpenAPI: its declared errors (what its use cases
        raise) and those of the glue: any request may be too large (413) or not JSON (415, Chalice checks
        the Content-Type of every request), a body may be malformed (400), a token missing or stale (401)."""
        found = set(self.errors) | {413, 415, 500}
        if self.body is not None:
            found |= {400}
        if self.access.kind != "public":
            found |= {401}
        if self.access.kind in ("operator", "member"):
            found |= {403}
        return sorted(found)


ROUTES: list[RouteSpec] = []


def _whole_segments(request: Request, params: Mapping[str, str]) -> None:
    """Each path parameter exactly as sent. Chalice's local router reads `/1.1;drop` as `1.1` (it takes
    `;drop` for URL parameters) where API Gateway passes `1.1;drop`: a value must be a whole segment of
    the path the request named, or the route does not exist."""
    path = (request.context or {}).get("path") or ""
    segments = {unquote(segment) for segment in path.split("?")[0].split("/")}
    if path and any(value not in segments for value in params.values()):
        raise NotFound("NOT_FOUND", "Cette page ou cette ressource n'existe pas.")


def _too_large(raw: bytes | str | None) -> None:
    size = len(raw.encode()) if isinstance(raw, str) else len(raw or b"")
    if size > get_settings().max_body_bytes:
        raise HttpError(413, "PAYLOAD_TOO_LARGE", "La requête est trop volumineuse.")


def _parse_body(raw: bytes | str | None, schema: type[BaseModel]) -> BaseModel:
    _too_large(raw)
    try:
        return schema.model_validate_json(raw or b"")
    except ValidationError as exc:
        if any(err["type"] == "json_invalid" for err in exc.errors()):
            raise Invalid("MALFORMED_JSON", "Le corps de la requête n'est pas un JSON valide.") from None
        details = [
            {"field": ".".join(str(part) for part in err["loc"]) or "body", "message": err["msg"]}
            for err in exc.errors(include_url=False)
        ]
        names = ", ".join(d["field"] for d in details)
        raise Invalid("INVALID_INPUT", f"Certains champs sont invalides : {names}.", details=details) from None


def endpoint(
    bp: Blueprint,
    path: str,
    *,
    method: str = "GET",
    access: Rule,
    summary: str,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    errors: tuple[int, ...] = (),
    query: tuple[QueryParam, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Response]]:
    """Declare a route: who may call it, what it takes and returns. See the module docstring.

    `errors` are the statuses its use cases may raise (see STATUS_OF); `query` the query-string
    parameters it reads. A route without `response` answers 204 with no body."""
    if access.param is not None:
        assert "{" + access.param + "}" in path, f"{path} does not name {access.param}"
    assert response is not None or status in (200, 204), f"{path}: a route without a response answers 204"

    def register(handler: Callable[..., Any]) -> Callable[..., Response]:
        @functools.wraps(handler)
        def view(**params: str) -> Response:
            request = bp.current_request
            headers = {k.lower(): v for k, v in (request.headers or {}).items()}
            try:
                _whole_segments(request, params)
                principal = None
                if access.kind != "public":
                    principal = authenticate(headers)
                    authorize(access, principal, params)
                if body is not None:
                    payload = _parse_body(request.raw_body, body)
                else:
                    _too_large(request.raw_body)
                    payload = None
                call = Call(principal, payload, dict(request.query_params or {}), headers)
                result = handler(call, **params)
            except DomainError as error:
                if status_of(error) == 500:
                    raise
                return error_response(error)
            if isinstance(result, Response):
                return result
            if isinstance(result, BaseModel):
                result = result.model_dump(mode="json")
            if result is None:
                return Response(body="", status_code=204, headers={"Cache-Control": "no-store"})
            return json_response(result, status)

        tag = bp._import_name.split(".")[1]  # the product room: chalicelib.<room>.routes
        view.__name__ = f"{tag}_{handler.__name__}"
        # Only JSON bodies: a form another site posts (text/plain, form-encoded) never reaches a use case.
        bp.route(path, methods=[method], content_types=["application/json"])(view)
        ROUTES.append(RouteSpec(path, method, access, summary, body, response, status, tag, errors, query))
        return view

    return register


def reshape_error(response: Response, request_id: str | None) -> Response:
    """Chalice's own refusals (405, 415, its 500) in the house shape; house-shaped answers unchanged."""
    if response.status_code < 400:
        return response
    body = response.body
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body or "null")
        except ValueError:
            body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        return response
    status = response.status_code
    if status >= 500:
        logger.error("unhandled error", status=status, request_id=request_id)
        return internal_error_response(request_id)
    code, message = _CHALICE_REFUSALS.get(status, ("BAD_REQUEST", "La requête n'a pas pu être traitée."))
    kept = {k: str(v) for k, v in (response.headers or {}).items() if k.lower() == "allow"}
    return json_response(error_body(code, message), status, kept)


_CHALICE_REFUSALS = {
    405: ("METHOD_NOT_ALLOWED", "Cette adresse n'accepte pas cette méthode."),
    415: ("UNSUPPORTED_MEDIA_TYPE", "Le corps de la requête doit être du JSON (application/json)."),
    400: ("BAD_REQUEST", "La requête n'a pas pu être traitée."),
}
