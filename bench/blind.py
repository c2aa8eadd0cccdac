"""Can a test be passed without reading the questions? Blind answerers against the real engine and bank.

    python -m bench.blind [--learners N] [--competences 1.1,2.4] [--release FILE]

Each simulated learner takes a whole competence test, as the evaluation room runs it: the engine's
`next_challenge` on the real release's bank (`bank_from_release`), knowledge elements from each answer, and
the level of the profile (pix of the validated skills). It never reads a question: it answers by position or
length only, and skips whatever must be typed. The table gives the mean level and pix each strategy reaches
with the order shown to learners (shuffled per assessment, content/view.py) and with the authored order
(what the bank's position bias gave before shuffling). Same arguments, same table.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("JWT_SECRET", "bench-secret-with-enough-length-for-hs256")  # the order's key

from chalicelib.content.model import Challenge, Release  # noqa: E402
from chalicelib.content.release import get_release, load_release  # noqa: E402
from chalicelib.content.view import answer_from_display, challenge_for_learner  # noqa: E402
from chalicelib.engine import knowledge as knowledge_rules  # noqa: E402
from chalicelib.engine import scoring, selection  # noqa: E402
from chalicelib.engine.bank import Bank  # noqa: E402
from chalicelib.engine.checking import AnswerShapeError, AnswerStatus, ChallengeType, check_answer  # noqa: E402
from chalicelib.evaluation.bank import bank_from_release  # noqa: E402

MAX_LEVEL = 7  # the setting's default (MAX_REACHABLE_LEVEL)
QCM_TICKS = 3  # right answers of a QCM were most often its first three: what a pattern script ticks
START = datetime(2025, 1, 6, 9, tzinfo=UTC)

View = dict[str, Any]
Strategy = Callable[[View], object]  # the payload to send, or None to skip


def _longest_first(texts: Sequence[str]) -> list[int]:
    """1-based positions, longest text first (ties: the one shown first)."""
    return sorted(range(1, len(texts) + 1), key=lambda p: (-len(texts[p - 1]), p))


def _blind(pick: Callable[[Sequence[str], int], list[int]], qcm_ticks: int) -> Strategy:
    """A strategy from a way of picking n positions among texts: QCU one, QCM `qcm_ticks` (leaving one
    unticked), every drop-down one; a challenge with a field to type is skipped."""

    def answer(view: View) -> object:
        if view["type"] == ChallengeType.QCU:
            return pick(view["choices"], 1)[0]
        if view["type"] == ChallengeType.QCM:
            return sorted(pick(view["choices"], min(qcm_ticks, len(view["choices"]) - 1)))
        fields = view.get("fields") or []
        if not fields or any(not f["options"] for f in fields):
            return None  # something to type: skip
        return {f["id"]: f["options"][pick(f["options"], 1)[0] - 1] for f in fields}

    return answer


STRATEGIES: dict[str, Strategy] = {
    "first (QCM: the first)": _blind(lambda texts, n: list(range(1, n + 1)), 1),
    "first (QCM: the first three)": _blind(lambda texts, n: list(range(1, n + 1)), QCM_TICKS),
    "longest (QCM: the three longest)": _blind(lambda texts, n: _longest_first(texts)[:n], QCM_TICKS),
    "skip everything": lambda view: None,
}


@dataclass(frozen=True, slots=True)
class Outcome:
    level: int  # the profile's level: pix of the validated skills
    pix: int
    estimate: int  # the engine's estimate (posterior median), for reference
    answered: int
    right: int


def take_test(
    bank: Bank, release: Release, competence: str, strategy: Strategy, seed: str, *, shuffled: bool = True
) -> Outcome:
    """One blind learner's whole test, as the evaluation room runs it (answers checked after mapping the
    displayed positions back; `shuffled=False` shows the authored order)."""
    answers: list[selection.Answer] = []
    knowledge = knowledge_rules.empty(competence)
    now = START
    while (challenge_id := selection.next_challenge(bank, competence, answers, None, seed=seed)) is not None:
        challenge = release.challenges[challenge_id]
        shown = challenge if shuffled else dataclasses.replace(challenge, shuffle=False)
        result = _result(shown, seed, strategy(challenge_for_learner(shown, seed)))
        knowledge = knowledge_rules.apply_answer(
            knowledge, challenge.tube, challenge.level, bank.tube_levels(challenge.tube), result, now
        )
        answers.append(selection.Answer(challenge_id, result))
        now += timedelta(seconds=20)
    pix = scoring.competence_pix(
        bank.pix[skill.name] for tube, level in knowledge.validated() if (skill := bank.skill_at(tube, level))
    )
    return Outcome(
        level=scoring.competence_level(pix, bank.max_level),
        pix=pix,
        estimate=selection.estimate(bank, competence, answers).level,
        answered=len(answers),
        right=sum(1 for _, r in answers if r == AnswerStatus.OK),
    )


def _result(challenge: Challenge, seed: str, payload: object) -> str:
    if payload is None:
        return AnswerStatus.ABAND.value
    try:
        return check_answer(challenge.solution, answer_from_display(challenge, seed, payload)).value
    except AnswerShapeError as error:  # a strategy's bug, not a wrong answer
        raise AssertionError(f"{challenge.id}: {payload!r} is malformed: {error}") from None


def seeds(learners: int) -> list[str]:
    """Assessment ids shaped like the room's (user id, a dot, 12 hex digits)."""
    return [f"blind-{n:04d}.{(n * 2654435761) % 16**12:012x}" for n in range(learners)]


