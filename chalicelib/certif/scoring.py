"""Scoring v2 of a certification (PRODUCTS.md "Finalisation, incidents, scoring"). Pure: no storage, no clock.

Two steps, so that the jury can change a neutralisation and rescore without replaying the automatic rules:

1. `resolve(questions, reports, abort_reason)` — at finalisation. Questions left unanswered by an unfinished
   test are skipped (the candidate's reason) or neutralised (a technical reason). Then every issue report is
   resolved automatically when a rule applies:
   - website blocked / unavailable, software not working, skipped after an "oops" page, accessibility →
     neutralise;
   - image not displaying / embed not working / file not opening / extra time exceeded → neutralise only if
     the challenge has an image / an embed / an attachment / a timer (else resolved with no effect);
   - unintentional focus out → only on a focused challenge: a focused-out answer counts right, a skipped one
     is neutralised (else resolved with no effect);
   - only a wrong or skipped answer is neutralised: a right one leaves the report resolved with no effect;
   - every other category (fraud, candidate information, non-blocking issues, signature), and an in-challenge
     report naming a question that was not asked, awaits the jury.
   Focus-out validations are applied before neutralisations, so the outcome does not depend on the reports'
   order.
2. `score(questions, profile, reachable_level)` — the certification's result (again after each jury change,
   `jury_neutralise`):
   - a question *counts* unless neutralised; it is *right* when `ok`, or `focusedOut` excused by a report
     (every other result — `ko`, `aband`, `timedout`, an unexcused `focusedOut`, unanswered — is wrong);
   - reproducibility rate = right ÷ counted, exact (a `Fraction`); shown as a whole percent rounded **down**, so
     that the shown number crosses 50/70/80 exactly when the rate does (79.9 % shows 79, in the 70–80 band);
   - cancelled when fewer than 66 % of the questions count (or none does: nothing was measured), else
     rejected below 50 %, else validated; cancelled and rejected certify no competence;
   - per competence of the positioned profile, the row (questions, right, neutralised) and the rate's band
     (≥ 80 / 70–80 / < 70) give V (level and pix kept), D (one level and 8 pix down, not below 0) or U
     (uncertified: level -1, 0 pix) — see `TABLE`; a competence with no question is uncertified; more than 3
     questions in a competence is a `ScoringError` (v2 asks at most 3);
   - then the cap: no level above the level reachable at that date, no more than 8 pix per reachable level;
   - the score is the sum of the certified pix.

Run as a command for the jury and audits: `python -m chalicelib.certif.scoring [--max-level N] < cert.json`
(see `main` for the formats).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
from typing import Any

from chalicelib.certif.issue_reports import Category, IssueReport, Subcategory
from chalicelib.engine.scoring import DEFAULT_MAX_REACHABLE_LEVEL

PIX_PER_LEVEL = 8
MAX_QUESTIONS_PER_COMPETENCE = 3
REJECTION_RATE = Fraction(50, 100)
CANCELLATION_SHARE = Fraction(66, 100)
UNCERTIFIED = -1


class Result(StrEnum):
    """An answer's result, as the runner records it (engine.checking.AnswerStatus)."""

    OK = "ok"
    KO = "ko"
    SKIPPED = "aband"
    TIMEDOUT = "timedout"
    FOCUSED_OUT = "focusedOut"


class AbortReason(StrEnum):
    """Why a test was not finished, given by the centre at finalisation."""

    CANDIDATE = "candidate"  # the unanswered questions are skipped: they count wrong
    TECHNICAL = "technical"  # the unanswered questions are neutralised


class Status(StrEnum):
    VALIDATED = "validated"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Verdict(StrEnum):
    V = "V"  # the positioned level and pix are kept
    D = "D"  # one level down, 8 pix less
    U = "U"  # uncertified


class Band(StrEnum):
    HIGH = "≥ 80"
    MIDDLE = "70–80"
    LOW = "< 70"


class Outcome(StrEnum):
    NEUTRALISED = "neutralised"
    VALIDATED = "validated"  # a focused-out answer now counts right
    NO_EFFECT = "no_effect"  # resolved: the rule does not apply to this question
    AWAITS_JURY = "awaits_jury"


class ScoringError(ValueError):
    """The certification cannot be scored as it is (a jury must look at it)."""


@dataclass(frozen=True, slots=True)
class Features:
    """What a challenge has that an in-challenge report may be about."""

    image: bool = False
    embed: bool = False
    attachment: bool = False
    timer: bool = False
    focused: bool = False


