"""The centre finalises a session (PRODUCTS.md "Finalisation, incidents, scoring"): what its page shows (each
candidate's test, finished or not, and what the candidate reported during it), and the finalisation itself.

Finalising ends the tests still running (through the runner, as the invigilator's "end" does), scores each
started course (`finalisation.certification`: automatic resolution of the reports, then scoring v2) and stores
the session, the finalisation and the certifications in one transaction: a second finalisation is refused.
The positioned profile is read at finalisation: a certification course does not change it, so it is the profile
the course was generated from unless the learner positioned again meanwhile (then the jury sees an error).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chalicelib import clock
from chalicelib.certif import exam, finalisation, scoring, store
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.course import features_of
from chalicelib.certif.exam import Course
from chalicelib.certif.finalisation import CandidateInput, CourseFacts, Finalisation
from chalicelib.certif.ports import Stale
from chalicelib.certif.service_sessions import session_of
from chalicelib.certif.sessions import Session
from chalicelib.certif.store import exam as exam_store
from chalicelib.certif.store import jury as jury_store
from chalicelib.content.api import get_release
from chalicelib.errors import Conflict
from chalicelib.evaluation import api as evaluation
from chalicelib.evaluation.api import runner
from chalicelib.observability import logger


@dataclass(frozen=True, slots=True)
class CandidateTest:
    candidate: Candidate
    course: Course | None

    @property
    def started(self) -> bool:
        return self.course is not None and self.course.started

    @property
    def answered(self) -> int:
        return len(self.course.assessment.answers) if self.course and self.course.assessment else 0

    @property
    def planned(self) -> int:
        return len(self.course.planned) if self.course else 0

    @property
    def unfinished(self) -> bool:
        return self.started and self.answered < self.planned


@dataclass(frozen=True, slots=True)
class Overview:
    session: Session
    tests: list[CandidateTest]
    finalisation: Finalisation | None


def overview(centre_id: str, session_id: str) -> Overview:
    session = session_of(centre_id, session_id)
    courses = {c.candidate_id: c for c in exam_store.current().courses(session.id)}
    tests = [CandidateTest(c, courses.get(c.id)) for c in store.current().candidates(session.id)]
    return Overview(session, tests, jury_store.current().finalisation(session.id))


def _result(value: str) -> scoring.Result:
    try:
        return scoring.Result(value)
    except ValueError:
        return scoring.Result.KO


def facts(course: Course) -> CourseFacts:
    """The questions asked, in order, with the candidate's answers (none after the last answered)."""
    challenges = get_release().challenges
    answers = course.assessment.answers if course.assessment else ()
    questions = []
    for number, planned in enumerate(course.planned):
        result = _result(answers[number][1]) if number < len(answers) else None
        challenge = challenges.get(planned.challenge_id)
        features = features_of(challenge) if challenge is not None else scoring.Features()
        questions.append(scoring.Question(planned.competence, result, features=features,
                                          challenge_id=planned.challenge_id))
    profile = {code: scoring.Positioned(level, pix) for code, level, pix in course.profile} if course.profile else None
    return CourseFacts(course.candidate_id, course.user_id, tuple(questions), len(answers) < len(course.planned),
                       profile)


def _end_running(course: Course) -> Course:
    """A test still running is ended now, as the invigilator would (what was answered is kept)."""
    for _ in range(3):
        if course.completed or course.assessment is None:
            return course
        ended = exam.end_by_invigilator(course, runner.end(course.assessment, clock.now()))
        try:
            return exam_store.current().save_course(ended)
        except Stale:
            fresh = exam_store.current().course(course.session_id, course.candidate_id)
            if fresh is None:
                return course
            course = fresh
    raise Conflict("CERTIFICATION_CHANGED", "Un test vient de changer pendant la finalisation : recommencez.")


def _profile(f: CourseFacts) -> dict[str, scoring.Positioned]:
    """The profile recorded at the start; read now for a course started before it was recorded."""
    if f.profile is not None:
        return f.profile
    profile, _ = evaluation.positioned_profile(f.user_id)
    return {p.competence: scoring.Positioned(p.level, p.pix) for p in profile}


def finalise(user_id: str, centre_id: str, session_id: str, comment: str, incident: bool, joining_issue: bool,
             given: Sequence[CandidateInput]) -> Overview:
    session = session_of(centre_id, session_id)
    courses = [c for c in exam_store.current().courses(session.id) if c.started]
    finalisation.ensure_finalisable(session.status, len(courses))
    enrolled = {c.id for c in store.current().candidates(session.id)}
    found = {c.candidate_id: facts(c) for c in courses}
    comment = finalisation.check_input(comment, given, enrolled, {i for i, f in found.items() if f.unfinished})
    by_candidate = {g.candidate_id: g for g in given}
    for course in courses:
        _end_running(course)
    reachable = scoring.reachable_level_now()
    certifications = [
        finalisation.certification(session.id, f, by_candidate.get(f.candidate_id, CandidateInput(f.candidate_id)),
                                   _profile(f), reachable)
        for f in found.values()
    ]
    done = Finalisation(session.id, comment, incident, joining_issue, clock.now(), user_id,
                        finalisation.queue_of(comment, certifications))
    try:
        jury_store.current().finalise(session, done, certifications)
    except Stale:
        again = store.current().session(session.id, consistent=True)
        if again is not None and not again.open:
            finalisation.ensure_finalisable(again.status, len(courses))
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
    logger.info("session finalised", session_id=session.id, certifications=len(certifications), queue=done.queue)
    return overview(centre_id, session_id)
