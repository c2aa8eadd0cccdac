"""Scoring v2 (PRODUCTS.md "Finalisation, incidents, scoring"): every row of the table in every band, every
automatic resolution rule, and the command `python -m chalicelib.certif.scoring` on every case."""

import io
import itertools
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from chalicelib.certif import scoring
from chalicelib.certif.issue_reports import SUBCATEGORIES, Category, IssueReport, Subcategory, report_problems
from chalicelib.certif.scoring import (
    AbortReason,
    Band,
    Features,
    Outcome,
    Positioned,
    Question,
    Result,
    Status,
    Verdict,
)

ROOT = Path(__file__).resolve().parents[2]
V, D, U = Verdict.V, Verdict.D, Verdict.U

# PRODUCTS.md's table, written out again here: (questions, right, neutralised) → (≥ 80, 70–80, < 70).
EXPECTED_TABLE = {
    (3, 3, 0): (V, V, V), (3, 2, 1): (V, V, V), (2, 2, 0): (V, V, V),
    (3, 2, 0): (V, D, D),
    (3, 1, 1): (V, D, U), (2, 1, 0): (V, D, U),
    (3, 1, 2): (V, V, D), (2, 1, 1): (V, V, D), (1, 1, 0): (V, V, D),
    (3, 1, 0): (U, U, U),
}
BANDS = [Band.HIGH, Band.MIDDLE, Band.LOW]
BAND_RANGES = {Band.HIGH: (Fraction(80, 100), Fraction(1)), Band.MIDDLE: (Fraction(70, 100), Fraction(80, 100)),
               Band.LOW: (Fraction(50, 100), Fraction(70, 100))}
FILLERS = [f"{d}.{c}" for d in range(1, 6) for c in range(1, 4)][1:16]  # competences other than 1.1


def every_possible_row():
    for questions in range(0, 4):
        for neutralised in range(0, questions + 1):
            for right in range(0, questions - neutralised + 1):
                yield questions, right, neutralised


# ------------------------------------------------------------------------------------------------ the table


def test_the_table_is_products_table_and_covers_every_possible_row():
    assert dict(scoring.TABLE) == EXPECTED_TABLE
    for row in every_possible_row():
        for rate in (Fraction(9, 10), Fraction(3, 4), Fraction(6, 10)):
            found = scoring.verdict(*row, rate)
            if row[1] == 0:
                assert found is U, row
            else:
                assert found is EXPECTED_TABLE[row][BANDS.index(scoring.band(rate))], row


@pytest.mark.parametrize(("rate", "expected"), [
    (Fraction(1), Band.HIGH), (Fraction(80, 100), Band.HIGH), (Fraction(799, 1000), Band.MIDDLE),
    (Fraction(70, 100), Band.MIDDLE), (Fraction(699, 1000), Band.LOW), (Fraction(0), Band.LOW),
])
def test_the_bands_include_their_lower_bound(rate, expected):
    assert scoring.band(rate) is expected


def test_more_than_three_questions_in_a_competence_is_a_scoring_error():
    with pytest.raises(scoring.ScoringError):
        scoring.verdict(4, 4, 0, Fraction(1))
    with pytest.raises(scoring.ScoringError):
        scoring.score([Question("1.1", Result.OK)] * 4, {"1.1": Positioned(3, 27)}, 7)


def _certification_in_band(row, wanted):
    """Competence 1.1 with the given row, plus filler competences of 3 right or 3 wrong answers, chosen so that
    the certification's rate falls in the wanted band (and it is neither cancelled nor rejected)."""
    questions, right, neutralised = row
    target = ([Question("1.1", Result.OK)] * right
              + [Question("1.1", Result.KO, neutralised=True)] * neutralised
              + [Question("1.1", Result.KO)] * (questions - right - neutralised))
    low, high = BAND_RANGES[wanted]
    for good, bad in itertools.product(range(16), range(16)):
        if good + bad > 15:
            continue
        all_right = right + 3 * good
        counted = questions - neutralised + 3 * (good + bad)
        total = questions + 3 * (good + bad)
        if not counted or Fraction(counted, total) < Fraction(66, 100):
            continue
        rate = Fraction(all_right, counted)
        if low <= rate < high or (wanted is Band.HIGH and rate == 1):
            fillers = FILLERS[:good + bad]
            answers = list(target)
            for i, code in enumerate(fillers):
                answers += [Question(code, Result.OK if i < good else Result.KO)] * 3
            profile = {"1.1": Positioned(4, 35)} | {code: Positioned(2, 20) for code in fillers}
            return answers, profile, fillers[:good], fillers[good:]
    raise AssertionError(f"no certification found for {row} in {wanted}")


