"""How well does the v2 certification certify? Synthetic candidates position, then certify (issue 14).

    python -m bench.certification [--profiles N] [--seed N] [--quick]

On the measurement benchmark's synthetic bank and Track C learners (true levels in all 16 competences,
BENCH_MEASUREMENT.md): each learner positions in every competence with our engine (the positioning test the
service runs, `selection.next_challenge` to its stop; the knowledge elements and the profile's level and pix as
`evaluation` computes them), then, if eligible, takes the v2 course (`certif.course.generate`: 3 challenges per
competence at level ≥ 1) answering afresh from the same truth, and is scored (`certif.scoring.score`). Beside
it, an adaptive certification of 32 challenges on our engine (Track C's whole-framework test).

Prints one table: learners, eligible, challenges (mean, min, max), rejected %, and for each way of measuring the
level its MAE against the true level, its bias, the share exact and within one level, over all 16 competences of
the eligible learners (a competence not certified counts as level 0, what the certificate says). Deterministic
for a seed. About 0.4 s of CPU per learner (16 positioning tests each).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from bench import measurement, synthetic
from bench.baselines.ours import Ours
from chalicelib.certif import course, scoring
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import scoring as engine_scoring
from chalicelib.engine import selection
from chalicelib.engine.bank import Bank

REACHABLE = synthetic.MAX_LEVEL
AT = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class SkillRow:
    name: str
    tube: str
    competence: str
    level: int


@dataclass(frozen=True)
class ChallengeRow:
    id: str


class SyntheticCatalogue:
    """The synthetic bank as `course.generate` reads the content (every item is a validated challenge)."""

    def __init__(self, view: synthetic.BankView) -> None:
        self.skills = {s.name: SkillRow(s.name, s.tube, s.competence, s.level) for s in view.skills}
        self._challenges: dict[str, list[ChallengeRow]] = {}
        for item in view.items:
            self._challenges.setdefault(item.skill, []).append(ChallengeRow(item.challenge_id))

    def challenges_of(self, skill: str) -> list[ChallengeRow]:
        return self._challenges.get(skill, [])


@dataclass(frozen=True)
class Positioning:
    competence: str
    level: int
    pix: int
    validated_skills: frozenset[str]


def position(bank: Bank, competence: str, correct: np.ndarray, item_index: dict[str, int], seed: int
             ) -> tuple[Positioning, list[str]]:
    """One positioning test to the engine's stop: the profile it leaves, and the challenges answered right."""
    answers: list[selection.Answer] = []
    known = knowledge_rules.empty(competence)
    right = []
    while (challenge := selection.next_challenge(bank, competence, answers, seed=seed)) is not None:
        item = bank.items[challenge]
        ok = bool(correct[item_index[challenge]])
        result = "ok" if ok else "ko"
        answers.append(selection.Answer(challenge, result))
        known = knowledge_rules.apply_answer(known, item.tube, item.level, bank.tube_levels(item.tube), result, AT)
        if ok:
            right.append(challenge)
    validated = [bank.skill_at(tube, level) for tube, level in known.validated()]
    pix = engine_scoring.competence_pix(bank.pix[s.name] for s in validated if s is not None)
    level = engine_scoring.competence_level(pix, REACHABLE)
    return Positioning(competence, level, pix, frozenset(s.name for s in validated if s is not None)), right


