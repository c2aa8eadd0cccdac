"""Table `certif-centres`: one item per certification centre.

Access patterns:
- a centre by id (every centre-scoped request, the memberships room's description of a centre): GetItem;
- the operator's list of centres, by name, and a search by the start of a name: Query on the sparse index
  `listing` (hash `listing` = "centres", range `listing_key` = the name as searched + `#` + id), in pages;
- a learner's centres (the Certif home): BatchGetItem of the ids their memberships name.

Capacity: centres are created and edited by support staff, a few a day (about 10,000 centres in all): the
one `listing` partition of the index sees well under 1 write/s and the operator's reads; an exam morning
reads centres by id only (one GetItem per centre-scoped request of the centre's staff), spread over as many
partitions as centres.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.db import table_meta

LISTING = "centres"


class CentreListing(GlobalSecondaryIndex["CentreRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "listing"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    listing_key = UnicodeAttribute(range_key=True)


class CentreRecord(Model):
    Meta = table_meta("certif-centres")

    centre_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    type = UnicodeAttribute()  # SCO | SUP | PRO
    external_id = UnicodeAttribute(null=True)
    room_capacity = NumberAttribute(default=20)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute(null=True)
    archived_at = UTCDateTimeAttribute(null=True)
    listing = UnicodeAttribute(default=LISTING)
    listing_key = UnicodeAttribute()
    by_name = CentreListing()
