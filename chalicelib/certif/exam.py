"""A candidate's certification course around the runner: entering, the invigilator's authorisation, the entry
that answers carry, problem reports, and the end. Pure: no clock, no storage.

The life of a course (one per enrolled candidate who entered the session with their account):

- **linked**: the candidate gave the session number, their names and birth date; exactly one enrolled candidate
  matched and is now linked to their account (`match`);
- **waiting**: they typed the session's access code (`enter`); every entry waits, the first and each resume;
- **authorised**: the invigilator let them in (`authorise`);
- the candidate's page then starts (`begin`): the authorisation is **spent** and replaced by a fresh entry
  id that the page keeps in memory only and sends with each answer. A reload or another computer has no entry
  id: it must enter again with the access code and be authorised again (PRODUCTS.md: "the authorisation is
  spent at each entry, so every resume needs a new one");
- **ended**: after the last challenge, at the time limit (1 h 45 + extra time, from the first start), or by
  the invigilator (`end_by_invigilator`).

The challenges are generated once, at the first start (`course.generate`, v2, seeded with the course id), and
stored with the course so that a resume serves the same list.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from chalicelib.certif.candidates import Candidate
from chalicelib.certif.centres import search_key
from chalicelib.certif.course import CertificationCourse, Planned, time_limit
from chalicelib.certif.issue_reports import Category, IssueReport, Subcategory, report_problems
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.evaluation.api import runner

NONE, WAITING, AUTHORISED = "none", "waiting", "authorised"  # the entry
ENDED_FINISHED, ENDED_TIME, ENDED_INVIGILATOR = "finished", "time", "invigilator"
# What the invigilator's list shows.
LINKED, IN_PROGRESS, ENDED = "linked", "in_progress", "ended"
REPORTS_MAX = 20  # a course keeps at most this many reports: its item stays small whatever a page sends
DESCRIPTION_MAX = 500
# What a candidate may report from a challenge: the in-challenge subcategories, or a technical incident.
CANDIDATE_CATEGORIES = (Category.IN_CHALLENGE, Category.NON_BLOCKING_TECHNICAL_ISSUE)


def course_id(session_id: str, candidate_id: str) -> str:
    """The certification number: the session's number and the candidate's id (unique, shown at the end)."""
    return f"{session_id}-{candidate_id}"


def parse_course_id(value: str) -> tuple[str, str]:
    session_id, dash, candidate_id = value.partition("-")
    if not dash or not session_id.isdigit() or not candidate_id.isalnum():
        raise NotFound("CERTIFICATION_NOT_FOUND", "Cette certification n'existe pas.")
    return session_id, candidate_id


@dataclass(frozen=True, slots=True)
class Report:
    """A problem the candidate reported during the test (shown live to the invigilator, kept for finalisation)."""

    category: str
    subcategory: str | None
    question_number: int | None
    description: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Course:
    session_id: str
    candidate_id: str
    user_id: str
    extra_time_percentage: int
    linked_at: datetime
    entry: str = NONE
    entry_id: str | None = None  # the running entry's id: answers must carry it
    planned: tuple[Planned, ...] = ()  # generated at the first start
    # The positioned profile the course was generated from, (competence, level, pix), recorded at the first start:
    # the scoring reads it at finalisation, whatever the candidate did since.
    profile: tuple[tuple[str, int, int], ...] = ()
    assessment: runner.Assessment | None = None  # the runner's state once started
    ended_by: str | None = None
    reports: tuple[Report, ...] = ()
    entered_at: datetime | None = None  # the last entry (the page shows "waiting since")
    version: int = 0

    @property
    def id(self) -> str:
        return course_id(self.session_id, self.candidate_id)

    @property
    def id_key(self) -> tuple[str, str]:
        return (self.session_id, self.candidate_id)

    @property
    def started(self) -> bool:
        return self.assessment is not None

    @property
    def completed(self) -> bool:
        return self.assessment is not None and self.assessment.completed

    @property
    def started_at(self) -> datetime | None:
        return self.assessment.started_at if self.assessment is not None else None

    @property
    def limit(self) -> timedelta:
        return time_limit(self.extra_time_percentage)

    @property
    def ends_at(self) -> datetime | None:
        """The theoretical end: the first start plus 1 h 45 and the extra time."""
        return self.started_at + self.limit if self.started_at is not None else None

    def strategy(self) -> CertificationCourse:
        return CertificationCourse(tuple(p.challenge_id for p in self.planned), self.limit)

    @property
    def status(self) -> str:
        """For the invigilator: linked (no code typed yet), waiting, authorised, in progress, ended. A page closed
        mid-test stays "in progress" (nothing tells the server) until its candidate enters again (waiting)."""
        if self.completed:
            return ENDED
        if self.entry in (WAITING, AUTHORISED):
            return self.entry
        return IN_PROGRESS if self.started else LINKED


# --- matching the candidate ------------------------------------------------------------------------------


def match(enrolled: list[Candidate], last_name: str, first_name: str, birth_date: date) -> Candidate:
    """The one enrolled candidate with these names (accents, case and punctuation aside) and birth date."""
    wanted = (search_key(last_name), search_key(first_name), birth_date)
    found = [c for c in enrolled if c.identity() == wanted]
    if not found:
        raise NotFound("CERTIFICATION_CANDIDATE_NOT_FOUND",
                       "Aucun candidat inscrit à cette session ne porte ces nom, prénom et date de naissance : "
                       "vérifiez-les (nom de naissance) ou adressez-vous au surveillant.")
    if len(found) > 1:
        raise Conflict("CERTIFICATION_CANDIDATE_AMBIGUOUS",
                       "Plusieurs candidats inscrits portent ces nom, prénom et date de naissance : "
                       "adressez-vous au surveillant.")
    return found[0]


def ensure_linkable(candidate: Candidate, user_id: str) -> None:
    if candidate.user_id is not None and candidate.user_id != user_id:
        raise Conflict("CERTIFICATION_CANDIDATE_TAKEN",
                       "Ce candidat est déjà rattaché à un autre compte : adressez-vous au surveillant.")


def link(candidate: Candidate, user_id: str, now: datetime) -> Course:
    return Course(candidate.session_id, candidate.id, user_id, candidate.extra_time_percentage, now)


# --- entering, authorising, starting ------------------------------------------------------------------------


def ensure_not_over(course: Course) -> None:
    if course.completed:
        if course.ended_by == ENDED_TIME:
            raise Conflict("CERTIFICATION_TIME_OVER", "Le temps imparti est écoulé : votre test est terminé. "
                           "Prévenez le surveillant.")
        raise Conflict("CERTIFICATION_COMPLETED", "Votre test de certification est terminé : prévenez le surveillant.")


def enter(course: Course, now: datetime) -> Course:
    """The candidate typed the right access code: they wait for the invigilator. A new entry ends the running
    one (its page can no longer answer)."""
    ensure_not_over(course)
    if course.entry == AUTHORISED:
        return course  # already let in: a second click changes nothing
    return replace(course, entry=WAITING, entry_id=None, entered_at=now)


def authorise(course: Course) -> Course:
    ensure_not_over(course)
    if course.entry == AUTHORISED:
        return course
    if course.entry != WAITING:
        raise Conflict("CANDIDATE_NOT_WAITING",
                       "Ce candidat n'attend pas d'autorisation : il doit d'abord saisir le code d'accès.")
    return replace(course, entry=AUTHORISED)


def begin(course: Course, now: datetime) -> Course:
    """Spend the authorisation: a fresh entry id. Generating the challenges and starting the runner is the
    service's (it needs the profile and the content)."""
    ensure_not_over(course)
    if course.entry != AUTHORISED:
        raise Conflict("CERTIFICATION_NOT_AUTHORISED",
                       "Le surveillant ne vous a pas encore autorisé à commencer : patientez, la page se met à jour "
                       "toute seule.")
    return replace(course, entry=NONE, entry_id=secrets.token_urlsafe(12))


