"""The Admin room's stores: the only modules that import `chalicelib.admin.models`; they return domain objects.

The use cases ask `trail()` (and the other accessors) for the store they talk to; service tests swap in
the in-memory twins of `chalicelib.admin.memory` with `use(...)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.admin.store.team import DynamoTeam
from chalicelib.admin.store.trail import DynamoTrail
from chalicelib.admin.team import TeamStore
from chalicelib.admin.trail import TrailStore


@dataclass(slots=True)
class Stores:
    trail: TrailStore
    team: TeamStore = field(default_factory=DynamoTeam)


_current = Stores(trail=DynamoTrail())


def current() -> Stores:
    return _current


def use(stores: Stores) -> Stores:
    """Make `stores` those the use cases talk to (tests); returns the previous ones."""
    global _current
    previous, _current = _current, stores
    return previous
