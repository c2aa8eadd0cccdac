"""DynamoDB tables of the evaluation room: a learner's compact profile, their answers, saved tutorials.

`learning` (hash key `user_id`, range key `sk`), one partition per learner:
- `COMP#<competence>`: the competence's knowledge (the engine's compact JSON) and the state of its
  current or last assessment (id, answers as [challenge_id, result] — the last ≤ 5, those the next
  checkpoint reviews, with the learner's answer as a third element —, the challenge served and when,
  status, a version for optimistic locking). At most 16 per learner. Knowledge and answers are stored
  deflated: the item stays near 1 kB, one write unit, through a whole test.
- `ANSWER#<competence>#<assessment>#<nnn>`: one answer (challenge, result, the learner's value, time spent,
  date), written once (attribute_not_exists), for results and history.
- `PART#<participation_id>`: a campaign assessment (the orga room owns the participation; this item is
  its test): the target profile's skills (deflated JSON list), the assessment's state as on `COMP#`, a
  version. One per participation; the learner model is the `COMP#` items themselves (a campaign's answers
  count in the profile). A campaign's answers are `ANSWER#<competence>#<assessment>#<nnn>` items like the
  others, numbered across the campaign test (so the data export lists them with the rest).
- `TUTO#<tutorial_id>`: a tutorial the learner saved.
- `REPORTS#<hour>`: the problem reports the learner sent in that hour (a copy, for their data export); its
  list's length is the per-learner rate limit, checked in the same conditional write (no hot key).

Requests and their cost:
- profile, recommended tutorials: Query `user_id`, `sk` begins_with `COMP#` (≤ 16 small items); a competence's
  recommended tutorials: GetItem `COMP#c`; both then Query `TUTO#` for the saved state;
- start, resume, retry, reset: GetItem `COMP#c`, then one conditional Put when something changes;
- answer: GetItem `COMP#c` + one TransactWrite (Put ANSWER if not exists, Put COMP if its version is unchanged);
- results: consistent GetItem `COMP#c` + consistent Query `ANSWER#c#<assessment>#` (read right after the
  last answer) + Query `TUTO#` (the saved state of the tutorials shown);
- saved tutorials: Query begins_with `TUTO#`; save / unsave: one Put / conditional Delete;
- problem report: one TransactWrite (Update `REPORTS#<hour>` if its list is short enough, Put the report).
- campaign assessment, start / state / answer: one consistent Query `sk BETWEEN "COMP#" AND "PART#<p>"`:
  the learner's ≤ 16 `COMP#` items and their `PART#` items up to this one (a learner has a handful, each
  ≈ 1 kB): ≈ 16 kB, 4–5 read units. Start: one Put `PART#p` if absent (a retry that forgets skills: one
  TransactWrite of that Put and the changed `COMP#` items, each if its version is the one read). Answer:
  one TransactWrite of three items: Put `ANSWER#…` if absent, Put `PART#p` if its version is the one
  read, Put the answered competence's `COMP#c` if its version is the one read (another tab's competence
  test or campaign changing the same knowledge makes it fail: re-read, replay or CONCURRENT_UPDATE).

Capacity at national-campaign scale (100,000 learners starting within an hour, then ~20 answers each over
~20 minutes): 28 starts/s on average (×5 at a class bell: 140/s), each 1 Query (≈ 5 RRU) + 1 Put (1 WRU);
2,000,000 answers in the hour: 560 answers/s (×3 at peaks: 1,700/s), each ≈ 5 RRU (consistent) + a
transaction of three ≈ 1 kB items (2 WRU each in a transaction: 6 WRU): 3,400 WRU/s and 2,800 RRU/s on
average, ≈ 10,000 WRU/s and 8,500 RRU/s at the peak, spread over 100,000 partitions. A partition is one
learner: a person answers at most every few seconds, far below the 1,000 WRU/s a partition takes, and no
item is written by every participant (the orga room counts participations from its own per-participation
items, never from a shared counter). An exam morning across campaigns (×10) peaks near 100,000 WRU/s:
beyond on-demand's default table quota (40,000 WRU/s), so that quota is raised and the table pre-warmed
(warm throughput) before a national morning; nothing in the keys needs to change for it.

`problem-reports` (hash key `challenge_id`, range key `report_id` = ISO date + random): what learners report
on a challenge, read by the content team challenge by challenge. Reports are rare: no hot key.
"""

