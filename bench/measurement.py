"""How well does the adaptive test measure? Our engine side by side with the baselines (BENCH_MEASUREMENT.md).

    python -m bench.measurement [--quick] [--json FILE] [--seed N] [--population uniform|normal]
                                [--tube-scatter S] [--calibration-noise S] [--tracks P,C]
                                [--learners N] [--profiles N]

Prints one markdown table per track, the "at the stop" table (each method's natural length and accuracy
where it ends) and the "k to target" table; `--json` adds the full curves.
Everything but the timing columns (ms_*) is identical from run to run. A decision's time is the CPU time
of its thread (`next()` + `update()`), so other work on a shared machine inflates it less; with two
cores, two worker processes share the (track, method) runs.
"""

import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache

import numpy as np

from bench import synthetic
from bench.baselines import catsim_max_info
from bench.baselines.catsim_max_info import CatsimMaxInfo
from bench.baselines.flash import Flash
from bench.baselines.ours import Ours, OursWithoutStop
from bench.baselines.random_eap import RandomEAP
from bench.baselines.smart_random import SmartRandom

CHECKPOINTS = {"P": (5, 10, 15, 20, 30), "C": (8, 16, 24, 32)}
BUDGET = {"P": 30, "C": 32}
TIMING_KEYS = ("ms_mean", "ms_p95")
STOP_COLUMNS = ("len", "p50", "p90", "max", "MAE_lvl", "±1%")
COLUMNS = (
    "track",
    "method",
    "k",
    "MAE_lvl",
    "RMSE_lvl",
    "bias",
    "exact%",
    "±1%",
    "MAE_pix",
    "len",
    "maxExp",
    ">0.2%",
    "ms_mean",
    "ms_p95",
)


@dataclass(frozen=True)
class Config:
    seed: int = 2024
    population: str = "uniform"
    tube_scatter: float = 0.4
    calibration_noise: float = 0.25
    per_competence: int = 40  # Track P learners per competence
    profiles: int = 150  # Track C
    competences: tuple[str, ...] = synthetic.COMPETENCES  # Track P competences (the determinism test uses fewer)
    tracks: tuple[str, ...] = ("P", "C")
    methods: tuple[str, ...] = ("smart random", "catsim", "random + EAP", "flash", "ours", "ours, no stop")

    @classmethod
    def quick(cls, **overrides) -> "Config":
        return cls(**{"per_competence": 10, "profiles": 40, **overrides})


METHODS = {
    "smart random": SmartRandom,
    "catsim": CatsimMaxInfo,
    "random + EAP": RandomEAP,
    "flash": Flash,
    "ours": Ours,
    "ours, no stop": OursWithoutStop,
}
# Methods that only make sense in some tracks: our positioning test run past its stop, for its curve.
ONLY_IN = {"ours, no stop": ("P",)}


@dataclass
class Run:
    """One method over one track: estimates after each answer (k = 0 … budget), lengths, exposure, timings."""

    levels: np.ndarray  # [tests, budget + 1, competences]
    pix: np.ndarray
    length: np.ndarray  # natural length of each test
    served: list[list[str]] = field(default_factory=list)
    decision_ms: list[list[float]] = field(default_factory=list)


def _learner_seed(seed: int, track: str, test: int) -> int:
    return int(np.random.SeedSequence([seed, 5, ord(track), test]).generate_state(1)[0])


def _run_tests(method, rows, tests_competences, correct, item_index, budget, seed, track) -> Run:
    """Run `method` on learners `rows`; `tests_competences` are the competences each test estimates."""
    n = len(rows)
    levels = np.zeros((n, budget + 1, len(tests_competences)))
    pix = np.zeros_like(levels)
    run = Run(levels, pix, np.zeros(n, dtype=int))
    for t, row in enumerate(rows):
        method.start(_learner_seed(seed, track, int(row)))
        served, timings = [], []
        _record(run, t, 0, method.estimate(), tests_competences)
        for k in range(1, budget + 1):
            began = time.thread_time()
            challenge = method.next()
            if challenge is None:
                break
            method.update(challenge, bool(correct[row, item_index[challenge]]))
            timings.append((time.thread_time() - began) * 1000.0)
            served.append(challenge)
            _record(run, t, k, method.estimate(), tests_competences)
        run.length[t] = len(served)
        run.levels[t, len(served) + 1 :] = run.levels[t, len(served)]
        run.pix[t, len(served) + 1 :] = run.pix[t, len(served)]
        run.served.append(served)
        run.decision_ms.append(timings)
    return run


