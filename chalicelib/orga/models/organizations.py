"""DynamoDB table of organisations.

`organizations` (hash `organization_id`): one item per organisation (name, type, UAI or other external id,
province, flags, contact, tags, dates).

Indexes:
- `by_name` (hash `listing` = "ORG", range `name_key` = the searchable name + "#" + id): the operator's
  list in name order and the search by the start of a name. One partition for every organisation: it is
  written only when an organisation is created or renamed (a few a day) and read by support staff,
  so its one partition is far from a partition's 1,000 writes/s and 3,000 reads/s.
- `by_external_id` (hash `external_id`): find a school by its UAI (imports check it, support searches it).

Requests: GetItem per organisation (every Orga page describes its organisation: 0.5 read unit, cached by
nobody, as an archive must show at once); the operator's pages Query `by_name`. Capacity: tens of
thousands of organisations, a few hundred bytes each; no learner request writes here.
"""

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UnicodeSetAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.db import table_meta

LISTING = "ORG"


class ByName(GlobalSecondaryIndex["OrganizationRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_name"
        projection = AllProjection()

    listing = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)


class ByExternalId(GlobalSecondaryIndex["OrganizationRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_external_id"
        projection = AllProjection()

    external_id = UnicodeAttribute(hash_key=True)


class OrganizationRecord(Model):
    Meta = table_meta("organizations")

    organization_id = UnicodeAttribute(hash_key=True)
    name = UnicodeAttribute()
    type = UnicodeAttribute()
    external_id = UnicodeAttribute(null=True)
    province_code = UnicodeAttribute(null=True)
    manages_students = BooleanAttribute(default=False)
    email = UnicodeAttribute(null=True)
    tags = UnicodeSetAttribute(null=True)
    archived_at = UTCDateTimeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    listing = UnicodeAttribute(default=LISTING)
    name_key = UnicodeAttribute()

    by_name = ByName()
    by_external_id = ByExternalId()
