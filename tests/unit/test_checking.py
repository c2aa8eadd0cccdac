"""The answer checker: every challenge type, every tolerance, numbers, shapes (DOMAIN.md § Checking)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.engine.checking import (
    ALL_TOLERANCES,
    AnswerShapeError,
    AnswerStatus,
    ChallengeType,
    FieldSolution,
    Solution,
    Tolerance,
    check_answer,
    levenshtein,
    parse_number,
    right_answer,
)

OK, KO = AnswerStatus.OK, AnswerStatus.KO
T1, T2, T3 = Tolerance.T1, Tolerance.T2, Tolerance.T3


def qcu(answer: int = 2, count: int = 3) -> Solution:
    return Solution(ChallengeType.QCU, answer=(answer,), choice_count=count)


def qcm(answer: tuple[int, ...] = (1, 3), count: int = 4) -> Solution:
    return Solution(ChallengeType.QCM, answer=answer, choice_count=count)


def qroc(*accept: str, tolerances=ALL_TOLERANCES, number=False, dropdown=False) -> Solution:
    field = FieldSolution("r", tuple(accept), number=number, dropdown=dropdown)
    return Solution(ChallengeType.QROC, fields=(field,), tolerances=frozenset(tolerances))


@pytest.mark.parametrize(
    ("solution", "payload", "expected"),
    [
        (qcu(2), 2, OK),
        (qcu(2), 1, KO),
        (qcu(2), 3, KO),
        (qcm((1, 3)), [1, 3], OK),
        (qcm((1, 3)), [3, 1], OK),  # order does not matter
        (qcm((1, 3)), [1], KO),  # a strict subset
        (qcm((1, 3)), [1, 3, 4], KO),  # a wrong one added
        (qcm((1, 3)), [2, 4], KO),
    ],
)
def test_choices(solution, payload, expected):
    assert check_answer(solution, payload) is expected


@pytest.mark.parametrize(
    ("accept", "tolerances", "answer", "expected"),
    [
        # t1: trim, lower-case, accents, whitespace
        ("Île de France", {T1}, "  ile DE   france ", OK),
        ("Île de France", {T1}, "iledefrance", OK),
        ("Île de France", set(), "ile de france", KO),
        ("Île de France", set(), "Île de France", OK),
        ("cœur", {T1}, "COEUR", OK),
        # t2: punctuation and special characters
        ("l'exemple.", {T2}, "lexemple", OK),
        ("l'exemple.", {T1}, "lexemple", KO),
        ("l'exemple", {T1}, "l’exemple", OK),  # a typographic apostrophe is an apostrophe
        ("C++", {T1, T2}, "c", OK),  # why authors turn t2 off for such answers
        ("C++", {T1}, "c", KO),
        # t3: a typo up to 25 % of the expected length (after t1/t2)
        ("bonjour", {T1, T2, T3}, "bonjoru", KO),  # 2 edits on 7 letters: 1 allowed
        ("bonjour", {T1, T2, T3}, "bonjur", OK),  # 1 edit
        ("abcd", {T3}, "abce", OK),  # 1 edit on 4 = 25 %: accepted
        ("abc", {T3}, "abd", KO),  # 1 edit on 3 > 25 %
        ("abcdefgh", {T3}, "abcdefXY", OK),  # 2 on 8 = 25 %
        ("abcdefgh", {T3}, "abcdeXYZ", KO),  # 3 on 8
        ("abcdefgh", {T1, T2}, "abcdefgX", KO),  # t3 off: no typo
        ("abcdefgh", {T3}, "", KO),
        # NFC and non-breaking spaces, always
        ("Café au lait", set(), "Cafe\u0301\u00a0au lait", OK),
        ("10 %", {T1}, "10\u202f%", OK),
    ],
)
def test_tolerances(accept, tolerances, answer, expected):
    assert check_answer(qroc(accept, tolerances=tolerances), {"r": answer}) is expected


def test_any_accepted_variant_is_right():
    solution = qroc("Jeanne Martin", "J. Martin", "Martin")
    assert check_answer(solution, {"r": "martin"}) is OK
    assert check_answer(solution, {"r": "j martin"}) is OK
    assert check_answer(solution, {"r": "Dupont"}) is KO


@pytest.mark.parametrize(
    ("accept", "answer", "expected"),
    [
        ("1234.5", "1 234,5", OK),
        ("1234.5", "1234,50", OK),
        ("1234.5", "1\u00a0234.5", OK),
        ("1234567.8", "1.234.567,8", OK),
        ("1234567.8", "1,234,567.8", OK),
        ("2019", "2019", OK),
        ("2019", "2 019", OK),
        ("2019", "2018", KO),
        ("-3", "\u22123", OK),  # a typographic minus
        ("0.5", ",5", OK),
        ("1.234", "1,234", OK),  # French first: the comma is decimal
        ("12", "12 %", KO),  # not a number: ko, no crash
        ("12", "douze", KO),
        ("12", "", KO),
        ("12", "1e1", KO),
    ],
)
def test_numbers(accept, answer, expected):
    assert check_answer(qroc(accept, number=True), {"r": answer}) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("1 234,5", "1234.5"), ("+7", "7"), ("12.", "12"), ("1..2", None), ("1,2,3", None), ("abc", None)],
)
def test_parse_number(text, value):
    parsed = parse_number(text)
    assert (parsed is None and value is None) or str(parsed.normalize()) == value


def test_dropdowns_are_exact_whatever_the_tolerances():
    solution = qroc("ODT", dropdown=True)
    assert check_answer(solution, {"r": "ODT"}) is OK
    assert check_answer(solution, {"r": "odt"}) is KO
    assert check_answer(solution, {"r": "ODX"}) is KO


def _fields(*fields: FieldSolution, kind=ChallengeType.QROCM_IND, groups=()) -> Solution:
    return Solution(kind, fields=fields, groups=groups)


def test_qrocm_ind_needs_every_field_right():
    solution = _fields(
        FieldSolution("auteur", ("Jeanne Martin", "Martin")),
        FieldSolution("annee", ("2019",), number=True),
        FieldSolution("format", ("ODT",), dropdown=True),
    )
    assert check_answer(solution, {"auteur": "martin", "annee": "2019", "format": "ODT"}) is OK
    assert check_answer(solution, {"auteur": "martin", "annee": "2018", "format": "ODT"}) is KO
    assert check_answer(solution, {"auteur": "", "annee": "2019", "format": "ODT"}) is KO


CITIES = _fields(
    FieldSolution("v1"),
    FieldSolution("v2"),
    kind=ChallengeType.QROCM_DEP,
    groups=(("Paris",), ("Lyon",), ("Marseille", "Marseilles")),
)


@pytest.mark.parametrize(
    ("v1", "v2", "expected"),
    [
        ("Paris", "Lyon", OK),
        ("Lyon", "Paris", OK),  # any order
        ("marseilles", "paris", OK),  # any N of the M groups, any variant
        ("Paris", "Paris", KO),  # the same group twice
        ("Paris", "Lille", KO),
        ("", "Lyon", KO),
    ],
)
def test_qrocm_dep_each_field_matches_a_distinct_group(v1, v2, expected):
    assert check_answer(CITIES, {"v1": v1, "v2": v2}) is expected


def test_qrocm_dep_finds_the_matching_when_greedy_would_fail():
    # "paris" fits both groups, "lutece" only the first: the checker must re-assign "paris".
    solution = _fields(
        FieldSolution("a"),
        FieldSolution("b"),
        kind=ChallengeType.QROCM_DEP,
        groups=(("Paris", "Lutèce"), ("Paris", "Capitale")),
    )
    assert check_answer(solution, {"a": "Paris", "b": "Lutèce"}) is OK


@pytest.mark.parametrize(
    ("solution", "payload", "message"),
    [
        (qcu(), "2", "numéro"),
        (qcu(), True, "numéro"),
        (qcu(), 0, "n'existe pas"),
        (qcu(), 4, "n'existe pas"),
        (qcm(), 1, "liste"),
        (qcm(), [], "au moins"),
        (qcm(), [1, 1], "deux fois"),
        (qcm(), [1, 9], "n'existe pas"),
        (qroc("x"), "x", "chaque champ"),
        (qroc("x"), {}, "manquants"),
        (qroc("x"), {"r": "x", "z": "y"}, "inconnus"),
        (qroc("x"), {"r": 3}, "texte"),
        (qroc("x"), {"r": None}, "texte"),
    ],
)
def test_malformed_payloads_raise_a_shape_error(solution, payload, message):
    with pytest.raises(AnswerShapeError, match=message):
        check_answer(solution, payload)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("été", "ete", 2)],
)
def test_levenshtein(a, b, distance):
    assert levenshtein(a, b) == distance
    assert levenshtein(b, a) == distance


def test_levenshtein_stops_early_above_the_limit():
    assert levenshtein("a" * 1000, "b" * 1000, limit=2) == 3
    assert levenshtein("a" * 5000, "a", limit=2) == 3


def test_right_answer_passes_for_every_type():
    for solution in (qcu(), qcm(), qroc("Paris"), CITIES):
        assert check_answer(solution, right_answer(solution)) is OK


def test_statuses_are_the_domain_words():
    assert [str(s) for s in AnswerStatus] == ["ok", "ko", "aband", "timedout", "focusedOut"]


# --- properties -------------------------------------------------------------------------------

_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêàçùôîœ0123456789"
variants = st.text(alphabet=_LETTERS + " -'.", min_size=1, max_size=30).filter(
    lambda v: any(c.isalnum() for c in v)
)
tolerance_sets = st.sets(st.sampled_from(list(Tolerance))).map(frozenset)


@given(variants, tolerance_sets)
def test_each_variant_is_accepted_as_written(variant, tolerances):
    assert check_answer(qroc("autre chose", variant, tolerances=tolerances), {"r": variant}) is OK


@given(variants, st.data())
def test_t1_forgives_whitespace_and_case(variant, data):
    tolerances = frozenset({T1}) | data.draw(tolerance_sets)
    upper = data.draw(st.lists(st.booleans(), min_size=len(variant), max_size=len(variant)))
    text = "".join(c.upper() if flip else c for c, flip in zip(variant, upper, strict=True))
    spaces = data.draw(st.lists(st.sampled_from(["", " ", "  ", "\u00a0", "\t"]), min_size=len(text) + 1))
    text = "".join(space + c for space, c in zip(spaces, text, strict=False)) + spaces[-1]
    assert check_answer(qroc(variant, tolerances=tolerances), {"r": text}) is OK


@given(variants, st.lists(st.sampled_from(list(".,;:!?'\"-()«»")), max_size=5), st.data())
def test_t2_forgives_punctuation(variant, marks, data):
    text = variant
    for mark in marks:
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + mark + text[at:]
    assert check_answer(qroc(variant, tolerances={T1, T2}), {"r": text}) is OK


@given(st.text(alphabet="abcdefgh", min_size=4, max_size=20), st.data())
def test_t3_forgives_one_typo_in_four_letters(variant, data):
    at = data.draw(st.integers(0, len(variant) - 1))
    typo = variant[:at] + "z" + variant[at + 1 :]
    assert check_answer(qroc(variant, tolerances={T3}), {"r": typo}) is OK
