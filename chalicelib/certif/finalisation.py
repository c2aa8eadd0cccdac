"""Finalisation of a session by its centre, and the certifications it produces for the jury (PRODUCTS.md
"Finalisation, incidents, scoring" and "Jury, publication, certificates"). Pure: no storage, no clock.

The centre finalises once: a global comment, the "incident" and "joining issue" flags, per candidate the issue
reports (`issue_reports`) and, for every unfinished test, a reason (candidate or technical). Each started course
then becomes a `Certification`: its questions in the order asked (challenge, competence, result, what the
challenge has that a report may be about), the positioned profile, the reports with what the automatic rules
made of them (`scoring.resolve`), and its score (`scoring.score`). The jury changes a certification
(neutralise or restore a question, decide on a report, comment, reject, cancel) and `rescore` computes it again.

A session is **publishable** as finalised when it has no global comment, no report awaiting the jury and no
certification in error; otherwise it "requires action": an operator takes it (in process), handles it, and
publishes it once no report awaits and no certification is in error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from chalicelib.certif import scoring
from chalicelib.certif.issue_reports import Category, IssueReport, Subcategory, report_problems
from chalicelib.errors import Conflict, Invalid

COMMENT_MAX = 2000
REPORT_DESCRIPTION_MAX = 500
REPORTS_PER_CANDIDATE_MAX = 20
JURY_COMMENT_MAX = 2000
ERROR = "error"  # a certification that could not be scored (beside scoring.Status)
TO_PUBLISH, REQUIRING_ACTION = "to_publish", "requiring_action"
QUEUES = (TO_PUBLISH, REQUIRING_ACTION)
REJECTED, CANCELLED = scoring.Status.REJECTED.value, scoring.Status.CANCELLED.value
JURY_DECISIONS = (REJECTED, CANCELLED)


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """What the centre says about one candidate."""

    candidate_id: str
    reports: tuple[IssueReport, ...] = ()
    abort_reason: scoring.AbortReason | None = None


@dataclass(frozen=True, slots=True)
class Finalisation:
    session_id: str
    comment: str
    incident: bool  # "un incident a eu lieu pendant la session"
    joining_issue: bool  # "des candidats n'ont pas pu rejoindre la session"
    finalised_at: datetime
    finalised_by: str
    queue: str  # TO_PUBLISH or REQUIRING_ACTION, decided at finalisation


@dataclass(frozen=True, slots=True)
class CourseFacts:
    """What a started course gives the scoring: the questions asked, in order, with their answers."""

    candidate_id: str
    user_id: str
    questions: tuple[scoring.Question, ...]
    unfinished: bool
    profile: dict[str, scoring.Positioned] | None = None  # recorded at the start; None for a course started before


@dataclass(frozen=True, slots=True)
class Report:
    """An issue report as the jury sees it: the centre's report and what became of it."""

    category: str
    subcategory: str | None
    question_number: int | None
    description: str
    outcome: str  # scoring.Outcome
    reason: str
    decided_by_jury: bool = False

    @property
    def awaiting(self) -> bool:
        return self.outcome == scoring.Outcome.AWAITS_JURY.value and not self.decided_by_jury


@dataclass(frozen=True, slots=True)
class Certification:
    session_id: str
    candidate_id: str
    user_id: str
    questions: tuple[scoring.Question, ...]
    profile: Mapping[str, scoring.Positioned]
    reachable_level: int
    reports: tuple[Report, ...] = ()
    abort_reason: str | None = None
    status: str = ERROR
    error: str | None = None
    rate_percent: int = 0
    pix: int = 0
    levels: Mapping[str, int] = field(default_factory=dict)
    jury_decision: str | None = None  # REJECTED or CANCELLED: the jury's, over the score's status
    comment_for_candidate: str = ""
    comment_for_organisation: str = ""
    version: int = 0

    @property
    def id(self) -> str:
        return f"{self.session_id}-{self.candidate_id}"

    @property
    def awaiting(self) -> int:
        return sum(1 for r in self.reports if r.awaiting)


# --- the centre's input ---------------------------------------------------------------------------------------


