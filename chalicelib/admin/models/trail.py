"""The audit trail's table (only `chalicelib.admin.store` imports it).

`audit-trail` (hash `object_key` = `<object type>#<object id>`, range `entry_id` = `<ISO 8601 time>#<random>`):
- append an entry: one PutItem with `attribute_not_exists(object_key)` — an entry is never replaced,
  and nothing in the code updates or deletes one (the API offers neither; the trail is append-only);
- an object's trail, newest first: one Query on `object_key` (ScanIndexForward false), paginated.

Capacity. The key is the changed object: each object's actions land in its own partition, so no key is
hot. Operator actions are human-paced: even a batch publication of 1,000 certification sessions by one
operator is 1,000 puts over 1,000 partitions; a single object gets a few writes per minute at most
(far below a partition's 1,000 writes/s). An entry is < 1 kB (values over 500 characters are cut): one
write unit. Reading a page of 20 entries is one Query of < 20 kB (≤ 3 read units, eventually consistent).
"""

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.db import table_meta


class TrailEntry(Model):
    Meta = table_meta("audit-trail")

    object_key = UnicodeAttribute(hash_key=True)
    entry_id = UnicodeAttribute(range_key=True)
    object_type = UnicodeAttribute()
    object_id = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    actor_id = UnicodeAttribute()  # an operator's user id, never their name
    action = UnicodeAttribute()
    changes = UnicodeAttribute(default="{}")  # JSON field → [before, after], personal values masked