@pytest.mark.parametrize("row", sorted(EXPECTED_TABLE), ids=lambda r: "/".join(map(str, r)))
@pytest.mark.parametrize("wanted", BANDS, ids=lambda b: b.name)
def test_every_row_of_the_table_in_every_band_through_the_score(row, wanted):
    answers, profile, good, bad = _certification_in_band(row, wanted)
    result = scoring.score(answers, profile, reachable_level=7)
    assert result.status is Status.VALIDATED
    assert scoring.band(result.rate) is wanted
    expected = EXPECTED_TABLE[row][BANDS.index(wanted)]
    mark = result.competences["1.1"]
    assert (mark.verdict, mark.questions, mark.right, mark.neutralised) == (expected, *row)
    assert (mark.level, mark.pix) == {V: (4, 35), D: (3, 27), U: (-1, 0)}[expected]
    assert all(result.competences[c].verdict is V and result.competences[c].pix == 20 for c in good)
    assert all(result.competences[c].level == -1 and result.competences[c].pix == 0 for c in bad)
    assert result.pix == mark.pix + 20 * len(good)


# ------------------------------------------------------------------------------------------------ status and rate


def _answers(spec):
    """'1.1:ok 1.1:ko* ...' → questions (a trailing * marks a neutralised question)."""
    out = []
    for item in spec.split():
        code, result = item.split(":")
        out.append(Question(code, Result(result.rstrip("*")), neutralised=result.endswith("*")))
    return out


@pytest.mark.parametrize(("spec", "status", "rate"), [
    ("1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ok 1.2:ok", Status.VALIDATED, 83),
    ("1.1:ok 1.1:ko 1.2:ok 1.2:ko", Status.VALIDATED, 50),  # 50 % exactly is not below 50 %
    ("1.1:ok 1.1:ko 1.1:ko 1.2:ok 1.2:ko 1.2:ko 1.3:ok", Status.REJECTED, 42),
    ("1.1:ok 1.1:ok 1.1:ok 1.2:ok* 1.2:ko*", Status.CANCELLED, 100),  # 3 of 5 count: 60 % < 66 %
    ("1.1:ok 1.1:ok 1.2:ko*", Status.VALIDATED, 100),  # 2 of 3 count: 66.7 % ≥ 66 %
    ("1.1:ok 1.1:ok 1.2:ok* 1.2:ok*", Status.CANCELLED, 100),  # 2 of 4 count
    ("1.1:ko* 1.1:ok*", Status.CANCELLED, 0),  # nothing counts
    ("", Status.CANCELLED, 0),
    ("1.1:ok 1.1:ok 1.1:ok 1.2:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ok 1.3:ok 2.1:ok 2.1:ok 2.1:ko 2.2:ok 2.2:ko 2.2:ok",
     Status.VALIDATED, 86),
])
def test_status_and_rate(spec, status, rate):
    profile = {c: Positioned(2, 16) for c in ("1.1", "1.2", "1.3", "2.1", "2.2")}
    result = scoring.score(_answers(spec), profile, 7)
    assert (result.status, result.rate_percent) == (status, rate)
    if status is not Status.VALIDATED:
        assert result.pix == 0
        assert all(c.level == -1 and c.verdict is U for c in result.competences.values())


def test_the_shown_rate_is_rounded_down_so_it_crosses_thresholds_with_the_rate():
    # 79.9 % stays in the 70-80 band and shows 79; 2/3 shows 66
    questions = [Question("1.1", Result.OK)] * 2 + [Question("1.1", Result.KO)]
    assert scoring.score(questions, {"1.1": Positioned(1, 8)}, 7).rate_percent == 66
    assert int(Fraction(799, 1000) * 100) == 79