def check_input(comment: str, candidates: Sequence[CandidateInput], enrolled: set[str],
                unfinished: set[str]) -> str:
    """The global comment, trimmed, once every candidate's part is right; Invalid names what is wrong."""
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise Invalid("FINALISATION_COMMENT_TOO_LONG", f"Le commentaire global fait {COMMENT_MAX} caractères au plus.")
    seen: set[str] = set()
    for given in candidates:
        if given.candidate_id not in enrolled or given.candidate_id in seen:
            raise Invalid("FINALISATION_CANDIDATE_UNKNOWN", "Un candidat de la finalisation n'est pas inscrit à "
                          "cette session (ou figure deux fois) : rechargez la page.",
                          meta={"candidate_id": given.candidate_id})
        seen.add(given.candidate_id)
        if len(given.reports) > REPORTS_PER_CANDIDATE_MAX:
            raise Invalid("FINALISATION_REPORT_INVALID",
                          f"{REPORTS_PER_CANDIDATE_MAX} signalements au plus par candidat.",
                          meta={"candidate_id": given.candidate_id})
        for number, report in enumerate(given.reports, 1):
            problems = report_problems(report)
            if len(report.description) > REPORT_DESCRIPTION_MAX:
                problems.append(f"La description fait {REPORT_DESCRIPTION_MAX} caractères au plus.")
            if problems:
                raise Invalid("FINALISATION_REPORT_INVALID", f"Signalement {number} : " + " ".join(problems),
                              meta={"candidate_id": given.candidate_id, "report": number})
    reasons = {g.candidate_id for g in candidates if g.abort_reason is not None}
    missing = sorted(unfinished - reasons)
    if missing:
        raise Invalid("FINALISATION_ABORT_REASON_MISSING",
                      "Indiquez pour chaque test non terminé s'il l'a été à cause du candidat ou d'un problème "
                      "technique.", meta={"candidate_ids": missing})
    return comment


def ensure_finalisable(status: str, started: int) -> None:
    if status != "created":
        raise Conflict("SESSION_ALREADY_FINALISED", "Cette session est déjà finalisée : elle ne peut pas l'être "
                       "une seconde fois.")
    if started == 0:
        raise Conflict("SESSION_NOTHING_STARTED", "Aucun candidat n'a commencé son test : il n'y a rien à "
                       "finaliser. Une session sans candidat peut être supprimée.")


# --- a certification: built, scored, changed by the jury ------------------------------------------------------


def certification(session_id: str, facts: CourseFacts, given: CandidateInput,
                  profile: Mapping[str, scoring.Positioned], reachable_level: int) -> Certification:
    """The automatic resolution of the centre's reports on the course, then the score."""
    resolution = scoring.resolve(facts.questions, given.reports, given.abort_reason if facts.unfinished else None)
    reports = tuple(Report(r.report.category.value, r.report.subcategory.value if r.report.subcategory else None,
                           r.report.question_number, r.report.description, r.outcome.value, r.reason)
                    for r in resolution.reports)
    tested = {q.competence for q in facts.questions}
    mine = {code: p for code, p in profile.items() if code in tested or p.level >= 1}
    built = Certification(session_id, facts.candidate_id, facts.user_id, resolution.questions, mine, reachable_level,
                          reports, given.abort_reason.value if facts.unfinished and given.abort_reason else None)
    return rescore(built)


def rescore(c: Certification) -> Certification:
    """The score of the certification as it stands (after the jury's changes); a jury's rejection or
    cancellation certifies nothing; an impossible course is "in error" (the jury looks at it)."""
    try:
        found = scoring.score(c.questions, c.profile, c.reachable_level)
    except scoring.ScoringError as error:
        return replace(c, status=ERROR, error=str(error), rate_percent=0, pix=0, levels={})
    status = c.jury_decision or found.status.value
    certified = status == scoring.Status.VALIDATED.value
    levels = {code: (s.level if certified else scoring.UNCERTIFIED) for code, s in found.competences.items()}
    return replace(c, status=status, error=None, rate_percent=found.rate_percent,
                   pix=found.pix if certified else 0, levels=levels)


def neutralise(c: Certification, number: int, neutralised: bool) -> Certification:
    try:
        changed = scoring.jury_neutralise(c.questions, number, neutralised)
    except ValueError:
        raise Invalid("QUESTION_NOT_FOUND", f"Cette certification n'a pas de question {number}.") from None
    return rescore(replace(c, questions=changed))


def decide(c: Certification, decision: str | None) -> Certification:
    if decision is not None and decision not in JURY_DECISIONS:
        raise Invalid("JURY_DECISION_INVALID", "La décision du jury est « rejected », « cancelled » ou aucune.")
    return rescore(replace(c, jury_decision=decision))


def comment(c: Certification, for_candidate: str | None, for_organisation: str | None) -> Certification:
    texts = [t.strip() for t in (for_candidate, for_organisation) if t is not None]
    if any(len(t) > JURY_COMMENT_MAX for t in texts):
        raise Invalid("JURY_COMMENT_TOO_LONG", f"Un commentaire du jury fait {JURY_COMMENT_MAX} caractères au plus.")
    return replace(c, comment_for_candidate=c.comment_for_candidate if for_candidate is None else for_candidate.strip(),
                   comment_for_organisation=(c.comment_for_organisation if for_organisation is None
                                             else for_organisation.strip()))


