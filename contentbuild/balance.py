"""Can a right answer be told from its position or its length alone? The bank's balance, per competence.

Shuffling (view.py) hides the authored position, except where a challenge keeps its order; length it cannot
hide. A learner who ticks the longest proposal without reading must do no better than chance, so the build
reports, per competence, where the right proposals were written and how long they are beside the wrong
ones, and refuses (under --strict) a competence where the right answer of a QCU is the longest proposal
more often than not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from chalicelib.content.model import Challenge, Status
from chalicelib.engine.checking import ChallengeType
from contentbuild.source import Problem, Sources

# Above this share of a competence's QCU whose right answer is the longest proposal, the build fails.
MAX_LONGEST_SHARE = 0.5


def visible_length(text: str) -> int:
    """The length a reader sees: Markdown marks (`code`, **bold**, *italic*) do not count."""
    return len(" ".join(text.replace("`", "").replace("*", "").split()))


def longest_credit(choices: Sequence[str], index: int) -> float:
    """The chance that a learner who picks the longest proposal picks proposal `index` (1-based): 1 when it
    is the longest, 1/k when it ties with k − 1 others at the longest, else 0."""
    lengths = [visible_length(c) for c in choices]
    if lengths[index - 1] < max(lengths):
        return 0.0
    return 1.0 / lengths.count(max(lengths))


def in_longest_half(choices: Sequence[str], index: int) -> bool:
    """Whether proposal `index` is among the ⌈n/2⌉ longest (fewer than ⌈n/2⌉ proposals are longer)."""
    lengths = [visible_length(c) for c in choices]
    return sum(1 for n in lengths if n > lengths[index - 1]) < math.ceil(len(lengths) / 2)


@dataclass(frozen=True, slots=True)
class Balance:
    """The position and length statistics of one competence's validated QCU and QCM."""

    competence: str
    qcu: int
    qcu_at: tuple[int, int, int, int]  # right answers written at position 1, 2, 3, 4 or later
    qcu_longest: float  # QCU whose right answer is the longest proposal (a tie of k at the longest: 1/k)
    qcu_length_ratio: float  # mean of (right answer's length / mean length of the wrong ones)
    qcm: int
    qcm_position: float  # mean written position of the right proposals
    qcm_position_chance: float  # the same if right proposals were anywhere
    qcm_longest_half: float  # share of right proposals among the longest half
    qcm_longest_half_chance: float  # the same if lengths told nothing
    kept_order: int  # QCU/QCM/drop-down challenges with `shuffle: false` or `fixed_last`

    @property
    def longest_share(self) -> float:
        return self.qcu_longest / self.qcu if self.qcu else 0.0


def balance(sources: Sources) -> list[Balance]:
    """One row per competence with content, in code order, then the whole release's ("total")."""
    served = [c for _, c in sources.challenges if c.status is Status.VALIDATED]
    rows = [_row(code, [c for c in served if c.competence == code]) for code in sorted(sources.competence_files)]
    return [*rows, _row("total", served)]


def _row(code: str, served: list[Challenge]) -> Balance:
    qcu = [c for c in served if c.type is ChallengeType.QCU and _answerable(c)]
    qcm = [c for c in served if c.type is ChallengeType.QCM and _answerable(c)]
    at = [0, 0, 0, 0]
    for c in qcu:
        at[min(c.solution.answer[0], 4) - 1] += 1
    ratios = []
    for c in qcu:
        right = c.solution.answer[0]
        wrong = [visible_length(t) for i, t in enumerate(c.choices, 1) if i != right]
        ratios.append(visible_length(c.choices[right - 1]) / max(1.0, sum(wrong) / len(wrong)))
    rights = [(c, i) for c in qcm for i in c.solution.answer]
    kept = sum(
        1 for c in served if (not c.shuffle or c.fixed_last) and (c.choices or any(f.options for f in c.fields))
    )
    return Balance(
        competence=code,
        qcu=len(qcu),
        qcu_at=(at[0], at[1], at[2], at[3]),
        qcu_longest=sum(longest_credit(c.choices, c.solution.answer[0]) for c in qcu),
        qcu_length_ratio=_mean(ratios),
        qcm=len(qcm),
        qcm_position=_mean([i for _, i in rights]),
        qcm_position_chance=_mean([(len(c.choices) + 1) / 2 for c, _ in rights]),
        qcm_longest_half=_mean([1.0 if in_longest_half(c.choices, i) else 0.0 for c, i in rights]),
        qcm_longest_half_chance=_mean([math.ceil(len(c.choices) / 2) / len(c.choices) for c, _ in rights]),
        kept_order=kept,
    )


def _answerable(challenge: Challenge) -> bool:
    """Proposals and right answers that make sense (the validator reports the others)."""
    answer, count = challenge.solution.answer, len(challenge.choices)
    return count >= 2 and bool(answer) and all(1 <= i <= count for i in answer)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def balance_problems(sources: Sources, rows: Sequence[Balance], strict: bool) -> list[Problem]:
    """A competence whose QCU's right answer is the longest proposal more often than not: an error under
    --strict (as `make content` runs), a warning otherwise."""
    return [
        Problem(
            sources.competence_files[row.competence],
            f"competence {row.competence}",
            f"the right answer is the longest proposal in {row.qcu_longest:g} of {row.qcu} QCU"
            f" ({row.longest_share:.0%}, more than {MAX_LONGEST_SHARE:.0%}): lengthen wrong proposals"
            " or shorten right ones, so that length tells nothing",
            warning=not strict,
        )
        for row in rows
        if row.competence in sources.competence_files and row.longest_share > MAX_LONGEST_SHARE
    ]


def balance_table(rows: Sequence[Balance]) -> str:
    """The statistics as a Markdown table (✗: the longest-answer share that fails the build)."""
    header = ["comp.", "QCU", "right at 1/2/3/4+", "longest", "len. ratio", "QCM", "mean pos. (chance)",
              "longest half (chance)", "kept order"]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [
            row.competence,
            row.qcu,
            "/".join(str(n) for n in row.qcu_at),
            f"{row.longest_share:.0%}" + (" ✗" if row.longest_share > MAX_LONGEST_SHARE else ""),
            f"{row.qcu_length_ratio:.2f}",
            row.qcm,
            f"{row.qcm_position:.2f} ({row.qcm_position_chance:.2f})",
            f"{row.qcm_longest_half:.0%} ({row.qcm_longest_half_chance:.0%})",
            row.kept_order,
        ]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)

