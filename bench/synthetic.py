"""The synthetic bank, learners and responses of the measurement benchmark (BENCH_MEASUREMENT.md).

The truth (true a, b, c, tube shifts, abilities) stays here; methods get a `BankView`: levels, tubes,
competences, pix values, skill thresholds b_s and the noisy calibrations â, b̂.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np

COMPETENCES = (
    "1.1",
    "1.2",
    "1.3",
    "2.1",
    "2.2",
    "2.3",
    "2.4",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "4.1",
    "4.2",
    "4.3",
    "5.1",
    "5.2",
)
MAX_LEVEL = 7
TIMED_SHARE = 0.1  # the spec does not say; a few timed challenges exercise "no timer first" (own stream)


@dataclass(frozen=True)
class SkillView:
    name: str
    tube: str
    competence: str
    level: int
    threshold: float  # b_s
    pix: float


@dataclass(frozen=True)
class ItemView:
    challenge_id: str
    skill: str
    tube: str
    competence: str
    level: int
    difficulty: float  # b̂
    discrimination: float  # â
    timed: bool


@dataclass(frozen=True)
class BankView:
    """What a method may see of the bank (possibly one competence only)."""

    competences: tuple[str, ...]
    skills: tuple[SkillView, ...]
    items: tuple[ItemView, ...]

    def restricted(self, competence: str) -> "BankView":
        return BankView(
            (competence,),
            tuple(s for s in self.skills if s.competence == competence),
            tuple(i for i in self.items if i.competence == competence),
        )


@dataclass(frozen=True)
class SyntheticBank:
    view: BankView
    item_tube: np.ndarray  # tube index of each item
    a: np.ndarray
    b: np.ndarray
    c: np.ndarray
    tube_competence: np.ndarray  # competence index of each tube
    skill_tube: np.ndarray
    skill_threshold: np.ndarray
    skill_pix: np.ndarray
    skill_competence: np.ndarray


def _tube_name(competence: str, index: int) -> str:
    # letters only, so the skill name @<tube><level> reads unambiguously
    return "c" + "".join("abcdefghij"[int(d)] for d in competence.replace(".", "")) + "abcdefgh"[index]


def make_bank(seed: int, calibration_noise: float = 0.25) -> SyntheticBank:
    rng = np.random.default_rng(seed)
    skills: list[dict] = []
    items: list[dict] = []
    tube_competence = []
    for ci, competence in enumerate(COMPETENCES):
        for ti in range(int(rng.integers(3, 9))):
            tube = _tube_name(competence, ti)
            tube_index = len(tube_competence)
            tube_competence.append(ci)
            lowest = int(rng.choice([1, 2, 3], p=[0.5, 0.3, 0.2]))
            highest = min(7, lowest + int(rng.integers(2, 6)))
            if rng.random() < 0.05:
                highest = 8
            levels = [lowest] + [lv for lv in range(lowest + 1, highest) if rng.random() < 0.85] + [highest]
            shift = rng.normal(0.0, 0.25)
            for level in levels:
                threshold = level - 0.5 + shift
                name = f"@{tube}{level}"
                skills.append(dict(name=name, tube=tube, ti=tube_index, ci=ci, level=level, threshold=threshold))
                for k in range(int(rng.integers(1, 4))):
                    items.append(
                        dict(
                            challenge_id=f"{name[1:]}-{'abc'[k]}",
                            skill=name,
                            tube=tube,
                            ti=tube_index,
                            competence=competence,
                            level=level,
                            b=threshold + rng.normal(0.0, 0.3),
                            a=float(np.clip(rng.lognormal(np.log(1.5), 0.3), 0.5, 3.5)),
                            c=0.2 if rng.random() < 0.3 else 0.0,
                        )
                    )
    # calibrations and timers come from their own streams, so changing the noise leaves the truth alone
    calibration = np.random.default_rng([seed, 1])
    timers = np.random.default_rng([seed, 2])
    a = np.array([i["a"] for i in items])
    b = np.array([i["b"] for i in items])
    a_hat = a * np.exp(calibration.normal(0.0, 0.2 * calibration_noise / 0.25, len(items)))
    b_hat = b + calibration.normal(0.0, calibration_noise, len(items))
    timed = timers.random(len(items)) < TIMED_SHARE

    per_level = Counter((s["ci"], s["level"]) for s in skills)
    pix = [min(4.0, 8.0 / per_level[(s["ci"], s["level"])]) for s in skills]
    view = BankView(
        COMPETENCES,
        tuple(
            SkillView(s["name"], s["tube"], COMPETENCES[s["ci"]], s["level"], float(s["threshold"]), p)
            for s, p in zip(skills, pix, strict=True)
        ),
        tuple(
            ItemView(
                i["challenge_id"], i["skill"], i["tube"], i["competence"], i["level"], float(bh), float(ah), bool(t)
            )
            for i, ah, bh, t in zip(items, a_hat, b_hat, timed, strict=True)
        ),
    )
    return SyntheticBank(
        view=view,
        item_tube=np.array([i["ti"] for i in items]),
        a=a,
        b=b,
        c=np.array([i["c"] for i in items]),
        tube_competence=np.array(tube_competence),
        skill_tube=np.array([s["ti"] for s in skills]),
        skill_threshold=np.array([s["threshold"] for s in skills]),
        skill_pix=np.array(pix),
        skill_competence=np.array([s["ci"] for s in skills]),
    )


def true_pix(bank: SyntheticBank, tube_theta: np.ndarray) -> np.ndarray:
    """True pix per competence: tube_theta [..., tubes] → pix [..., competences]."""
    mastered = tube_theta[..., bank.skill_tube] >= bank.skill_threshold
    weighted = np.where(mastered, bank.skill_pix, 0.0)
    totals = np.zeros(tube_theta.shape[:-1] + (len(COMPETENCES),))
    for ci in range(len(COMPETENCES)):
        totals[..., ci] = weighted[..., bank.skill_competence == ci].sum(axis=-1)
    return np.floor(totals + 1e-9)


def level_of(pix: np.ndarray) -> np.ndarray:
    return np.minimum(MAX_LEVEL, pix // 8)


@dataclass(frozen=True)
class Learners:
    """A track's learners: abilities, truth and every response decided in advance (common random numbers)."""

    competence_theta: np.ndarray  # [learners, competences]
    general: np.ndarray | None  # g, Track C only
    tube_theta: np.ndarray  # [learners, tubes]
    pix: np.ndarray  # [learners, competences]
    level: np.ndarray
    correct: np.ndarray  # [learners, items] bool


