"""What the evaluation API shows: the référentiel, challenges without their solution, reviews, results,
the profile, tutorials, and dates in French. Built from domain objects; no storage, no rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, cast
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import JsonValue

from chalicelib.content.api import (
    Challenge,
    Competence,
    Release,
    answer_for_learner,
    challenge_for_learner,
    get_release,
    solution_for_learner,
)
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import selection
from chalicelib.engine.checking import AnswerStatus
from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.evaluation import assessment, runner
from chalicelib.evaluation import schemas as out
from chalicelib.evaluation.bank import campaign_assessment, competence_evaluation, get_bank
from chalicelib.evaluation.domain import CampaignProgress, CompetenceProgress, RecordedAnswer
from chalicelib.evaluation.runner import Assessment
from chalicelib.evaluation.strategies import CampaignResult, CompetenceResult
from chalicelib.settings import get_settings

FILES_PATH = "/fichiers/"  # attachments and illustrations, served by the CDN from their bucket
# A test's mean length under the engine's stop rule, measured on its benchmark (docs/engine.md, "at the
# stop": 8.29 on Track P); said before a test with the rule's range (tests/unit: kept in step with the doc).
MEAN_TEST_LENGTH = 8

try:
    _FRANCE = ZoneInfo("Europe/Paris")
except ZoneInfoNotFoundError:  # a runtime without the time zone database: dates read in UTC
    _FRANCE = ZoneInfo("UTC")

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(at: datetime) -> str:
    local = at.astimezone(_FRANCE)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} à {local.hour} h {local.minute:02d}"


def not_open(action: str, opens_at: datetime | None) -> tuple[str, dict[str, str]]:
    """The message and meta of a rule not open yet (retry, reset)."""
    if opens_at is None:
        return f"Vous n'avez encore rien à {action} : commencez par évaluer cette compétence.", {}
    return (
        f"Vous pourrez {action} cette compétence à partir du {french_date(opens_at)}.",
        {"opens_at": opens_at.isoformat()},
    )


# --- the référentiel ---------------------------------------------------------------------------------


def framework(release: Release) -> out.Framework:
    return out.Framework(
        version=release.version,
        levels=[out.LevelDescriptorOut(level=d.level, stage=d.stage, descriptor=d.descriptor) for d in release.levels],
        domains=[
            out.DomainOut(
                code=domain.code,
                title=domain.title,
                competences=[_competence(release, release.competences[code]) for code in domain.competences],
            )
            for domain in release.domains
        ],
    )


def _competence(release: Release, competence: Competence) -> out.CompetenceOut:
    return out.CompetenceOut(
        code=competence.code,
        title=competence.title,
        description=competence.description,
        themes=list(competence.themes),
        tubes=[
            out.TubeOut(name=t.name, title=t.title, description=t.description, theme=t.theme)
            for t in release.tubes_of(competence.code)
        ],
    )


# --- the profile --------------------------------------------------------------------------------------


def competence_profile(code: str, progress: CompetenceProgress | None) -> out.CompetenceProfile:
    bank = get_bank()
    knowledge = progress.knowledge if progress else knowledge_rules.empty(code)
    pix, level = assessment.competence_score(bank, knowledge, get_settings().max_reachable_level)
    improve = knowledge_rules.improve_opens_at(knowledge)
    reset = knowledge_rules.reset_opens_at(knowledge)
    return out.CompetenceProfile(
        code=code,
        title=get_release().competences[code].title,
        domain=get_release().competences[code].domain,
        pix=pix,
        level=level,
        progress=assessment.assessed_share(bank, knowledge),
        available=bool(bank.items_of(code)),
        evaluation=cast(Literal["started", "completed"], progress.assessment.status)  # the runner's two states
        if progress and progress.assessment
        else "none",
        improve_opens_at=improve.isoformat() if improve else None,
        reset_opens_at=reset.isoformat() if reset else None,
    )


def test_length() -> out.LengthRange:
    fewest, most = selection.length_range()
    return out.LengthRange(min=fewest, max=most, mean=MEAN_TEST_LENGTH)


# --- an assessment ------------------------------------------------------------------------------------


def summary(progress: CompetenceProgress) -> out.ResultSummary:
    assert progress.assessment is not None
    evaluation = competence_evaluation(progress.competence)
    result: CompetenceResult = evaluation.outcome(progress.assessment, progress.knowledge)
    return out.ResultSummary(level=result.level, pix=result.pix, pix_gained=result.pix_gained)


def state(progress: CompetenceProgress, *, resumed: bool) -> out.AssessmentState:
    current = progress.assessment
    assert current is not None
    return out.AssessmentState(
        assessment_id=current.id,
        competence=progress.competence,
        status=current.status,  # type: ignore[arg-type]
        resumed=resumed,
        challenge=challenge_view(get_release().challenges[current.served], current.id) if current.served else None,
        progress=out.Progress(
            answered=len(current.answers),
            estimated_remaining=competence_evaluation(progress.competence).remaining(current, progress.knowledge),
        ),
        results=summary(progress) if current.completed else None,
    )


def outcome(progress: CompetenceProgress) -> out.AnswerOutcome:
    """What the learner sees after an answer, from the state it left: the same on a replay."""
    current = progress.assessment
    assert current is not None and current.answers
    return out.AnswerOutcome(
        result=current.answers[-1][1],  # type: ignore[arg-type]
        checkpoint=checkpoint(current),
        assessment=state(progress, resumed=False),
    )


def checkpoint(current: Assessment) -> out.Checkpoint | None:
    """The answers to review now (every 5 answers, the rest at the end), or None."""
    due = runner.review(current)
    if not due:
        return None
    challenges = get_release().challenges
    return out.Checkpoint(
        answers=[review(challenges[r.challenge_id], r.result, current.id, r.number, r.answer) for r in due]
    )


# --- a campaign assessment ----------------------------------------------------------------------------


def campaign_summary(result: CampaignResult, skills: int) -> out.CampaignResultSummary:
    return out.CampaignResultSummary(
        skills=skills,
        tested=len(result.tested),
        validated=len(result.validated),
        mastery_rate=round(len(result.validated) / skills, 4) if skills else 0.0,
    )


def campaign_state(
    progress: CampaignProgress, learner: dict[str, CompetenceKnowledge], *, resumed: bool
) -> out.CampaignAssessmentState:
    current = progress.assessment
    strategy = campaign_assessment(progress.skills)
    found = strategy.outcome(current, learner)
    skills = len(strategy.known_skills)
    return out.CampaignAssessmentState(
        assessment_id=current.id,
        participation_id=progress.participation_id,
        status=current.status,  # type: ignore[arg-type]
        resumed=resumed,
        challenge=challenge_view(get_release().challenges[current.served], current.id) if current.served else None,
        progress=out.Progress(answered=len(current.answers), estimated_remaining=strategy.remaining(current, learner)),
        assessed_share=1.0 if current.completed else round(len(found.tested) / skills, 4) if skills else 0.0,
        results=campaign_summary(found, skills) if current.completed else None,
    )


def campaign_outcome(progress: CampaignProgress, learner: dict[str, CompetenceKnowledge]) -> out.CampaignAnswerOutcome:
    """What the learner sees after a campaign answer, from the state it left: the same on a replay."""
    current = progress.assessment
    assert current.answers
    return out.CampaignAnswerOutcome(
        result=current.answers[-1][1],  # type: ignore[arg-type]
        checkpoint=checkpoint(current),
        assessment=campaign_state(progress, learner, resumed=False),
    )


def results(progress: CompetenceProgress, answers: Iterable[RecordedAnswer], saved: set[str]) -> out.Results:
    current = progress.assessment
    assert current is not None
    found = summary(progress)
    challenges = get_release().challenges
    return out.Results(
        assessment_id=current.id,
        competence=progress.competence,
        status=current.status,  # type: ignore[arg-type]
        level=found.level,
        pix=found.pix,
        pix_gained=found.pix_gained,
        answers=[
            out.ResultAnswer(
                **review(
                    challenges[a.challenge_id], a.result, current.id, number, recorded_answer(a.value), saved
                ).model_dump(),
                answered_at=a.answered_at.isoformat(),
            )
            for number, a in enumerate(answers, 1)
        ],
    )


def recorded_answer(value: JsonValue) -> JsonValue:
    """The learner's answer in the content's indexes from a recorded value: `{"answer", "shown"}` since the
    proposals are shuffled; before that, the bare payload, whose positions were the content's indexes."""
    if isinstance(value, dict) and "answer" in value and set(value) <= {"answer", "shown"}:
        return value["answer"]
    return value