def _record(run: Run, t: int, k: int, estimates: dict, competences) -> None:
    for j, competence in enumerate(competences):
        run.levels[t, k, j], run.pix[t, k, j] = estimates[competence]


def _track_p(bank: synthetic.SyntheticBank, config: Config, name: str) -> tuple[Run, np.ndarray, np.ndarray]:
    learners = synthetic.track_p_learners(
        bank, config.per_competence, config.population, config.tube_scatter, config.seed
    )
    item_index = {item.challenge_id: k for k, item in enumerate(bank.view.items)}
    parts = []
    true_levels, true_pix = [], []
    for competence in config.competences:
        ci = synthetic.COMPETENCES.index(competence)
        rows = np.arange(ci * config.per_competence, (ci + 1) * config.per_competence)
        method = METHODS[name](bank.view.restricted(competence))
        parts.append(
            _run_tests(method, rows, (competence,), learners.correct, item_index, BUDGET["P"], config.seed, "P")
        )
        true_levels.append(learners.level[rows, ci : ci + 1])
        true_pix.append(learners.pix[rows, ci : ci + 1])
    merged = Run(
        np.concatenate([p.levels for p in parts]),
        np.concatenate([p.pix for p in parts]),
        np.concatenate([p.length for p in parts]),
        [s for p in parts for s in p.served],
        [d for p in parts for d in p.decision_ms],
    )
    return merged, np.concatenate(true_levels), np.concatenate(true_pix)


def _references_p(bank, config) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    learners = synthetic.track_p_learners(
        bank, config.per_competence, config.population, config.tube_scatter, config.seed
    )
    levels, pix = synthetic.oracle_levels(bank, learners.competence_theta, config.tube_scatter, config.seed)
    found = ([], [], [], [])
    for competence in config.competences:
        ci = synthetic.COMPETENCES.index(competence)
        rows = np.arange(ci * config.per_competence, (ci + 1) * config.per_competence)
        for part, values in zip(found, (levels, pix, learners.level, learners.pix), strict=True):
            part.append(values[rows, ci : ci + 1])
    return {"θ known": tuple(np.concatenate(part) for part in found)}


def _track_c(bank, config, name):
    learners = synthetic.track_c_learners(bank, config.profiles, config.tube_scatter, config.seed)
    item_index = {item.challenge_id: k for k, item in enumerate(bank.view.items)}
    method = METHODS[name](bank.view)
    rows = np.arange(config.profiles)
    run = _run_tests(method, rows, synthetic.COMPETENCES, learners.correct, item_index, BUDGET["C"], config.seed, "C")
    return run, learners.level, learners.pix


def _references_c(bank, config):
    learners = synthetic.track_c_learners(bank, config.profiles, config.tube_scatter, config.seed)
    theta_levels, theta_pix = synthetic.oracle_levels(bank, learners.competence_theta, config.tube_scatter, config.seed)
    general = np.repeat(learners.general[:, None], len(synthetic.COMPETENCES), axis=1)
    g_levels, g_pix = synthetic.oracle_levels(bank, general, config.tube_scatter, config.seed, competence_spread=0.8)
    return {
        "θ known": (theta_levels, theta_pix, learners.level, learners.pix),
        "g known": (g_levels, g_pix, learners.level, learners.pix),
    }


