"""Finalisation, jury and results recipients: domain objects → response bodies."""

from __future__ import annotations

import json

from chalicelib.certif import finalisation, results_csv
from chalicelib.certif import schemas_jury as out
from chalicelib.certif.issue_reports import CATEGORY_LABELS, SUBCATEGORIES, SUBCATEGORY_LABELS, Category, Subcategory
from chalicelib.certif.service_finalisation import Overview
from chalicelib.certif.service_jury import CertificationView, SessionLine, SessionView
from chalicelib.certif.service_publication import RecipientResults
from chalicelib.content.api import get_release
from chalicelib.errors import DomainError


def categories() -> list[out.CategoryOut]:
    return [out.CategoryOut(code=c.value, label=CATEGORY_LABELS[c], needs_question=c is Category.IN_CHALLENGE,
                            subcategories=[out.Choice(code=s.value, label=SUBCATEGORY_LABELS[s])
                                           for s in SUBCATEGORIES[c]])
            for c in Category]


def overview(found: Overview) -> out.FinalisationOverview:
    done = found.finalisation
    return out.FinalisationOverview(
        session_id=found.session.id, status=found.session.status, finalised=done is not None,
        finalised_at=done.finalised_at if done else None, comment=done.comment if done else "",
        incident=done.incident if done else False, joining_issue=done.joining_issue if done else False,
        categories=categories(),
        candidates=[out.CandidateTestOut(
            candidate_id=t.candidate.id, last_name=t.candidate.last_name, first_name=t.candidate.first_name,
            started=t.started, answered=t.answered, planned=t.planned, unfinished=t.unfinished,
            running=bool(t.course and t.started and not t.course.completed),
            reports=[out.LiveReport(category=r.category, subcategory=r.subcategory,
                                    question_number=r.question_number, description=r.description)
                     for r in (t.course.reports if t.course else ())],
        ) for t in found.tests],
    )


def session_line(line: SessionLine) -> out.JurySessionLine:
    s, done = line.session, line.finalisation
    return out.JurySessionLine(
        session_id=s.id, centre_name=line.centre.name if line.centre else "", date=s.details.date,
        time=s.details.time, status=s.status, finalised_at=s.finalised_at, has_comment=bool(done and done.comment),
        incident=bool(done and done.incident), joining_issue=bool(done and done.joining_issue))


def session_view(view: SessionView) -> out.JurySessionOut:
    s, done = view.session, view.finalisation
    blocking = None
    try:
        finalisation.ensure_publishable(s.status, [c for c, _ in view.certifications], done.queue)
    except DomainError as error:
        blocking = error.message
    return out.JurySessionOut(
        session_id=s.id, centre_name=view.centre.name if view.centre else "", date=s.details.date,
        time=s.details.time, address=s.details.address, room=s.details.room, status=s.status, queue=done.queue,
        comment=done.comment, incident=done.incident, joining_issue=done.joining_issue,
        finalised_at=done.finalised_at, assigned=s.assigned_at is not None, publishable=blocking is None,
        blocking=blocking,
        certifications=[out.JuryCertificationLine(
            candidate_id=c.candidate_id, certification_id=c.id, last_name=k.last_name if k else "",
            first_name=k.first_name if k else "", status=c.status, pix=c.pix, rate_percent=c.rate_percent,
            awaiting=c.awaiting, jury_decision=c.jury_decision) for c, k in view.certifications],
    )


def _shown(value: object) -> str | None:
    """The candidate's answer as typed or chosen (the options' shuffled order, kept beside it, left out)."""
    if isinstance(value, dict) and "answer" in value:
        value = value["answer"]
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _label(code: str | None, labels: dict[Subcategory, str]) -> str | None:
    try:
        return labels[Subcategory(code)] if code else None
    except ValueError:
        return code


def certification_view(view: CertificationView) -> out.JuryCertificationOut:
    c, k = view.certification, view.candidate
    challenges = get_release().challenges
    answers = {a.number: a for a in view.answers}
    questions = []
    for number, q in enumerate(c.questions, 1):
        challenge = challenges.get(q.challenge_id)
        answer = answers.get(number)
        questions.append(out.JuryQuestion(
            number=number, challenge_id=q.challenge_id, competence=q.competence,
            instruction=challenge.instruction if challenge else "", result=q.result.value if q.result else None,
            answer=_shown(answer.value) if answer else None, neutralised=q.neutralised,
            focus_out_excused=q.focus_out_excused))
    return out.JuryCertificationOut(
        session_id=c.session_id, session_status=view.session.status, candidate_id=c.candidate_id,
        certification_id=c.id, last_name=k.last_name if k else "", first_name=k.first_name if k else "",
        birth_date=k.birth_date if k else None, status=c.status, error=c.error, rate_percent=c.rate_percent,
        pix=c.pix, levels=dict(c.levels), jury_decision=c.jury_decision,
        comment_for_candidate=c.comment_for_candidate, comment_for_organisation=c.comment_for_organisation,
        abort_reason=c.abort_reason, questions=questions,
        reports=[out.JuryReport(
            index=i, category=r.category, category_label=CATEGORY_LABELS.get(Category(r.category), r.category),
            subcategory=r.subcategory, subcategory_label=_label(r.subcategory, SUBCATEGORY_LABELS),
            question_number=r.question_number, description=r.description, outcome=r.outcome, reason=r.reason,
            decided_by_jury=r.decided_by_jury, awaiting=r.awaiting) for i, r in enumerate(c.reports, 1)],
    )


def recipient_results(found: RecipientResults) -> out.RecipientResultsOut:
    return out.RecipientResultsOut(
        session_id=found.session.id, centre_name=found.centre_name, date=found.session.details.date,
        rows=[out.RecipientRow(certification_number=r.certification_number, first_name=r.first_name,
                               last_name=r.last_name, status=r.status,
                               status_label=results_csv.STATUS_LABELS[r.status],
                               pix=r.pix if r.status == "validated" else None,
                               levels=dict(r.levels) if r.status == "validated" else {}) for r in found.rows],
        csv=found.csv().decode("utf-8"), file_name=f"resultats-session-{found.session.id}.csv",
    )
