"""Pix "flash", from BENCH_MEASUREMENT.md: 2PL, sequential EAP with a re-centred prior, top-5 information.

Its scale is ours shifted by SHIFT (level 4 at 0), so it starts at −3, between the level 1 and 2 thresholds.
The 50 % step cap is relative to the previous estimate, with 0.5 as the cap near zero (else it never
crosses 0). The pacing rules (one question per tube, all competences before repeats, no competence
within 2 answers) are preferences: when one leaves nothing to ask, it is dropped, so the method does
not stop early in Track P.
"""

import numpy as np

from bench.baselines.scale import PlugIn
from bench.synthetic import BankView

SHIFT = 4.0
GRID = np.linspace(-9.0, 9.0, 80)
PRIOR_VARIANCE = 1.5
START = -3.0
STEP_CAP = 0.5
TOP = 5
PICK = np.array([0.51 * 0.49**k for k in range(TOP)])


class Flash:
    name = "flash"

    def __init__(self, bank: BankView) -> None:
        self.items = bank.items
        self.index = {i.challenge_id: k for k, i in enumerate(bank.items)}
        self.a = np.array([i.discrimination for i in bank.items])
        self.b = np.array([i.difficulty for i in bank.items]) - SHIFT
        self.tube = self._codes([i.tube for i in bank.items])
        self.competence = self._codes([i.competence for i in bank.items])
        self.skill = self._codes([i.skill for i in bank.items])
        self.plug_in = PlugIn(bank)

    @staticmethod
    def _codes(labels: list[str]) -> np.ndarray:
        return np.unique(np.array(labels), return_inverse=True)[1]

    def start(self, learner_seed: int) -> None:
        self.rng = np.random.default_rng(learner_seed)
        self.likelihood = np.ones_like(GRID)
        self.theta = START
        self.asked: list[int] = []
        self.open = np.ones(len(self.items), dtype=bool)

    def _allowed(self) -> np.ndarray:
        allowed = self.open.copy()
        preferences = [
            ~np.isin(self.tube, self.tube[self.asked]),
            ~np.isin(self.competence, self.competence[self.asked]),
            ~np.isin(self.competence, self.competence[self.asked[-2:]]),
        ]
        for preference in preferences:
            if (allowed & preference).any():
                allowed &= preference
        return allowed

    def next(self) -> str | None:
        allowed = np.flatnonzero(self._allowed())
        if not len(allowed):
            return None
        p = 1.0 / (1.0 + np.exp(-self.a[allowed] * (self.theta - self.b[allowed])))
        information = self.a[allowed] ** 2 * p * (1.0 - p)
        best = allowed[np.argsort(-information, kind="stable")[:TOP]]
        weights = PICK[: len(best)] / PICK[: len(best)].sum()
        return self.items[int(self.rng.choice(best, p=weights))].challenge_id

    def update(self, challenge_id: str, correct: bool) -> None:
        k = self.index[challenge_id]
        self.asked.append(k)
        self.open &= self.skill != self.skill[k]  # one challenge per skill
        p = 1.0 / (1.0 + np.exp(-self.a[k] * (GRID - self.b[k])))
        self.likelihood = self.likelihood * (p if correct else 1.0 - p)
        prior = np.exp(-((GRID - self.theta) ** 2) / (2 * PRIOR_VARIANCE))
        posterior = self.likelihood * prior
        raw = float(GRID @ posterior / posterior.sum())
        cap = STEP_CAP if abs(self.theta) < STEP_CAP else abs(self.theta) * STEP_CAP
        self.theta = min(raw, self.theta + cap) if raw > self.theta else max(raw, self.theta - cap)

    def estimate(self) -> dict[str, tuple[int, int]]:
        return self.plug_in.estimate(self.theta + SHIFT)