import zlib

from pynamodb.attributes import Attribute, ListAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.constants import BINARY
from pynamodb.models import Model

from chalicelib.db import table_meta


class CompressedTextAttribute(Attribute[str]):
    """Text stored deflated (binary): the JSON of knowledge and answers shrinks 3–4 times, and a write
    unit is 1 kB, doubled in a transaction: the answer request's cost follows this item's size."""

    attr_type = BINARY

    def serialize(self, value: str) -> bytes:
        return zlib.compress(value.encode("utf-8"), 9)

    def deserialize(self, value: bytes) -> str:
        return zlib.decompress(value).decode("utf-8")


def competence_key(competence: str) -> str:
    return f"COMP#{competence}"


def answers_prefix(competence: str, assessment_id: str) -> str:
    return f"ANSWER#{competence}#{assessment_id}#"


def answer_key(competence: str, assessment_id: str, number: int) -> str:
    return f"{answers_prefix(competence, assessment_id)}{number:03d}"


def tutorial_key(tutorial_id: str) -> str:
    return f"TUTO#{tutorial_id}"


def reports_key(window: str) -> str:
    return f"REPORTS#{window}"


class CompetenceRecord(Model):
    """`COMP#<competence>`: knowledge of one competence and the state of its assessment."""

    Meta = table_meta("learning")

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    competence = UnicodeAttribute()
    knowledge = CompressedTextAttribute()  # engine.knowledge.to_json, as compact JSON text
    version = NumberAttribute(default=0)
    assessment_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)  # "started" or "completed"; None before the first test or after a reset
    started_at = UTCDateTimeAttribute(null=True)
    completed_at = UTCDateTimeAttribute(null=True)
    answers = CompressedTextAttribute(default="[]")  # JSON [[challenge_id, result], ..., [id, result, given]]
    served_challenge = UnicodeAttribute(null=True)
    served_at = UTCDateTimeAttribute(null=True)


class AnswerRecord(Model):
    """`ANSWER#<competence>#<assessment>#<nnn>`: one answer, kept for results and history."""

    Meta = table_meta("learning")

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    assessment_id = UnicodeAttribute()
    challenge_id = UnicodeAttribute()
    result = UnicodeAttribute()
    value = UnicodeAttribute(null=True)  # the learner's answer as JSON; None when skipped
    focused_out = NumberAttribute(default=0)
    time_spent_ms = NumberAttribute()
    answered_at = UTCDateTimeAttribute()


def participation_key(participation_id: str) -> str:
    return f"PART#{participation_id}"


class ParticipationRecord(Model):
    """`PART#<participation_id>`: a campaign assessment: the profile's skills and the assessment's state."""

    Meta = table_meta("learning")

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    participation_id = UnicodeAttribute()
    skills = CompressedTextAttribute()  # JSON list of skill names
    version = NumberAttribute(default=0)
    assessment_id = UnicodeAttribute()
    status = UnicodeAttribute()  # "started" or "completed"
    started_at = UTCDateTimeAttribute()
    completed_at = UTCDateTimeAttribute(null=True)
    answers = CompressedTextAttribute(default="[]")  # as CompetenceRecord.answers
    served_challenge = UnicodeAttribute(null=True)
    served_at = UTCDateTimeAttribute(null=True)


class SavedTutorial(Model):
    """`TUTO#<tutorial_id>`: a tutorial the learner put aside."""

    Meta = table_meta("learning")

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    tutorial_id = UnicodeAttribute()
    saved_at = UTCDateTimeAttribute()


class ReportWindow(Model):
    """`REPORTS#<hour>`: the reports a learner sent in one hour, each as JSON text."""

    Meta = table_meta("learning")

    user_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    reports = ListAttribute(of=UnicodeAttribute, default=list)


class ProblemReport(Model):
    """A learner's report on a challenge, for the content team."""

    Meta = table_meta("problem-reports")

    challenge_id = UnicodeAttribute(hash_key=True)
    report_id = UnicodeAttribute(range_key=True)
    competence = UnicodeAttribute()
    category = UnicodeAttribute()
    comment = UnicodeAttribute(null=True)
    user_id = UnicodeAttribute()
    reported_at = UTCDateTimeAttribute()


# One model per table: the other item kinds of `learning` share CompetenceRecord's table.
TABLES = [CompetenceRecord, ProblemReport]
