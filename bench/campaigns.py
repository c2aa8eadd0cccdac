"""Campaigns at scale and the campaign test's quality (issue 11, "Measured: python -m bench.campaigns").

    python -m bench.campaigns [--learners N] [--seed S]

Quality part (this module today; the request and export parts come next to it): how many challenges our
engine needs to settle a learner's mastery of a 30-skill target profile, against Pix's smart random on the
same learners. The profile is built from real tubes of the content release (its first tubes in 5
competences, capped at level 4); the learners are the measurement benchmark's (BENCH_MEASUREMENT.md,
Track C: g ~ U(0.5, 6.5), θ_c = g + N(0, 0.8), θ_ct = θ_c + N(0, 0.4)) on a twin of the release: its
tubes, levels and challenges, with the benchmark's generative truth (tube shift, thresholds, 2PL with
guessing) and the benchmark's calibration noise for what the methods see. Responses are drawn once per
learner and challenge, shared by both methods (common random numbers).

The mastery rate is the share of the profile's 30 skills mastered: the truth (tube ability at or above
the skill's threshold) against each method's estimate after k answers (a test that ended carries its
last estimate): the validated share (what Pix shows: skills validated, directly or by inference, over 30)
for both, and our engine's expected share (validated skills, plus each open skill's mastery probability).
Same arguments, same table.
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

os.environ.setdefault("JWT_SECRET", "bench-secret-with-enough-length-for-hs256")  # settings read by the bank

from bench import synthetic  # noqa: E402
from bench.baselines.smart_random import _CompetenceTest  # noqa: E402
from chalicelib.content.release import get_release  # noqa: E402
from chalicelib.engine import knowledge as knowledge_rules  # noqa: E402
from chalicelib.engine import targeting  # noqa: E402
from chalicelib.engine.bank import Bank, Item, Skill  # noqa: E402
from chalicelib.engine.selection import Answer  # noqa: E402
from chalicelib.evaluation.bank import bank_from_release  # noqa: E402

CHECKPOINTS = (5, 10, 15, 20)
BUDGET = 60  # answers at most, per learner and method (our engine's own maximum is larger)
PROFILE_SIZE = 30
PROFILE_COMPETENCES = ("1.1", "2.2", "3.1", "4.1", "5.2")
PROFILE_CAP = 4
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


@dataclass(frozen=True)
class QualityConfig:
    learners: int = 300
    seed: int = 2024
    tube_scatter: float = 0.4
    calibration_noise: float = 0.25


# --- the bank, the profile, the learners -------------------------------------------------------------


def release_twin(seed: int, calibration_noise: float) -> synthetic.SyntheticBank:
    """The release's tubes, levels and challenges with the benchmark's generative truth (BENCH_MEASUREMENT.md,
    "Synthetic bank"), and the noisy calibrations methods see."""
    release_bank = bank_from_release(get_release(), synthetic.MAX_LEVEL)
    rng = np.random.default_rng([seed, 11])
    tubes = sorted({(s.competence, s.tube) for s in release_bank.skills.values()})
    tube_index = {tube: k for k, (_, tube) in enumerate(tubes)}
    shift = {tube: rng.normal(0.0, 0.25) for _, tube in tubes}
    skills = sorted(release_bank.skills.values(), key=lambda s: (s.competence, s.tube, s.level))
    threshold = {s.name: s.level - 0.5 + shift[s.tube] for s in skills}
    items = sorted(release_bank.items.values(), key=lambda i: i.challenge_id)
    b = np.array([threshold[i.skill] + rng.normal(0.0, 0.3) for i in items])
    a = np.clip(rng.lognormal(np.log(1.5), 0.3, len(items)), 0.5, 3.5)
    c = np.where(rng.random(len(items)) < 0.3, 0.2, 0.0)
    calibration = np.random.default_rng([seed, 12])
    a_hat = a * np.exp(calibration.normal(0.0, 0.2 * calibration_noise / 0.25, len(items)))
    b_hat = b + calibration.normal(0.0, calibration_noise, len(items))
    per_level: dict[tuple[str, int], int] = defaultdict(int)
    for s in skills:
        per_level[(s.competence, s.level)] += 1
    pix = [min(4.0, 8.0 / per_level[(s.competence, s.level)]) for s in skills]
    view = synthetic.BankView(
        synthetic.COMPETENCES,
        tuple(synthetic.SkillView(s.name, s.tube, s.competence, s.level, float(threshold[s.name]), p)
              for s, p in zip(skills, pix, strict=True)),
        tuple(synthetic.ItemView(i.challenge_id, i.skill, i.tube, i.competence, i.level, float(bh), float(ah), i.timed)
              for i, ah, bh in zip(items, a_hat, b_hat, strict=True)),
    )
    return synthetic.SyntheticBank(
        view=view,
        item_tube=np.array([tube_index[i.tube] for i in items]),
        a=a,
        b=b,
        c=c,
        tube_competence=np.array([synthetic.COMPETENCES.index(competence) for competence, _ in tubes]),
        skill_tube=np.array([tube_index[s.tube] for s in skills]),
        skill_threshold=np.array([threshold[s.name] for s in skills]),
        skill_pix=np.array(pix),
        skill_competence=np.array([synthetic.COMPETENCES.index(s.competence) for s in skills]),
    )


def target_profile(view: synthetic.BankView, size: int = PROFILE_SIZE) -> tuple[str, ...]:
    """A target profile from real tubes: the tubes of PROFILE_COMPETENCES in turn (the first of each, then
    the second…), each capped at PROFILE_CAP, until `size` skills (the last tube cut short if need be)."""
    with_items = {i.skill for i in view.items}
    tubes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s in sorted(view.skills, key=lambda s: (s.competence, s.tube, s.level)):
        if s.competence in PROFILE_COMPETENCES and s.level <= PROFILE_CAP and s.name in with_items:
            tubes[s.competence][s.tube].append(s.name)
    chosen: list[str] = []
    for rank in range(max(len(t) for t in tubes.values())):
        for competence in PROFILE_COMPETENCES:
            names = list(tubes[competence].values())
            if rank < len(names):
                chosen.extend(names[rank])
    return tuple(chosen[:size])


# --- the two methods: a test of the profile, and its estimates of the mastery rate ---------------------


class OurCampaign:
    """Our engine as the campaign test runs it (`engine.targeting`, knowledge by `apply_answer`)."""

    name = "ours"

    def __init__(self, view: synthetic.BankView, profile: tuple[str, ...]) -> None:
        self.bank = Bank(
            [Skill(s.tube, s.competence, s.level, s.threshold) for s in view.skills],
            [Item(i.challenge_id, i.skill, i.tube, i.competence, i.level, i.difficulty, i.discrimination, i.timed)
             for i in view.items],
            synthetic.MAX_LEVEL,
        )
        self.profile = frozenset(profile)
        self.competences = sorted({self.bank.skills[name].competence for name in profile})

    def start(self, seed: str) -> None:
        self.seed = seed
        self.answers: list[Answer] = []
        self.known = {code: knowledge_rules.empty(code) for code in self.competences}

    def next(self) -> str | None:
        return targeting.next_challenge(self.bank, self.profile, self.answers, self.known, seed=self.seed)

    def update(self, challenge_id: str, correct: bool) -> None:
        item = self.bank.items[challenge_id]
        result = "ok" if correct else "ko"
        self.answers.append(Answer(challenge_id, result))
        self.known[item.competence] = knowledge_rules.apply_answer(
            self.known[item.competence], item.tube, item.level, self.bank.tube_levels(item.tube), result, AT
        )

    def estimates(self) -> dict[str, float]:
        validated = sum(
            1 for name in self.profile
            if (e := self.known[(s := self.bank.skills[name]).competence].element(s.tube, s.level)) and e.validated
        )
        expected = targeting.expected_mastery(self.bank, self.profile, self.answers, self.known)
        return {"validated share": validated / len(self.profile), "expected share": expected}


class SmartRandomCampaign:
    """Pix's smart random over the target profile's skills, all competences as one test (BENCH_MEASUREMENT.md,
    "Smart random": one predicted level, easy tubes first, skills 2 levels above it dropped)."""

    name = "smart random"

    def __init__(self, view: synthetic.BankView, profile: tuple[str, ...]) -> None:
        wanted = set(profile)
        self.view = synthetic.BankView(
            ("profile",),
            tuple(synthetic.SkillView(s.name, s.tube, "profile", s.level, s.threshold, s.pix)
                  for s in view.skills if s.name in wanted),
            tuple(synthetic.ItemView(i.challenge_id, i.skill, i.tube, "profile", i.level, i.difficulty,
                                     i.discrimination, i.timed) for i in view.items if i.skill in wanted),
        )
        self.skill_of = {i.challenge_id: i.skill for i in self.view.items}
        self.size = len(wanted)

    def start(self, seed: str) -> None:
        self.test = _CompetenceTest(self.view, "profile", random.Random(seed))

    def next(self) -> str | None:
        return self.test.next()

    def update(self, challenge_id: str, correct: bool) -> None:
        self.test.update(self.skill_of[challenge_id], challenge_id, correct)

    def estimates(self) -> dict[str, float]:
        return {"validated share": sum(self.test.knowledge.values()) / self.size}


# --- the quality table ---------------------------------------------------------------------------------


def quality(config: QualityConfig) -> dict:
    """Both methods on the same learners: {"profile", "truth", "methods": {row name: {"mae": {k: MAE},
    "length": [natural lengths], "final_mae", "ms_mean"}}}."""
    twin = release_twin(config.seed, config.calibration_noise)
    profile = target_profile(twin.view)
    learners = synthetic.track_c_learners(twin, config.learners, config.tube_scatter, config.seed)
    skill_index = {s.name: k for k, s in enumerate(twin.view.skills)}
    columns = [skill_index[name] for name in profile]
    mastered = learners.tube_theta[:, twin.skill_tube[columns]] >= twin.skill_threshold[columns]
    truth = mastered.mean(axis=1)
    item_index = {item.challenge_id: k for k, item in enumerate(twin.view.items)}
    rows: dict[str, dict] = {}
    for method in (SmartRandomCampaign(twin.view, profile), OurCampaign(twin.view, profile)):
        curves: dict[str, np.ndarray] = {}
        lengths = []
        spent = []
        for row in range(config.learners):
            method.start(f"bench.{config.seed}.{row}")
            found = [method.estimates()]
            for _ in range(BUDGET):
                began = time.thread_time()
                challenge = method.next()
                if challenge is None:
                    break
                method.update(challenge, bool(learners.correct[row, item_index[challenge]]))
                spent.append(time.thread_time() - began)
                found.append(method.estimates())
            lengths.append(len(found) - 1)
            for key in found[0]:
                curve = curves.setdefault(key, np.zeros((config.learners, BUDGET + 1)))
                values = [estimate[key] for estimate in found]
                curve[row, : len(values)] = values
                curve[row, len(values):] = values[-1]
        for key, curve in curves.items():
            error = np.abs(curve - truth[:, None])
            rows[f"{method.name}, {key}"] = {
                "mae": {k: float(error[:, k].mean()) for k in CHECKPOINTS},
                "curve": [float(value) for value in error.mean(axis=0)],
                "final_mae": float(error[:, -1].mean()),
                "length": lengths,
                "ms_mean": 1000.0 * float(np.mean(spent)) if spent else 0.0,
            }
    return {"profile": profile, "truth_mean": float(truth.mean()), "learners": config.learners, "methods": rows}


def quality_table(result: dict) -> str:
    """The markdown table: mastery-rate MAE at 5, 10, 15, 20 answers and at the end, natural length, and the
    fewest answers at which each reaches smart random's final MAE."""
    target = result["methods"][f"{SmartRandomCampaign.name}, validated share"]["final_mae"]
    header = ["method, estimate", *(f"MAE@{k}" for k in CHECKPOINTS), "MAE end", "len mean", "len p90", "len max",
              f"k to {target:.3f}", "ms/decision"]
    lines = [
        f"### Mastery of a {len(result['profile'])}-skill target profile ({result['learners']} learners, "
        f"true mastery rate {result['truth_mean']:.2f} on average)",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name, found in result["methods"].items():
        lengths = np.array(found["length"])
        cells = [name, *(f"{found['mae'][k]:.3f}" for k in CHECKPOINTS), f"{found['final_mae']:.3f}",
                 f"{lengths.mean():.1f}", f"{np.percentile(lengths, 90):.0f}", f"{lengths.max()}",
                 _first_below(found["curve"], target), f"{found['ms_mean']:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"k to {target:.3f}: the fewest answers after which the MAE reaches smart random's at its end.")
    lines.append("Profile: " + ", ".join(result["profile"]))
    return "\n".join(lines)


def _first_below(curve: list[float], target: float) -> str:
    """The fewest answers after which the MAE is at most `target` ("—" if never within the budget)."""
    return next((str(k) for k, value in enumerate(curve) if k and value <= target + 1e-12), "—")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.campaigns", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=QualityConfig.learners,
                        help="synthetic learners for the quality table")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    print(quality_table(quality(QualityConfig(learners=args.learners, seed=args.seed))))
    print(f"\n(run time {time.perf_counter() - began:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