@dataclass(frozen=True, slots=True)
class Question:
    """One challenge of the course, in the order asked."""

    competence: str
    result: Result | None  # None: not answered (the test ended before)
    neutralised: bool = False
    focus_out_excused: bool = False  # a focused-out answer that a report made count right
    features: Features = Features()
    challenge_id: str = ""

    @property
    def right(self) -> bool:
        return self.result is Result.OK or (self.result is Result.FOCUSED_OUT and self.focus_out_excused)


@dataclass(frozen=True, slots=True)
class Positioned:
    """A competence of the candidate's profile when the certification started."""

    level: int
    pix: int


@dataclass(frozen=True, slots=True)
class ReportResolution:
    report: IssueReport
    outcome: Outcome
    reason: str  # a stable code: why this outcome


@dataclass(frozen=True, slots=True)
class Resolution:
    questions: tuple[Question, ...]
    reports: tuple[ReportResolution, ...]

    @property
    def awaiting_jury(self) -> tuple[IssueReport, ...]:
        return tuple(r.report for r in self.reports if r.outcome is Outcome.AWAITS_JURY)


@dataclass(frozen=True, slots=True)
class CompetenceScore:
    level: int  # UNCERTIFIED (-1) when not certified
    pix: int
    verdict: Verdict
    questions: int
    right: int
    neutralised: int


@dataclass(frozen=True, slots=True)
class Score:
    status: Status
    rate: Fraction  # right ÷ counted; 0 when nothing counts
    questions: int
    counted: int
    right: int
    competences: Mapping[str, CompetenceScore]

    @property
    def rate_percent(self) -> int:
        return int(self.rate * 100)  # rounded down (the rate is never negative)

    @property
    def pix(self) -> int:
        return sum(c.pix for c in self.competences.values())


# ---------------------------------------------------------------------------------------------------------------
# Automatic resolution of issue reports

_ALWAYS = frozenset({
    Subcategory.WEBSITE_BLOCKED,
    Subcategory.WEBSITE_UNAVAILABLE,
    Subcategory.SOFTWARE_NOT_WORKING,
    Subcategory.SKIP_ON_OOPS,
    Subcategory.ACCESSIBILITY_ISSUE,
})
_IF_FEATURE: dict[Subcategory, str] = {
    Subcategory.IMAGE_NOT_DISPLAYING: "image",
    Subcategory.EMBED_NOT_WORKING: "embed",
    Subcategory.FILE_NOT_OPENING: "attachment",
    Subcategory.EXTRA_TIME_EXCEEDED: "timer",
}


def resolve(
    questions: Sequence[Question], reports: Iterable[IssueReport], abort_reason: AbortReason | None = None
) -> Resolution:
    """The questions after the finalisation's rules, and what became of each report (in the given order)."""
    current = [_unanswered(q, abort_reason) for q in questions]
    reports = tuple(reports)
    outcomes: dict[int, ReportResolution] = {}
    focus_out_first = sorted(
        range(len(reports)), key=lambda i: reports[i].subcategory is not Subcategory.UNINTENTIONAL_FOCUS_OUT
    )
    for i in focus_out_first:
        outcomes[i] = _resolve_one(reports[i], current)
    return Resolution(tuple(current), tuple(outcomes[i] for i in range(len(reports))))


def _unanswered(question: Question, reason: AbortReason | None) -> Question:
    if question.result is not None or reason is None:
        return question
    if reason is AbortReason.TECHNICAL:
        return replace(question, neutralised=True)
    return replace(question, result=Result.SKIPPED)


def _resolve_one(report: IssueReport, questions: list[Question]) -> ReportResolution:
    """Apply one report to `questions` (changed in place) and say what it did."""
    sub = report.subcategory
    if report.category is not Category.IN_CHALLENGE or sub is None:
        return ReportResolution(report, Outcome.AWAITS_JURY, "NOT_AUTOMATIC")
    number = report.question_number
    if number is None or not 1 <= number <= len(questions):
        return ReportResolution(report, Outcome.AWAITS_JURY, "NO_SUCH_QUESTION")
    index = number - 1
    question = questions[index]
    if sub is Subcategory.UNINTENTIONAL_FOCUS_OUT:
        if not question.features.focused:
            return ReportResolution(report, Outcome.NO_EFFECT, "NOT_FOCUSED")
        if question.result is Result.FOCUSED_OUT:
            questions[index] = replace(question, focus_out_excused=True)
            return ReportResolution(report, Outcome.VALIDATED, "FOCUS_OUT_EXCUSED")
        if question.result is Result.SKIPPED:
            return _neutralise(report, questions, index)
        return ReportResolution(report, Outcome.NO_EFFECT, "NOT_FOCUSED_OUT_NOR_SKIPPED")
    if sub in _IF_FEATURE:
        feature = _IF_FEATURE[sub]
        if not getattr(question.features, feature):
            return ReportResolution(report, Outcome.NO_EFFECT, f"NO_{feature.upper()}")
        return _neutralise(report, questions, index)
    if sub in _ALWAYS:
        return _neutralise(report, questions, index)
    return ReportResolution(report, Outcome.AWAITS_JURY, "NOT_AUTOMATIC")


