"""Campaign assessment use cases: a target profile's skills tested on the assessment runner.

The orga room owns the participation and starts its test through `api.py`; the learner answers it here.
The test lives in the learner's partition (`PART#<participation>`, models.py) and its learner model is the
learner's knowledge of the profile's competences (their `COMP#` items): an answer costs one read (a Query
of those items) and one conditional write of three items (the answer, the test, the answered competence).
"""

import secrets
from datetime import datetime
from typing import Literal

from chalicelib import clock
from chalicelib.content.api import get_release
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.errors import Conflict, Forbidden, NotFound, Unavailable
from chalicelib.evaluation import presenters, runner
from chalicelib.evaluation import schemas as out
from chalicelib.evaluation.bank import campaign_assessment
from chalicelib.evaluation.domain import CampaignProgress, CampaignRead, CompetenceProgress, RecordedAnswer, StaleWrite
from chalicelib.evaluation.service import keep_report
from chalicelib.evaluation.store import get_store
from chalicelib.evaluation.strategies import CampaignAssessment, CampaignResult

PARTICIPATION_ID_MAX = 100


Retry = Literal["improve", "reset"]


def start(
    user_id: str, participation_id: str, skills: frozenset[str], retry: Retry | None = None
) -> out.CampaignAssessmentState:
    """Start the participation's test over the target profile's `skills`, or come back to it (the skills
    are those given at the first start: a participation's test does not change scope).

    A new sending of a campaign (`retry`, the orga room's rules say when): "improve" forgets the profile's
    skills failed more than 4 days ago, so they are asked again; "reset" forgets every element of the
    profile's skills. The forgetting is written with the test, in the same conditional write."""
    _check_id(participation_id)
    strategy = campaign_assessment(frozenset(skills))
    if not strategy.known_skills:
        raise Conflict("TARGET_PROFILE_EMPTY", "Ce profil cible n'a aucun acquis évaluable : prévenez l'organisation.")
    read = get_store().campaign(user_id, participation_id)
    if read.campaign is not None:
        return _state(read.campaign, read, resumed=not read.campaign.assessment.completed)
    strategy = campaign_assessment(strategy.known_skills)
    now = clock.now()
    forgotten = _forget(strategy, read, retry, now) if retry else []
    learner = {**_learner(strategy, read), **{p.competence: p.knowledge for p in forgotten}}
    assessment = runner.start(strategy, learner, f"{user_id}.{secrets.token_hex(6)}", now)
    begun = CampaignProgress(user_id, participation_id, strategy.skills, assessment)
    try:
        get_store().start_campaign(begun, forgotten)
    except StaleWrite:
        fresh = get_store().campaign(user_id, participation_id)  # another tab started it a moment ago: join it
        if fresh.campaign is None:
            raise _concurrent_change() from None
        return _state(fresh.campaign, fresh, resumed=True)
    return presenters.campaign_state(begun, learner, resumed=False)


def state(user_id: str, participation_id: str) -> out.CampaignAssessmentState:
    """The participation's test where it stands (the challenge to answer, progress, results once over)."""
    read = _read(user_id, participation_id)
    assert read.campaign is not None
    return _state(read.campaign, read, resumed=not read.campaign.assessment.completed)


def find(user_id: str, participation_id: str) -> out.CampaignAssessmentState | None:
    """`state`, or None when the participation's test has not started."""
    _check_id(participation_id)
    read = get_store().campaign(user_id, participation_id)
    return None if read.campaign is None else _state(read.campaign, read, resumed=False)


def checkpoint(user_id: str, participation_id: str) -> out.Checkpoint:
    """The answers the current checkpoint reviews (every 5 answers, the rest at the end): empty between."""
    read = _read(user_id, participation_id)
    assert read.campaign is not None
    due = presenters.checkpoint(read.campaign.assessment)
    return due or out.Checkpoint(answers=[])


def outcome(user_id: str, participation_id: str) -> CampaignResult:
    """The profile's skills validated and tested, from the learner's knowledge now."""
    read = _read(user_id, participation_id)
    assert read.campaign is not None
    strategy = campaign_assessment(read.campaign.skills)
    return strategy.outcome(read.campaign.assessment, _learner(strategy, read))


