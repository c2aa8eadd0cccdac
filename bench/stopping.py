"""Tuning the positioning test's stop rule on Track P of the measurement benchmark (BENCH_MEASUREMENT.md).

    python -m bench.stopping [--learners N] [--seed S] [--save FILE | --load FILE]

A stop rule only decides where a test ends: the challenges asked before that point do not depend on it
(the exposure draw narrows over `Rules.narrowing` answers, whatever the maximum). So the engine runs once
to the full budget, the level distribution after every answer is kept, and every candidate rule is read
off the same runs: its mean length, length percentiles, and level MAE at the stop. It also measures the
engine's announced remaining length (`selection.remaining`) against the real one.
"""

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import numpy as np

from bench import measurement, synthetic
from bench.baselines.ours import Ours
from chalicelib.engine import irt, posterior, selection
from chalicelib.engine.posterior import Answer

BUDGET = measurement.BUDGET["P"]
TO_BUDGET = replace(selection.POSITIONING, min_length=BUDGET, max_length=BUDGET)
LEVELS = synthetic.MAX_LEVEL + 1


def _record(config: measurement.Config, competence: str) -> tuple[np.ndarray, np.ndarray]:
    """For the competence's learners: the level distribution after k = 0 … BUDGET answers, and the true level."""
    bank = measurement._bank(config.seed, config.calibration_noise)
    learners = synthetic.track_p_learners(
        bank, config.per_competence, config.population, config.tube_scatter, config.seed
    )
    item_index = {item.challenge_id: k for k, item in enumerate(bank.view.items)}
    ci = synthetic.COMPETENCES.index(competence)
    rows = range(ci * config.per_competence, (ci + 1) * config.per_competence)
    engine = Ours(bank.view.restricted(competence)).bank
    distributions = np.zeros((len(rows), BUDGET + 1, LEVELS))
    for t, row in enumerate(rows):
        seed = measurement._learner_seed(config.seed, "P", row)
        answers: list[Answer] = []
        for k in range(BUDGET + 1):
            levels = posterior.levels(engine, selection.single_belief(engine, competence, answers, None))
            distributions[t, k, : len(levels)] = np.array(levels) / sum(levels)
            if k == BUDGET:
                break
            challenge = selection.next_challenge(engine, competence, answers, seed=seed, rules=TO_BUDGET)
            if challenge is None:  # the competence has no challenge left: the distribution stays
                distributions[t, k + 1 :] = distributions[t, k]
                break
            answers.append(Answer(challenge, "ok" if learners.correct[row, item_index[challenge]] else "ko"))
    return distributions, learners.level[list(rows), ci]


def record(config: measurement.Config, workers: int) -> dict[str, np.ndarray]:
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            parts = list(pool.map(_record, [config] * len(config.competences), config.competences))
    else:
        parts = [_record(config, competence) for competence in config.competences]
    return {
        "distributions": np.concatenate([p[0] for p in parts]),
        "truth": np.concatenate([p[1] for p in parts]),
    }


def summaries(distributions: np.ndarray) -> dict[str, np.ndarray]:
    """Per test and k, with the engine's own functions: the estimate (posterior median level) and the
    statistics a stop rule may read: P(estimate), P(within one of it), expected absolute error."""
    shape = distributions.shape[:2]
    found = {name: np.zeros(shape) for name in ("median", "p_level", "p_near", "risk")}
    for index in np.ndindex(shape):
        levels = distributions[index].tolist()
        median = irt.median_level(levels)
        found["median"][index] = median
        found["p_level"][index] = levels[median] / sum(levels)
        found["p_near"][index] = selection.within_one(levels)
        found["risk"][index] = irt.absolute_risk(levels) / sum(levels)
    found["median"] = found["median"].astype(int)
    return found


def stop_lengths(stats: dict[str, np.ndarray], criterion: str, threshold: float, shortest: int, longest: int):
    """Where each test stops under a rule: the first k in [shortest, longest] at which it is settled."""
    value = stats[criterion]
    settled = value <= threshold if criterion == "risk" else value >= threshold
    settled[:, longest:] = True
    settled[:, :shortest] = False
    return settled.argmax(axis=1)


