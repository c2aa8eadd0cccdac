"""Finalisation, the jury and publication: the pure rules table by table, then the use cases on the in-memory
stores (a candidate answers to the end, another is still running; the centre finalises once; the jury takes the
session, handles the fraud report, neutralises and restores, comments, publishes; the recipient's link; the
unpublication)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from chalicelib.admin import store as admin_store
from chalicelib.certif import finalisation as rules
from chalicelib.certif import (
    service_exam,
    service_finalisation,
    service_jury,
    service_publication,
    service_supervision,
    store,
)
from chalicelib.certif.finalisation import CandidateInput, CourseFacts
from chalicelib.certif.issue_reports import SUBCATEGORIES, Category, IssueReport, Subcategory
from chalicelib.certif.scoring import AbortReason, Features, Positioned, Question, Result
from chalicelib.certif.store import exam as exam_store
from chalicelib.certif.store import jury as jury_store
from chalicelib.certif.store.memory_certifications import MemoryCertificationStore
from chalicelib.errors import Conflict, Invalid, NotFound
from tests.unit.test_certif_exam import ELIGIBLE, USER, _right, positioned
from tests.unit.test_certif_exam import world as world  # noqa: F401  (the fixture)

OK, KO = Result.OK, Result.KO
NO_FEATURES = Features()
PROFILE = {"1.1": Positioned(3, 24), "1.2": Positioned(2, 16), "2.1": Positioned(4, 32)}


def _questions(results: list[Result | None], features: Features = NO_FEATURES) -> tuple[Question, ...]:
    codes = ["1.1"] * 3 + ["1.2"] * 3 + ["2.1"] * 3
    return tuple(Question(codes[i], r, features=features, challenge_id=f"ch{i + 1}") for i, r in enumerate(results))


def _in_challenge(sub: Subcategory, number: int) -> IssueReport:
    return IssueReport(Category.IN_CHALLENGE, sub, number)


def _certification(results, reports=(), abort=None, features=None) -> rules.Certification:
    questions = _questions(results, features or NO_FEATURES)
    facts = CourseFacts("cand", "user", questions, any(r is None for r in results))
    return rules.certification("12345678", facts, CandidateInput("cand", tuple(reports), abort), PROFILE, 5)


# --- the centre's input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("comment", "given", "unfinished", "code"), [
    ("x" * 2001, [], set(), "FINALISATION_COMMENT_TOO_LONG"),
    ("", [CandidateInput("ghost")], set(), "FINALISATION_CANDIDATE_UNKNOWN"),
    ("", [CandidateInput("a"), CandidateInput("a")], set(), "FINALISATION_CANDIDATE_UNKNOWN"),
    ("", [CandidateInput("a", (IssueReport(Category.IN_CHALLENGE, Subcategory.WEBSITE_BLOCKED),))], set(),
     "FINALISATION_REPORT_INVALID"),  # no question number
    ("", [CandidateInput("a", (IssueReport(Category.IN_CHALLENGE),))], set(), "FINALISATION_REPORT_INVALID"),
    ("", [CandidateInput("a", (IssueReport(Category.FRAUD, Subcategory.WEBSITE_BLOCKED),))], set(),
     "FINALISATION_REPORT_INVALID"),
    ("", [CandidateInput("a", (IssueReport(Category.FRAUD, None, 3),))], set(), "FINALISATION_REPORT_INVALID"),
    ("", [CandidateInput("a")], {"a"}, "FINALISATION_ABORT_REASON_MISSING"),
    ("", [], {"b"}, "FINALISATION_ABORT_REASON_MISSING"),
])
def test_the_centres_input_is_refused_with_a_clear_reason(comment, given, unfinished, code):
    with pytest.raises(Invalid) as refused:
        rules.check_input(comment, given, {"a", "b"}, unfinished)
    assert refused.value.code == code


def test_every_category_and_subcategory_is_accepted_as_the_rules_say():
    for category, subs in SUBCATEGORIES.items():
        for sub in subs or (None,):
            number = 2 if category is Category.IN_CHALLENGE else None
            report = IssueReport(category, sub, number, "décrit")
            assert rules.check_input(" ok ", [CandidateInput("a", (report,))], {"a"}, set()) == "ok"


@pytest.mark.parametrize(("status", "started", "code"), [
    ("finalised", 3, "SESSION_ALREADY_FINALISED"), ("in_process", 3, "SESSION_ALREADY_FINALISED"),
    ("processed", 3, "SESSION_ALREADY_FINALISED"), ("created", 0, "SESSION_NOTHING_STARTED"),
])
def test_a_session_is_finalised_once_and_only_when_a_test_started(status, started, code):
    with pytest.raises(Conflict) as refused:
        rules.ensure_finalisable(status, started)
    assert refused.value.code == code


# --- a certification built, scored and changed -----------------------------------------------------------------

def test_a_website_blocked_report_neutralises_a_wrong_answer_and_a_fraud_awaits_the_jury():
    results = [OK, KO, OK, OK, OK, OK, OK, OK, OK]
    c = _certification(results, [_in_challenge(Subcategory.WEBSITE_BLOCKED, 2), IssueReport(Category.FRAUD)])
    assert c.questions[1].neutralised and c.status == "validated"
    assert [r.outcome for r in c.reports] == ["neutralised", "awaits_jury"] and c.awaiting == 1
    assert c.levels == {"1.1": 3, "1.2": 2, "2.1": 4} and c.pix == 24 + 16 + 32
    assert rules.queue_of("", [c]) == rules.REQUIRING_ACTION
    decided = rules.decide_report(c, 2)
    assert decided.awaiting == 0 and rules.queue_of("", [decided]) == rules.TO_PUBLISH
    assert rules.queue_of("Un incident", [decided]) == rules.REQUIRING_ACTION


@pytest.mark.parametrize(("abort", "expected_neutralised", "status"), [
    (AbortReason.TECHNICAL, 3, "validated"),  # the 3 unanswered neutralised: 6 of 9 count (66.7 %)
    (AbortReason.CANDIDATE, 0, "validated"),  # skipped: 6 right of 9 (66 %)
])
def test_an_unfinished_test_is_scored_by_its_reason(abort, expected_neutralised, status):
    c = _certification([OK] * 6 + [None] * 3, abort=abort)
    assert sum(q.neutralised for q in c.questions) == expected_neutralised
    assert c.abort_reason == abort.value and c.status == status


def test_the_jury_neutralises_restores_rejects_cancels_and_comments():
    c = _certification([OK, OK, KO, OK, OK, OK, OK, OK, OK])
    assert c.levels["1.1"] == 3  # 3/2/0 at ≥ 80 %: V
    neutral = rules.neutralise(c, 3, True)
    assert neutral.questions[2].neutralised and neutral.rate_percent == 100
    assert rules.neutralise(neutral, 3, False).rate_percent == c.rate_percent
    with pytest.raises(Invalid):
        rules.neutralise(c, 10, True)
    rejected = rules.decide(c, "rejected")
    assert rejected.status == "rejected" and rejected.pix == 0 and set(rejected.levels.values()) == {-1}
    assert rules.decide(rejected, None).status == "validated"
    assert rules.decide(c, "cancelled").status == "cancelled"
    with pytest.raises(Invalid):
        rules.decide(c, "validated")
    commented = rules.comment(c, " Bravo ", None)
    assert commented.comment_for_candidate == "Bravo" and commented.comment_for_organisation == ""
    with pytest.raises(Invalid):
        rules.comment(c, None, "x" * 2001)


def test_a_course_that_cannot_be_scored_is_in_error_and_holds_the_publication():
    facts = CourseFacts("cand", "user", (Question("9.9", OK),), False)
    c = rules.certification("12345678", facts, CandidateInput("cand"), PROFILE, 5)
    assert c.status == rules.ERROR and c.error
    assert rules.queue_of("", [c]) == rules.REQUIRING_ACTION
    with pytest.raises(Conflict) as refused:
        rules.ensure_publishable("in_process", [c], rules.REQUIRING_ACTION)
    assert refused.value.code == "SESSION_HAS_ERRORS"


@pytest.mark.parametrize(("status", "queue", "code"), [
    ("processed", rules.TO_PUBLISH, "SESSION_ALREADY_PUBLISHED"),
    ("created", rules.TO_PUBLISH, "SESSION_NOT_FINALISED"),
    ("finalised", rules.REQUIRING_ACTION, "SESSION_NEEDS_JURY"),
    ("in_process", rules.REQUIRING_ACTION, None),
    ("finalised", rules.TO_PUBLISH, None),
])
def test_publishable(status, queue, code):
    c = _certification([OK] * 9)
    if code is None:
        rules.ensure_publishable(status, [c], queue)
    else:
        with pytest.raises(Conflict) as refused:
            rules.ensure_publishable(status, [c], queue)
        assert refused.value.code == code


def test_a_certification_survives_its_json():
    c = _certification([OK, KO, None, OK, OK, OK, OK, OK, OK], [_in_challenge(Subcategory.IMAGE_NOT_DISPLAYING, 2)],
                       AbortReason.TECHNICAL, Features(image=True, focused=True))
    assert rules.from_dict(c.session_id, c.candidate_id, rules.as_dict(c), 0) == c


# --- the recipients' link --------------------------------------------------------------------------------------

def test_the_results_token_is_signed_expires_and_holds_no_address():
    now = datetime(2026, 6, 1, 10, tzinfo=UTC)
    token = service_publication.results_token("12345678", "Parent@Example.org", now)
    assert "example" not in token.lower() and "@" not in token
    session_id, digest = service_publication.read_token(token, now + timedelta(days=29))
    assert session_id == "12345678" and digest == service_publication.recipient_digest("parent@example.org")
    for bad in (token[:-1] + ("0" if token[-1] != "0" else "1"), token.replace("12345678", "12345679"), "abc"):
        with pytest.raises(NotFound):
            service_publication.read_token(bad, now)
    with pytest.raises(NotFound) as expired:
        service_publication.read_token(token, now + timedelta(days=30, seconds=1))
    assert expired.value.code == "RESULTS_LINK_INVALID"


# --- the use cases on the in-memory stores ---------------------------------------------------------------------

PAUL = "user-paul"


@pytest.fixture
def jury(world, monkeypatch):  # noqa: F811
    memory = world["memory"]
    previous = jury_store.use(MemoryCertificationStore(memory))
    world["profiles"][PAUL] = positioned(ELIGIBLE)
    published, mails, withdrawn = [], [], []
    monkeypatch.setattr(service_publication, "publish_certificates",
                        lambda owner, session: published.append((owner, session)) or type("J", (), {"id": "job-1"}))
    monkeypatch.setattr(service_publication, "send_mail", lambda to, subject, text: mails.append((to, subject, text)))
    monkeypatch.setattr(service_publication, "withdraw_certificates", lambda ids: withdrawn.extend(ids) or len(ids))
    yield {**world, "published": published, "mails": mails, "withdrawn": withdrawn}
    jury_store.use(previous)


def _start(w, user, candidate, last, first, born):
    course_id = service_exam.join(user, w["session"].id, last, first, born).course_id
    service_exam.enter(user, course_id, w["session"].access_code)
    service_supervision.authorise(w["session"].id, candidate.id)
    return course_id, service_exam.start(user, course_id)


def _sit(w):
    """Éloïse answers everything (skipping question 2); Paul answers one question and is still running."""
    course_id, running = _start(w, USER, w["candidate"], "Lefèvre", "Éloïse", date(2009, 5, 17))
    entry, number = running.entry_id, 1
    while running.status == "started":
        given = _right(running, entry)
        if number == 2:
            given = given.model_copy(update={"answer": None, "skipped": True})
        running = service_exam.answer(USER, course_id, given)
        number += 1
    paul_course, paul = _start(w, PAUL, w["second"], "Martin", "Paul", date(2009, 1, 2))
    service_exam.answer(PAUL, paul_course, _right(paul, paul.entry_id))
    return number - 1


def _finalise(w, **changes):
    given = [CandidateInput(w["candidate"].id, (_in_challenge(Subcategory.WEBSITE_BLOCKED, 2),
                                                    IssueReport(Category.FRAUD, None, None, "Téléphone"))),
             CandidateInput(w["second"].id, (), AbortReason.TECHNICAL)]
    args = {"comment": "", "incident": False, "joining_issue": True, "given": given, **changes}
    return service_finalisation.finalise("member-1", w["session"].centre_id, w["session"].id,
                                         args["comment"], args["incident"], args["joining_issue"], args["given"])


def test_the_centre_finalises_once_ending_the_running_test_and_scoring_each_course(jury):
    _sit(jury)
    session_id, centre_id = jury["session"].id, jury["session"].centre_id
    before = service_finalisation.overview(centre_id, session_id)
    tests = {t.candidate.id: t for t in before.tests}
    assert not tests[jury["candidate"].id].unfinished and tests[jury["second"].id].unfinished
    with pytest.raises(Invalid) as missing:
        _finalise(jury, given=[])
    assert missing.value.code == "FINALISATION_ABORT_REASON_MISSING"
    assert not exam_store.current().course(session_id, jury["second"].id).completed  # nothing changed yet

    done = _finalise(jury)
    assert done.session.status == "finalised" and done.finalisation.queue == rules.REQUIRING_ACTION
    paul = exam_store.current().course(session_id, jury["second"].id)
    assert paul.completed and paul.ended_by == "invigilator"
    eloise = jury_store.current().certification(session_id, jury["candidate"].id)
    assert eloise.questions[1].neutralised and eloise.status == "validated" and eloise.awaiting == 1
    paul_cert = jury_store.current().certification(session_id, jury["second"].id)
    assert paul_cert.abort_reason == "technical" and paul_cert.status == "cancelled"
    with pytest.raises(Conflict) as twice:
        _finalise(jury)
    assert twice.value.code == "SESSION_ALREADY_FINALISED"
    with pytest.raises(NotFound):
        service_finalisation.overview("another-centre", session_id)


def test_the_jury_takes_handles_publishes_and_unpublishes(jury):
    _sit(jury)
    memory, session_id = jury["memory"], jury["session"].id
    eloise = next(c for c in memory.candidates(session_id) if c.id == jury["candidate"].id)
    memory.rewrite_candidate(replace(eloise, result_recipient_email="Parent.Lefevre@example.org"))
    _finalise(jury)
    lines, _ = service_jury.queue(rules.REQUIRING_ACTION, None, 20)
    assert [x.session.id for x in lines] == [session_id] and service_jury.queue(rules.TO_PUBLISH, None, 20)[0] == []
    with pytest.raises(Conflict) as untaken:
        service_publication.publish("op-1", session_id)
    assert untaken.value.code == "SESSION_NEEDS_JURY"
    assert service_jury.assign("op-1", session_id).session.status == "in_process"
    with pytest.raises(Conflict) as awaiting:
        service_publication.publish("op-1", session_id)
    assert awaiting.value.code == "SESSION_REPORTS_AWAITING"

    cid = jury["candidate"].id
    view = service_jury.decide_report("op-1", session_id, cid, 2)
    assert view.certification.awaiting == 0
    full = view.certification.pix
    wrong = service_jury.neutralise("op-1", session_id, cid, 1, True).certification
    assert wrong.questions[0].neutralised
    assert service_jury.neutralise("op-1", session_id, cid, 1, False).certification.pix == full
    service_jury.comment("op-1", session_id, cid, "Bravo", "RAS")
    service_jury.correct_identity("op-1", session_id, cid, "Lefèvre-Durand", "Éloïse", eloise.birth_date)

    done = service_publication.publish("op-1", session_id)
    assert done.mails == 1 and done.job_id == "job-1"
    (owner, sent), = jury["published"]
    results = {r.certification_id: r for r in sent.results}
    assert results[f"{session_id}-{cid}"].status == "validated"
    assert results[f"{session_id}-{cid}"].last_name == "Lefèvre-Durand"
    assert results[f"{session_id}-{cid}"].comment_for_candidate == "Bravo"
    (to, subject, text), = jury["mails"]
    assert to == "Parent.Lefevre@example.org" and session_id in subject and "#jeton=" in text
    assert "Parent" not in text.split("#jeton=")[1]
    token = text.split("#jeton=")[1].split()[0]
    found = service_publication.recipient_results(token)
    assert [r.certification_number for r in found.rows] == [f"{session_id}-{cid}"]  # only their candidate
    assert "Lefèvre-Durand" in found.csv().decode("utf-8")
    with pytest.raises(Conflict):
        service_jury.neutralise("op-1", session_id, cid, 1, True)
    assert service_jury.queue(rules.REQUIRING_ACTION, None, 20)[0] == []

    assert service_publication.unpublish("op-1", session_id) == 2
    assert sorted(jury["withdrawn"]) == sorted([f"{session_id}-{cid}", f"{session_id}-{jury['second'].id}"])
    with pytest.raises(NotFound):
        service_publication.recipient_results(token)  # no longer published
    assert [x.session.id for x in service_jury.queue(rules.REQUIRING_ACTION, None, 20)[0]] == [session_id]

    trail = admin_store.current().trail
    actions = [e.action for e in trail.page("session", session_id, None, 20).entries]
    assert sorted(actions) == ["certification-session-assigned", "certification-session-published",
                               "certification-session-unpublished"]  # (the clock is frozen: same instant)
    changes = [e.action for e in trail.page("certification", f"{session_id}-{cid}", None, 20).entries]
    assert "certification-challenge-neutralised" in changes and "certification-identity-corrected" in changes


def test_the_scoring_reads_the_profile_recorded_when_the_test_started(jury):
    _sit(jury)
    at_start = {p.competence: (p.level, p.pix) for p in jury["profiles"][USER]}
    jury["profiles"][USER] = positioned(ELIGIBLE, level=1)  # positioned again before the finalisation
    _finalise(jury)
    eloise = jury_store.current().certification(jury["session"].id, jury["candidate"].id)
    assert {code: (p.level, p.pix) for code, p in eloise.profile.items()} == at_start


def test_the_jury_unfinalises_and_the_centre_finalises_again(jury):
    _sit(jury)
    session_id, cid = jury["session"].id, jury["candidate"].id
    _finalise(jury)
    service_jury.assign("op-1", session_id)
    service_jury.neutralise("op-1", session_id, cid, 1, True)
    reopened = service_jury.unfinalise("op-1", session_id)
    assert reopened.status == "created" and reopened.assigned_at is None
    assert jury_store.current().finalisation(session_id) is None
    assert jury_store.current().certifications(session_id) == []
    assert service_jury.queue(rules.REQUIRING_ACTION, None, 20)[0] == []
    with pytest.raises(NotFound):
        service_jury.unfinalise("op-1", session_id)  # no longer finalised
    paul = exam_store.current().course(session_id, jury["second"].id)
    assert paul.completed  # the tests stay ended

    again = _finalise(jury, comment="", given=[CandidateInput(jury["second"].id, (), AbortReason.TECHNICAL)])
    assert again.session.status == "finalised"
    assert not jury_store.current().certification(session_id, cid).questions[0].neutralised  # scored anew
    assert [x.session.id for x in service_jury.queue(rules.TO_PUBLISH, None, 20)[0]] == [session_id]
    service_publication.publish("op-1", session_id)
    with pytest.raises(Conflict) as published:
        service_jury.unfinalise("op-1", session_id)
    assert published.value.code == "SESSION_ALREADY_PUBLISHED"
    actions = [e.action for e in admin_store.current().trail.page("session", session_id, None, 20).entries]
    assert "certification-session-unfinalised" in actions


def test_batch_publication_goes_on_after_a_refusal(jury):
    _sit(jury)
    _finalise(jury, given=[CandidateInput(jury["candidate"].id, (_in_challenge(Subcategory.WEBSITE_BLOCKED, 2),)),
                           CandidateInput(jury["second"].id, (), AbortReason.TECHNICAL)])
    session_id = jury["session"].id
    assert jury_store.current().finalisation(session_id).queue == rules.TO_PUBLISH
    outcomes = service_publication.publish_many("op-1", ["99999999", session_id])
    assert [(o.session_id, o.published, o.error_code) for o in outcomes] == [
        ("99999999", False, "SESSION_NOT_FOUND"), (session_id, True, None)]
    assert store.current().session(session_id).status == "processed"
