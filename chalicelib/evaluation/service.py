"""Evaluation use cases: take a competence's test, answer, see results, the profile, report a problem.

The runner (runner.py) plays the test, the store (store.py; `store.use_store` puts another in place)
keeps it, presenters.py shows it. An answer costs one read and one conditional write, whatever the
competence.
"""

import secrets
from datetime import timedelta

from chalicelib import clock
from chalicelib.content.api import get_release
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import scoring
from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.errors import Conflict, Forbidden, NotFound, TooManyAttempts, Unavailable
from chalicelib.evaluation import presenters, runner
from chalicelib.evaluation import schemas as out
from chalicelib.evaluation.bank import competence_evaluation, competence_of, get_bank
from chalicelib.evaluation.domain import (
    CompetenceProgress,
    ProblemReport,
    RecordedAnswer,
    ReportQuota,
    StaleWrite,
)
from chalicelib.evaluation.runner import Assessment
from chalicelib.evaluation.store import get_store
from chalicelib.evaluation.strategies import CompetenceEvaluation
from chalicelib.evaluation.tutorials import saved_ids
from chalicelib.settings import get_settings

REPORTS_PER_HOUR = 10


def framework() -> out.Framework:
    """The référentiel for the site: domains, competences, tubes and the 8 level descriptors."""
    return presenters.framework(get_release())


def profile(user_id: str) -> out.Profile:
    """The learner's 16 competences with pix and level, and the total out of 1024."""
    known = {p.competence: p for p in get_store().competences(user_id)}
    competences = [presenters.competence_profile(code, known.get(code)) for code in get_release().competences]
    return out.Profile(
        total_pix=scoring.profile_pix({c.code: c.pix for c in competences}),
        max_pix=scoring.MAX_PROFILE_PIX,
        max_reachable_level=get_settings().max_reachable_level,
        test_length=presenters.test_length(),
        competences=competences,
    )


# --- taking an evaluation ---------------------------------------------------------------------------


def start_evaluation(user_id: str, code: str) -> out.AssessmentState:
    """Start the competence's evaluation, or come back to the one in progress where it was left."""
    competence_of(code)
    progress = get_store().competence(user_id, code)
    current = progress.assessment if progress else None
    if progress and current and not current.completed:
        return presenters.state(progress, resumed=True)
    if progress and current:
        opens_at = knowledge_rules.improve_opens_at(progress.knowledge)
        raise Conflict(
            "EVALUATION_COMPLETED",
            "Vous avez terminé l'évaluation de cette compétence."
            + (f" Vous pourrez la retenter à partir du {presenters.french_date(opens_at)}." if opens_at else ""),
        )
    return _begin(user_id, code, progress, progress.knowledge if progress else knowledge_rules.empty(code))


def retry_competence(user_id: str, code: str) -> out.AssessmentState:
    """Retry a competence to improve it, 4 days after the last answer; old failures are forgotten."""
    progress, knowledge = _not_in_progress(user_id, code)
    try:
        improved = knowledge_rules.for_improvement(knowledge, clock.now())
    except knowledge_rules.RuleNotOpen as closed:
        message, meta = presenters.not_open("retenter", closed.opens_at)
        raise Conflict("RETRY_NOT_OPEN", message, meta=meta) from None
    return _begin(user_id, code, progress, improved)


def reset_competence(user_id: str, code: str) -> out.CompetenceProfile:
    """Clear a competence, 7 days after the last answer: the learner starts it again from zero."""
    progress, knowledge = _not_in_progress(user_id, code)
    try:
        cleared = knowledge_rules.reset(knowledge, clock.now())
    except knowledge_rules.RuleNotOpen as closed:
        message, meta = presenters.not_open("remettre à zéro", closed.opens_at)
        raise Conflict("RESET_NOT_OPEN", message, meta=meta) from None
    assert progress is not None  # a knowledge with answers has a progress
    after = progress.changed(knowledge=cleared, assessment=None)
    try:
        get_store().save_competence(after)
    except StaleWrite:
        raise _concurrent_change() from None
    return presenters.competence_profile(code, after)


def answer_challenge(user_id: str, code: str, request: out.AnswerRequest) -> out.AnswerOutcome:
    """Check, record and learn from an answer, then serve what comes next: one read, one write.

    The same answer sent twice (a double click, a retried request, a response lost in a timeout) is
    recorded once and both get the same outcome, rebuilt from the stored state.
    """
    evaluation = _evaluation(code)
    if request.assessment_id.rpartition(".")[0] != user_id:
        raise Forbidden("NOT_YOUR_ASSESSMENT", "Cette évaluation ne vous appartient pas.")
    progress, current = _current(get_store().competence(user_id, code), request.assessment_id)
    if runner.already_answered(current, request.challenge_id):
        return presenters.outcome(progress)
    given = runner.Given(request.challenge_id, request.answer, request.skipped, request.focused_out)
    step = runner.answer(evaluation, current, progress.knowledge, given, get_release().challenges, clock.now())
    after = progress.changed(knowledge=step.learner, assessment=step.assessment)
    try:
        get_store().record_answer(RecordedAnswer.of(user_id, code, current.id, step.answered), after)
    except (StaleWrite, Unavailable) as failure:
        # Someone wrote first, or the write's fate is unknown: the stored state tells whether it was this answer.
        fresh = get_store().competence(user_id, code)
        if fresh and fresh.assessment and fresh.assessment.id == request.assessment_id and runner.already_answered(
            fresh.assessment, request.challenge_id
        ):
            return presenters.outcome(fresh)
        raise (_concurrent_change() if isinstance(failure, StaleWrite) else failure) from None
    return presenters.outcome(after)