def _errors(levels: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    error = levels - truth
    return {"MAE_lvl": float(np.abs(error).mean()), "bias": float(error.mean()),
            "exact%": float(100 * (error == 0).mean()), "±1%": float(100 * (np.abs(error) <= 1).mean())}


def run(profiles: int, seed: int) -> dict:
    config = measurement.Config(seed=seed, profiles=profiles)
    synthetic_bank = synthetic.make_bank(seed, config.calibration_noise)
    learners = synthetic.track_c_learners(synthetic_bank, profiles, config.tube_scatter, seed)
    engine_bank = Ours(synthetic_bank.view).bank
    catalogue = SyntheticCatalogue(synthetic_bank.view)
    item_index = {item.challenge_id: k for k, item in enumerate(synthetic_bank.view.items)}
    fresh = np.random.default_rng([seed, 14])  # the certification's answers: the same truth, answered afresh
    codes = synthetic.COMPETENCES
    positioned = np.zeros((profiles, len(codes)))
    certified = np.zeros((profiles, len(codes)))
    statuses: dict[int, scoring.Status] = {}
    lengths = []
    for row in range(profiles):
        profile, right = [], []
        for ci, code in enumerate(codes):
            learner_seed = int(np.random.SeedSequence([seed, 9, row, ci]).generate_state(1)[0])
            found, ok = position(engine_bank, code, learners.correct[row], item_index, learner_seed)
            profile.append(found)
            right += ok
            positioned[row, ci] = found.level
        if not course.eligibility({p.competence: p.level for p in profile}).eligible:
            continue
        planned = course.generate(catalogue, profile, frozenset(right), seed=f"{seed}:{row}")
        lengths.append(len(planned))
        questions = [scoring.Question(p.competence, _answer(synthetic_bank, learners, row, item_index[p.challenge_id],
                                                            fresh)) for p in planned]
        marks = {p.competence: scoring.Positioned(p.level, p.pix) for p in profile}
        result = scoring.score(questions, marks, REACHABLE)
        statuses[row] = result.status
        certified[row] = [max(0, result.competences[code].level) for code in codes]
    adaptive_run, true_levels, _ = measurement._track_c(synthetic_bank, config, "ours")
    adaptive = adaptive_run.levels[:, measurement.BUDGET["C"]]
    eligible = np.array(sorted(statuses), dtype=int)
    validated = np.array([r for r in eligible if statuses[r] is scoring.Status.VALIDATED], dtype=int)
    count = max(1, len(eligible))
    return {
        "learners": profiles,
        "eligible": len(eligible),
        "rejected%": 100 * sum(s is scoring.Status.REJECTED for s in statuses.values()) / count,
        "cancelled%": 100 * sum(s is scoring.Status.CANCELLED for s in statuses.values()) / count,
        "challenges": (float(np.mean(lengths)) if lengths else 0.0, min(lengths, default=0), max(lengths, default=0)),
        "rows": {
            "positioning (the profile v2 starts from)": _errors(positioned[eligible], true_levels[eligible]),
            "v2 certified, every eligible candidate": _errors(certified[eligible], true_levels[eligible]),
            "v2 certified, validated certifications": _errors(certified[validated], true_levels[validated]),
            "adaptive, 32 challenges (Track C, ours)": _errors(adaptive[eligible], true_levels[eligible]),
        },
    }


def _answer(bank: synthetic.SyntheticBank, learners: synthetic.Learners, row: int, k: int,
            rng: np.random.Generator) -> scoring.Result:
    """A fresh answer by the benchmark's response model (3PL on the learner's tube ability)."""
    logit = bank.a[k] * (learners.tube_theta[row, bank.item_tube[k]] - bank.b[k])
    chance = bank.c[k] + (1.0 - bank.c[k]) / (1.0 + np.exp(-logit))
    return scoring.Result.OK if rng.random() < chance else scoring.Result.KO


def table(result: dict) -> str:
    mean, fewest, most = result["challenges"]
    lines = [
        f"learners {result['learners']}, eligible {result['eligible']}; v2 challenges mean {mean:.1f} "
        f"(min {fewest}, max {most}); rejected {result['rejected%']:.1f} %, cancelled {result['cancelled%']:.1f} %",
        "",
        "| level of the 16 competences | MAE_lvl | bias | exact % | ±1 % |",
        "|---|---|---|---|---|",
    ]
    for name, errors in result["rows"].items():
        lines.append(f"| {name} | {errors['MAE_lvl']:.3f} | {errors['bias']:+.3f} | {errors['exact%']:.1f} | "
                     f"{errors['±1%']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.certification", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profiles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--quick", action="store_true", help="20 learners")
    args = parser.parse_args(argv)
    print(table(run(20 if args.quick else args.profiles, args.seed)))


if __name__ == "__main__":
    main()
