"""The kinds of job, declared by the rooms that own them.

A kind says how its source arrives (an upload by the browser, within limits the POST policy enforces, or
a request object the server writes itself) and which function processes it. A room lists its kinds in
`<room>/job_kinds.py` (`KINDS`) and says `job_kinds=True` in chalicelib/rooms.py: the event function, which
AWS starts from chalicelib.jobs.events alone, finds them there. `register` adds one more (tests).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chalicelib import rooms
from chalicelib.web import Rule

if TYPE_CHECKING:
    from chalicelib.jobs.work import Work


@dataclass(frozen=True, slots=True)
class Upload:
    """What the browser may upload for a kind: the POST policy holds it to these."""

    content_type: str  # e.g. "text/csv"
    max_bytes: int
    extension: str  # of the key the server chooses, e.g. "csv"
    access: Rule  # who may ask for a form on the generic route (scoped kinds have their own route)


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # in object keys: lower-case letters, digits, dashes
    process: Callable[[Work], None]
    upload: Upload | None = None  # None: the server writes the source itself
    max_source_bytes: int = 1_000_000  # for server-written sources; uploads are held to upload.max_bytes

    @property
    def source_limit(self) -> int:
        """A larger source fails the job without being read."""
        return self.upload.max_bytes if self.upload else self.max_source_bytes


_KINDS: dict[str, Kind] = {}
_loaded = False


def register(kind: Kind) -> Kind:
    assert kind.name not in _KINDS or _KINDS[kind.name] == kind, f"job kind {kind.name} registered twice"
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> Kind | None:
    global _loaded
    if not _loaded:  # on first use: importing every room's kinds costs their imports
        for kind in rooms.job_kinds():
            register(kind)
        _loaded = True
    return _KINDS.get(name)
