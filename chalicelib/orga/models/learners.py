"""DynamoDB table `learners`: organisations' learner lists, by import generation (hash `pk`, range `sk`).

Items:
- the list's head, `pk = O#<organization_id>`, `sk = LIST`: which generation is current (the id of the
  import job that wrote it), when, from which format, its counts, and its active learners' classes and
  groups (the filters' choices).
- a learner of a generation, `pk = G#<organization_id>#<generation>`, `sk = L#<learner_id>`: the learner's
  data as imported (JSON), `active`, and `division`/`group` at the top level for filtered Queries. The
  learner id is random (no personal data in keys, which pagination cursors show); the INE or student
  number is an attribute.
- an import request, `pk = IMPORT#<job_id>`, `sk = REQUEST`: the organisation, format, mode and UAI an
  uploaded file is for (the job item knows only its owner and kind), TTL 7 days.
- a link between a learner and an account, `pk = O#<organization_id>`, two items `LINK#L#<learner_id>` and
  `LINK#U#<user_id>` (see LinkRecord).

An import writes the whole next list under a new generation, then moves the head with one conditional
UpdateItem (the generation it started from, at the version it read, must still be current). Until then
readers see the previous generation: an import that fails midway leaves the previous list intact (its
partial generation is deleted, best effort, and nothing ever reads it); two imports at once cannot both
win, nor an import that read a learner since anonymised. The previous generation is deleted after the
head moves.

Index `by_birth_date` (hash `birth_key` = `<organization_id>#<generation>#<YYYY-MM-DD>`, all attributes):
reconciliation's candidates, the learners of the current generation born that day (a handful).

Index `by_user` (hash `user_id`, keys only): sparse, only the link items carry `user_id`; the learners an
account is linked to, across organisations (the person hooks: anonymisation detaches them, the back office
and the data export list them). One Query of a handful of items.

Access patterns and costs (on-demand units; a learner item ≈ 0.5 kB, 1 WCU):
- the list's pages: 1 GetItem of the head (0.5 RCU) + 1 Query per page on the generation's partition
  (filters on `division`, `group`, and `search_key` for a name: a filtered page may read more items than it
  shows, up to the whole list for a rare name: 50,000 × 0.6 kB ≈ 4,000 RCU eventually consistent) and 1
  BatchGetItem of the page's links;
- anonymising a learner: 1 TransactWrite (the learner's item rewritten, the head's version raised on the
  condition that its generation is unchanged) and the link's deletion: ≈ 6 WCU;
- reconciliation: 1 GetItem of the head, 1 Query of `by_birth_date` (a few items), 1 BatchGetItem of
  their links and of the account's own link (strongly consistent: 0.5–1 RCU each), and to link, 1
  TransactWrite of the two link items (attribute_not_exists each: 4 WCU, and 2 on `by_user`);
- a person's links (anonymisation, the user's page in Pix Admin): 1 Query of `by_user` (keys only, ≈ 0.5 RCU);
- an import of n learners: 1 GetItem + ⌈previous/≈2,000⌉ Queries (1 MB pages) to read the previous list,
  n PutItems in BatchWriteItems of 25 (n WCU, and n more on `by_birth_date`), 1 conditional UpdateItem,
  then the previous generation's deletes (2 × previous WCU). Re-importing 50,000 learners ≈ 200,000 WCU.

Capacity: the start of the school year is the peak: say 2,000 organisations importing 1,000 learners each
within an hour ≈ 2,000,000 × 4 / 3,600 ≈ 2,200 WCU/s across 2,000 different partitions (and the index's
birth dates). One organisation's 50,000-learner import writes its own generation partition at most ≈ 1,000
WCU/s (a partition's limit; the batch writer retries what DynamoDB leaves unprocessed): ≥ 50 s, within one
Lambda run. Reconciliations at a campaign's opening write two link items each under the organisation's
`O#` partition: a university's 50,000 students joining within an hour ≈ 14 × 4 WCU/s on average, a few
hundred at the opening minute, under a partition's 1,000 WCU/s (a national campaign spreads over its many
organisations).
No item is written by every participant of a campaign: exam mornings write nothing here.
"""

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


class ByBirthDate(GlobalSecondaryIndex["LearnerRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    """Reconciliation's candidates: a generation's learners born on one day."""

    class Meta:
        index_name = "by_birth_date"
        projection = AllProjection()  # the names, the student number, `active`: the whole small item

    birth_key = UnicodeAttribute(hash_key=True)  # <organization_id>#<generation>#<YYYY-MM-DD>


class LearnersByUser(GlobalSecondaryIndex["LearnerRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    """The table's `by_user` index as the table's first model declares it (tables are created from it)."""

    class Meta:
        index_name = "by_user"
        projection = KeysOnlyProjection()

    user_id = UnicodeAttribute(hash_key=True)


class LinksByUser(GlobalSecondaryIndex["LinkRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    """The same index, read through the link items (the only ones it holds)."""

    class Meta:
        index_name = "by_user"
        projection = KeysOnlyProjection()

    user_id = UnicodeAttribute(hash_key=True)


class LearnerRecord(Model):
    Meta = table_meta("learners")

    pk = UnicodeAttribute(hash_key=True)  # G#<organization_id>#<generation>
    sk = UnicodeAttribute(range_key=True)  # L#<learner_id>
    birth_key = UnicodeAttribute(null=True)
    by_birth_date = ByBirthDate()
    by_user = LearnersByUser()  # never written by a learner item: see LinkRecord
    learner_id = UnicodeAttribute()
    natural_key = UnicodeAttribute()  # INE:<…> or SN:<…>
    active = BooleanAttribute(default=True)
    division = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True)
    search_key = UnicodeAttribute(null=True)  # folded names, `|`-separated: the list's search filter
    data = UnicodeAttribute()  # the ImportedLearner's fields as JSON
    expires_at = TTLAttribute(null=True)  # the table's TTL attribute: set on import requests, never on learners


class ListHeadRecord(Model):
    """`O#<organization_id>` / `LIST`: the current generation."""

    Meta = table_meta("learners")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    generation = UnicodeAttribute()
    format = UnicodeAttribute()
    imported_at = UTCDateTimeAttribute()
    learners = NumberAttribute()
    active = NumberAttribute()
    version = NumberAttribute(default=0)  # raised by an anonymisation: an import started before it loses
    # The active learners' classes and groups, sorted: the filters' choices in one GetItem. A school's few
    # dozen classes ≈ 1 kB; a university's hundreds of groups (≤ 40 characters) stay under 40 kB.
    divisions = ListAttribute(of=UnicodeAttribute, null=True)
    groups = ListAttribute(of=UnicodeAttribute, null=True)


class LinkRecord(Model):
    """`O#<organization_id>` / `LINK#L#<learner_id>` (→ user_id) and `LINK#U#<user_id>` (→ learner_id): which
    account is which learner, both ways, written together in one transaction whose conditions make a
    learner one account's and an account one learner's per organisation. Outside the generations: a
    learner's id survives imports, so do their links."""

    Meta = table_meta("learners")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    learner_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    linked_at = UTCDateTimeAttribute()
    by_user = LinksByUser()


class ImportRequestRecord(Model):
    """`IMPORT#<job_id>` / `REQUEST`."""

    Meta = table_meta("learners")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    organization_id = UnicodeAttribute()
    format = UnicodeAttribute()
    mode = UnicodeAttribute()
    uai = UnicodeAttribute(null=True)
    expires_at = TTLAttribute()