def _neutralise(report: IssueReport, questions: list[Question], index: int) -> ReportResolution:
    question = questions[index]
    if question.right:  # only a wrong, skipped or unanswered question is neutralised
        return ReportResolution(report, Outcome.NO_EFFECT, "ANSWER_RIGHT")
    questions[index] = replace(question, neutralised=True)
    return ReportResolution(report, Outcome.NEUTRALISED, "NEUTRALISED")


def jury_neutralise(questions: Sequence[Question], number: int, neutralised: bool = True) -> tuple[Question, ...]:
    """The jury neutralises question `number` (from 1), whatever its answer, or restores it (`neutralised=False`);
    then `score` again. ValueError for a number that was not asked."""
    if not 1 <= number <= len(questions):
        raise ValueError(f"no question {number} in a course of {len(questions)}")
    changed = list(questions)
    changed[number - 1] = replace(changed[number - 1], neutralised=neutralised)
    return tuple(changed)


# ---------------------------------------------------------------------------------------------------------------
# The score

_ROWS: dict[tuple[int, int, int], tuple[Verdict, Verdict, Verdict]] = {}


def _rows(keys: Iterable[tuple[int, int, int]], high: Verdict, middle: Verdict, low: Verdict) -> None:
    for key in keys:
        _ROWS[key] = (high, middle, low)


_V, _D, _U = Verdict.V, Verdict.D, Verdict.U
_rows([(3, 3, 0), (3, 2, 1), (2, 2, 0)], _V, _V, _V)
_rows([(3, 2, 0)], _V, _D, _D)
_rows([(3, 1, 1), (2, 1, 0)], _V, _D, _U)
_rows([(3, 1, 2), (2, 1, 1), (1, 1, 0)], _V, _V, _D)
_rows([(3, 1, 0)], _U, _U, _U)
TABLE: Mapping[tuple[int, int, int], tuple[Verdict, Verdict, Verdict]] = _ROWS
"""(questions, right, neutralised) → the verdict in the bands ≥ 80, 70–80, < 70; a row with 0 right is U."""


def band(rate: Fraction) -> Band:
    if rate >= Fraction(80, 100):
        return Band.HIGH
    if rate >= Fraction(70, 100):
        return Band.MIDDLE
    return Band.LOW


def verdict(questions: int, right: int, neutralised: int, rate: Fraction) -> Verdict:
    """The table's verdict for one competence (0 questions or 0 right: uncertified)."""
    if questions > MAX_QUESTIONS_PER_COMPETENCE:
        raise ScoringError(f"{questions} questions in one competence: v2 asks at most {MAX_QUESTIONS_PER_COMPETENCE}")
    if right + neutralised > questions or min(questions, right, neutralised) < 0:
        raise ScoringError(f"impossible row {questions}/{right}/{neutralised}")
    if right == 0:
        return Verdict.U
    row = TABLE[(questions, right, neutralised)]
    return row[list(Band).index(band(rate))]


def score(questions: Sequence[Question], profile: Mapping[str, Positioned], reachable_level: int) -> Score:
    """The result of a certification: its questions in the order asked (after `resolve` and the jury's
    neutralisations), the candidate's positioned profile at the start, and the highest level reachable then."""
    unknown = sorted({q.competence for q in questions} - set(profile))
    if unknown:
        raise ScoringError(f"questions on competences outside the positioned profile: {', '.join(unknown)}")
    counted = [q for q in questions if not q.neutralised]
    right = sum(1 for q in counted if q.right)
    rate = Fraction(right, len(counted)) if counted else Fraction(0)
    if not counted or Fraction(len(counted), len(questions)) < CANCELLATION_SHARE:
        status = Status.CANCELLED
    elif rate < REJECTION_RATE:
        status = Status.REJECTED
    else:
        status = Status.VALIDATED
    competences = {}
    for code, positioned in profile.items():
        mine = [q for q in questions if q.competence == code]
        neutralised = sum(1 for q in mine if q.neutralised)
        mine_right = sum(1 for q in mine if q.right and not q.neutralised)
        found = verdict(len(mine), mine_right, neutralised, rate)
        if status is not Status.VALIDATED:
            found = Verdict.U
        level, pix = _certified(positioned, found, reachable_level)
        competences[code] = CompetenceScore(level, pix, found, len(mine), mine_right, neutralised)
    return Score(status, rate, len(questions), len(counted), right, competences)


