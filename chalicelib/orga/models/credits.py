"""DynamoDB table of organisations' credits.

`organization-credits` (hash `organization_id`, range `sk`), one partition per organisation:
- `PURCHASE#<purchase_id>`: a purchase the operator recorded (amount, date, who);
- `USED#<purchase_id>#<shard>`: how many credits of that purchase were consumed, counted on one of
  `credits.USED_SHARDS` items chosen at random (an atomic ADD);
- `COVER#<user_id>`: the person's coverage in the organisation (since, until, the purchase charged).

Requests:
- a participant's start (the participation part calls `consume`): one GetItem of `COVER#` (0.5 read unit);
  when covered (every start but the first of the year), nothing more. A first start: one Query of the
  purchases and their counters (a handful of items), then one TransactWrite: `COVER#` put if absent or
  expired, and one counter shard incremented.
- admins read the balance: one Query of the partition's purchases and counters.

Capacity: a national campaign's 100,000 first starts in an hour are 28 first starts a second in one
organisation's partition: 28 × (2 items × 1 kB × 2 for the transaction) ≈ 112 write units/s, under a
partition's 1,000; the counter is spread over 10 items, so none takes every participant's write
(≈ 3 writes/s each). Its reads (28 Query/s of a few items) stay far below 3,000 reads/s.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.db import table_meta


class CreditItem(Model):
    Meta = table_meta("organization-credits")

    organization_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    # a purchase
    amount = NumberAttribute(null=True)
    purchased_at = UTCDateTimeAttribute(null=True)
    recorded_by = UnicodeAttribute(null=True)
    # a counter shard
    used = NumberAttribute(null=True)
    # a cover
    since = UTCDateTimeAttribute(null=True)
    until = UTCDateTimeAttribute(null=True)
    purchase_id = UnicodeAttribute(null=True)
