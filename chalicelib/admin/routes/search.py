"""The shell's search box: users, and whatever other rooms find (organisations, campaigns by code…)."""

from __future__ import annotations

from chalicelib.admin import schemas, service_search
from chalicelib.admin.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint


@endpoint(bp, "/api/admin/search", method="POST", access=Access.operator("SUPPORT", "METIER", "CERTIF"),
          body=schemas.SearchRequest, response=schemas.SearchResults, errors=(400,),
          summary="Rechercher dans Pix Admin ce que vos rôles ouvrent (le texte dans le corps, jamais dans l'URL)")
def search(call: Call[schemas.SearchRequest]) -> schemas.SearchResults:
    assert call.principal is not None
    hits = service_search.search(call.body.text, call.principal.roles)
    return schemas.SearchResults(hits=[schemas.SearchHit.model_validate(h) for h in hits])