@dataclass(frozen=True, slots=True)
class Row:
    strategy: str
    shuffled: bool
    tests: int
    level: float
    level_max: int
    above_one: float  # share of tests ending above level 1
    pix: float
    estimate: float
    right: float  # share of answers right


def measure(
    competences: Sequence[str],
    learners: int,
    strategies: dict[str, Strategy] = STRATEGIES,
    release: Release | None = None,
) -> list[Row]:
    release = release or get_release()
    bank = bank_from_release(release, MAX_LEVEL)
    rows = []
    for name, strategy in strategies.items():
        for shuffled in (True, False):
            outcomes = [
                take_test(bank, release, code, strategy, seed, shuffled=shuffled)
                for code in competences
                for seed in seeds(learners)
            ]
            rows.append(
                Row(
                    strategy=name,
                    shuffled=shuffled,
                    tests=len(outcomes),
                    level=statistics.fmean(o.level for o in outcomes),
                    level_max=max(o.level for o in outcomes),
                    above_one=sum(o.level > 1 for o in outcomes) / len(outcomes),
                    pix=statistics.fmean(o.pix for o in outcomes),
                    estimate=statistics.fmean(o.estimate for o in outcomes),
                    right=sum(o.right for o in outcomes) / max(1, sum(o.answered for o in outcomes)),
                )
            )
    return rows


def table(rows: Sequence[Row]) -> str:
    header = ["strategy", "order", "tests", "level", "max", "level > 1", "pix", "estimate", "right answers"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [r.strategy, "shuffled" if r.shuffled else "authored", r.tests, f"{r.level:.2f}", r.level_max,
                 f"{r.above_one:.0%}", f"{r.pix:.1f}", f"{r.estimate:.2f}", f"{r.right:.0%}"]  # fmt: skip
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.blind", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=12, help="simulated learners per competence (default 12)")
    parser.add_argument("--competences", default="", help="comma-separated codes (default: every competence)")
    parser.add_argument("--release", type=Path, help="another release.json (e.g. built from older content)")
    args = parser.parse_args(argv)
    release = load_release(args.release) if args.release else get_release()
    competences = [c for c in args.competences.split(",") if c] or list(release.competences)
    rows = measure(competences, args.learners, release=release)
    print(f"Blind answerers on release {release.version}: {args.learners} learners per competence,", end=" ")
    print(f"{len(competences)} competence(s)")
    print()
    print(table(rows))
    shuffled = [r for r in rows if r.shuffled]
    worst = max(shuffled, key=lambda r: r.level)
    verdict = "OK" if worst.level <= 1 else "FAILED"
    print()
    print(f"{verdict}: with the shuffled order, the best blind strategy reaches level {worst.level:.2f} on average.")
    return 0 if worst.level <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())