def review(
    challenge: Challenge,
    result: str,
    seed: str,
    number: int,
    given: JsonValue,
    saved: set[str] | None = None,
) -> out.ReviewedAnswer:
    """An answer as asked (number), shown in the assessment `seed`'s order: the learner's own beside the right
    one, the explanation, and the skill's tutorials when it was not right. `saved` marks the tutorials the
    learner saved (None in a checkpoint: the answer reads nothing more, the page marks them)."""
    correct = result == AnswerStatus.OK
    return out.ReviewedAnswer(
        number=number,
        challenge=challenge_view(challenge, seed),
        result=result,
        correct=correct,
        right_answer=solution_for_learner(challenge, seed),
        your_answer=None if given is None else answer_for_learner(challenge, seed, given),
        explanation=challenge.explanation,
        tutorials=[]
        if correct
        else [tutorial(t.id, saved or set()) for t in get_release().tutorials_of(challenge.skill)],
    )


def challenge_view(challenge: Challenge, seed: str) -> out.ChallengeView:
    """The challenge as shown in the assessment `seed` (its id): proposals in that assessment's order."""
    view = challenge_for_learner(challenge, seed)
    illustration = view["illustration"]
    return out.ChallengeView(
        id=view["id"],
        type=view["type"],
        instruction=view["instruction"],
        choices=view.get("choices"),
        fields=view.get("fields"),
        attachments=[out.FileView(name=name, url=_file_url(name)) for name in view["attachments"]],
        illustration=out.IllustrationView(url=_file_url(illustration["file"]), alt=illustration["alt"])
        if illustration
        else None,
        timer=view["timer"],
        focused=view["focused"],
        locale=view["locale"],
    )


def _file_url(name: str) -> str:
    return FILES_PATH + quote(name)


# --- tutorials ----------------------------------------------------------------------------------------


def tutorial(tutorial_id: str, saved: set[str]) -> out.TutorialOut:
    t = get_release().tutorials[tutorial_id]
    return out.TutorialOut(
        id=t.id, title=t.title, url=t.url, source=t.source, format=t.format, duration=t.duration,
        saved=t.id in saved,
    )


def tutorials(ids: Iterable[str], saved: set[str]) -> out.Tutorials:
    return out.Tutorials(tutorials=[tutorial(tid, saved) for tid in ids])
