"""DynamoDB table of the jobs room: bulk work (imports, exports) that runs off the request path.

`jobs` (hash key `job_id`, TTL on `expires_at`):
- a job (`job_id` = 22 random url-safe characters): its owner, kind, state, the S3 object that started it
  (key and ETag), progress, result, errors, dates. One item per job: many jobs running at once never share
  a partition.
- `latest#<kind>#<owner_id>`: the owner's latest job of a kind (data exports): the page finds it again
  after a reload, and its conditional put spaces two requests of the same person.

Index `by_owner` (hash `owner_id`, range `created_at`; `latest#` items have no owner and stay out):
the jobs a person started, read when their account is anonymised (their data exports are deleted).

Requests and their cost (on-demand units; a job item stays under 40 kB: at most 50 errors
and 50 warnings are kept):
- the server hands out an upload form or writes an export request: one PutItem (attribute_not_exists);
  a data export also one conditional PutItem of the `latest#` item;
- the event claims the object: one conditional UpdateItem (state `created` and no ETag yet); a second
  delivery of the same event fails the condition and does nothing else but one GetItem to log it;
- the processor: one UpdateItem per state change (validating, processing, done/failed) and at most one per
  `PROGRESS_EVERY` lines for progress;
- the browser polls: one eventually consistent GetItem (0.5 read unit) every 2 s while the job runs.

Capacity: a job is about 6 writes in all. A national campaign opening where 2,000 organisations import their
participants in the same hour is 2,000 × 6 / 3,600 ≈ 3.3 writes/s, plus 2,000 pollers × 0.5 reads/s while
jobs run (≈ 1,000 reads/s at worst, 500 read units/s), spread over 2,000 partitions: far from a
partition's 1,000 writes/s and 3,000 reads/s. An exam morning writes no job item per answer: none.
"""

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


class JobsByOwner(GlobalSecondaryIndex["JobRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_owner"
        projection = IncludeProjection(["kind", "source_key", "result_key"])

    owner_id = UnicodeAttribute(hash_key=True)
    created_at = UTCDateTimeAttribute(range_key=True)


class JobRecord(Model):
    Meta = table_meta("jobs")

    job_id = UnicodeAttribute(hash_key=True)
    owner_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    state = UnicodeAttribute()  # created → uploaded → validating → processing → done | failed
    source_key = UnicodeAttribute()  # the object whose arrival starts the job (chosen by the server)
    source_etag = UnicodeAttribute(null=True)  # set once, by the event that claims the object
    source_size = NumberAttribute(null=True)
    done = NumberAttribute(default=0)
    total = NumberAttribute(null=True)
    result_key = UnicodeAttribute(null=True)  # in the exports bucket
    result_name = UnicodeAttribute(null=True)  # the file name the browser saves
    errors = UnicodeAttribute(default="[]")  # JSON [{"line", "code", "message"}], at most MAX_ERRORS
    error_count = NumberAttribute(default=0)  # all errors found, even those not kept
    warnings = UnicodeAttribute(null=True)  # JSON like `errors`: what did not stop the job, at most MAX_WARNINGS
    warning_count = NumberAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    finished_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute()
    by_owner = JobsByOwner()


class LatestJob(Model):
    """`latest#<kind>#<owner_id>`: which job of this kind the owner started last, and when."""

    Meta = table_meta("jobs")

    job_id = UnicodeAttribute(hash_key=True)
    latest_job_id = UnicodeAttribute()
    requested_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()


# One model per table: `latest#` items share JobRecord's table.
TABLES = [JobRecord]
