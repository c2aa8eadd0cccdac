"""DynamoDB table of campaigns and their codes.

`campaigns` (hash `pk`):
- `CAMPAIGN#<campaign_id>`: a campaign (every field of the form, owner, creator, dates, `has_participations`);
- `CODE#<code>`: the code a participant types, naming its campaign. Created in the same transaction as the
  campaign, on the condition that it does not exist: two campaigns never share a code (a clash, one in
  ~10¹¹ draws at first, is retried with another code).

Index `by_organization` (hash `organization_id`, range `created_key` = `<created_at ISO>#<id>`, campaign items
only): an organisation's campaigns, newest first, filtered (mine: `owner_id`; archived; type; never the
deleted) while read, a page at a time.

Index `by_target_profile` (hash `target_profile_id`, keys only; sparse: assessment campaigns only): whether a
target profile is used by a campaign (deleted ones included: their participations keep its results), which
freezes its tubes. One Query with Limit 1 when an operator edits a profile's tubes (0.5 read unit); written
once per campaign created (rare: members, not participants).

Requests and their cost:
- a participant opens `/campagnes/<CODE>`: two GetItems (code, then campaign; 1 read unit);
- a participant starts: the participation part reads the campaign (GetItem) and, only while
  `has_participations` is false, calls `mark_participated` (one UpdateItem whose condition fails once set):
  after the first participant, nobody writes here. No item is written by every participant.
- members: a Query of `by_organization` per list page; a PutItem/UpdateItem per change.

Capacity: a national campaign's 100,000 starts in an hour are 28 landings and starts a second, i.e. ~56
reads/s on one campaign item and one code item (eventually consistent: 28 read units/s each), far from
a partition's 3,000 reads/s; its only write is the first participant's `mark_participated`. An exam
morning of 1,000,000 starts across campaigns spreads the same reads over thousands of items.
"""

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


def campaign_pk(campaign_id: str) -> str:
    return f"CAMPAIGN#{campaign_id}"


def code_pk(code: str) -> str:
    return f"CODE#{code}"


class ByOrganization(GlobalSecondaryIndex["CampaignRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_organization"
        projection = AllProjection()

    organization_id = UnicodeAttribute(hash_key=True)
    created_key = UnicodeAttribute(range_key=True)


class ByTargetProfile(GlobalSecondaryIndex["CampaignRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_target_profile"
        projection = KeysOnlyProjection()

    target_profile_id = UnicodeAttribute(hash_key=True)


class CampaignRecord(Model):
    Meta = table_meta("campaigns")

    pk = UnicodeAttribute(hash_key=True)
    campaign_id = UnicodeAttribute()
    code = UnicodeAttribute()
    organization_id = UnicodeAttribute(null=True)  # null on a code item: it stays out of the index
    created_key = UnicodeAttribute(null=True)
    name = UnicodeAttribute(null=True)
    type = UnicodeAttribute(null=True)
    target_profile_id = UnicodeAttribute(null=True)
    title = UnicodeAttribute(null=True)
    landing_text = UnicodeAttribute(null=True)
    result_text = UnicodeAttribute(null=True)
    result_button_text = UnicodeAttribute(null=True)
    result_button_url = UnicodeAttribute(null=True)
    external_id_label = UnicodeAttribute(null=True)
    external_id_type = UnicodeAttribute(null=True)
    multiple_sendings = BooleanAttribute(null=True)
    owner_id = UnicodeAttribute(null=True)
    creator_id = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute(null=True)
    archived_at = UTCDateTimeAttribute(null=True)
    deleted_at = UTCDateTimeAttribute(null=True)
    has_participations = BooleanAttribute(null=True)

    by_organization = ByOrganization()
    by_target_profile = ByTargetProfile()
