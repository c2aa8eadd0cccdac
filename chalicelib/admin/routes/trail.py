"""The audit trail of an object, as its page shows it (read only: the API has no route to change it)."""

from __future__ import annotations

from chalicelib.accounts import api as accounts
from chalicelib.admin import presenters, schemas, service_trail
from chalicelib.admin.routes.blueprint import bp
from chalicelib.admin.trail import READERS
from chalicelib.errors import NotFound
from chalicelib.pagination import PAGE_QUERY, decode_cursor, encode_cursor, page_size
from chalicelib.web import Access, Call, authorize, endpoint


@endpoint(bp, "/api/admin/trails/{object_type}/{object_id}",
          access=Access.operator("SUPPORT", "METIER", "CERTIF"), response=schemas.TrailPage,
          errors=(400, 404), query=PAGE_QUERY,
          summary="Le journal des actions des opérateurs sur un objet (le plus récent d'abord)")
def object_trail(call: Call[None], object_type: str, object_id: str) -> schemas.TrailPage:
    if object_type not in READERS:
        raise NotFound("TRAIL_NOT_FOUND", "Ce type d'objet n'a pas de journal.")
    assert call.principal is not None
    authorize(Access.operator(*READERS[object_type]), call.principal, {})
    scope = presenters.trail_scope(object_type, object_id)
    page = service_trail.trail(object_type, object_id, decode_cursor(call.query.get("cursor"), scope=scope),
                               page_size(call.query))
    names = accounts.display_names({e.actor_id for e in page.entries})
    return schemas.TrailPage(
        entries=[presenters.entry(e, names.get(e.actor_id)) for e in page.entries],
        next_cursor=encode_cursor(page.last_key, scope=scope),
    )
