"""Certification courses in table `certif-sessions` (the session's partition), the invigilators' grants and the
learner's pointer to their course. Items (beside the session and candidate items of models/sessions.py):

- `session#<id>` / `course#<candidate_id>`: one candidate's course: the linked account, the entry (waiting,
  authorised, the running entry's id), the planned challenges and the positioned profile they came from
  (recorded once, at the first start: ≈ 250 B for 16 competences), the runner's state (answers as (challenge,
  result), the served challenge, dates), how it ended, the problems reported, `version` for conditional writes.
  ≈ 1.7–2.7 KB at 48 challenges (3 WCU a rewrite, as before the profile).
- `session#<id>` / `answer#<candidate_id>#<nnn>`: one item per answer, written once (`attribute_not_exists`),
  with the course in one transaction conditioned on the course's version.
- `session#<id>` / `invigilator#<user_id>`: a person who gave the session's invigilator password, until the
  end of the day after; read by the `session` scope's resolver on each invigilator request.
- `user#<user_id>` / `certification`: the learner's current course (session and candidate ids), for their
  certification page.
- `guard#<user_id>` / `invigilator#<hour>`: failed invigilator passwords of one person in one hour (a TTL
  attribute lets DynamoDB drop it).

Access patterns:
- the candidate's page: GetItem `course#` (consistent) per request; an answer is that read plus one
  TransactWriteItems (answer + course);
- the invigilator's live list: Query `candidate#` (consistent, ≤ 20 small items) + Query `course#` (eventual,
  ≤ 20 items) in the session's partition, every few seconds: the list is aggregated on read, no item is
  written by every candidate;
- the `session` scope's resolver: GetItem `invigilator#<user>`.

Capacity, exam morning (docs/capacity.md "Exam morning"): 5,000 sessions × 20 candidates start within 30
minutes; 48 answers in 105 minutes is one answer per candidate every ~2 min. Per session partition: 20
candidates × 1 answer / 130 s ≈ 0.15 transactions/s (4 write units each: 2 items × 2) ≈ 0.6 WCU/s, plus the
candidates' waiting polls (1 GetItem / 3 s each, only while they wait) and the invigilator's 2 Queries / 5 s;
a partition takes 1,000 WCU/s and 3,000 RCU/s: two to three orders of magnitude of headroom. Whole table at
the peak: 100,000 candidates / 130 s ≈ 770 answers/s ≈ 3,100 WCU/s, and the 5,000 invigilators' polls
1,000 Query pairs/s.
"""

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from chalicelib.db import table_meta

COURSE_PREFIX = "course#"
ANSWER_PREFIX = "answer#"
INVIGILATOR_PREFIX = "invigilator#"
USER_COURSE_SK = "certification"


def user_pk(user_id: str) -> str:
    return f"user#{user_id}"


def guard_pk(user_id: str) -> str:
    return f"guard#{user_id}"


class CourseRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    user_id = UnicodeAttribute()
    extra_time_percentage = NumberAttribute(default=0)
    linked_at = UTCDateTimeAttribute()
    entry = UnicodeAttribute(default="none")
    entry_id = UnicodeAttribute(null=True)
    entered_at = UTCDateTimeAttribute(null=True)
    planned = JSONAttribute(null=True)  # the challenges' ids, in the order asked
    profile = JSONAttribute(null=True)  # {"1.1": [level, pix], …}: the positioned profile at the first start
    assessment = JSONAttribute(null=True)  # the runner's state
    ended_by = UnicodeAttribute(null=True)
    reports = JSONAttribute(null=True)
    version = NumberAttribute(default=0)


class CourseAnswerRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    number = NumberAttribute()
    challenge_id = UnicodeAttribute()
    result = UnicodeAttribute()
    value = JSONAttribute(null=True)
    focused_out = BooleanAttribute(default=False)
    time_spent_ms = NumberAttribute(default=0)
    answered_at = UTCDateTimeAttribute()


class InvigilatorRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    granted_at = UTCDateTimeAttribute()
    until = UTCDateTimeAttribute()


class UserCourseRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    session_id = UnicodeAttribute()
    candidate_id = UnicodeAttribute()


class GuardRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    failures = NumberAttribute(default=0)
    expires = TTLAttribute(null=True)
