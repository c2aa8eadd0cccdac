"""catsim's maximum-information selection with its maximum-likelihood estimator, starting at level 2.

catsim searches abilities in [−6, 6]; its scale is ours shifted by SHIFT so levels 0 … 10 fit. It sees the
calibrated 2PL â, b̂ (the guessing is not known). An optional extra: `AVAILABLE` is False without catsim.
"""

import numpy as np

from bench.baselines.scale import PlugIn
from bench.synthetic import BankView

try:
    from catsim.estimation import NumericalSearchEstimator
    from catsim.item_bank import ItemBank
    from catsim.selection import MaxInfoSelector

    AVAILABLE = True
except ImportError:  # catsim is an optional extra of the benchmark
    AVAILABLE = False

SHIFT = 4.0
START = 1.5  # the threshold of a level-2 skill


class CatsimMaxInfo:
    name = "catsim"

    def __init__(self, bank: BankView) -> None:
        self.ids = [i.challenge_id for i in bank.items]
        self.index = {c: k for k, c in enumerate(self.ids)}
        parameters = np.array([[i.discrimination, i.difficulty - SHIFT, 0.0] for i in bank.items])
        self.item_bank = ItemBank(parameters, validate=False)  # valid by construction; catsim's check prints
        self.selector = MaxInfoSelector()
        self.estimator = NumericalSearchEstimator()
        self.plug_in = PlugIn(bank)

    def start(self, learner_seed: int) -> None:
        self.theta = START - SHIFT
        self.administered: list[int] = []
        self.responses: list[bool] = []

    def next(self) -> str | None:
        if len(self.administered) == len(self.ids):
            return None
        k = self.selector.select(item_bank=self.item_bank, administered_items=self.administered, est_theta=self.theta)
        return None if k is None else self.ids[k]

    def update(self, challenge_id: str, correct: bool) -> None:
        self.administered.append(self.index[challenge_id])
        self.responses.append(correct)
        self.theta = float(
            self.estimator.estimate(
                item_bank=self.item_bank,
                administered_items=self.administered,
                response_vector=self.responses,
                est_theta=self.theta,
            )
        )

    def estimate(self) -> dict[str, tuple[int, int]]:
        return self.plug_in.estimate(self.theta + SHIFT)
