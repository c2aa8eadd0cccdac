"""Table `certif-sessions` (hash `pk`, range `sk`): sessions, their candidates, and the access codes in use.

Items:
- `session#<id>` / `session`: the session (details, code, hashed invigilator password, dates, candidate count,
  `version` for optimistic writes). Index `by_centre` (hash `centre_tab` = `<centre_id>#open` while created,
  `<centre_id>#closed` once finalised; range `when` = `<date>T<time>#<id>`): the centre's lists, in pages —
  upcoming (open, `when` ≥ today, ascending), to finalise (open, `when` < today, newest first), finalised
  (closed, newest first).
- `session#<id>` / `candidate#<candidate_id>`: one item per enrolled candidate, in the session's partition;
  the session's candidates are one Query of at most `MAX_ROOM_CAPACITY` small items.
- `code#<access code>` / `code`: the open session that holds an access code. Created with the session in one
  transaction under `attribute_not_exists` (a collision draws another code), deleted when the session is
  deleted (and, later, released at finalisation): a code is unique among open sessions.

Index `by_user` (hash `user_id`, keys only): sparse, only a candidate linked to an account carries it; the
candidacies of a person (anonymisation, the data export, Pix Admin's user page): one Query of a handful of
keys. Linking a candidate on the morning writes it once more (1 WCU on the index, spread by user).

Writes: a session is created in one TransactWriteItems (session + code); enrolling a candidate is one
transaction (the session's count and version, conditioned on not started / not finalised, + the candidate's
item); an import replaces the list in one transaction (≤ 48 deletes + 48 puts + the session); pupils picked
from a school's list are added in one transaction (the session + ≤ 48 puts under `attribute_not_exists`).
A candidate keeps its class (`division`) and, when picked, the school list's learner id (`pupil_id`: the same
pupil is not enrolled twice in a session, whatever their names).

Capacity, exam morning (~5,000 sessions of 20 candidates starting within 30 minutes): enrolment is done
before, by the centres, not by candidates. On the morning each candidate's entry reads its session's
candidates (one Query, ≈ 1 read unit) and writes only its own candidate item (linking the account), the
session item once when the first candidate starts (`started_at`, conditional on absence, so the 19 others
cost a failed condition at most): 5,000 × 21 writes / 1,800 s ≈ 58 writes/s over the whole table, at most
21 writes to one partition in the half hour (a partition takes 1,000/s). An invigilator polling every 5 s
reads one partition: 5,000 / 5 ≈ 1,000 Query/s spread over 5,000 partitions (≈ 0.2/s each). The `by_centre`
index is written only when a session is created, edited or closed: no write on the morning. No counter is
shared by centres: session numbers are random 8-digit ids written under a condition.
"""

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


def session_pk(session_id: str) -> str:
    return f"session#{session_id}"


def code_pk(code: str) -> str:
    return f"code#{code}"


SESSION_SK = "session"
CODE_SK = "code"
CANDIDATE_PREFIX = "candidate#"


class SessionsByCentre(GlobalSecondaryIndex["SessionRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_centre"
        projection = AllProjection()

    centre_tab = UnicodeAttribute(hash_key=True)
    when = UnicodeAttribute(range_key=True)


class SessionsByUser(GlobalSecondaryIndex["SessionRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    """The table's `by_user` index as its first model declares it (tables are created from it)."""

    class Meta:
        index_name = "by_user"
        projection = KeysOnlyProjection()

    user_id = UnicodeAttribute(hash_key=True)


class CandidatesByUser(GlobalSecondaryIndex["CandidateRecord"]):  # type: ignore[no-untyped-call]  # PynamoDB's hook
    """The same index, read through the candidate items (the only ones it holds)."""

    class Meta:
        index_name = "by_user"
        projection = KeysOnlyProjection()

    user_id = UnicodeAttribute(hash_key=True)


class SessionRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    session_id = UnicodeAttribute()
    centre_id = UnicodeAttribute()
    address = UnicodeAttribute()
    room = UnicodeAttribute()
    date = UnicodeAttribute()  # YYYY-MM-DD
    time = UnicodeAttribute()  # HH:MM
    examiners = UnicodeAttribute()
    observations = UnicodeAttribute(default="")
    access_code = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    candidate_count = NumberAttribute(default=0)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute(null=True)
    started_at = UTCDateTimeAttribute(null=True)
    finalised_at = UTCDateTimeAttribute(null=True)
    assigned_at = UTCDateTimeAttribute(null=True)
    published_at = UTCDateTimeAttribute(null=True)
    version = NumberAttribute(default=0)
    centre_tab = UnicodeAttribute()
    when = UnicodeAttribute()
    by_centre = SessionsByCentre()
    by_user = SessionsByUser()  # never written by a session item: see CandidateRecord


class CandidateRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    candidate_id = UnicodeAttribute()
    last_name = UnicodeAttribute()
    first_name = UnicodeAttribute()
    sex = UnicodeAttribute()
    birth_date = UnicodeAttribute()  # YYYY-MM-DD
    birth_country = UnicodeAttribute()
    birth_city = UnicodeAttribute(default="")
    birth_insee_code = UnicodeAttribute(null=True)
    birth_postal_code = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    result_recipient_email = UnicodeAttribute(null=True)
    external_id = UnicodeAttribute(null=True)
    extra_time_percentage = NumberAttribute(default=0)
    billing_mode = UnicodeAttribute(null=True)
    prepayment_code = UnicodeAttribute(null=True)
    user_id = UnicodeAttribute(null=True)
    enrolled_at = UTCDateTimeAttribute()
    division = UnicodeAttribute(null=True)  # the class (SCO)
    pupil_id = UnicodeAttribute(null=True)  # the learner of the school's list, when picked from it
    by_user = CandidatesByUser()


class CodeRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    session_id = UnicodeAttribute()