def _errors(levels, pix, true_levels, true_pix) -> dict[str, float]:
    error = levels - true_levels
    return {
        "MAE_lvl": float(np.abs(error).mean()),
        "RMSE_lvl": float(np.sqrt((error**2).mean())),
        "bias": float(error.mean()),
        "exact%": float(100 * (error == 0).mean()),
        "±1%": float(100 * (np.abs(error) <= 1).mean()),
        "MAE_pix": float(np.abs(pix - true_pix).mean()),
    }


def _curves(run: Run, true_levels, true_pix, track: str, n_items: int) -> dict[str, list]:
    budget = BUDGET[track]
    rows = []
    for k in range(budget + 1):
        row = _errors(run.levels[:, k], run.pix[:, k], true_levels, true_pix)
        row["len"] = float(np.minimum(run.length, k).mean())
        if track == "C":
            counts: dict[str, int] = {}
            for served in run.served:
                for challenge in served[:k]:
                    counts[challenge] = counts.get(challenge, 0) + 1
            rates = np.array(list(counts.values())) / len(run.served) if counts else np.zeros(1)
            row["maxExp"] = float(rates.max())
            row[">0.2%"] = float(100 * (rates > 0.2).sum() / n_items)
            row["never%"] = float(100 * (n_items - len(counts)) / n_items)
        times = np.array([t for timings in run.decision_ms for t in timings[:k]])
        row["ms_mean"] = float(times.mean()) if len(times) else 0.0
        row["ms_p95"] = float(np.percentile(times, 95)) if len(times) else 0.0
        rows.append(row)
    return {key: [row[key] for row in rows] for key in rows[0]}


def _k_to_target(curve: list[float], target: float) -> int | None:
    for k, value in enumerate(curve[1:], start=1):
        if value <= target + 1e-12:
            return k
    return None


_COST = {"ours": 3, "ours, no stop": 3, "catsim": 2, "smart random": 1, "flash": 1, "random + EAP": 0}


@cache
def _bank(seed: int, calibration_noise: float) -> synthetic.SyntheticBank:
    return synthetic.make_bank(seed, calibration_noise)


def _at_stop(run: Run, true_levels) -> dict[str, float]:
    """Where the method ends by itself: its length (mean, median, 90th percentile, longest) and accuracy."""
    error = np.abs(run.levels[:, -1] - true_levels)
    return {
        "len": float(run.length.mean()),
        "p50": float(np.percentile(run.length, 50)),
        "p90": float(np.percentile(run.length, 90)),
        "max": int(run.length.max()),
        "MAE_lvl": float(error.mean()),
        "±1%": float(100 * (error <= 1).mean()),
    }


def _method_run(config: Config, track: str, name: str) -> tuple[dict[str, list], dict[str, float]]:
    """One method over one track: its curves and where it stops (runs in a worker process when there are 2 cores)."""
    bank = _bank(config.seed, config.calibration_noise)
    found, true_levels, true_pix = (_track_p if track == "P" else _track_c)(bank, config, name)
    return _curves(found, true_levels, true_pix, track, len(bank.view.items)), _at_stop(found, true_levels)


def _method_curves(config: Config, track: str, name: str) -> dict[str, list]:
    """One method over one track, as curves."""
    return _method_run(config, track, name)[0]