def evaluate(stats, truth, lengths) -> dict[str, float]:
    rows = np.arange(len(lengths))
    error = np.abs(stats["median"][rows, lengths] - truth)
    return {
        "len": float(lengths.mean()),
        "p50": float(np.percentile(lengths, 50)),
        "p90": float(np.percentile(lengths, 90)),
        "max": int(lengths.max()),
        "MAE": float(error.mean()),
        "±1%": float(100 * (error <= 1).mean()),
    }


# criterion → thresholds tried: P(estimate) ≥ t, P(within one of it) ≥ t, expected absolute error ≤ t
GRID = {
    "p_level": (0.6, 0.65, 0.7),
    "p_near": (0.98, 0.985, 0.99, 0.995, 0.997),
    "risk": (0.45, 0.4, 0.35, 0.3),
}
HEADER = "| criterion | threshold | min | max | mean len | p50 | p90 | max len | MAE | ±1% |"


def _row(criterion, threshold, shortest, longest, found) -> str:
    return (
        f"| {criterion} | {threshold} | {shortest} | {longest} | {found['len']:.2f} | {found['p50']:.0f} | "
        f"{found['p90']:.0f} | {found['max']} | {found['MAE']:.3f} | {found['±1%']:.1f} |"
    )


def tuning_table(stats, truth, minima=(6, 8), maxima=(12, 15, 20)) -> list[str]:
    lines = [HEADER, "|" + "---|" * 10]
    for criterion, thresholds in GRID.items():
        for threshold in thresholds:
            for shortest in minima:
                for longest in maxima:
                    found = evaluate(stats, truth, stop_lengths(stats, criterion, threshold, shortest, longest))
                    lines.append(_row(criterion, threshold, shortest, longest, found))
    return lines


def announced_table(distributions, lengths, rules: selection.Rules) -> list[str]:
    """The engine's announced remaining length against the real one, at every answer before the stop,
    beside the rule it replaces ("the minimum minus the answers", at least 1)."""
    errors: dict[str, list[int]] = {"selection.remaining_of": [], "max(1, 8 − answered)": []}
    for t, length in enumerate(lengths):
        for k in range(int(length)):
            actual = int(length) - k
            errors["selection.remaining_of"].append(
                selection.remaining_of(k, distributions[t, k].tolist(), rules) - actual
            )
            errors["max(1, 8 − answered)"].append(max(1, 8 - k) - actual)
    lines = ["| announced remaining | mean abs. error | bias | short by ≥ 3 |", "|---|---|---|---|"]
    for name, found in errors.items():
        error = np.array(found)
        lines.append(
            f"| {name} | {np.abs(error).mean():.2f} | {error.mean():+.2f} | {100 * (error <= -3).mean():.1f} % |"
        )
    return lines


def shipped(stats, truth, rules: selection.Rules) -> tuple[dict[str, float], np.ndarray]:
    lengths = stop_lengths(stats, "p_near", rules.settled, rules.min_length, rules.max_length)
    return evaluate(stats, truth, lengths), lengths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stopping", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=40, help="Track P learners per competence")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--save", metavar="FILE", help="keep the recorded runs (.npz)")
    parser.add_argument("--load", metavar="FILE", help="read recorded runs instead of running the engine")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if args.load:
        runs = dict(np.load(args.load))
    else:
        config = measurement.Config(seed=args.seed, per_competence=args.learners, tracks=("P",))
        runs = record(config, workers=min(2, os.cpu_count() or 1))
        if args.save:
            np.savez_compressed(args.save, **runs)
    stats = summaries(runs["distributions"])
    rules = selection.POSITIONING
    print("\n".join(tuning_table(stats, runs["truth"])))
    found, lengths = shipped(stats, runs["truth"], rules)
    print("\nThe engine's rule (selection.POSITIONING):\n")
    row = _row("p_near", rules.settled, rules.min_length, rules.max_length, found)
    print("\n".join([HEADER, "|" + "---|" * 10, row]))
    counts = np.bincount(lengths, minlength=rules.max_length + 1)[rules.min_length :]
    print("\nLengths " + ", ".join(f"{k}: {n}" for k, n in enumerate(counts, start=rules.min_length)))
    print()
    print("\n".join(announced_table(runs["distributions"], lengths, rules)))
    print(f"\n(run time {time.perf_counter() - began:.1f} s)")


if __name__ == "__main__":
    main()
