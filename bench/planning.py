"""Experiment: would a planned opening beat our one-step selection in the first answers of a test?

    python -m bench.planning [--quick] [--horizon H] [--width W] [--depth D]

The engine chooses each challenge by its own answer's effect (one step ahead). Here the first D choices
(default H − 1) are made by rollout instead: each of the W most informative candidates is scored by the expected
absolute level error the model predicts after H answers, when it is asked now and the engine's own
(deterministic) rule chooses the rest; the expectation runs over every answer sequence, memoised by
state. It is one step of policy improvement, far too slow for a request (seconds per competence), so a
product would compute it once per release, as an opening book. This script measures whether that is
worth building: Track P of the measurement benchmark, level MAE after k answers, engine vs planned.
"""

import argparse
import time
from dataclasses import replace

from bench import measurement
from bench.baselines.ours import OursWithoutStop
from bench.synthetic import BankView
from chalicelib.engine import irt, posterior, selection
from chalicelib.engine.posterior import Answer

_DETERMINISTIC = replace(OursWithoutStop.rules, pool=1)  # no stop: the rollout runs to its horizon


class PlannedOpening(OursWithoutStop):
    """Our engine, with its first `depth` choices planned by rollout (this experiment only)."""

    name = "planned"
    horizon = 7
    width = 8
    depth = 6

    def __init__(self, bank: BankView) -> None:
        super().__init__(bank)
        self.competence = self.competences[0]
        self.values: dict[tuple[frozenset, int], float] = {}
        self.choices: dict[frozenset, str] = {}

    def next(self) -> str | None:
        if len(self.answers) >= min(self.depth, self.horizon - 1):
            return super().next()
        state = frozenset(self.answers)
        if state not in self.choices:
            found = selection.single_belief(self.bank, self.competence, self.answers, None)
            items = selection.candidates(self.bank, self.competence, self.answers, None)
            ranked = [item for _, item in selection.by_information(self.bank, found, items)[: self.width]]
            left = self.horizon - len(self.answers)
            best = min(ranked, key=lambda item: self._after(self.answers, found, item, left))
            self.choices[state] = best.challenge_id
        return self.choices[state]

    def _after(self, answers: list[Answer], found: posterior.Belief, item, left: int) -> float:
        """Expected final error if `item` is asked now and the engine's rule chooses the `left − 1` next."""
        every_level = range(len(self.bank.level_table(self.competence).by_pix))
        wrong, right = next(posterior.after_answers(self.bank, found, [item], every_level))
        p_wrong, p_right = sum(wrong), sum(right)
        return (
            p_wrong * self._value(answers + [Answer(item.challenge_id, "ko")], left - 1)
            + p_right * self._value(answers + [Answer(item.challenge_id, "ok")], left - 1)
        ) / (p_wrong + p_right)

    def _value(self, answers: list[Answer], left: int) -> float:
        key = (frozenset(answers), left)
        if key not in self.values:
            found = selection.single_belief(self.bank, self.competence, answers, None)
            if left == 0:
                levels = posterior.levels(self.bank, found)
                self.values[key] = irt.absolute_risk(levels) / sum(levels)
            else:
                chosen = selection.next_challenge(self.bank, self.competence, answers, rules=_DETERMINISTIC)
                self.values[key] = self._after(answers, found, self.bank.items[chosen], left)
        return self.values[key]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.planning", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 learners per competence")
    parser.add_argument("--horizon", type=int, default=7, help="plan the choices before this many answers")
    parser.add_argument("--width", type=int, default=8, help="candidates scored by rollout")
    parser.add_argument("--depth", type=int, help="plan the first D choices only (default: horizon − 1)")
    args = parser.parse_args(argv)
    depth = args.horizon - 1 if args.depth is None else args.depth
    PlannedOpening.horizon, PlannedOpening.width, PlannedOpening.depth = args.horizon, args.width, depth
    measurement.METHODS[PlannedOpening.name] = PlannedOpening
    config = measurement.Config(tracks=("P",), **({"per_competence": 10} if args.quick else {}))
    checkpoints = range(4, 11)
    rows = []
    planned = f"planned H={args.horizon} W={args.width} D={depth}"
    for label, name in (("engine", OursWithoutStop.name), (planned, "planned")):
        began = time.perf_counter()
        curves = measurement._method_curves(config, "P", name)
        errors = [f"{curves['MAE_lvl'][k]:.3f}" for k in checkpoints]
        rows.append([label, *errors, f"{time.perf_counter() - began:.0f}"])
    print("| method | " + " | ".join(f"MAE k={k}" for k in checkpoints) + " | run s |")
    print("|---|" + "---:|" * (len(checkpoints) + 1))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
