"""The registry of rooms: each product's blueprint, tables and event handlers, in one list.

The app registers what this lists; the local stack creates its tables and event plumbing from it; the
infra test checks the template against it; the architecture test knows the rooms from it. A new room is
one line here (and its folder). Modules are named, not imported, so that reading the registry costs
nothing and `db.py` never needs to know a model.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from chalice.app import Blueprint
from pynamodb.models import Model


@dataclass(frozen=True, slots=True)
class Room:
    name: str  # the folder under chalicelib/
    routes: bool = False  # routes.py defines `bp`, a Blueprint of the room's routes
    events: bool = False  # events.py defines `bp`, a Blueprint of the room's event handlers
    tables: bool = False  # models.py defines `TABLES`, one PynamoDB model per table the room owns
    job_kinds: bool = False  # job_kinds.py defines `KINDS`, the kinds of job the room runs (chalicelib.jobs)

    def module(self, role: str) -> str:
        return f"chalicelib.{self.name}.{role}"


ROOMS: tuple[Room, ...] = (
    Room("engine"),  # pure: checking, knowledge, selection, scoring; no I/O
    Room("content"),  # the référentiel's release, loaded once per container
    Room("accounts", routes=True, events=True, tables=True),
    Room("evaluation", routes=True, tables=True),
    # bulk work (uploads, exports) run from S3 → EventBridge; its own kind is the learner's data export
    Room("jobs", routes=True, events=True, tables=True, job_kinds=True),
    # members and invitations of any scope (organisations, centres), reused by the rooms that own them
    Room("memberships", routes=True, tables=True),
    # Pix Orga: organisations, target profiles, campaigns, participations, learner lists, exports
    Room("orga", routes=True, tables=True, job_kinds=True),
    # Pix Certif: centres, sessions, candidates, certification courses, supervision, scoring, certificates
    Room("certif", routes=True, tables=True, job_kinds=True),
    # Pix Admin: the back office's team, support tools on users, the audit trail of operator actions
    Room("admin", routes=True, tables=True),
)

# Modules at chalicelib's top level that every room may use: settings, HTTP glue, errors, clock…
SHARED = ("clock", "db", "errors", "mail", "observability", "openapi", "pagination", "rooms", "settings", "web")


def blueprints() -> Iterator[Blueprint]:
    for room in ROOMS:
        for role, present in (("routes", room.routes), ("events", room.events)):
            if present:
                yield importlib.import_module(room.module(role)).bp


def tables() -> list[type[Model]]:
    """One model per table of the app (other item kinds of a table share its first model's table)."""
    found: list[type[Model]] = []
    for room in ROOMS:
        if room.tables:
            found.extend(importlib.import_module(room.module("models")).TABLES)
    return found


def job_kinds() -> list[Any]:
    """Every kind of job of the app. Read by the jobs room's event function, which AWS starts from
    chalicelib.jobs.events alone (not app.py): a kind must be found without the room's routes loaded."""
    found: list[Any] = []  # chalicelib.jobs.kinds.Kind: the registry names rooms, it imports none
    for room in ROOMS:
        if room.job_kinds:
            found.extend(importlib.import_module(room.module("job_kinds")).KINDS)
    return found


def person_hooks(name: str) -> list[tuple[str, Callable[..., Any]]]:
    """(room, function) for each room whose `api.py` defines `name`, in the registry's order: the hooks
    that act on one person across the app, by user id. Two exist: `anonymise(user_id) -> None` (the
    person is removed from the room's data: names, logins, contact details; memberships disabled,
    learners detached; statistics kept; idempotent) and `personal_data(user_id) -> dict` (everything the
    room holds about them, JSON-ready: the data export). The back office also reads `user_sections` and
    `admin_search` this way (chalicelib.admin). A room joins by defining the function."""
    found = []
    for room in ROOMS:
        module = room.module("api")
        if importlib.util.find_spec(module) is None:
            continue
        hook = getattr(importlib.import_module(module), name, None)
        if callable(hook):
            found.append((room.name, hook))
    return found


def anonymise_person(user_id: str) -> list[str]:
    """Remove a person from the whole app (the back office's anonymisation, a learner deleting their
    account): every room's `anonymise(user_id)` hook, the accounts room's last — it is what names the
    person, so if another room fails the person can still be found and the (idempotent) call made again.
    Returns the rooms called, in order."""
    hooks = person_hooks("anonymise")
    ordered = [h for h in hooks if h[0] != "accounts"] + [h for h in hooks if h[0] == "accounts"]
    for _, hook in ordered:
        hook(user_id)
    return [room for room, _ in ordered]
