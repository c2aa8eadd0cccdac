"""Centre use cases: the operator creates (and invites the first admin), edits, archives, lists centres;
a member sees their centres. Every operator action goes in the centre's audit trail (the Admin room's)."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib import clock
from chalicelib.admin import api as admin
from chalicelib.certif import centres, members, store
from chalicelib.certif.centres import Centre
from chalicelib.certif.ports import PageKey, Taken
from chalicelib.errors import NotFound

TRAIL_TYPE = "centre"  # the audit trail's object type (readers: SUPPORT, CERTIF)
_DRAWS = 5  # a new id collides with probability ~10⁻¹¹: a second draw is already a curiosity


def centre(centre_id: str) -> Centre:
    found = store.current().centre(centre_id) if centres.is_centre_id(centre_id) else None
    if found is None:
        raise NotFound("CENTRE_NOT_FOUND", "Ce centre de certification n'existe pas.")
    return found


def create(name: str, kind: str, invited_by: str, *, external_id: str | None = None,
           room_capacity: int = centres.DEFAULT_ROOM_CAPACITY, admin_email: str | None = None,
           lang: str = "fr") -> Centre:
    """A new centre; with `admin_email`, its first admin is invited (the memberships room sends the mail)."""
    now = clock.now()
    for _ in range(_DRAWS):
        created = centres.create(centres.new_centre_id(), name, kind, now, external_id=external_id,
                                 room_capacity=room_capacity)
        try:
            store.current().add_centre(created)
            break
        except Taken:
            continue
    else:  # pragma: no cover - needs five collisions in a 50-bit space
        raise RuntimeError("no free centre id")
    admin.record_action(invited_by, "centre-created", TRAIL_TYPE, created.id, {
        "name": (None, created.name), "type": (None, created.type), "external_id": (None, created.external_id),
        "room_capacity": (None, created.room_capacity)})
    if admin_email:
        members.invite_admin(created.id, admin_email, invited_by, lang)
        admin.record_action(invited_by, "centre-admin-invited", TRAIL_TYPE, created.id)
    return created


def invite_admin(centre_id: str, email: str, invited_by: str, lang: str = "fr") -> None:
    members.invite_admin(centre(centre_id).id, email, invited_by, lang)
    admin.record_action(invited_by, "centre-admin-invited", TRAIL_TYPE, centre_id)


def edit(centre_id: str, operator_id: str, *, name: str | None = None, kind: str | None = None,
         external_id: str | None = None, room_capacity: int | None = None) -> Centre:
    current = centre(centre_id)
    changed = centres.edit(current, clock.now(), name=name, kind=kind, room_capacity=room_capacity,
                           external_id=external_id, clear_external_id=external_id == "")
    store.current().save_centre(changed)
    differences = {field: (getattr(current, field), getattr(changed, field))
                   for field in ("name", "type", "external_id", "room_capacity")
                   if getattr(current, field) != getattr(changed, field)}
    if differences:
        admin.record_action(operator_id, "centre-edited", TRAIL_TYPE, centre_id, differences)
    return changed


def archive(centre_id: str, operator_id: str) -> Centre:
    current = centre(centre_id)
    archived = centres.archive(current, clock.now())
    if archived is not current:
        store.current().save_centre(archived)
        admin.record_action(operator_id, "centre-archived", TRAIL_TYPE, centre_id,
                            {"archived_at": (None, archived.archived_at)})
    return archived


def page(search: str, start: PageKey, limit: int) -> tuple[list[Centre], PageKey]:
    """Centres by name; `search` is the start of a name (accents and case aside) or a centre's id."""
    search = search.strip()
    if centres.is_centre_id(search):
        found = store.current().centre(search)
        return ([found] if found else []), None
    return store.current().centre_page(centres.search_key(search), start, limit)


@dataclass(frozen=True, slots=True)
class MyCentre:
    centre: Centre
    role: str


def mine(user_id: str) -> list[MyCentre]:
    """The person's centres (archived ones aside), by name."""
    held = dict(members.centres_of(user_id))
    found = store.current().centres(list(held))
    kept = (MyCentre(c, held[c.id]) for c in found if not c.archived)
    return sorted(kept, key=lambda m: centres.search_key(m.centre.name))
