"""What other rooms may ask the evaluation room (the architecture test allows no other way in)."""

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from chalicelib.content.api import get_release
from chalicelib.engine.bank import skill_name
from chalicelib.evaluation import presenters, service_campaign
from chalicelib.evaluation import runner as runner  # the assessment runner, for the certification course
from chalicelib.evaluation.presenters import challenge_view as challenge_view  # a served challenge, as shown
from chalicelib.evaluation.schemas import AnswerRequest, CampaignAnswerOutcome, CampaignAssessmentState
from chalicelib.evaluation.schemas import ChallengeView as ChallengeView  # its shape, for another room's schemas
from chalicelib.evaluation.store import get_store


def personal_data(user_id: str) -> dict[str, Any]:
    """Everything the room keeps about a learner, JSON-ready, for their data export: competences (level,
    pix, knowledge, last assessment), campaign tests, every answer, saved tutorials, the problem reports
    they sent."""
    store = get_store()
    tutorials = get_release().tutorials
    competences = []
    for progress in store.competences(user_id):
        shown = presenters.competence_profile(progress.competence, progress)
        current = progress.assessment
        competences.append({
            "competence": progress.competence,
            "level": shown.level,
            "pix": shown.pix,
            "knowledge": [
                {"skill": skill_name(tube, level), "status": e.status, "source": e.source, "at": e.at.isoformat()}
                for tube, level, e in progress.knowledge.elements()
            ],
            "last_assessment": None if current is None else {
                "id": current.id,
                "status": current.status,
                "started_at": current.started_at.isoformat(),
                "completed_at": current.completed_at.isoformat() if current.completed_at else None,
            },
        })
    return {
        "competences": competences,
        "campaign_assessments": [
            {
                "participation_id": c.participation_id, "assessment_id": c.assessment.id, "status": c.assessment.status,
                "skills": sorted(c.skills), "answered": len(c.assessment.answers),
                "started_at": c.assessment.started_at.isoformat(),
                "completed_at": c.assessment.completed_at.isoformat() if c.assessment.completed_at else None,
            }
            for c in store.campaigns(user_id)
        ],
        "answers": [
            {
                "competence": a.competence, "assessment_id": a.assessment_id, "number": a.number,
                "challenge_id": a.challenge_id, "result": a.result, "value": a.value, "focused_out": a.focused_out,
                "time_spent_ms": a.time_spent_ms, "answered_at": a.answered_at.isoformat(),
            }
            for a in store.answers(user_id)
        ],
        "saved_tutorials": [
            {"tutorial_id": s.tutorial_id, "title": t.title if (t := tutorials.get(s.tutorial_id)) else None,
             "saved_at": s.saved_at.isoformat()}
            for s in store.saved_tutorials(user_id)
        ],
        "problem_reports": [
            {
                "challenge_id": r.challenge_id, "competence": r.competence, "category": r.category,
                "comment": r.comment, "reported_at": r.reported_at.isoformat(),
            }
            for r in store.problem_reports(user_id)
        ],
    }


@dataclass(frozen=True, slots=True)
class PositionedCompetence:
    """A competence of a learner's profile as a certification course starts from it."""

    competence: str
    level: int
    pix: int
    validated_skills: frozenset[str]  # skill names, `@<tube><level>`


def positioned_profile(user_id: str) -> tuple[list[PositionedCompetence], frozenset[str]]:
    """What a certification course is generated from: every competence the learner has knowledge of (level
    and pix as their profile shows them, validated skills), and the challenges they ever answered right."""
    store = get_store()
    profile = []
    for progress in store.competences(user_id):
        shown = presenters.competence_profile(progress.competence, progress)
        skills = frozenset(skill_name(tube, level) for tube, level in progress.knowledge.validated())
        profile.append(PositionedCompetence(progress.competence, shown.level, shown.pix, skills))
    right = frozenset(a.challenge_id for a in store.answers(user_id) if a.result == "ok")
    return profile, right


# --- campaign assessments (the orga room owns the participation; its test runs here) ------------------


def start_campaign_assessment(
    user_id: str, participation_id: str, skills: frozenset[str], retry: Literal["improve", "reset"] | None = None
) -> CampaignAssessmentState:
    """Start the participation's test over the target profile's skills (names such as `@tube3`), all
    competences mixed, from what the learner already knows; or come back to it where it was left (the
    skills of the first start stay). Raises Conflict TARGET_PROFILE_EMPTY when no skill is in the content.
    The learner then answers through `/api/campaign-assessments/{participation_id}/…`.

    A new sending (the caller checks when one is allowed): `retry="improve"` asks again the profile's
    skills failed more than 4 days ago; `retry="reset"` forgets every element of the profile's skills."""
    return service_campaign.start(user_id, participation_id, skills, retry)


def campaign_assessment(user_id: str, participation_id: str) -> CampaignAssessmentState | None:
    """The participation's test as it stands (status "started" or "completed", progress with answered and
    estimated_remaining, results once over), or None when it has not started."""
    return service_campaign.find(user_id, participation_id)


def answer_campaign_challenge(user_id: str, participation_id: str, request: AnswerRequest) -> CampaignAnswerOutcome:
    """Answer the served challenge as the learner's route does (`POST …/answers`): for demo seeds and
    benchmarks that play participants through the services."""
    return service_campaign.answer(user_id, participation_id, request)


def campaign_outcome(user_id: str, participation_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """(validated, tested): the target profile's skills the learner has validated, and those tested
    (validated or not), from their knowledge now. Raises NotFound CAMPAIGN_ASSESSMENT_NOT_FOUND."""
    found = service_campaign.outcome(user_id, participation_id)
    return found.validated, found.tested


def known_skills(user_id: str, skills: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(validated, tested) among `skills` from the learner's knowledge now, without a test: what a
    profiles collection campaign shares."""
    found = service_campaign.skills_known(user_id, skills)
    return found.validated, found.tested


def pseudonym(key: bytes, user_id: str) -> str:
    """A learner's id in an export: HMAC-SHA256 under the export's key, so the same learner is the same
    pseudonym across the export (and across exports made with the same key), and cannot be traced back
    without that key."""
    return "u-" + hmac.new(key, user_id.encode(), hashlib.sha256).hexdigest()[:24]


def answer_log(key: bytes, segment: int = 0, segments: int = 1) -> Iterator[dict[str, Any]]:
    """Every answer of every learner (competence tests and campaign tests), as the calibration reads them
    (docs/engine.md, "Calibration"): `{user, challenge, skill, competence, assessment, result, answered_at,
    time_spent_ms}`, the user and the assessment pseudonymised under `key`, never the learner's answer itself.
    Part `segment` of `segments` (a parallel scan); a challenge the release no longer holds has `skill: None`."""
    challenges = get_release().challenges
    for answer in get_store().all_answers(segment, segments):
        challenge = challenges.get(answer.challenge_id)
        yield {
            "user": pseudonym(key, answer.user_id),
            "challenge": answer.challenge_id,
            "skill": challenge.skill if challenge else None,
            "competence": answer.competence,
            "assessment": pseudonym(key, answer.assessment_id).replace("u-", "a-", 1),
            "result": answer.result,
            "answered_at": answer.answered_at.isoformat(),
            "time_spent_ms": answer.time_spent_ms,
        }
