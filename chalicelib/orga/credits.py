"""Credits, pure: an organisation buys credits; a person's first start in the organisation consumes one, which
covers them for a year in any of its campaigns; a credit unused two years after its purchase expires."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

COVERAGE_YEARS = 1
VALIDITY_YEARS = 2
USED_SHARDS = 10  # consumptions are counted on this many items per purchase: none is written by everyone


def years_after(at: datetime, years: int) -> datetime:
    """The same moment `years` later (29 February → 28 February)."""
    try:
        return at.replace(year=at.year + years)
    except ValueError:
        return at.replace(year=at.year + years, day=28)


@dataclass(frozen=True, slots=True)
class Purchase:
    id: str
    organization_id: str
    amount: int
    purchased_at: datetime
    recorded_by: str
    used: int = 0

    @property
    def expires_at(self) -> datetime:
        return years_after(self.purchased_at, VALIDITY_YEARS)

    @property
    def remaining(self) -> int:
        return max(self.amount - self.used, 0)

    def valid(self, at: datetime) -> bool:
        return self.purchased_at <= at < self.expires_at


@dataclass(frozen=True, slots=True)
class Cover:
    """A person covered in the organisation until `until`, by the credit of `purchase_id` (None: no credit
    was left; the start was not refused, the organisation sees it as consumed without credit)."""

    user_id: str
    since: datetime
    until: datetime
    purchase_id: str | None


def new_purchase_id() -> str:
    return secrets.token_urlsafe(9)


def covers(cover: Cover | None, at: datetime) -> bool:
    return cover is not None and cover.since <= at < cover.until


def pick(purchases: Iterable[Purchase], at: datetime) -> Purchase | None:
    """The purchase a new consumption draws on: a valid one with credits left, the soonest to expire first."""
    usable = [p for p in purchases if p.valid(at) and p.remaining > 0]
    return min(usable, key=lambda p: (p.expires_at, p.id)) if usable else None


def balance(purchases: Iterable[Purchase], at: datetime) -> int:
    """Credits still usable: what is left of the purchases not yet expired."""
    return sum(p.remaining for p in purchases if p.valid(at))


def new_cover(user_id: str, at: datetime, purchase: Purchase | None) -> Cover:
    return Cover(user_id, at, years_after(at, COVERAGE_YEARS), purchase.id if purchase else None)
