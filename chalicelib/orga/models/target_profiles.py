"""The `target-profiles` table: target profiles and the pointers that say who may use them.

Keys (`pk`, `sk`):
- a profile: `tp#<id>`, `profile`: every field; tubes, stages and badges as JSON (a profile of 80 tubes,
  8 stages and 5 badges is ≈ 12 kB, far below 400 kB); `version` for optimistic concurrency;
  `catalog` = "tp" and `created_key` = `<created_at ISO>#<id>` feed the `catalog` index;
- `org#<organization_id>`, `tp#<id>`: the profile is attached to the organisation;
- `public`, `tp#<id>`: the profile is public.
The pointers are written in the same transaction as the profile (attach, detach, make public or private),
so that they never disagree with it; an outdated profile keeps its pointers and is filtered when read.

Index `catalog` (hash `catalog`, range `created_key`, projection ALL): the operators' list, newest first.

Access patterns and cost:
- `get(id)`: one GetItem (a campaign's creation, the runner's start: both cached per container upstream);
- `available_to(org)`: one Query on `org#<org>` and one on `public` (a few hundred pointers, 1–2 read
  units), then BatchGetItem of the attached profiles (public ones too: ≤ 100 keys per call);
- the operators' list: one Query of the `catalog` index per page;
- a save: one TransactWriteItems of the profile (condition on its version) and the pointers that change
  (≤ 50 attachments per request, so ≤ 51 items).
Capacity: written by operators only (a few writes a day); read when an organisation member opens the
campaign creation form (at a national opening, 2,000 organisations in an hour: < 2 reads/s on `public`,
far below a partition's 3,000 reads/s). No participant ever writes here; `catalog` is a single-partition
index of a few thousand items, read by operators only.
"""

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.db import table_meta

PROFILE_SK = "profile"
PUBLIC_PK = "public"
CATALOG = "tp"


def profile_pk(profile_id: str) -> str:
    return f"tp#{profile_id}"


def organization_pk(organization_id: str) -> str:
    return f"org#{organization_id}"


class TargetProfileCatalog(GlobalSecondaryIndex["TargetProfileRecord"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "catalog"
        projection = AllProjection()

    catalog = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class TargetProfileRecord(Model):
    Meta = table_meta("target-profiles")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    profile_id = UnicodeAttribute()
    name = UnicodeAttribute()
    category = UnicodeAttribute()
    description = UnicodeAttribute(default="")
    comment = UnicodeAttribute(null=True)
    tubes = UnicodeAttribute()  # JSON [[tube_id, level], …]
    stage_kind = UnicodeAttribute(null=True)
    stages = UnicodeAttribute(default="[]")  # JSON
    badges = UnicodeAttribute(default="[]")  # JSON
    public = BooleanAttribute(default=False)
    organization_ids = UnicodeAttribute(default="[]")  # JSON list (DynamoDB refuses empty sets)
    outdated = BooleanAttribute(default=False)
    resettable = BooleanAttribute(default=False)
    image_url = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    version = NumberAttribute()
    catalog = UnicodeAttribute(default=CATALOG)
    created_key = UnicodeAttribute()
    by_catalog = TargetProfileCatalog()


class TargetProfilePointer(Model):
    """`org#<id>` or `public`, then `tp#<profile id>`: who may use the profile."""

    Meta = table_meta("target-profiles")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    profile_id = UnicodeAttribute()
