"""Credits in DynamoDB (the only reader of their model): purchases with their consumption, covers."""

from __future__ import annotations

import secrets
from datetime import datetime

from pynamodb.exceptions import PynamoDBException

from chalicelib import db
from chalicelib.orga.credits import USED_SHARDS, Cover, Purchase
from chalicelib.orga.models.credits import CreditItem as Item


def purchases(organization_id: str) -> list[Purchase]:
    """Every purchase with its consumption (the counters' sum), oldest first."""
    found: dict[str, Purchase] = {}
    for item in Item.query(organization_id, Item.sk.startswith("PURCHASE#"), consistent_read=True):
        assert item.purchased_at is not None
        purchase_id = item.sk.removeprefix("PURCHASE#")
        found[purchase_id] = Purchase(purchase_id, organization_id, int(item.amount or 0), item.purchased_at,
                                      item.recorded_by or "")
    used: dict[str, int] = {}
    for item in Item.query(organization_id, Item.sk.startswith("USED#"), consistent_read=True):
        purchase_id = item.sk.split("#")[1]
        used[purchase_id] = used.get(purchase_id, 0) + int(item.used or 0)
    return sorted((Purchase(p.id, p.organization_id, p.amount, p.purchased_at, p.recorded_by, used.get(p.id, 0))
                   for p in found.values()), key=lambda p: (p.purchased_at, p.id))


def record_purchase(purchase: Purchase) -> None:
    Item(purchase.organization_id, f"PURCHASE#{purchase.id}", amount=purchase.amount,
         purchased_at=purchase.purchased_at, recorded_by=purchase.recorded_by).save(
        condition=Item.sk.does_not_exist())


def cover(organization_id: str, user_id: str) -> Cover | None:
    try:
        item = Item.get(organization_id, f"COVER#{user_id}")
    except Item.DoesNotExist:
        return None
    assert item.since is not None and item.until is not None
    return Cover(user_id, item.since, item.until, item.purchase_id)


def consume(organization_id: str, new: Cover, at: datetime) -> bool:
    """Write the cover if the person has none in force at `at`, and count the credit on the purchase's
    counter; False when another start of the same person got there first."""
    try:
        with db.transaction() as tx:
            tx.save(Item(organization_id, f"COVER#{new.user_id}", since=new.since, until=new.until,
                         purchase_id=new.purchase_id),
                    condition=Item.sk.does_not_exist() | (Item.until <= at))
            shard = Item(organization_id, f"USED#{new.purchase_id or 'NONE'}#{secrets.randbelow(USED_SHARDS)}")
            tx.update(shard, actions=[Item.used.add(1)])
    except PynamoDBException as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def consumed_without_credit(organization_id: str) -> int:
    """Starts that found no credit left (they were not refused)."""
    return sum(int(i.used or 0) for i in Item.query(organization_id, Item.sk.startswith("USED#NONE#"),
                                                    consistent_read=True))
