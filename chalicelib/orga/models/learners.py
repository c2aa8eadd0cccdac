"""DynamoDB table `learners`: organisations' learner lists, by import generation (hash `pk`, range `sk`).

Items:
- the list's head, `pk = O#<organization_id>`, `sk = LIST`: which generation is current (the id of the
  import job that wrote it), when, from which format, and its counts.
- a learner of a generation, `pk = G#<organization_id>#<generation>`, `sk = L#<learner_id>`: the learner's
  data as imported (JSON), `active`, and `division`/`group` at the top level for filtered Queries. The
  learner id is random (no personal data in keys, which pagination cursors show); the INE or student
  number is an attribute.
- an import request, `pk = IMPORT#<job_id>`, `sk = REQUEST`: the organisation, format, mode and UAI an
  uploaded file is for (the job item knows only its owner and kind), TTL 7 days.

An import writes the whole next list under a new generation, then moves the head with one conditional
UpdateItem (the generation it started from must still be current). Until then readers see the previous
generation: an import that fails midway leaves the previous list intact (its partial generation is
deleted, best effort, and nothing ever reads it); two imports at once cannot both win. The previous
generation is deleted after the head moves.

Access patterns and costs (on-demand units; a learner item ≈ 0.5 kB, 1 WCU):
- the list's pages: 1 GetItem of the head (0.5 RCU) + 1 Query per page on the generation's partition
  (filters on `active`, `division`, `group`);
- an import of n learners: 1 GetItem + ⌈previous/≈2,000⌉ Queries (1 MB pages) to read the previous list,
  n PutItems in BatchWriteItems of 25 (n WCU), 1 conditional UpdateItem, then the previous generation's
  deletes (previous WCU). 50,000 learners ≈ 100,000 WCU in all.

Capacity: the start of the school year is the peak: say 2,000 organisations importing 1,000 learners each
within an hour ≈ 2,000,000 × 2 / 3,600 ≈ 1,100 WCU/s across 2,000 different partitions. One organisation's
50,000-learner import writes its own generation partition at most ≈ 1,000 WCU/s (a partition's limit; the
batch writer retries what DynamoDB leaves unprocessed): ≥ 50 s, within one Lambda run. No item is written
by every participant of a campaign: exam mornings write nothing here.
"""

from pynamodb.attributes import BooleanAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.db import table_meta


class LearnerRecord(Model):
    Meta = table_meta("learners")

    pk = UnicodeAttribute(hash_key=True)  # G#<organization_id>#<generation>
    sk = UnicodeAttribute(range_key=True)  # L#<learner_id>
    learner_id = UnicodeAttribute()
    natural_key = UnicodeAttribute()  # INE:<…> or SN:<…>
    active = BooleanAttribute(default=True)
    division = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True)
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