def test_focused_out_counts_wrong_unless_excused_and_unanswered_counts_wrong():
    profile = {"1.1": Positioned(3, 24)}
    plain = scoring.score([Question("1.1", Result.OK), Question("1.1", Result.FOCUSED_OUT)], profile, 7)
    assert (plain.right, plain.rate_percent) == (1, 50)
    excused = scoring.score(
        [Question("1.1", Result.OK), Question("1.1", Result.FOCUSED_OUT, focus_out_excused=True)], profile, 7
    )
    assert (excused.right, excused.rate_percent) == (2, 100)
    unanswered = scoring.score([Question("1.1", Result.OK), Question("1.1", None)], profile, 7)
    assert unanswered.right == 1


@pytest.mark.parametrize(("positioned", "reachable", "kept", "down"), [
    (Positioned(3, 27), 7, (3, 27), (2, 19)),
    (Positioned(6, 50), 5, (5, 40), (5, 40)),  # capped: level 5, 8 pix per level
    (Positioned(6, 50), 6, (6, 48), (5, 42)),
    (Positioned(1, 9), 7, (1, 9), (0, 1)),
    (Positioned(1, 5), 7, (1, 5), (0, 0)),  # never below 0
])
def test_kept_and_one_level_down_are_capped_at_the_reachable_level(positioned, reachable, kept, down):
    profile = {"1.1": positioned, "1.2": Positioned(2, 16), "1.3": Positioned(2, 16)}
    high = _answers("1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ok 1.3:ok")  # 3/2/0 at 88 %: V
    middle = _answers("1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ko 1.3:ok")  # 3/2/0 at 77 %: D
    mark = scoring.score(high, profile, reachable).competences["1.1"]
    assert (mark.verdict, mark.level, mark.pix) == (V, *kept)
    mark = scoring.score(middle, profile, reachable).competences["1.1"]
    assert (mark.verdict, mark.level, mark.pix) == (D, *down)


def test_a_competence_without_questions_is_uncertified_and_unknown_ones_are_errors():
    result = scoring.score(_answers("1.1:ok 1.1:ok"), {"1.1": Positioned(2, 16), "3.1": Positioned(0, 4)}, 7)
    assert result.competences["3.1"].level == -1 and result.competences["3.1"].pix == 0
    with pytest.raises(scoring.ScoringError):
        scoring.score(_answers("1.1:ok 9.9:ok"), {"1.1": Positioned(2, 16)}, 7)


# ------------------------------------------------------------------------------------------------ resolution

ALWAYS = [Subcategory.WEBSITE_BLOCKED, Subcategory.WEBSITE_UNAVAILABLE, Subcategory.SOFTWARE_NOT_WORKING,
          Subcategory.SKIP_ON_OOPS, Subcategory.ACCESSIBILITY_ISSUE]
IF_FEATURE = {Subcategory.IMAGE_NOT_DISPLAYING: Features(image=True),
              Subcategory.EMBED_NOT_WORKING: Features(embed=True),
              Subcategory.FILE_NOT_OPENING: Features(attachment=True),
              Subcategory.EXTRA_TIME_EXCEEDED: Features(timer=True)}
WRONG = [Result.KO, Result.SKIPPED, Result.TIMEDOUT, Result.FOCUSED_OUT]
EVERY_FEATURE = Features(image=True, embed=True, attachment=True, timer=True, focused=True)

