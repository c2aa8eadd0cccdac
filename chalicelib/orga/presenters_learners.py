"""What the learner list routes show: a learner, the list's head, a pupil's handed-out account."""

from __future__ import annotations

from typing import Any

from chalicelib.orga import learner_participations
from chalicelib.orga import schemas_learners as out
from chalicelib.orga.learners import Learner, ListHead
from chalicelib.orga.reconciliation import hidden_email
from chalicelib.orga.service_pupils import HandedOut, handout_csv


def learner(item: Learner, user_id: str | None) -> out.LearnerOut:
    r = item.record
    gone = item.key.startswith("ANON:")
    return out.LearnerOut(
        id=item.learner_id, first_name=r.first_name, second_first_name=r.second_first_name,
        third_first_name=r.third_first_name, last_name=r.last_name, usage_name=r.usage_name,
        birth_date=None if gone else r.birth_date, national_id=r.national_id, student_number=r.student_number,
        division=r.division, group=r.group, email=r.email, diploma=r.diploma, study_scheme=r.study_scheme,
        active=item.active, anonymised=gone, linked=user_id is not None)


def head(found: ListHead | None) -> out.ListOut | None:
    if found is None:
        return None
    return out.ListOut(imported_at=found.imported_at, format=found.format, learners=found.learners,
                       active=found.active)


def linked_account(data: dict[str, Any] | None) -> out.LinkedAccount | None:
    if data is None:
        return None
    email, username = data.get("email"), data.get("username")
    return out.LinkedAccount(username=username, email=hidden_email(email) if email else None,
                             pupil_account=bool(username) and not email)


def participations(found: list[learner_participations.Participation] | None) -> list[out.ParticipationLine] | None:
    if found is None:
        return None
    return [out.ParticipationLine(campaign_id=p.campaign_id, campaign_name=p.campaign_name, status=p.status,
                                  created_at=p.created_at) for p in found]


def handed_out(handed: list[HandedOut], file_name: str) -> out.PupilAccounts:
    return out.PupilAccounts(
        accounts=[out.PupilAccount(learner_id=h.learner.learner_id, first_name=h.learner.record.first_name,
                                   last_name=h.learner.record.last_name, division=h.learner.record.division,
                                   username=h.username, password=h.password) for h in handed],
        csv=handout_csv(handed), file_name=file_name)