def run(config: Config, workers: int = 1) -> dict:
    """Run the benchmark; returns {"config", "notes", "tracks": {track: {"methods", "references", "targets",
    "k_to_target"}}}. `workers` processes share the (track, method) runs; results do not depend on it."""
    bank = _bank(config.seed, config.calibration_noise)
    notes = []
    methods = list(config.methods)
    if "catsim" in methods and not catsim_max_info.AVAILABLE:
        methods.remove("catsim")
        notes.append("catsim is not installed: its rows are skipped (pip install catsim==0.21.0).")
    # the slowest runs first, so that two workers finish together
    in_track = {track: [name for name in methods if track in ONLY_IN.get(name, (track,))] for track in config.tracks}
    jobs = sorted(
        ((track, name) for track in config.tracks for name in in_track[track]), key=lambda job: -_COST[job[1]]
    )
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            futures = {job: pool.submit(_method_run, config, *job) for job in jobs}
            runs_of = {job: future.result() for job, future in futures.items()}
    else:
        runs_of = {job: _method_run(config, *job) for job in jobs}
    result = {"config": asdict(config), "notes": notes, "tracks": {}}
    for track in config.tracks:
        curves = {name: runs_of[(track, name)][0] for name in in_track[track]}
        references = _references_p(bank, config) if track == "P" else _references_c(bank, config)
        reference_errors = {name: _errors(*values) for name, values in references.items()}
        targets = {name: c["MAE_lvl"][-1] for name, c in curves.items() if not name.startswith("ours")}
        targets.update({name: errors["MAE_lvl"] for name, errors in reference_errors.items()})
        k_to_target = {
            name: {target: _k_to_target(c["MAE_lvl"], value) for target, value in targets.items()}
            for name, c in curves.items()
        }
        result["tracks"][track] = {
            "methods": curves,
            "stop": {name: runs_of[(track, name)][1] for name in in_track[track]},
            "references": reference_errors,
            "targets": targets,
            "k_to_target": k_to_target,
        }
    return result


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def tables(result: dict) -> str:
    lines = []
    for track, found in result["tracks"].items():
        lines.append(f"### Track {track}")
        lines.append("")
        lines.append("| " + " | ".join(COLUMNS) + " |")
        lines.append("|" + "---|" * len(COLUMNS))
        for name, curves in found["methods"].items():
            for k in CHECKPOINTS[track]:
                row = {"track": track, "method": name, "k": k, **{key: values[k] for key, values in curves.items()}}
                lines.append("| " + " | ".join(_cell(row.get(column)) for column in COLUMNS) + " |")
        for name, errors in found["references"].items():
            row = {"track": track, "method": f"ref: {name}", "k": "—", **errors}
            lines.append("| " + " | ".join(_cell(row.get(column)) for column in COLUMNS) + " |")
        lines.append("")
    lines.append("### At the stop: where each method ends by itself (length and accuracy there)")
    lines.append("")
    header = ["track", "method", *STOP_COLUMNS]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for track, found in result["tracks"].items():
        for name, stop in found["stop"].items():
            lines.append("| " + " | ".join([track, name] + [_cell(stop[column]) for column in STOP_COLUMNS]) + " |")
    lines.append("")
    lines.append("### k to target: fewest challenges to reach the target's MAE_lvl (its final one)")
    lines.append("")
    for track, found in result["tracks"].items():
        targets = found["targets"]
        header = ["track", "method"] + [f"{name} ({value:.2f})" for name, value in targets.items()]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for name, reached in found["k_to_target"].items():
            lines.append("| " + " | ".join([track, name] + [_cell(reached[t]) for t in targets]) + " |")
        lines.append("")
    lines.extend(result["notes"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.measurement", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 learners per competence, 40 profiles")
    parser.add_argument("--json", metavar="FILE", help="write every curve to FILE")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--population", choices=("uniform", "normal"), default="uniform")
    parser.add_argument("--tube-scatter", type=float, default=0.4)
    parser.add_argument("--calibration-noise", type=float, default=0.25)
    parser.add_argument("--tracks", default="P,C", help="the tracks to run, comma-separated (P, C)")
    parser.add_argument("--learners", type=int, help="Track P learners per competence (40; --quick: 10)")
    parser.add_argument("--profiles", type=int, help="Track C profiles (150; --quick: 40)")
    args = parser.parse_args(argv)
    options = dict(
        seed=args.seed,
        population=args.population,
        tube_scatter=args.tube_scatter,
        calibration_noise=args.calibration_noise,
        tracks=tuple(track for track in ("P", "C") if track in args.tracks.upper().split(",")),
    )
    if args.learners is not None:
        options["per_competence"] = args.learners
    if args.profiles is not None:
        options["profiles"] = args.profiles
    config = Config.quick(**options) if args.quick else Config(**options)
    began = time.perf_counter()
    result = run(config, workers=min(2, os.cpu_count() or 1))
    print(tables(result))
    print(f"\n(run time {time.perf_counter() - began:.1f} s)", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
