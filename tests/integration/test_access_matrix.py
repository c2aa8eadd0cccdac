"""Every route, called by every kind of caller, answers as its declared access rule says.

The expected answer is computed here from each route's `Rule` (kind, roles, scope, param), independently
of `web.authorize`: a refused caller gets 401 (anonymous) or 403 `FORBIDDEN`; an allowed caller never
does. The real app's routes are checked, and so is a probe app with one route per kind of rule (every
operator role, every scope, even those no route of the app uses yet): the rule machinery itself is covered.

Callers are real accounts (signed up through the API, operator roles written on the user item) with real
access tokens. Memberships of a scope a room serves (the memberships room, for the scopes registered with
it: organisations…) are created through that room, so its real resolver answers; a session's invigilators
are granted through the certif room (as its password does), so its resolver answers; the scopes no room
serves yet get fake resolvers.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest
from chalice import Blueprint, Chalice
from chalice.test import Client
from moto import mock_aws

from app import app as real_app
from chalicelib import web
from chalicelib.certif import service_supervision as supervision
from chalicelib.memberships import api as memberships_api
from chalicelib.web import OPERATOR_ROLES, Access, Call, RouteSpec, Rule, endpoint
from local import resources

# The resource each membership route is called on, and another resource of the same kind.
TARGET = {"organization": "org-target", "centre": "centre-target", "session": "12345678"}
OTHER = {"organization": "org-other", "centre": "centre-other", "session": "87654321"}
SCOPES = tuple(TARGET)


@dataclass(frozen=True)
class Caller:
    name: str
    signed_in: bool = True
    roles: frozenset[str] = frozenset()  # operator roles, on the user item
    memberships: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)  # scope → id → roles


def _member(name: str, scope: str, resource: str, *roles: str) -> Caller:
    return Caller(name, memberships={scope: {resource: frozenset(roles)}})


CALLERS: tuple[Caller, ...] = (
    Caller("anonymous", signed_in=False),
    Caller("learner"),
    *(Caller(role.lower(), roles=frozenset({role})) for role in OPERATOR_ROLES),
    _member("organization member", "organization", TARGET["organization"], "MEMBER"),
    _member("organization admin", "organization", TARGET["organization"], "ADMIN"),
    _member("member of another organization", "organization", OTHER["organization"], "MEMBER"),
    _member("admin of another organization", "organization", OTHER["organization"], "ADMIN"),
    _member("centre member", "centre", TARGET["centre"], "MEMBER"),
    _member("member of another centre", "centre", OTHER["centre"], "MEMBER"),
    _member("session invigilator", "session", TARGET["session"], "INVIGILATOR"),
    _member("session candidate", "session", TARGET["session"], "CANDIDATE"),
    _member("invigilator of another session", "session", OTHER["session"], "INVIGILATOR"),
)


def expected_refusal(rule: Rule, caller: Caller, params: Mapping[str, str]) -> int | None:
    """401 or 403 when `caller` must be refused, None when it must get through: the rules as documented
    (web.Access), written again here so that a broken `web.authorize` shows."""
    if rule.kind == "public":
        return None
    if not caller.signed_in:
        return 401
    if rule.kind == "learner":
        return None
    if rule.kind == "operator":  # a super admin passes every operator rule
        return None if caller.roles & (rule.roles | {"SUPER_ADMIN"}) else 403
    if rule.kind == "member":
        assert rule.scope is not None and rule.param is not None
        held = caller.memberships.get(rule.scope, {}).get(params[rule.param], frozenset())
        return None if held and (not rule.roles or held & rule.roles) else 403
    raise AssertionError(f"a rule of unknown kind {rule.kind!r}: teach this test what it allows")


# --- a probe app: one route per kind of rule ---------------------------------------------------------
# `endpoint` records every route in web.ROUTES (the OpenAPI document reads it): the probe's routes are
# taken back out at once, so that the real app's document and route list stay as they are.

_before = len(web.ROUTES)
probe_bp = Blueprint(__name__)
PROBE_RULES: dict[str, Rule] = {
    "/probe/public": Access.PUBLIC,
    "/probe/learner": Access.LEARNER,
    "/probe/super-admin": Access.operator(),
    "/probe/support": Access.operator("SUPPORT"),
    "/probe/content": Access.operator("METIER"),
    "/probe/certification": Access.operator("CERTIF"),
    "/probe/support-or-certification": Access.operator("SUPPORT", "CERTIF"),
    "/probe/organizations/{organization_id}": Access.organization_member(),
    "/probe/organizations/{organization_id}/admin": Access.organization_admin(),
    "/probe/centres/{centre_id}": Access.centre_member(),
    "/probe/sessions/{session_id}": Access.session_invigilator(),
    "/probe/sessions/{session_id}/answers/{answer_id}": Access.session_invigilator(),
}


def _declare_probe(path: str, rule: Rule, method: str) -> None:
    def handler(call: Call, **params: str) -> dict[str, object]:
        return {"ok": True}

    handler.__name__ = "_".join([method.lower(), *(p for p in path.split("/") if p and "{" not in p)])
    body = web.Body if method == "POST" else None
    endpoint(probe_bp, path, method=method, access=rule, summary="probe", body=body)(handler)


for _path, _rule in PROBE_RULES.items():
    for _method in ("GET", "POST"):
        _declare_probe(_path, _rule, _method)
PROBE_ROUTES: list[RouteSpec] = web.ROUTES[_before:]
del web.ROUTES[_before:]

probe_app = Chalice(app_name="access-matrix-probe")
probe_app.register_blueprint(probe_bp)


# --- callers: real accounts and tokens -------------------------------------------------------------


def _sign_up(client: Client, name: str) -> tuple[str, str]:
    """A new account through the API: its id and the access token of the session sign-up opens."""
    body = {
        "first_name": "Accès",
        "last_name": name.title(),
        "email": f"matrix.{secrets.token_hex(4)}@example.org",
        "password": "Vq7-tableau-des-acces-2026",
        "cgu_accepted": True,
    }
    response = client.http.post("/api/users", headers={"Content-Type": "application/json"}, body=json.dumps(body))
    assert response.status_code == 201, response.body
    session = json.loads(response.body)
    return session["user"]["id"], session["access_token"]


def _grant_operator_roles(user_id: str, roles: frozenset[str]) -> None:
    """Back-office roles live on the user item (read per request); no route grants them yet."""
    from chalicelib.accounts.models import User

    User(user_id).update(actions=[User.roles.set(set(roles))])


@dataclass
class World:
    clients: dict[str, Client]
    tokens: dict[str, str | None]  # caller name → access token
    joined: list[tuple[str, str, str, str]] = field(default_factory=list)  # real memberships: scope, id, user, role

    def rejoin(self) -> None:
        """Put back the real memberships: a route may have ended one (a member who was let through to
        "leave" has left)."""
        for scope, resource, user_id, role in self.joined:
            if role not in memberships_api.roles(scope, user_id, resource):
                memberships_api.add_member(scope, resource, user_id, role)


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    """One moto, real accounts for every caller, fake membership resolvers, both apps' test clients."""
    memberships: dict[str, dict[tuple[str, str], frozenset[str]]] = {scope: {} for scope in SCOPES}
    resolvers = dict(web._memberships)
    # The session scope is the certif room's (an invigilator's grant, given by the session's password): its
    # invigilators are granted through that room; a "candidate" holds no role there, as in the app.
    certif_served = set(resolvers) & {"session"}
    served = set(resolvers) & set(SCOPES) - certif_served  # resolved by the memberships room: callers join it
    assert served <= set(memberships_api.registered_scopes()), (
        f"{served - set(memberships_api.registered_scopes())} resolved by a room other than memberships: "
        "create the callers' memberships through it in this fixture"
    )
    for scope in set(SCOPES) - served - certif_served:
        web.set_membership_resolver(scope, lambda user, resource, s=scope: memberships[s].get((user, resource),
                                                                                            frozenset()))
    try:
        with mock_aws(), Client(real_app) as app_client, Client(probe_app) as probe_client:
            resources.create_all()
            issued: dict[str, str | None] = {}
            joined: list[tuple[str, str, str, str]] = []
            for caller in CALLERS:
                if not caller.signed_in:
                    issued[caller.name] = None
                    continue
                user_id, token = _sign_up(app_client, caller.name)
                if caller.roles:
                    _grant_operator_roles(user_id, caller.roles)
                for scope, held in caller.memberships.items():
                    for resource, roles in held.items():
                        if scope in certif_served:
                            if "INVIGILATOR" in roles:
                                supervision.grant(resource, user_id)
                        elif scope in served:
                            (role,) = roles
                            joined.append((scope, resource, user_id, role))
                        else:
                            memberships[scope][(user_id, resource)] = roles
                issued[caller.name] = token
            world = World({"app": app_client, "probe": probe_client}, issued, joined)
            world.rejoin()
            yield world
    finally:
        web._memberships.clear()
        web._memberships.update(resolvers)


