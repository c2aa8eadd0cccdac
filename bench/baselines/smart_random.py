"""Pix's first algorithm, "smart random", from DOMAIN.md and BENCH_MEASUREMENT.md. It sees levels only.

Several competences (Track C) run one smart random test each, taking turns, each ending on its own.
"""

import math
import random
from collections import defaultdict

from bench.synthetic import MAX_LEVEL, BankView

LEVEL_GUESSES = [x / 2 for x in range(1, 16)]  # 0.5 … 7.5


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class _CompetenceTest:
    def __init__(self, bank: BankView, competence: str, rng: random.Random) -> None:
        self.rng = rng
        self.skills = {s.name: s for s in bank.skills if s.competence == competence}
        self.tube_skills: dict[str, list] = defaultdict(list)
        for skill in sorted(self.skills.values(), key=lambda s: s.level):
            self.tube_skills[skill.tube].append(skill)
        self.easy_tubes = {tube for tube, skills in self.tube_skills.items() if skills[-1].level <= 3}
        self.challenges: dict[str, list] = defaultdict(list)
        for item in bank.items:
            if item.competence == competence:
                self.challenges[item.skill].append(item)
        self.knowledge: dict[str, bool] = {}  # skill → validated (direct or inferred)
        self.direct: list[tuple[int, bool]] = []
        self.answered: set[str] = set()
        self.over = False

    def _untested_with_challenge(self) -> list:
        return [
            s
            for name, s in self.skills.items()
            if name not in self.knowledge and any(i.challenge_id not in self.answered for i in self.challenges[name])
        ]

    def predicted_level(self) -> float:
        observations = self.direct + [(0, True), (7, False)]

        def gap(guess: float) -> float:
            return abs(sum(ok - _sigmoid(guess - level) for level, ok in observations))

        return min(LEVEL_GUESSES, key=gap)

    def _untested_count(self, skill, below: bool) -> int:
        return sum(
            1
            for other in self.tube_skills[skill.tube]
            if other.name not in self.knowledge
            and (other.level <= skill.level if below else other.level >= skill.level)
        )

    def next(self) -> str | None:
        if self.over:
            return None
        candidates = self._untested_with_challenge()
        easy = [s for s in candidates if s.tube in self.easy_tubes]
        candidates = easy or candidates
        if not candidates:
            self.over = True
            return None
        if not self.direct:
            untimed = [
                s
                for s in candidates
                if any(not i.timed and i.challenge_id not in self.answered for i in self.challenges[s.name])
            ]
            pool = untimed or candidates
            at_two = [s for s in pool if s.level == 2]
            lowest = min(s.level for s in pool)
            chosen = self.rng.choice(at_two or [s for s in pool if s.level == lowest])
            items = [i for i in self.challenges[chosen.name] if i.challenge_id not in self.answered]
            return self.rng.choice([i for i in items if not i.timed] or items).challenge_id
        level = self.predicted_level()
        candidates = [s for s in candidates if s.level - level <= 2]
        if not candidates:
            self.over = True
            return None
        rewards = []
        for skill in candidates:
            p = _sigmoid(level - skill.level)
            rewards.append(
                (p * self._untested_count(skill, True) + (1 - p) * self._untested_count(skill, False), skill)
            )
        best = max(r for r, _ in rewards)
        chosen = self.rng.choice([s for r, s in rewards if r == best])
        items = [i for i in self.challenges[chosen.name] if i.challenge_id not in self.answered]
        return self.rng.choice(items).challenge_id

    def update(self, skill_name: str, challenge_id: str, correct: bool) -> None:
        self.answered.add(challenge_id)
        skill = self.skills[skill_name]
        self.direct.append((skill.level, correct))
        self.knowledge[skill_name] = correct
        for other in self.tube_skills[skill.tube]:
            if other.name not in self.knowledge and (
                other.level < skill.level if correct else other.level > skill.level
            ):
                self.knowledge[other.name] = correct

    def estimate(self) -> tuple[int, int]:
        pix = math.floor(sum(self.skills[name].pix for name, ok in self.knowledge.items() if ok) + 1e-9)
        return min(MAX_LEVEL, pix // 8), pix


class SmartRandom:
    name = "smart random"

    def __init__(self, bank: BankView) -> None:
        self.bank = bank
        self.skill_of = {i.challenge_id: (i.competence, i.skill) for i in bank.items}

    def start(self, learner_seed: int) -> None:
        rng = random.Random(learner_seed)
        self.tests = {c: _CompetenceTest(self.bank, c, rng) for c in self.bank.competences}
        self.turn = 0

    def next(self) -> str | None:
        competences = self.bank.competences
        for offset in range(len(competences)):
            competence = competences[(self.turn + offset) % len(competences)]
            challenge = self.tests[competence].next()
            if challenge is not None:
                self.turn = (self.turn + offset + 1) % len(competences)
                return challenge
        return None

    def update(self, challenge_id: str, correct: bool) -> None:
        competence, skill = self.skill_of[challenge_id]
        self.tests[competence].update(skill, challenge_id, correct)

    def estimate(self) -> dict[str, tuple[int, int]]:
        return {c: test.estimate() for c, test in self.tests.items()}
