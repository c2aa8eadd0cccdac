"""A certification centre, in plain Python: its identity, its type, whether it is archived.

No I/O here. The operator (SUPPORT) creates, edits and archives centres; their members and invitations
belong to the memberships room (scope "centre"), which asks this room what a centre is called.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from chalicelib.errors import Conflict, Invalid

TYPES = ("SCO", "SUP", "PRO")  # school, higher education, professional (billing applies to SUP and PRO)
DEFAULT_ROOM_CAPACITY = 20  # candidates per session (room / examiner), unless the centre raises it
MAX_ROOM_CAPACITY = 48  # a replacing import of a full room stays within one transaction (100 items)
NAME_MAX = 120
EXTERNAL_ID_MAX = 60

_CENTRE_ID = re.compile(r"^c[a-z0-9]{10}$")
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def new_centre_id() -> str:
    """`c` + 10 random characters (50 bits): readable in a support conversation, never guessed."""
    return "c" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def is_centre_id(value: str) -> bool:
    return bool(_CENTRE_ID.match(value))


def search_key(text: str) -> str:
    """A name as searched: lower case, without accents, single spaces (« Lycée  Émile » → « lycee emile »)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.lower()).split())


@dataclass(frozen=True, slots=True)
class Centre:
    id: str
    name: str
    type: str
    created_at: datetime
    external_id: str | None = None
    room_capacity: int = DEFAULT_ROOM_CAPACITY
    archived_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def billed(self) -> bool:
        """SUP and PRO centres say how each candidate pays; SCO centres never do."""
        return self.type != "SCO"


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX or not search_key(name):
        raise Invalid("CENTRE_NAME_INVALID", f"Le nom du centre est obligatoire ({NAME_MAX} caractères au plus).")
    return name


def _type(kind: str) -> str:
    if kind not in TYPES:
        raise Invalid("CENTRE_TYPE_INVALID", "Le type du centre est SCO, SUP ou PRO.")
    return kind


def _capacity(capacity: int) -> int:
    if not 1 <= capacity <= MAX_ROOM_CAPACITY:
        raise Invalid("CENTRE_CAPACITY_INVALID",
                      f"Le nombre de candidats par salle va de 1 à {MAX_ROOM_CAPACITY}.")
    return capacity


def _external_id(external_id: str | None) -> str | None:
    external_id = (external_id or "").strip() or None
    if external_id is not None and len(external_id) > EXTERNAL_ID_MAX:
        raise Invalid("CENTRE_EXTERNAL_ID_INVALID",
                      f"L'identifiant externe fait {EXTERNAL_ID_MAX} caractères au plus.")
    return external_id


def create(centre_id: str, name: str, kind: str, now: datetime, *, external_id: str | None = None,
           room_capacity: int = DEFAULT_ROOM_CAPACITY) -> Centre:
    return Centre(id=centre_id, name=_name(name), type=_type(kind), created_at=now,
                  external_id=_external_id(external_id), room_capacity=_capacity(room_capacity))


def edit(centre: Centre, now: datetime, *, name: str | None = None, kind: str | None = None,
         external_id: str | None = None, room_capacity: int | None = None, clear_external_id: bool = False) -> Centre:
    """The centre with the given fields changed; an archived centre is read-only."""
    if centre.archived:
        raise Conflict("CENTRE_ARCHIVED", "Ce centre est archivé : il ne peut plus être modifié.")
    return replace(
        centre,
        name=_name(name) if name is not None else centre.name,
        type=_type(kind) if kind is not None else centre.type,
        external_id=None if clear_external_id else (_external_id(external_id) if external_id is not None
                                                    else centre.external_id),
        room_capacity=_capacity(room_capacity) if room_capacity is not None else centre.room_capacity,
        updated_at=now,
    )


def archive(centre: Centre, now: datetime) -> Centre:
    """Archived once; archiving again changes nothing (the first date stays)."""
    if centre.archived:
        return centre
    return replace(centre, archived_at=now, updated_at=now)


def ensure_open(centre: Centre) -> None:
    """A centre's sessions and candidates change only while it is not archived."""
    if centre.archived:
        raise Conflict("CENTRE_ARCHIVED", "Ce centre est archivé : ses sessions ne peuvent plus être modifiées.")