def test_sessions_are_judged_by_the_certif_rooms_invigilator_grants():
    assert web._memberships.get("session") is supervision.roles


def test_organizations_are_served_by_the_memberships_room():
    """The organisation scope is judged by real memberships, not by this test's fakes."""
    assert "organization" in memberships_api.registered_scopes()
    assert "organization" in web._memberships


# --- the matrix ----------------------------------------------------------------------------------------


def _params(route: RouteSpec) -> dict[str, str]:
    """A value for each URL parameter: the target resource for the rule's own, anything for the others."""
    names = [part[1:-1] for part in route.path.split("/") if part.startswith("{")]
    params = {name: "unknown-id" for name in names}
    if route.access.param is not None:
        assert route.access.scope is not None
        params[route.access.param] = TARGET[route.access.scope]
    return params


def _answer(client: Client, route: RouteSpec, params: Mapping[str, str], token: str | None) -> tuple[int, str]:
    path = route.path.format(**params)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = "{}" if route.body is not None else None
    response = getattr(client.http, route.method.lower())(path, headers=headers, body=body)
    try:
        code = json.loads(response.body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        code = ""
    return response.status_code, code


def _mismatches(world: World, app_name: str, route: RouteSpec) -> list[str]:
    params = _params(route)
    found = []
    for caller in CALLERS:
        if route.method != "GET":  # only a change can have ended a membership
            world.rejoin()
        status, code = _answer(world.clients[app_name], route, params, world.tokens[caller.name])
        refusal = expected_refusal(route.access, caller, params)
        if refusal == 401:
            ok = status == 401
        elif refusal == 403:
            ok = status == 403 and code == "FORBIDDEN"
        elif app_name == "probe":  # the probe's handler answers 200 to whoever gets through
            ok = status == 200
        else:  # a use case may still refuse for its own reasons (404, 409…), never as the access rule does
            ok = status != 401 and not (status == 403 and code == "FORBIDDEN")
        if not ok:
            found.append(f"{caller.name}: expected {refusal or 'through'}, got {status} {code}".rstrip())
    return found


@pytest.mark.parametrize(
    ("app_name", "route"),
    [("probe", r) for r in PROBE_ROUTES] + [("app", r) for r in web.ROUTES],
    ids=lambda v: f"{v.method} {v.path} [{v.access.describe()}]" if isinstance(v, RouteSpec) else v,
)
def test_route_answers_every_caller_as_its_rule_says(world, app_name, route):
    mismatches = _mismatches(world, app_name, route)
    assert not mismatches, f"{route.method} {route.path} [{route.access.describe()}]:\n  " + "\n  ".join(mismatches)


def test_the_probe_covers_every_kind_of_rule_and_every_operator_role():
    kinds = {r.access.kind for r in PROBE_ROUTES}
    assert kinds == {"public", "learner", "operator", "member"}
    assert set().union(*(r.access.roles for r in PROBE_ROUTES if r.access.kind == "operator")) == set(OPERATOR_ROLES)
    assert {r.access.scope for r in PROBE_ROUTES if r.access.kind == "member"} == set(SCOPES)
    assert {r.method for r in PROBE_ROUTES} == {"GET", "POST"}


def test_every_rule_of_the_app_is_one_this_matrix_knows():
    for route in web.ROUTES:
        assert route.access.kind in {"public", "learner", "operator", "member"}, route.path
        assert route.access.scope in (None, *SCOPES), route.path


def test_the_matrix_refuses_and_allows_someone_on_every_probe_route():
    """A matrix where everyone passes (or no one) would prove nothing about the rule."""
    for route in PROBE_ROUTES:
        outcomes = {expected_refusal(route.access, c, _params(route)) for c in CALLERS}
        assert None in outcomes, route.path
        if route.access.kind != "public":
            assert outcomes & {401, 403}, route.path


def test_the_jury_and_finalisation_routes_refuse_another_centre_a_learner_and_support():
    """The jury's routes are the certification team's, the finalisation the centre's: another centre's member,
    a learner and a SUPPORT operator are refused each of them (the matrix above checks the app does so)."""
    mine = [r for r in web.ROUTES
            if r.path.startswith("/api/admin/certification-sessions") or r.path.endswith("/finalisation")]
    assert len(mine) == 15, [r.path for r in mine]
    refused = [c for c in CALLERS if c.name in ("learner", "support", "member of another centre")]
    for route in mine:
        for caller in refused:
            refusal = expected_refusal(route.access, caller, _params(route))
            assert refusal == 403, (route.method, route.path, caller.name)
