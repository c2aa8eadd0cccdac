"""DynamoDB table `participations`: campaign participations (hash `pk`, range `sk`).

Items:
- a participation: `pk = U#<user_id>`, `sk = P#<campaign_id>#<sending:04d>`. Its id `<user_id>.<n>.<campaign_id>`
  is its key: reading one (the learner's page, the organisation's individual result) is one GetItem.
  Its snapshot (mastery, stage, badges, validated skills per competence…) is written once, at sharing.
Credits are the credits part's own table (`models/credits.py`): a start asks `service_credits.consume` after
its participation is written.

Index (write-sharded: `<id>#<shard>`, shard = a hash of the user id modulo SHARDS):
- `by_campaign`: hash `campaign_shard` = `<campaign_id>#<0..7>`, range `listed` = `<created_at>#<participation id>`.
  The organisation's lists, results, analysis and export Query the 8 shards (in parallel pages, merged by
  `listed`); counts and aggregates are computed on read, never kept in a shared counter item.

- `by_campaign_name` (sparse): hash `campaign_shard`, range `name_key` = `<last name>␟<first name>␟<participation
  id>` folded (lower case, no accents; ␟ = U+001F sorts before any letter), set only on each person's listed
  sending (the latest, not deleted: a new sending's transaction removes it from the one it replaces, a
  deletion removes it). Projection: the row's attributes (`ROW_ATTRIBUTES`, ≈ 0.3 kB, not the snapshot).
  The participants list reads it name-ordered: one Query per shard from the cursor's key (`name_key >
  after`, pages of the page size), merged by `name_key` (a k-way merge of 8 sorted streams), filters applied
  while merging, stopping at the page size or after a read budget (the cursor is the last key read).

Access patterns and their cost (on-demand units; a participation item is ≈ 0.6 kB started, ≤ 3 kB shared):
- start: 1 Query on the user's partition (their sendings in the campaign, ≤ a few items: 0.5 RCU), 1 TransactWrite:
  the participation (attribute_not_exists: two starts of one user give one participation) and the previous
  sending marked improved: 2–6 WCU, + 1 WCU per GSI write (the credit's reads and writes are the credits part's).
- after the start, the credit (the credits part) then one UpdateItem removing `credit_pending` (1 WCU): when
  the credit fails, the mark stays and the next read of the participation completes it.
- answers: nothing here (the evaluation room's learning table); progress is written at most when the
  learner's page reads it and it moved by ≥ 5 points (one UpdateItem).
- share: 1 GetItem + 1 conditional UpdateItem (status = STARTED): ≤ 3 WCU, + ≤ 3 WCU on `by_campaign`.
- the organisation's pages: 8 Queries (one per shard) per page; results/analysis/export read every shared
  participation of the campaign once (measured by bench.campaigns: 295 RCU for 2,000 participations, so
  ≈ 15,000 RCU eventually consistent for 100,000, in ≈ 60 pages of 1 MB; decoding and summing them takes
  ≈ 5 s of one core; the export runs as a job, off the request path). Running sums per shard, updated at each
  share (and undone when a later sending replaces it), would make a view read 8 items, for one more write per
  share on an item 1/8 of the campaign's sharers update: not done, the read stays within a request's time.

- the participants list, a page of 50 of a 100,000-participant campaign: 8 Queries of ≤ 50 rows of ≈ 0.3 kB
  (≤ 120 kB, ≈ 15 RCU eventually consistent), whatever the campaign's size and the page's position (before:
  every participation read and sorted on each page, ≈ 100,000 × ≤ 3 kB ≈ 37,500 RCU and 100,000 objects in
  memory). A filtered page reads at most its budget (2,000 rows ≈ 75 RCU) and continues from its cursor.
  The first page also counts the listed participants when unfiltered: 8 COUNT Queries of the index
  (100,000 × 0.3 kB = 30 MB ≈ 3,700 RCU, no data transferred); later pages and filtered pages count nothing.
  Writes: each start writes the index once (+ the replaced sending's removal), each share rewrites its row
  (≈ 0.3 kB, 1 WCU): 300 starts/s at a national opening = 300 / 8 ≈ 38 index writes/s per shard partition.

Capacity at national scale: 100,000 participants starting within an hour is ≈ 28 starts/s on average, say
300/s at the opening minute. Each start writes its own user partition (no item shared by participants);
the campaign index spreads over 8 shards: 300 / 8 ≈ 38 writes/s of ≈ 1 kB per shard partition, far below a
partition's 1,000 WCU/s; shares come later and spread the same way. An exam morning of 10× across campaigns
spreads over as many campaigns (and their 8 shards each).
"""

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.db import table_meta

SHARDS = 8


class ByCampaign(GlobalSecondaryIndex["ParticipationRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    class Meta:
        index_name = "by_campaign"
        projection = AllProjection()  # the lists, results and export read every attribute

    campaign_shard = UnicodeAttribute(hash_key=True)
    listed = UnicodeAttribute(range_key=True)


# What a row of the participants list shows and filters on (the snapshot itself stays out: ≤ 3 kB)
ROW_ATTRIBUTES = ["participation_id", "campaign_id", "organization_id", "user_id", "sending", "status",
                  "created_at", "shared_at", "first_name", "last_name", "external_id", "division", "group",
                  "progress", "mastery_rate", "stage", "badges"]


class ByCampaignName(GlobalSecondaryIndex["ParticipationRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    class Meta:
        index_name = "by_campaign_name"
        projection = IncludeProjection(ROW_ATTRIBUTES)

    campaign_shard = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)


class ParticipationRecord(Model):
    Meta = table_meta("participations")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    participation_id = UnicodeAttribute()
    campaign_id = UnicodeAttribute()
    organization_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    sending = NumberAttribute()
    status = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    shared_at = UTCDateTimeAttribute(null=True)
    deleted_at = UTCDateTimeAttribute(null=True)
    improved = BooleanAttribute(default=False)
    reset = BooleanAttribute(default=False)
    first_name = UnicodeAttribute(default="")
    last_name = UnicodeAttribute(default="")
    external_id = UnicodeAttribute(null=True)
    learner_id = UnicodeAttribute(null=True)  # the organisation's listed learner linked to the account
    division = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True)
    student_number = UnicodeAttribute(null=True)
    progress = NumberAttribute(default=0)
    snapshot = JSONAttribute(null=True)
    credit_pending = BooleanAttribute(null=True)  # present from the start until the credit is counted
    # the snapshot's row facts, top-level for the name index (written at sharing)
    mastery_rate = NumberAttribute(null=True)
    stage = NumberAttribute(null=True)
    badges = JSONAttribute(null=True)  # the badge ids acquired (a list)
    campaign_shard = UnicodeAttribute()
    listed = UnicodeAttribute()
    name_key = UnicodeAttribute(null=True)  # only on the person's listed sending (latest, not deleted)

    by_campaign = ByCampaign()
    by_campaign_name = ByCampaignName()