RULES = (
    # (subcategory, the challenge's features, the answer's result) → outcome
    [(sub, Features(), result, Outcome.NEUTRALISED) for sub in ALWAYS for result in WRONG]
    + [(sub, EVERY_FEATURE, Result.OK, Outcome.NO_EFFECT) for sub in ALWAYS]
    + [(sub, feat, result, Outcome.NEUTRALISED) for sub, feat in IF_FEATURE.items() for result in WRONG]
    + [(sub, feat, Result.OK, Outcome.NO_EFFECT) for sub, feat in IF_FEATURE.items()]
    # without the feature the report is about: resolved with no effect
    + [(sub, Features(**{k: True for k in ("image", "embed", "attachment", "timer", "focused")
                         if getattr(feat, k) is False}), Result.KO, Outcome.NO_EFFECT)
       for sub, feat in IF_FEATURE.items()]
    + [
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(focused=True), Result.FOCUSED_OUT, Outcome.VALIDATED),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(focused=True), Result.SKIPPED, Outcome.NEUTRALISED),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(focused=True), Result.KO, Outcome.NO_EFFECT),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(focused=True), Result.TIMEDOUT, Outcome.NO_EFFECT),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(focused=True), Result.OK, Outcome.NO_EFFECT),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(image=True, timer=True), Result.FOCUSED_OUT, Outcome.NO_EFFECT),
        (Subcategory.UNINTENTIONAL_FOCUS_OUT, Features(), Result.SKIPPED, Outcome.NO_EFFECT),
    ]
)


@pytest.mark.parametrize(("sub", "features", "result", "outcome"), RULES,
                         ids=[f"{r[0].name}-{r[2].value}-{r[3].value}-{i}" for i, r in enumerate(RULES)])
def test_every_automatic_resolution_rule(sub, features, result, outcome):
    questions = [Question("1.1", Result.OK), Question("1.2", result, features=features), Question("1.3", Result.KO)]
    report = IssueReport(Category.IN_CHALLENGE, sub, question_number=2)
    resolution = scoring.resolve(questions, [report])
    assert [r.outcome for r in resolution.reports] == [outcome]
    after = resolution.questions[1]
    assert after.neutralised is (outcome is Outcome.NEUTRALISED)
    assert after.right is (outcome is Outcome.VALIDATED or result is Result.OK)
    assert resolution.questions[0] == questions[0] and resolution.questions[2] == questions[2]
    assert resolution.awaiting_jury == ()


def test_every_in_challenge_subcategory_has_a_tested_rule():
    tested = {rule[0] for rule in RULES}
    assert tested == set(SUBCATEGORIES[Category.IN_CHALLENGE])


@pytest.mark.parametrize("report", [
    IssueReport(Category.FRAUD),
    IssueReport(Category.NON_BLOCKING_CANDIDATE_ISSUE),
    IssueReport(Category.NON_BLOCKING_TECHNICAL_ISSUE),
    IssueReport(Category.SIGNATURE_ISSUE),
    IssueReport(Category.CANDIDATE_INFORMATION_CHANGE, Subcategory.NAME_OR_BIRTHDATE),
    IssueReport(Category.CANDIDATE_INFORMATION_CHANGE, Subcategory.EXTRA_TIME_PERCENTAGE),
    IssueReport(Category.IN_CHALLENGE, Subcategory.WEBSITE_BLOCKED, question_number=4),  # no 4th question
    IssueReport(Category.IN_CHALLENGE, Subcategory.WEBSITE_BLOCKED, question_number=0),
], ids=lambda r: f"{r.category.name}-{r.subcategory}-{r.question_number}")
def test_the_other_reports_await_the_jury_and_change_nothing(report):
    questions = [Question("1.1", Result.KO), Question("1.1", Result.SKIPPED), Question("1.1", Result.FOCUSED_OUT)]
    resolution = scoring.resolve(questions, [report])
    assert resolution.questions == tuple(questions)
    assert resolution.awaiting_jury == (report,)


def test_a_focus_out_excuse_wins_over_a_neutralisation_whatever_the_order():
    question = Question("1.1", Result.FOCUSED_OUT, features=Features(focused=True))
    focus = IssueReport(Category.IN_CHALLENGE, Subcategory.UNINTENTIONAL_FOCUS_OUT, question_number=1)
    blocked = IssueReport(Category.IN_CHALLENGE, Subcategory.WEBSITE_BLOCKED, question_number=1)
    for reports in ([focus, blocked], [blocked, focus]):
        resolution = scoring.resolve([question], reports)
        assert resolution.questions[0].right and not resolution.questions[0].neutralised
        outcomes = {r.report.subcategory: r.outcome for r in resolution.reports}
        assert outcomes == {Subcategory.UNINTENTIONAL_FOCUS_OUT: Outcome.VALIDATED,
                            Subcategory.WEBSITE_BLOCKED: Outcome.NO_EFFECT}
        assert [r.report for r in resolution.reports] == reports  # in the given order


