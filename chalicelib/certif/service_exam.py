"""The candidate's use cases: eligibility, joining a session (matched to an enrolled candidate, then linked),
entering with the access code, starting or resuming once the invigilator authorised, answering, reporting a
problem. The runner plays the course (one read, one conditional write per answer); `exam.py` holds the rules.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from datetime import date

from chalicelib import clock
from chalicelib.certif import codes, exam, sessions, store
from chalicelib.certif import course as course_rules
from chalicelib.certif import presenters_exam as present
from chalicelib.certif import schemas_exam as out
from chalicelib.certif.exam import Course
from chalicelib.certif.exam_ports import RecordedAnswer
from chalicelib.certif.ports import Stale
from chalicelib.certif.sessions import Session
from chalicelib.certif.store import exam as exam_store
from chalicelib.content.api import get_release
from chalicelib.errors import Conflict, Invalid, NotFound, Unavailable
from chalicelib.evaluation import api as evaluation
from chalicelib.evaluation.api import runner


def _changed() -> Conflict:
    return Conflict("CERTIFICATION_CHANGED", "Votre test vient de changer (autre onglet, surveillant) : "
                    "rechargez la page.")


def _not_eligible(missing: int) -> Conflict:
    return Conflict("CERTIFICATION_NOT_ELIGIBLE",
                    f"Vous n'êtes pas encore éligible : il vous manque {missing} compétence(s) de niveau 1 au moins. "
                    "Continuez à vous positionner sur votre profil.", meta={"missing": missing})


def open_session(session_id: str) -> Session:
    found = store.current().session(session_id) if sessions.is_session_id(session_id) else None
    if found is None:
        raise NotFound("CERTIFICATION_SESSION_NOT_FOUND",
                       "Aucune session ne porte ce numéro : vérifiez-le auprès du surveillant.")
    if not found.open:
        raise Conflict("CERTIFICATION_SESSION_CLOSED",
                       "Cette session est finalisée : on ne peut plus y entrer ni y passer de test.")
    return found


def eligibility(user_id: str) -> out.Eligibility:
    profile, _ = evaluation.positioned_profile(user_id)
    levels = {p.competence: p.level for p in profile}
    found = course_rules.eligibility(levels)
    competences = get_release().competences
    pointer = exam_store.current().course_of(user_id)
    return out.Eligibility(
        eligible=found.eligible,
        tested=[out.TestedCompetence(code=code, title=competences[code].title if code in competences else code,
                                     level=levels[code]) for code in found.tested],
        missing=found.missing, needed=course_rules.ELIGIBLE_COMPETENCES,
        course_id=exam.course_id(*pointer) if pointer else None,
    )


def join(user_id: str, session_id: str, last_name: str, first_name: str, birth_date: date) -> out.CourseState:
    """Match the learner to exactly one enrolled candidate and link their account (idempotent)."""
    session = open_session(session_id.strip())
    candidate = exam.match(store.current().candidates(session.id), last_name, first_name, birth_date)
    exam.ensure_linkable(candidate, user_id)
    existing = exam_store.current().course(session.id, candidate.id)
    if existing is not None:
        exam.ensure_linkable(replace(candidate, user_id=existing.user_id), user_id)
        return present.state(existing)
    profile, _ = evaluation.positioned_profile(user_id)
    found = course_rules.eligibility({p.competence: p.level for p in profile})
    if not found.eligible:
        raise _not_eligible(found.missing)
    linked = exam.link(candidate, user_id, clock.now())
    try:
        exam_store.current().link(candidate, linked)
    except Stale:
        fresh = exam_store.current().course(session.id, candidate.id)
        if fresh is not None and fresh.user_id == user_id:
            return present.state(fresh)
        raise Conflict("CERTIFICATION_CANDIDATE_TAKEN",
                       "Ce candidat est déjà rattaché à un autre compte : adressez-vous au surveillant.") from None
    return present.state(linked)


def mine(user_id: str, course_id: str) -> Course:
    session_id, candidate_id = exam.parse_course_id(course_id)
    found = exam_store.current().course(session_id, candidate_id)
    if found is None or found.user_id != user_id:
        raise NotFound("CERTIFICATION_NOT_FOUND", "Cette certification n'existe pas.")
    return found


def state(user_id: str, course_id: str) -> out.CourseState:
    """What the waiting page polls: one consistent GetItem."""
    return present.state(mine(user_id, course_id))


def _save(course: Course) -> Course:
    try:
        return exam_store.current().save_course(course)
    except Stale:
        raise _changed() from None


def _timed_out(course: Course) -> Course:
    """A course whose time ran out while nobody touched it, ended now (as the runner's resume does)."""
    if course.assessment is None or course.completed:
        return course
    resumed = runner.resume(course.strategy(), course.assessment, clock.now())
    return exam.ended(course, resumed) if resumed.completed else course


def enter(user_id: str, course_id: str, access_code: str) -> out.CourseState:
    """The access code: the candidate now waits for the invigilator (at each entry, the first and each resume)."""
    course = mine(user_id, course_id)
    session = open_session(course.session_id)
    typed = codes.normalise_access_code(access_code)
    if typed is None or not secrets.compare_digest(typed, session.access_code):
        raise Invalid("CERTIFICATION_ACCESS_CODE_WRONG",
                      "Ce code d'accès n'est pas celui de la session : vérifiez-le auprès du surveillant.")
    timed_out = _timed_out(course)
    if timed_out is not course:
        _save(timed_out)
    return present.state(_save(exam.enter(timed_out, clock.now())))


def start(user_id: str, course_id: str) -> out.Running:
    """Spend the invigilator's authorisation: the first start generates the course (v2, seeded with the course
    id) and starts the clock; a resume serves where the candidate left, within the same time limit."""
    course = mine(user_id, course_id)
    session = open_session(course.session_id)
    now = clock.now()
    begun = exam.begin(_timed_out(course), now)
    first = begun.assessment is None
    if first:
        profile, right = evaluation.positioned_profile(user_id)
        found = course_rules.eligibility({p.competence: p.level for p in profile})
        if not found.eligible:
            raise _not_eligible(found.missing)
        begun = replace(begun, planned=course_rules.generate(get_release(), profile, right, course.id),
                        profile=tuple((p.competence, p.level, p.pix) for p in profile))
        begun = exam.ended(begun, runner.start(begun.strategy(), None, course.id, now))
    saved = _save(begun)
    if first:
        store.current().mark_started(session.id, now)  # enrolment closes with the first start
    return present.running(saved, get_release().challenges, now, with_entry=True)


def answer(user_id: str, course_id: str, given: out.CourseAnswer) -> out.Running:
    """Check and record an answer, serve the next challenge: one read, one conditional write. A replayed
    answer (double click, lost response) is recorded once and gets the same outcome."""
    course = mine(user_id, course_id)
    exam.ensure_entry(course, given.entry_id)
    challenges = get_release().challenges
    now = clock.now()
    assert course.assessment is not None  # an entry id exists only once started
    if course.completed or runner.already_answered(course.assessment, given.challenge_id):
        return present.running(course, challenges, now, with_entry=False)
    step = runner.answer(course.strategy(), course.assessment, None,
                         runner.Given(given.challenge_id, given.answer, given.skipped, given.focused_out),
                         challenges, now)
    after = exam.ended(course, step.assessment)
    done = step.answered
    record = RecordedAnswer(course.session_id, course.candidate_id, done.number, done.challenge_id, done.result.value,
                            done.value, given.focused_out and challenges[done.challenge_id].focused,
                            done.time_spent_ms, done.at)
    try:
        saved = exam_store.current().record_answer(after, record)
    except (Stale, Unavailable) as failure:
        fresh = exam_store.current().course(course.session_id, course.candidate_id)
        if fresh and fresh.assessment and runner.already_answered(fresh.assessment, given.challenge_id):
            return present.running(fresh, challenges, now, with_entry=False)
        raise (_changed() if isinstance(failure, Stale) else failure) from None
    return present.running(saved, challenges, now, with_entry=False)


def report(user_id: str, course_id: str, given: out.CourseReport) -> out.ReportReceived:
    """"Signaler un problème": kept on the course, shown at once to the invigilator."""
    course = mine(user_id, course_id)
    exam.ensure_entry(course, given.entry_id)
    reported = exam.report(course, given.category, given.subcategory, given.description, clock.now())
    _save(reported)
    number = reported.reports[-1].question_number
    return out.ReportReceived(question_number=number,
                              message="Votre signalement a été transmis au surveillant : continuez votre test.")