def _respond(bank: SyntheticBank, tube_theta: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    u = rng.random((tube_theta.shape[0], len(bank.a)))
    logits = bank.a * (tube_theta[:, bank.item_tube] - bank.b)
    return u < bank.c + (1.0 - bank.c) / (1.0 + np.exp(-logits))


def _learners(bank, theta, general, tube_scatter, rng) -> Learners:
    tube_theta = theta[:, bank.tube_competence] + rng.normal(
        0.0, tube_scatter, (theta.shape[0], len(bank.tube_competence))
    )
    pix = true_pix(bank, tube_theta)
    return Learners(theta, general, tube_theta, pix, level_of(pix), _respond(bank, tube_theta, rng))


def track_p_learners(
    bank: SyntheticBank, per_competence: int, population: str, tube_scatter: float, seed: int
) -> Learners:
    """Track P: `per_competence` learners per competence, competence-major rows; each tests one competence."""
    rng = np.random.default_rng([seed, 3])
    n = per_competence * len(COMPETENCES)
    if population == "normal":
        theta = np.clip(rng.normal(2.5, 1.3, (n, len(COMPETENCES))), -0.5, 8.0)
    else:
        theta = rng.uniform(0.0, 7.5, (n, len(COMPETENCES)))
    return _learners(bank, theta, None, tube_scatter, rng)


def track_c_learners(bank: SyntheticBank, profiles: int, tube_scatter: float, seed: int) -> Learners:
    rng = np.random.default_rng([seed, 4])
    general = rng.uniform(0.5, 6.5, profiles)
    theta = general[:, None] + rng.normal(0.0, 0.8, (profiles, len(COMPETENCES)))
    return _learners(bank, theta, general, tube_scatter, rng)


def oracle_levels(
    bank: SyntheticBank,
    theta: np.ndarray,
    tube_scatter: float,
    seed: int,
    competence_spread: float = 0.0,
    draws: int = 300,
) -> tuple[np.ndarray, np.ndarray]:
    """Best level and pix guesses (posterior medians) when θ is known exactly: only the tube effects
    (and, with `competence_spread`, the competence around g) remain unknown."""
    rng = np.random.default_rng([seed, 6])
    levels = np.zeros(theta.shape)
    pix = np.zeros(theta.shape)
    for row in range(theta.shape[0]):
        sampled = np.repeat(theta[row][None, :], draws, axis=0)
        if competence_spread:
            sampled = sampled + rng.normal(0.0, competence_spread, sampled.shape)
        tube_theta = sampled[:, bank.tube_competence] + rng.normal(
            0.0, tube_scatter, (draws, len(bank.tube_competence))
        )
        drawn = true_pix(bank, tube_theta)
        pix[row] = np.floor(np.median(drawn, axis=0))
        levels[row] = np.floor(np.median(level_of(drawn), axis=0))
    return levels, pix
