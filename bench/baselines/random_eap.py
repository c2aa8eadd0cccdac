"""Random selection, scored by a grid EAP (201 points on [−1, 9], prior N(3.75, 2.2)), 2PL on â, b̂.

One ability for everything it is given: a competence in Track P, the whole framework in Track C.
"""

import numpy as np

from bench.baselines.scale import PlugIn
from bench.synthetic import BankView

GRID = np.linspace(-1.0, 9.0, 201)


class RandomEAP:
    name = "random + EAP"

    def __init__(self, bank: BankView) -> None:
        self.ids = [i.challenge_id for i in bank.items]
        self.index = {c: k for k, c in enumerate(self.ids)}
        self.a = np.array([i.discrimination for i in bank.items])
        self.b = np.array([i.difficulty for i in bank.items])
        self.prior = np.exp(-0.5 * ((GRID - 3.75) / 2.2) ** 2)
        self.plug_in = PlugIn(bank)

    def start(self, learner_seed: int) -> None:
        self.order = list(np.random.default_rng(learner_seed).permutation(len(self.ids)))
        self.posterior = self.prior / self.prior.sum()

    def next(self) -> str | None:
        return self.ids[self.order.pop()] if self.order else None

    def update(self, challenge_id: str, correct: bool) -> None:
        k = self.index[challenge_id]
        p = 1.0 / (1.0 + np.exp(-self.a[k] * (GRID - self.b[k])))
        self.posterior = self.posterior * (p if correct else 1.0 - p)
        self.posterior /= self.posterior.sum()

    def estimate(self) -> dict[str, tuple[int, int]]:
        return self.plug_in.estimate(float(GRID @ self.posterior))
