"""From one ability value to (level, pix) per competence, for the baselines that estimate a single θ.

A plain plug-in: every skill whose threshold b_s is at or under θ̂ counts as mastered.
"""

import math
from collections import defaultdict

from bench.synthetic import MAX_LEVEL, BankView


class PlugIn:
    def __init__(self, bank: BankView) -> None:
        skills = defaultdict(list)
        for skill in bank.skills:
            skills[skill.competence].append((skill.threshold, skill.pix))
        self._skills = {competence: sorted(pairs) for competence, pairs in skills.items()}

    def estimate(self, theta: float, competences=None) -> dict[str, tuple[int, int]]:
        result = {}
        for competence in competences or self._skills:
            pix = math.floor(sum(p for threshold, p in self._skills[competence] if threshold <= theta) + 1e-9)
            result[competence] = (min(MAX_LEVEL, pix // 8), pix)
        return result