@pytest.mark.parametrize(("reason", "expected"), [
    (AbortReason.CANDIDATE, (Result.SKIPPED, False)),
    (AbortReason.TECHNICAL, (None, True)),
    (None, (None, False)),
])
def test_unanswered_questions_follow_the_abort_reason(reason, expected):
    questions = [Question("1.1", Result.OK), Question("1.1", None), Question("1.2", None)]
    resolution = scoring.resolve(questions, [], reason)
    assert resolution.questions[0] == questions[0]
    assert all((q.result, q.neutralised) == expected for q in resolution.questions[1:])


def test_resolution_then_score_a_whole_certification():
    features = Features(focused=True)
    questions = [
        Question("1.1", Result.OK), Question("1.1", Result.FOCUSED_OUT, features=features), Question("1.1", Result.OK),
        Question("1.2", Result.KO), Question("1.2", Result.OK), Question("1.2", Result.OK),
        Question("1.3", Result.OK), Question("1.3", None), Question("1.3", None),
    ]
    reports = [IssueReport(Category.IN_CHALLENGE, Subcategory.UNINTENTIONAL_FOCUS_OUT, question_number=2),
               IssueReport(Category.IN_CHALLENGE, Subcategory.SOFTWARE_NOT_WORKING, question_number=4),
               IssueReport(Category.FRAUD)]
    resolution = scoring.resolve(questions, reports, AbortReason.TECHNICAL)
    assert [r.outcome for r in resolution.reports] == [Outcome.VALIDATED, Outcome.NEUTRALISED, Outcome.AWAITS_JURY]
    profile = {"1.1": Positioned(3, 30), "1.2": Positioned(2, 20), "1.3": Positioned(4, 33)}
    result = scoring.score(resolution.questions, profile, 7)
    # 6 right of 6 counted (9 questions, 3 neutralised: 66.7 % count)
    assert (result.status, result.rate_percent, result.counted) == (Status.VALIDATED, 100, 6)
    assert {c: (m.level, m.pix) for c, m in result.competences.items()} == {
        "1.1": (3, 30), "1.2": (2, 20), "1.3": (4, 33)}  # 3/3/0, 3/2/1, 3/1/2 at ≥ 80 %: V
    assert result.pix == 83


@pytest.mark.parametrize(("report", "problems"), [
    (IssueReport(Category.IN_CHALLENGE, Subcategory.SKIP_ON_OOPS, question_number=3), 0),
    (IssueReport(Category.IN_CHALLENGE, Subcategory.SKIP_ON_OOPS), 1),
    (IssueReport(Category.IN_CHALLENGE), 2),
    (IssueReport(Category.FRAUD, question_number=2), 1),
    (IssueReport(Category.FRAUD, Subcategory.SKIP_ON_OOPS), 1),
    (IssueReport(Category.CANDIDATE_INFORMATION_CHANGE, Subcategory.WEBSITE_BLOCKED), 1),
])
def test_report_checks(report, problems):
    assert len(report_problems(report)) == problems


# ------------------------------------------------------------------------------------------------ the command


def _doc(profile, spec):
    answers = [{"competence": q.competence, "result": q.result.value, "neutralized": q.neutralised}
               for q in _answers(spec)]
    return {"competences": {c: {"level": lv, "pix": px} for c, (lv, px) in profile.items()}, "answers": answers}


