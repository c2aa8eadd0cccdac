"""The content release as the room uses it: the engine's Bank (built once per container), the
competence of an exact code, and the competence and campaign tests on that bank."""

from functools import cache

from chalicelib.content.api import Competence, Release, Status, get_release
from chalicelib.engine.bank import Bank, Item, Skill
from chalicelib.errors import NotFound
from chalicelib.evaluation.strategies import CampaignAssessment, CompetenceEvaluation
from chalicelib.settings import get_settings


def bank_from_release(release: Release, max_level: int) -> Bank:
    """Every skill of the release, and its validated challenges as calibrated items."""
    skills = [Skill(s.tube, s.competence, s.level) for s in release.skills.values()]
    items = [
        Item(
            c.id, c.skill, c.tube, c.competence, c.level, c.difficulty, c.discrimination,
            timed=bool(c.timer), excludes=frozenset(c.excludes),
        )  # fmt: skip
        for c in release.challenges.values()
        if c.status is Status.VALIDATED
    ]
    return Bank(skills, items, max_level)


@cache
def get_bank() -> Bank:
    return bank_from_release(get_release(), get_settings().max_reachable_level)


def competence_of(code: str) -> Competence:
    """The competence of this exact code: a key of the release, so `1.1;drop` or ` 1.1` is not 1.1."""
    competence = get_release().competences.get(code)
    if competence is None:
        raise NotFound("COMPETENCE_NOT_FOUND", "Cette compétence n'existe pas.")
    return competence


def competence_evaluation(code: str) -> CompetenceEvaluation:
    """The competence test of `code` (an existing competence) on the container's bank."""
    return CompetenceEvaluation(get_bank(), code, get_settings().max_reachable_level)


def campaign_assessment(skills: frozenset[str]) -> CampaignAssessment:
    """The campaign test of a target profile's skills on the container's bank."""
    return CampaignAssessment(get_bank(), skills)