def _certified(positioned: Positioned, found: Verdict, reachable_level: int) -> tuple[int, int]:
    if found is Verdict.U:
        return UNCERTIFIED, 0
    level, pix = positioned.level, positioned.pix
    if found is Verdict.D:
        level, pix = max(level - 1, 0), max(pix - PIX_PER_LEVEL, 0)
    return min(level, reachable_level), min(pix, reachable_level * PIX_PER_LEVEL)


# ---------------------------------------------------------------------------------------------------------------
# The command

USAGE = """Score one certification (v2). Reads JSON on stdin:
  {"competences": {"1.1": {"level": 3, "pix": 27}, ...},
   "answers": [{"competence": "1.1", "result": "ok"|"ko"|"aband"|"timedout"|"focusedOut", "neutralized": false}, ...]}
(answers in the order asked; competences = the positioned profile at the start). Prints JSON on stdout:
  {"status": "validated"|"rejected"|"cancelled", "reproducibility_rate": <int percent, rounded down>,
   "pix": <total>, "competences": {"1.1": {"level": <int, -1 when uncertified>, "pix": <int>}, ...}}
Every competence of the input appears in the output. A "focusedOut" answer counts wrong (only a report of an
unintentional focus out, resolved at finalisation, makes it right; this input carries no report).
"""


class InputError(ValueError):
    pass


def parse(document: Any) -> tuple[list[Question], dict[str, Positioned]]:
    """The command's input as domain objects; InputError (in English, for the jury's tools) when malformed."""
    if not isinstance(document, dict) or set(document) - {"competences", "answers"}:
        raise InputError('expected an object with the keys "competences" and "answers" only')
    competences, answers = document.get("competences"), document.get("answers")
    if not isinstance(competences, dict) or not isinstance(answers, list):
        raise InputError('"competences" must be an object and "answers" a list')
    profile = {}
    for code, mark in competences.items():
        if not isinstance(mark, dict) or set(mark) != {"level", "pix"} or not all(
            _is_int(mark[k]) and mark[k] >= 0 for k in ("level", "pix")
        ):
            raise InputError(f'competence {code}: expected {{"level": <int ≥ 0>, "pix": <int ≥ 0>}}')
        profile[code] = Positioned(mark["level"], mark["pix"])
    questions = []
    for number, answer in enumerate(answers, start=1):
        if not isinstance(answer, dict) or not {"competence", "result"} <= set(answer) <= {
            "competence", "result", "neutralized"
        }:
            raise InputError(f'answer {number}: expected "competence", "result" and optionally "neutralized"')
        if answer["competence"] not in profile:
            raise InputError(f"answer {number}: competence {answer['competence']!r} is not in the profile")
        if answer["result"] not in set(Result):
            raise InputError(f"answer {number}: unknown result {answer['result']!r}")
        neutralised = answer.get("neutralized", False)
        if not isinstance(neutralised, bool):
            raise InputError(f'answer {number}: "neutralized" must be true or false')
        questions.append(Question(answer["competence"], Result(answer["result"]), neutralised))
    return questions, profile


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def as_output(result: Score) -> dict[str, Any]:
    return {
        "status": result.status.value,
        "reproducibility_rate": result.rate_percent,
        "pix": result.pix,
        "competences": {code: {"level": c.level, "pix": c.pix} for code, c in result.competences.items()},
    }


def reachable_level_now() -> int:
    """The highest level reachable today: the platform's setting (`MAX_REACHABLE_LEVEL`, as `settings` reads it,
    without needing the rest of the service's configuration)."""
    return int(os.environ.get("MAX_REACHABLE_LEVEL", str(DEFAULT_MAX_REACHABLE_LEVEL)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chalicelib.certif.scoring", description=USAGE, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--max-level", type=int, default=None,
        help="the highest level reachable at the certification's date (default: $MAX_REACHABLE_LEVEL, else "
        f"{DEFAULT_MAX_REACHABLE_LEVEL})",
    )
    args = parser.parse_args(argv)
    try:
        questions, profile = parse(json.load(sys.stdin))
        reachable = args.max_level if args.max_level is not None else reachable_level_now()
        result = score(questions, profile, reachable)
    except json.JSONDecodeError as error:
        print(f"invalid JSON: {error}", file=sys.stderr)
        return 2
    except (InputError, ScoringError) as error:
        print(str(error), file=sys.stderr)
        return 2
    json.dump(as_output(result), sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
