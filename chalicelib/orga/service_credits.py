"""Use cases of credits: the operator records purchases; a first start consumes; admins read the balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib import clock
from chalicelib.admin import api as admin
from chalicelib.errors import NotFound
from chalicelib.orga import credits as rules
from chalicelib.orga.credits import Purchase
from chalicelib.orga.store import credits as store
from chalicelib.orga.store import organizations as organization_store


def _exists(organization_id: str) -> None:
    if organization_store.current().get(organization_id) is None:
        raise NotFound("ORGANIZATION_NOT_FOUND", "Cette organisation n'existe pas.")


def record_purchase(organization_id: str, amount: int, operator_id: str) -> Purchase:
    _exists(organization_id)
    purchase = Purchase(rules.new_purchase_id(), organization_id, amount, clock.now(), operator_id)
    store.record_purchase(purchase)
    admin.record_action(operator_id, "organization-credits-purchased", "organization", organization_id,
                        {"credits": (None, amount)})
    return purchase


def consume(organization_id: str, user_id: str, at: datetime | None = None) -> bool:
    """A person starts a campaign of the organisation (at `at`, now by default): a credit is consumed unless
    they are covered (a start within a year of their first). True when this start consumed one. Never refuses
    the start. Called again for the same start (a retry), the cover it wrote covers it: nothing more."""
    now = at or clock.now()
    if rules.covers(store.cover(organization_id, user_id), now):
        return False
    chosen = rules.pick(store.purchases(organization_id), now)
    return store.consume(organization_id, rules.new_cover(user_id, now, chosen), now)


@dataclass(frozen=True, slots=True)
class Statement:
    balance: int
    purchases: list[Purchase]
    without_credit: int


def statement(organization_id: str) -> Statement:
    _exists(organization_id)
    found = store.purchases(organization_id)
    return Statement(rules.balance(found, clock.now()), found, store.consumed_without_credit(organization_id))
