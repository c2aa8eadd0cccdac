"""DynamoDB table `participations`: campaign participations and credit consumptions (hash `pk`, range `sk`).

Items:
- a participation: `pk = U#<user_id>`, `sk = P#<campaign_id>#<sending:04d>`. Its id `<user_id>.<n>.<campaign_id>`
  is its key: reading one (the learner's page, the organisation's individual result) is one GetItem.
  Its snapshot (mastery, stage, badges, validated skills per competence…) is written once, at sharing.
- credit coverage of a user in an organisation: `pk = U#<user_id>`, `sk = C#<organization_id>` (until when
  their consumed credit covers them); a consumption: `sk = CONSUMED#<organization_id>#<at>`.
- a credit purchase: `pk = O#<organization_id>`, `sk = PURCHASE#<at>#<id>` (the operator records it).

Indexes (write-sharded: `<id>#<shard>`, shard = a hash of the user id modulo SHARDS):
- `by_campaign`: hash `campaign_shard` = `<campaign_id>#<0..7>`, range `listed` = `<created_at>#<participation id>`.
  The organisation's lists, results, analysis and export Query the 8 shards (in parallel pages, merged by
  `listed`); counts and aggregates are computed on read, never kept in a shared counter item.
- `by_organization_credit`: hash `credit_shard` = `<organization_id>#<0..7>`, range `consumed_at`: the balance
  counts the consumptions of the last two years.

Access patterns and their cost (on-demand units; a participation item is ≈ 0.6 kB started, ≤ 3 kB shared):
- start: 1 Query on the user's partition (their sendings in the campaign, ≤ a few items: 0.5 RCU), 1 GetItem of
  the coverage item (0.5 RCU), 1 TransactWrite: the participation (attribute_not_exists: two starts of one user
  give one participation), the previous sending marked improved, and, on a first start in the organisation,
  the coverage (conditional: covered_until ≤ now) and the consumption: 2–8 WCU, + 1 WCU per GSI write.
- answers: nothing here (the evaluation room's learning table); progress is written at most when the
  learner's page reads it and it moved by ≥ 5 points (one UpdateItem).
- share: 1 GetItem + 1 conditional UpdateItem (status = STARTED): ≤ 3 WCU, + ≤ 3 WCU on `by_campaign`.
- the organisation's pages: 8 Queries (one per shard) per page; results/analysis/export read every shared
  participation of the campaign once (≈ 1 kB projected each: 100,000 participations ≈ 25,000 RCU eventually
  consistent, a few seconds across 8 partitions; the export runs as a job, off the request path).

Capacity at national scale: 100,000 participants starting within an hour is ≈ 28 starts/s on average, say
300/s at the opening minute. Each start writes its own user partition (no item shared by participants);
the campaign index spreads over 8 shards: 300 / 8 ≈ 38 writes/s of ≈ 1 kB per shard partition, far below a
partition's 1,000 WCU/s; shares come later and spread the same way. An exam morning of 10× across campaigns
spreads over as many campaigns (and their 8 shards each). The credit index is sharded the same way: an
organisation of 100,000 first starts in an hour writes ≈ 4 consumptions/s per shard at the average rate.
"""

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.db import table_meta

SHARDS = 8


class ByCampaign(GlobalSecondaryIndex["ParticipationRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    class Meta:
        index_name = "by_campaign"
        projection = AllProjection()  # the lists, results and export read every attribute

    campaign_shard = UnicodeAttribute(hash_key=True)
    listed = UnicodeAttribute(range_key=True)


class ByOrganizationCredit(GlobalSecondaryIndex["ConsumptionRecord"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_organization_credit"
        projection = KeysOnlyProjection()  # the balance only counts them, with their dates

    credit_shard = UnicodeAttribute(hash_key=True)
    consumed_at = UnicodeAttribute(range_key=True)


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
    division = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True)
    student_number = UnicodeAttribute(null=True)
    progress = NumberAttribute(default=0)
    snapshot = JSONAttribute(null=True)
    campaign_shard = UnicodeAttribute()
    listed = UnicodeAttribute()
    # declared for the table's creation: the consumption items carry them
    credit_shard = UnicodeAttribute(null=True)
    consumed_at = UnicodeAttribute(null=True)

    by_campaign = ByCampaign()
    by_organization_credit = ByOrganizationCredit()


class CoverageRecord(Model):
    """`C#<organization_id>` under the user: their credit covers them in the organisation until then."""

    Meta = table_meta("participations")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    covered_until = UTCDateTimeAttribute()


class ConsumptionRecord(Model):
    """`CONSUMED#<organization_id>#<at>` under the user: one credit consumed, counted by the balance."""

    Meta = table_meta("participations")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    credit_shard = UnicodeAttribute()
    consumed_at = UnicodeAttribute()  # ISO 8601 UTC

    by_organization_credit = ByOrganizationCredit()


class PurchaseRecord(Model):
    Meta = table_meta("participations")

    pk = UnicodeAttribute(hash_key=True)  # O#<organization_id>
    sk = UnicodeAttribute(range_key=True)  # PURCHASE#<at>#<id>
    purchase_id = UnicodeAttribute()
    organization_id = UnicodeAttribute()
    credits = NumberAttribute()
    purchased_at = UTCDateTimeAttribute()