THREE = {"1.1": (3, 27), "1.2": (2, 17), "1.3": (4, 35)}
COMMAND_CASES = [
    # (name, input, args, expected output)
    ("high band, all kept", _doc(THREE, "1.1:ok 1.1:ok 1.1:ok 1.2:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ok 1.3:ko"), [],
     {"status": "validated", "reproducibility_rate": 88, "pix": 79,
      "competences": {"1.1": {"level": 3, "pix": 27}, "1.2": {"level": 2, "pix": 17}, "1.3": {"level": 4, "pix": 35}}}),
    ("middle band: 3/2/0 one level down", _doc(THREE, "1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ok 1.3:ko"),
     [], {"status": "validated", "reproducibility_rate": 77, "pix": 63,
          "competences": {"1.1": {"level": 2, "pix": 19}, "1.2": {"level": 2, "pix": 17},
                          "1.3": {"level": 3, "pix": 27}}}),
    ("low band", _doc(THREE, "1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ko 1.2:ok 1.3:ok 1.3:ko 1.3:ko"), [],
     {"status": "validated", "reproducibility_rate": 55, "pix": 28,
      "competences": {"1.1": {"level": 2, "pix": 19}, "1.2": {"level": 1, "pix": 9}, "1.3": {"level": -1, "pix": 0}}}),
    ("rejected under 50 %", _doc(THREE, "1.1:ok 1.1:ko 1.1:ko 1.2:ok 1.2:ko 1.2:ko 1.3:ok 1.3:ok 1.3:ko"), [],
     {"status": "rejected", "reproducibility_rate": 44, "pix": 0,
      "competences": {c: {"level": -1, "pix": 0} for c in THREE}}),
    ("exactly 50 % is validated", _doc(THREE, "1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ko 1.2:ko 1.3:ok 1.3:ko"), [],
     {"status": "validated", "reproducibility_rate": 50, "pix": 19,
      "competences": {"1.1": {"level": 2, "pix": 19}, "1.2": {"level": -1, "pix": 0}, "1.3": {"level": -1, "pix": 0}}}),
    ("cancelled: fewer than 66 % count", _doc(THREE, "1.1:ok 1.1:ok* 1.1:ko* 1.2:ok 1.2:ok* 1.2:ok 1.3:ok* 1.3:ok"),
     [], {"status": "cancelled", "reproducibility_rate": 100, "pix": 0,
          "competences": {c: {"level": -1, "pix": 0} for c in THREE}}),
    ("jury neutralisation keeps the level: 3/2/1", _doc(THREE, "1.1:ok 1.1:ok 1.1:ko* 1.2:ok 1.2:ok 1.2:ok 1.3:ok "
                                                           "1.3:ok 1.3:ok"), [],
     {"status": "validated", "reproducibility_rate": 100, "pix": 79,
      "competences": {"1.1": {"level": 3, "pix": 27}, "1.2": {"level": 2, "pix": 17}, "1.3": {"level": 4, "pix": 35}}}),
    ("focusedOut counts wrong", _doc(THREE, "1.1:ok 1.1:ok 1.1:focusedOut 1.2:ok 1.2:timedout 1.2:ok 1.3:aband "
                                            "1.3:ok 1.3:ok"), [],
     {"status": "validated", "reproducibility_rate": 66, "pix": 55,
      "competences": {"1.1": {"level": 2, "pix": 19}, "1.2": {"level": 1, "pix": 9}, "1.3": {"level": 3, "pix": 27}}}),
    ("cap at the reachable level", _doc({"1.1": (6, 52), "1.2": (5, 41)}, "1.1:ok 1.1:ok 1.1:ok 1.2:ok 1.2:ok 1.2:ok"),
     ["--max-level", "5"],
     {"status": "validated", "reproducibility_rate": 100, "pix": 80,
      "competences": {"1.1": {"level": 5, "pix": 40}, "1.2": {"level": 5, "pix": 40}}}),
    ("untested competences appear uncertified", _doc(THREE | {"5.2": (0, 3), "4.1": (2, 18)},
                                                     "1.1:ok 1.1:ok 1.2:ok 1.2:ok 1.3:ok 1.3:ok"), [],
     {"status": "validated", "reproducibility_rate": 100, "pix": 79,
      "competences": {"1.1": {"level": 3, "pix": 27}, "1.2": {"level": 2, "pix": 17}, "1.3": {"level": 4, "pix": 35},
                      "5.2": {"level": -1, "pix": 0}, "4.1": {"level": -1, "pix": 0}}}),
    ("no answer at all", _doc(THREE, ""), [],
     {"status": "cancelled", "reproducibility_rate": 0, "pix": 0,
      "competences": {c: {"level": -1, "pix": 0} for c in THREE}}),
]


