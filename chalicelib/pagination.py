"""Lists are read page by page with an opaque, signed cursor, never a raw DynamoDB key.

A cursor is the last evaluated key of a Query, bound to the list it came from (`scope`: which list, for
whom) and signed with HMAC-SHA256: a client can neither forge one to read another partition nor replay
it on another list. It is not encrypted (base64 JSON), so keys must not hold personal data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from chalicelib.errors import Invalid
from chalicelib.settings import derived_key
from chalicelib.web import QueryParam

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# What a paginated route declares (`endpoint(..., query=PAGE_QUERY)`), so that OpenAPI shows both.
PAGE_QUERY = (
    QueryParam("cursor", "Le curseur de la page suivante, tel que la page précédente l'a donné."),
    QueryParam("limit", "Nombre d'éléments par page.",
               {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE}),
)


def _signature(scope: str, payload: bytes) -> bytes:
    return hmac.new(derived_key("pagination-cursor"), scope.encode() + b"\0" + payload, hashlib.sha256).digest()[:16]


def encode_cursor(last_key: dict[str, Any] | None, *, scope: str) -> str | None:
    """The cursor of the next page (None when the list is finished)."""
    if not last_key:
        return None
    payload = json.dumps(last_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(_signature(scope, payload) + payload).decode().rstrip("=")


def decode_cursor(cursor: str | None, *, scope: str) -> dict[str, Any] | None:
    """The key to start from; Invalid when the cursor was altered or belongs to another list."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        signature, payload = raw[:16], raw[16:]
        if not hmac.compare_digest(signature, _signature(scope, payload)):
            raise ValueError("bad signature")
        key = json.loads(payload)
        if not isinstance(key, dict):
            raise ValueError("not a key")
    except ValueError:
        raise Invalid("INVALID_CURSOR", "Ce lien de page n'est plus valide : revenez à la première page.") from None
    return key


def page_size(query: dict[str, str]) -> int:
    """The `limit` query parameter, within bounds."""
    raw = query.get("limit")
    if raw is None:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise Invalid("INVALID_PAGE_SIZE", f"Le nombre d'éléments par page va de 1 à {MAX_PAGE_SIZE}.")
    return int(raw)
