"""Finalisation, certifications and the jury's queues, in table `certif-sessions` (beside models/sessions.py's
and models/courses.py's items).

Items:
- `session#<id>` / `finalisation`: what the centre said at finalisation (global comment, the incident and
  joining-issue flags, who and when) and the queue the session went to. Written once, under
  `attribute_not_exists`, in the same transaction as the session's `finalised_at` (conditioned on the session's
  version): a session is finalised once, whatever two members click at the same time.
- `session#<id>` / `certification#<candidate_id>`: one started candidate's certification: the questions asked
  (challenge, competence, result, neutralised, the challenge's features), the positioned profile, the reports
  and their resolution, the score, the jury's decision and comments; `version` for the jury's conditional
  writes. ≈ 3–5 KB at 48 questions.
- `jury#<queue>` / `<finalised_at ISO>#<session_id>`: a finalised, unpublished session in the jury's list
  "to publish" or "requiring action"; removed at publication, put back at unpublication.

The jury may unfinalise an unpublished session (it goes back to its centre, created): one transaction deletes
the finalisation, the certifications and the queue item and clears the session's dates, the mirror of
finalisation's (3 + 20 items).

Access patterns: the centre finalises (one Query of the session's candidates and courses, one transaction of at
most 3 + 20 items, 25 KB at worst ≈ 50 WCU once per session); the jury's lists (Query `jury#<queue>`, a page of
20 keys, then the 20 sessions); a session's page (Query `certification#` in its partition); a jury's change (one
GetItem, one conditional PutItem).

Capacity: finalisations follow the exam morning by hours (5,000 sessions over an afternoon ≈ 0.3 transactions/s
over the table); each queue partition receives one put per finalisation and one delete per publication
(≈ 0.3 writes/s at that peak, against 1,000/s for a partition). The jury is a few dozen operators.
"""

from pynamodb.attributes import BooleanAttribute, JSONAttribute, NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.db import table_meta

FINALISATION_SK = "finalisation"
CERTIFICATION_PREFIX = "certification#"


def queue_pk(queue: str) -> str:
    return f"jury#{queue}"


class FinalisationRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    comment = UnicodeAttribute(default="")
    incident = BooleanAttribute(default=False)
    joining_issue = BooleanAttribute(default=False)
    finalised_at = UTCDateTimeAttribute()
    finalised_by = UnicodeAttribute()
    queue = UnicodeAttribute()


class CertificationRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    data = JSONAttribute()
    version = NumberAttribute(default=0)


class JuryQueueRecord(Model):
    Meta = table_meta("certif-sessions")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    session_id = UnicodeAttribute()
