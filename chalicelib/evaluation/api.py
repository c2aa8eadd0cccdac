"""What other rooms may ask the evaluation room (the architecture test allows no other way in)."""

from dataclasses import dataclass
from typing import Any

from chalicelib.content.api import get_release
from chalicelib.engine.bank import skill_name
from chalicelib.evaluation import presenters
from chalicelib.evaluation import runner as runner  # the assessment runner, for the certification course
from chalicelib.evaluation.store import get_store


def personal_data(user_id: str) -> dict[str, Any]:
    """Everything the room keeps about a learner, JSON-ready, for their data export: competences (level,
    pix, knowledge, last assessment), every answer, saved tutorials, the problem reports they sent."""
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