def _run(document, args):
    return subprocess.run([sys.executable, "-m", "chalicelib.certif.scoring", *args], input=json.dumps(document),
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


@pytest.mark.parametrize(("document", "args", "expected"), [c[1:] for c in COMMAND_CASES],
                         ids=[c[0] for c in COMMAND_CASES])
def test_the_command_answers_every_case(document, args, expected):
    done = _run(document, args)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected
    assert list(json.loads(done.stdout)["competences"]) == list(document["competences"])


def test_the_command_agrees_with_the_pure_score():
    for _, document, args, expected in COMMAND_CASES:
        questions, profile = scoring.parse(document)
        reachable = int(args[1]) if args else scoring.reachable_level_now()
        assert scoring.as_output(scoring.score(questions, profile, reachable)) == expected


def test_the_default_reachable_level_is_the_platform_setting(monkeypatch):
    monkeypatch.delenv("MAX_REACHABLE_LEVEL", raising=False)
    assert scoring.reachable_level_now() == 7
    monkeypatch.setenv("MAX_REACHABLE_LEVEL", "5")
    assert scoring.reachable_level_now() == 5
    document = _doc({"1.1": (6, 50)}, "1.1:ok 1.1:ok 1.1:ok")
    done = subprocess.run([sys.executable, "-m", "chalicelib.certif.scoring"], input=json.dumps(document),
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert json.loads(done.stdout)["competences"] == {"1.1": {"level": 5, "pix": 40}}


@pytest.mark.parametrize("document", [
    [], {"competences": {}}, {"competences": {}, "answers": [], "extra": 1},
    {"competences": {"1.1": {"level": "3", "pix": 27}}, "answers": []},
    {"competences": {"1.1": {"level": 3}}, "answers": []},
    {"competences": {"1.1": {"level": 3, "pix": 27}}, "answers": [{"competence": "1.2", "result": "ok"}]},
    {"competences": {"1.1": {"level": 3, "pix": 27}}, "answers": [{"competence": "1.1", "result": "partially"}]},
    {"competences": {"1.1": {"level": 3, "pix": 27}}, "answers": [{"competence": "1.1", "result": "ok",
                                                                   "neutralised": True}]},
    {"competences": {"1.1": {"level": 3, "pix": 27}}, "answers": [{"competence": "1.1", "result": "ok"}] * 4},
])
def test_the_command_refuses_malformed_input_with_a_message(document):
    done = _run(document, ["--max-level", "7"])
    assert done.returncode == 2 and done.stdout == "" and done.stderr.strip()


def test_the_command_refuses_invalid_json(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("{not json"))
    assert scoring.main(["--max-level", "7"]) == 2
    assert "invalid JSON" in capsys.readouterr().err


def test_neutralized_is_optional_in_the_input():
    questions, _ = scoring.parse({"competences": {"1.1": {"level": 1, "pix": 8}},
                                  "answers": [{"competence": "1.1", "result": "ok"}]})
    assert questions == [Question("1.1", Result.OK, neutralised=False)]


def test_the_jury_neutralises_or_restores_a_question_and_rescores():
    profile = {"1.1": Positioned(3, 27), "1.2": Positioned(2, 17)}
    questions = _answers("1.1:ok 1.1:ok 1.1:ko 1.2:ok 1.2:ok 1.2:ok")
    before = scoring.score(questions, profile, 7)
    assert before.competences["1.1"].verdict is V and before.rate_percent == 83
    neutralised = scoring.jury_neutralise(questions, 3)
    after = scoring.score(neutralised, profile, 7)
    assert (after.rate_percent, after.counted, after.competences["1.1"].neutralised) == (100, 5, 1)
    restored = scoring.jury_neutralise(neutralised, 3, neutralised=False)
    assert restored == tuple(questions)
    right_one = scoring.jury_neutralise(questions, 1)  # the jury may neutralise any question
    assert scoring.score(right_one, profile, 7).right == 4
    with pytest.raises(ValueError):
        scoring.jury_neutralise(questions, 7)
    with pytest.raises(ValueError):
        scoring.jury_neutralise(questions, 0)