def results(user_id: str, code: str) -> out.Results:
    """The competence's last evaluation: level, pix gained, every answer with the right one.

    Read consistently: the page asks for them right after the last answer."""
    competence_of(code)
    progress = get_store().competence(user_id, code, consistent=True)
    if progress is None or progress.assessment is None:
        raise NotFound("RESULTS_NOT_FOUND", "Vous n'avez pas encore évalué cette compétence.")
    answers = get_store().answers(user_id, code, progress.assessment.id, consistent=True)
    return presenters.results(progress, answers, saved_ids(user_id))


def report_problem(user_id: str, code: str, request: out.ProblemReportRequest) -> out.ReportReceived:
    """Keep a learner's report on a challenge for the content team: at most 10 an hour per learner."""
    competence_of(code)
    challenge = get_release().challenges.get(request.challenge_id)
    if challenge is None or challenge.competence != code:
        raise NotFound("CHALLENGE_NOT_FOUND", "Cette question n'existe pas dans cette compétence.")
    return keep_report(user_id, challenge.id, code, request)


def keep_report(user_id: str, challenge_id: str, code: str, request: out.ProblemReportRequest) -> out.ReportReceived:
    """Keep a report on a challenge of the competence `code`, within the learner's hourly quota."""
    now = clock.now()
    report = ProblemReport(f"{now.isoformat(timespec='seconds')}#{secrets.token_hex(4)}", challenge_id, code,
                           request.category, request.comment or None, user_id, now)
    hour = now.replace(minute=0, second=0, microsecond=0)
    if not get_store().report_problem(report, ReportQuota(hour.strftime("%Y-%m-%dT%H"), REPORTS_PER_HOUR)):
        wait = int((hour + timedelta(hours=1) - now).total_seconds()) + 1
        raise TooManyAttempts(
            "TOO_MANY_REPORTS",
            f"Vous avez déjà envoyé {REPORTS_PER_HOUR} signalements cette heure-ci : merci ! "
            f"Vous pourrez en envoyer d'autres dans {-(-wait // 60)} min.",
            retry_after_seconds=wait,
        )
    return out.ReportReceived(
        report_id=report.report_id,
        message="Merci, votre signalement a été transmis à l'équipe qui rédige les questions.",
    )


# --- helpers -------------------------------------------------------------------------------------------


def _begin(
    user_id: str, code: str, progress: CompetenceProgress | None, knowledge: CompetenceKnowledge
) -> out.AssessmentState:
    """A new assessment starting from `knowledge`, with its first challenge served."""
    evaluation = _evaluation(code)
    if not get_bank().items_of(code):
        raise Conflict("COMPETENCE_NOT_AVAILABLE", "Cette compétence n'a pas encore de questions : revenez bientôt.")
    begun = (progress or CompetenceProgress(user_id, code, knowledge)).changed(
        knowledge=knowledge, assessment=runner.start(evaluation, knowledge, f"{user_id}.{secrets.token_hex(6)}",
                                                     clock.now()))
    try:
        get_store().save_competence(begun)
    except StaleWrite:
        fresh = get_store().competence(user_id, code)  # another tab started it a moment ago: join that one
        if fresh and fresh.assessment and not fresh.assessment.completed:
            return presenters.state(fresh, resumed=True)
        raise _concurrent_change() from None
    return presenters.state(begun, resumed=False)


def _not_in_progress(user_id: str, code: str) -> tuple[CompetenceProgress | None, CompetenceKnowledge]:
    """The learner's progress and knowledge of a competence, refused while an evaluation of it runs."""
    competence_of(code)
    progress = get_store().competence(user_id, code)
    if progress and progress.assessment and not progress.assessment.completed:
        raise Conflict("EVALUATION_IN_PROGRESS", "Terminez d'abord l'évaluation en cours de cette compétence.")
    return progress, progress.knowledge if progress else knowledge_rules.empty(code)


def _current(progress: CompetenceProgress | None, assessment_id: str) -> tuple[CompetenceProgress, Assessment]:
    if progress is None or progress.assessment is None or progress.assessment.id != assessment_id:
        raise Conflict(
            "EVALUATION_NOT_CURRENT", "Cette évaluation n'est plus en cours : rechargez la page pour continuer."
        )
    return progress, progress.assessment


def _evaluation(code: str) -> CompetenceEvaluation:
    competence_of(code)
    return competence_evaluation(code)


def _concurrent_change() -> Conflict:
    return Conflict(
        "CONCURRENT_UPDATE", "Votre évaluation a changé dans un autre onglet : rechargez la page pour continuer."
    )
