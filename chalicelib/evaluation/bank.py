"""The engine's Bank built from the content release, once per container."""

from functools import cache

from chalicelib.content.api import Release, Status, get_release
from chalicelib.engine.bank import Bank, Item, Skill
from chalicelib.settings import get_settings


def bank_from_release(release: Release, max_level: int) -> Bank:
    """Every skill of the release, and its validated challenges as calibrated items."""
    skills = [Skill(s.tube, s.competence, s.level) for s in release.skills.values()]
    items = [
        Item(c.id, c.skill, c.tube, c.competence, c.level, c.difficulty, c.discrimination, timed=bool(c.timer))
        for c in release.challenges.values()
        if c.status is Status.VALIDATED
    ]
    return Bank(skills, items, max_level)


@cache
def get_bank() -> Bank:
    return bank_from_release(get_release(), get_settings().max_reachable_level)
