"""A seam: a learner's participations in the organisation's campaigns, read by the participations part.

The learner lists do not own participations (they are keyed under the account, see the participations
part): the page of a learner asks this seam for those of the linked account in the organisation. The
participations part plugs its reader in with `use(reader)` (until then a learner's page says the
participations are not available, rather than claiming there are none).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Participation:
    campaign_id: str
    campaign_name: str
    status: str  # as the participations part names it: started, completed, shared…
    created_at: datetime


Reader = Callable[[str, str], list[Participation]]  # (organization_id, user_id) → their participations

_reader: Reader | None = None


def use(reader: Reader | None) -> Reader | None:
    """Plug in the participations' reader (None: none); returns the previous one."""
    global _reader
    previous, _reader = _reader, reader
    return previous


def available() -> bool:
    return _reader is not None


def of(organization_id: str, user_id: str) -> list[Participation] | None:
    """The account's participations in the organisation's campaigns; None when no reader is plugged in."""
    return _reader(organization_id, user_id) if _reader is not None else None