def answer(user_id: str, participation_id: str, request: out.AnswerRequest) -> out.CampaignAnswerOutcome:
    """Check, record and learn from an answer, then serve what comes next: one read, one write.

    The same answer sent twice is recorded once and both get the same outcome, rebuilt from the stored state.
    """
    if request.assessment_id.rpartition(".")[0] != user_id:
        raise Forbidden("NOT_YOUR_ASSESSMENT", "Cette évaluation ne vous appartient pas.")
    read = _read(user_id, participation_id)
    progress = read.campaign
    assert progress is not None
    if progress.assessment.id != request.assessment_id:
        raise Conflict(
            "EVALUATION_NOT_CURRENT", "Cette évaluation n'est plus en cours : rechargez la page pour continuer."
        )
    strategy = campaign_assessment(progress.skills)
    learner = _learner(strategy, read)
    if runner.already_answered(progress.assessment, request.challenge_id):
        return presenters.campaign_outcome(progress, learner)
    given = runner.Given(request.challenge_id, request.answer, request.skipped, request.focused_out)
    step = runner.answer(strategy, progress.assessment, learner, given, get_release().challenges, clock.now())
    code = get_release().challenges[request.challenge_id].competence
    before = read.competences.get(code) or CompetenceProgress(user_id, code, knowledge_rules.empty(code))
    touched = before.changed(knowledge=step.learner[code])
    after = progress.changed(assessment=step.assessment)
    try:
        get_store().record_campaign_answer(
            RecordedAnswer.of(user_id, code, progress.assessment.id, step.answered), after, touched
        )
    except (StaleWrite, Unavailable) as failure:
        # Someone wrote first, or the write's fate is unknown: the stored state tells whether it was this answer.
        fresh = get_store().campaign(user_id, participation_id)
        current = fresh.campaign
        if current and current.assessment.id == request.assessment_id and runner.already_answered(
            current.assessment, request.challenge_id
        ):
            return presenters.campaign_outcome(current, _learner(strategy, fresh))
        raise (_concurrent_change() if isinstance(failure, StaleWrite) else failure) from None
    return presenters.campaign_outcome(after, step.learner)


def report_problem(user_id: str, participation_id: str, request: out.ProblemReportRequest) -> out.ReportReceived:
    """Keep a learner's report on a challenge of their campaign test (the same quota as elsewhere)."""
    read = _read(user_id, participation_id)
    assert read.campaign is not None
    challenge = get_release().challenges.get(request.challenge_id)
    if challenge is None or not campaign_assessment(read.campaign.skills).in_scope(challenge.id):
        raise NotFound("CHALLENGE_NOT_FOUND", "Cette question n'existe pas dans ce parcours.")
    return keep_report(user_id, challenge.id, challenge.competence, request)


def skills_known(user_id: str, skills: frozenset[str]) -> CampaignResult:
    """Of `skills`, those the learner's knowledge has validated and tested now (a profiles collection)."""
    strategy = campaign_assessment(frozenset(skills))
    known = {p.competence: p.knowledge for p in get_store().competences(user_id)}
    learner = {code: known.get(code) or knowledge_rules.empty(code) for code in strategy.competences}
    return strategy.outcome(runner.Assessment("", runner.STARTED, clock.now()), learner)


# --- helpers -------------------------------------------------------------------------------------------


def _check_id(participation_id: str) -> None:
    if not 0 < len(participation_id) <= PARTICIPATION_ID_MAX or not participation_id.isprintable():
        raise _not_found()


def _read(user_id: str, participation_id: str) -> CampaignRead:
    """The learner's own participation test (read in their own partition: another's id is not found)."""
    _check_id(participation_id)
    read = get_store().campaign(user_id, participation_id)
    if read.campaign is None:
        raise _not_found()
    return read


def _learner(strategy: CampaignAssessment, read: CampaignRead) -> dict[str, CompetenceKnowledge]:
    """K: the learner's knowledge of every competence of the profile (empty where nothing is known)."""
    return {
        code: p.knowledge if (p := read.competences.get(code)) else knowledge_rules.empty(code)
        for code in strategy.competences
    }


def _forget(strategy: CampaignAssessment, read: CampaignRead, retry: Retry, now: datetime) -> list[CompetenceProgress]:
    """The competences whose knowledge a retry changes, changed: the profile's skills forgotten."""
    by_competence: dict[str, list[tuple[str, int]]] = {}
    for name in strategy.skills:
        skill = strategy.bank.skills[name]
        by_competence.setdefault(skill.competence, []).append((skill.tube, skill.level))
    failed_before = now - knowledge_rules.IMPROVE_AFTER if retry == "improve" else None
    changed = []
    for code, skills in sorted(by_competence.items()):
        progress = read.competences.get(code)
        if progress is None:
            continue
        kept = knowledge_rules.without(progress.knowledge, skills, failed_before=failed_before)
        if kept != progress.knowledge:
            changed.append(progress.changed(knowledge=kept))
    return changed


def _state(progress: CampaignProgress, read: CampaignRead, *, resumed: bool) -> out.CampaignAssessmentState:
    return presenters.campaign_state(progress, _learner(campaign_assessment(progress.skills), read), resumed=resumed)


def _not_found() -> NotFound:
    return NotFound("CAMPAIGN_ASSESSMENT_NOT_FOUND", "Ce parcours n'existe pas ou n'a pas encore commencé.")


def _concurrent_change() -> Conflict:
    return Conflict(
        "CONCURRENT_UPDATE", "Votre parcours a changé dans un autre onglet : rechargez la page pour continuer."
    )