def ensure_entry(course: Course, entry_id: str) -> None:
    """An answer or a report comes from the page that was let in last, and no other."""
    if not course.entry_id or not secrets.compare_digest(course.entry_id, entry_id):
        if course.completed:
            ensure_not_over(course)
        raise Conflict("CERTIFICATION_NOT_AUTHORISED",
                       "Cette page n'est plus autorisée : saisissez de nouveau le code d'accès et attendez que le "
                       "surveillant vous autorise à reprendre.")


def ended(course: Course, assessment: runner.Assessment) -> Course:
    """The course with the runner's new state; how it ended when it just did (deadline or last challenge)."""
    if not assessment.completed or course.completed:
        return replace(course, assessment=assessment)
    deadline = assessment.started_at + course.limit
    finished = len(assessment.answers) >= len(course.planned)
    by = ENDED_FINISHED if finished and (assessment.completed_at or deadline) <= deadline else ENDED_TIME
    return replace(course, assessment=assessment, ended_by=by, entry=NONE)


def end_by_invigilator(course: Course, assessment: runner.Assessment) -> Course:
    if not course.started:
        raise Conflict("CERTIFICATION_NOT_STARTED", "Ce candidat n'a pas commencé son test.")
    ensure_not_over(course)
    return replace(course, assessment=assessment, ended_by=ENDED_INVIGILATOR, entry=NONE)


# --- problem reports -------------------------------------------------------------------------------------------


def report(course: Course, category: str, subcategory: str | None, description: str, now: datetime) -> Course:
    """A problem on the current question (its number is the server's: the one served now)."""
    ensure_not_over(course)
    try:
        kind = Category(category)
        sub = Subcategory(subcategory) if subcategory else None
    except ValueError:
        raise Invalid("CERTIFICATION_REPORT_INVALID", "Choisissez le type de problème dans la liste.") from None
    if kind not in CANDIDATE_CATEGORIES:
        raise Invalid("CERTIFICATION_REPORT_INVALID", "Choisissez le type de problème dans la liste.")
    asked = len(course.assessment.answers) + 1 if course.assessment is not None else None
    number = asked if kind is Category.IN_CHALLENGE else None
    description = description.strip()[:DESCRIPTION_MAX]
    problems = report_problems(IssueReport(kind, sub, number, description))
    if problems:
        raise Invalid("CERTIFICATION_REPORT_INVALID", " ".join(problems))
    if len(course.reports) >= REPORTS_MAX:
        raise Conflict("CERTIFICATION_REPORTS_FULL",
                       "Vous avez déjà signalé beaucoup de problèmes : prévenez le surveillant.")
    return replace(course, reports=(*course.reports, Report(kind.value, sub.value if sub else None, number,
                                                             description, now)))
