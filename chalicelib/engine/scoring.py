"""Pix and levels: the scoring rules of DOMAIN.md, "Knowledge and scoring"."""

import math
from collections import Counter
from collections.abc import Iterable, Mapping

PIX_PER_LEVEL = 8
MAX_SKILL_PIX = 4
MAX_LEVEL = 8
DEFAULT_MAX_REACHABLE_LEVEL = 7
COMPETENCE_COUNT = 16
MAX_PROFILE_PIX = COMPETENCE_COUNT * MAX_LEVEL * PIX_PER_LEVEL  # 1024

# Pix values are multiples of 8/n: a float sum of three 8/3 is 7.999…; this tolerance keeps floor() honest.
_ROUNDING = 1e-9


def pix_value(skills_at_level: int) -> float:
    """Pix of one skill when its level holds `skills_at_level` skills in the competence: each level is worth 8."""
    if skills_at_level < 1:
        raise ValueError("a level with a skill holds at least one skill")
    return min(MAX_SKILL_PIX, PIX_PER_LEVEL / skills_at_level)


def pix_values(skill_levels: Mapping[str, int]) -> dict[str, float]:
    """Pix value of every skill of ONE competence, given each skill's level."""
    per_level = Counter(skill_levels.values())
    return {skill: pix_value(per_level[level]) for skill, level in skill_levels.items()}


def competence_pix(validated_skill_pix: Iterable[float]) -> int:
    """Competence pix: floor of the sum of the pix of the validated skills."""
    return math.floor(sum(validated_skill_pix) + _ROUNDING)


def competence_level(pix: int, max_reachable_level: int = DEFAULT_MAX_REACHABLE_LEVEL) -> int:
    """Level = floor(pix / 8), capped by the highest reachable level (a setting)."""
    return max(0, min(max_reachable_level, pix // PIX_PER_LEVEL))


def profile_pix(pix_by_competence: Mapping[str, int]) -> int:
    """Total pix of a profile, out of 1024."""
    return sum(pix_by_competence.values())