def decide_report(c: Certification, index: int) -> Certification:
    """The jury has handled report `index` (from 1): it no longer holds the publication."""
    if not 1 <= index <= len(c.reports):
        raise Invalid("REPORT_NOT_FOUND", f"Cette certification n'a pas de signalement {index}.")
    reports = list(c.reports)
    reports[index - 1] = replace(reports[index - 1], decided_by_jury=True)
    return replace(c, reports=tuple(reports))


def queue_of(comment_text: str, certifications: Sequence[Certification]) -> str:
    publishable = not comment_text and all(c.awaiting == 0 and c.status != ERROR for c in certifications)
    return TO_PUBLISH if publishable else REQUIRING_ACTION


def ensure_publishable(status: str, certifications: Sequence[Certification], queue: str) -> None:
    if status == "processed":
        raise Conflict("SESSION_ALREADY_PUBLISHED", "Cette session est déjà publiée.")
    if status == "created":
        raise Conflict("SESSION_NOT_FINALISED", "Cette session n'est pas encore finalisée par son centre.")
    if queue == REQUIRING_ACTION and status != "in_process":
        raise Conflict("SESSION_NEEDS_JURY", "Cette session demande une action du jury : prenez-la en charge et "
                       "traitez-la avant de la publier.")
    if any(c.status == ERROR for c in certifications):
        raise Conflict("SESSION_HAS_ERRORS", "Une certification de cette session est en erreur : le jury doit la "
                       "traiter (neutraliser, rejeter ou annuler) avant la publication.")
    if any(c.awaiting for c in certifications):
        raise Conflict("SESSION_REPORTS_AWAITING", "Des signalements attendent encore une décision du jury.")


# --- as JSON (the store's snapshot) ---------------------------------------------------------------------------


def _question(q: scoring.Question) -> dict[str, Any]:
    f = q.features
    return {"c": q.competence, "r": q.result.value if q.result else None, "n": q.neutralised,
            "x": q.focus_out_excused, "id": q.challenge_id,
            "f": [f.image, f.embed, f.attachment, f.timer, f.focused]}


def _question_of(raw: Mapping[str, Any]) -> scoring.Question:
    return scoring.Question(raw["c"], scoring.Result(raw["r"]) if raw["r"] else None, bool(raw["n"]), bool(raw["x"]),
                            scoring.Features(*(bool(v) for v in raw["f"])), raw["id"])


def as_dict(c: Certification) -> dict[str, Any]:
    return {
        "user_id": c.user_id, "questions": [_question(q) for q in c.questions],
        "profile": {code: [p.level, p.pix] for code, p in c.profile.items()}, "reachable_level": c.reachable_level,
        "reports": [[r.category, r.subcategory, r.question_number, r.description, r.outcome, r.reason,
                     r.decided_by_jury] for r in c.reports],
        "abort_reason": c.abort_reason, "status": c.status, "error": c.error, "rate_percent": c.rate_percent,
        "pix": c.pix, "levels": dict(c.levels), "jury_decision": c.jury_decision,
        "comment_for_candidate": c.comment_for_candidate, "comment_for_organisation": c.comment_for_organisation,
    }


def from_dict(session_id: str, candidate_id: str, raw: Mapping[str, Any], version: int) -> Certification:
    return Certification(
        session_id=session_id, candidate_id=candidate_id, user_id=raw["user_id"],
        questions=tuple(_question_of(q) for q in raw["questions"]),
        profile={code: scoring.Positioned(int(p[0]), int(p[1])) for code, p in raw["profile"].items()},
        reachable_level=int(raw["reachable_level"]),
        reports=tuple(Report(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in raw["reports"]),
        abort_reason=raw.get("abort_reason"), status=raw["status"], error=raw.get("error"),
        rate_percent=int(raw["rate_percent"]), pix=int(raw["pix"]),
        levels={k: int(v) for k, v in raw["levels"].items()}, jury_decision=raw.get("jury_decision"),
        comment_for_candidate=raw.get("comment_for_candidate") or "",
        comment_for_organisation=raw.get("comment_for_organisation") or "", version=version,
    )


def issue_report(category: str, subcategory: str | None, question_number: int | None,
                 description: str) -> IssueReport:
    """A report as the centre's page sends it; Invalid for an unknown category or subcategory."""
    try:
        kind = Category(category)
        sub = Subcategory(subcategory) if subcategory else None
    except ValueError:
        raise Invalid("FINALISATION_REPORT_INVALID", "Choisissez la catégorie et le type de problème dans la "
                      "liste.") from None
    return IssueReport(kind, sub, question_number, description.strip())
