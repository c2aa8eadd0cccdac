"""Checking a learner's answer to a challenge: ok or ko, by the rules of DOMAIN.md.

Pure Python. The content validator (which proves every challenge's own solution passes) and the
evaluation service (which checks learners' answers) call the same `check_answer`, so a solution
that builds is a solution that works.

Answer payloads, as the API receives them:
- QCU: an int, the 1-based index of the chosen proposal;
- QCM: a list of ints, the 1-based indexes of the ticked proposals;
- QROC, QROCM-ind, QROCM-dep: a dict {field id: text}, one entry per field.
A payload of the wrong shape raises `AnswerShapeError` (the API answers 400), never a 500.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class AnswerStatus(StrEnum):
    """The result of an answer. Only `ok` is a success; the checker itself returns ok or ko."""

    OK = "ok"
    KO = "ko"
    ABAND = "aband"  # skipped with "Je passe"
    TIMEDOUT = "timedout"  # answered after the timer
    FOCUSED_OUT = "focusedOut"  # left the page during a focused challenge (certification)


class ChallengeType(StrEnum):
    QCU = "QCU"
    QCM = "QCM"
    QROC = "QROC"
    QROCM_IND = "QROCM-ind"
    QROCM_DEP = "QROCM-dep"


class Tolerance(StrEnum):
    T1 = "t1"  # trim, lower-case, strip accents, remove whitespace
    T2 = "t2"  # drop punctuation and special characters
    T3 = "t3"  # accept a typo: edit distance <= 25 % of the expected length


ALL_TOLERANCES = frozenset(Tolerance)
CHOICE_TYPES = frozenset({ChallengeType.QCU, ChallengeType.QCM})
FIELD_TYPES = frozenset({ChallengeType.QROC, ChallengeType.QROCM_IND, ChallengeType.QROCM_DEP})


class AnswerShapeError(ValueError):
    """The payload does not have the shape the challenge type expects (a 400, not a ko)."""


@dataclass(frozen=True, slots=True)
class FieldSolution:
    """What the checker needs of one input field."""

    id: str
    accept: tuple[str, ...] = ()  # empty for QROCM-dep: the groups hold the answers
    number: bool = False
    dropdown: bool = False


@dataclass(frozen=True, slots=True)
class Solution:
    """The solution data of one challenge: all the checker reads."""

    type: ChallengeType
    answer: tuple[int, ...] = ()  # QCU: one 1-based index; QCM: the right indexes
    choice_count: int = 0
    fields: tuple[FieldSolution, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()  # QROCM-dep only
    tolerances: frozenset[Tolerance] = ALL_TOLERANCES


Payload = int | list[int] | dict[str, str]


def check_answer(solution: Solution, payload: object) -> AnswerStatus:
    """Check one answer: `ok` or `ko`. Raises AnswerShapeError on a malformed payload."""
    match solution.type:
        case ChallengeType.QCU:
            right = _choice(payload, solution.choice_count) == solution.answer[0]
        case ChallengeType.QCM:
            right = _choices(payload, solution.choice_count) == frozenset(solution.answer)
        case ChallengeType.QROC | ChallengeType.QROCM_IND:
            texts = _texts(payload, solution.fields)
            right = all(_field_matches(f, texts[f.id], f.accept, solution.tolerances) for f in solution.fields)
        case ChallengeType.QROCM_DEP:
            texts = _texts(payload, solution.fields)
            right = _distinct_groups_match(solution, texts)
    return AnswerStatus.OK if right else AnswerStatus.KO


def right_answer(solution: Solution) -> Payload:
    """The canonical right payload: what a learner who knows the answer would send.

    Fields take their first accepted variant; QROCM-dep fields take the first variant of the
    groups in order (one distinct group per field).
    """
    match solution.type:
        case ChallengeType.QCU:
            return solution.answer[0]
        case ChallengeType.QCM:
            return sorted(solution.answer)
        case ChallengeType.QROCM_DEP:
            return {f.id: group[0] for f, group in zip(solution.fields, solution.groups, strict=False)}
        case _:
            return {f.id: f.accept[0] if f.accept else "" for f in solution.fields}


# --- payload shapes --------------------------------------------------------------------------


def _choice(payload: object, count: int) -> int:
    # bool is an int in Python; a JSON `true` is not a choice.
    if not isinstance(payload, int) or isinstance(payload, bool):
        raise AnswerShapeError("La réponse doit être le numéro d'une proposition.")
    if not 1 <= payload <= count:
        raise AnswerShapeError(f"La proposition n° {payload} n'existe pas.")
    return payload


def _choices(payload: object, count: int) -> frozenset[int]:
    if not isinstance(payload, list):
        raise AnswerShapeError("La réponse doit être la liste des propositions cochées.")
    if not payload:
        raise AnswerShapeError("Cochez au moins une proposition, ou passez la question.")
    chosen = frozenset(_choice(item, count) for item in payload)
    if len(chosen) != len(payload):
        raise AnswerShapeError("Une même proposition est cochée deux fois.")
    return chosen


def _texts(payload: object, fields: tuple[FieldSolution, ...]) -> Mapping[str, str]:
    if not isinstance(payload, dict):
        raise AnswerShapeError("La réponse doit donner une valeur pour chaque champ.")
    expected = {f.id for f in fields}
    if set(payload) != expected:
        missing = sorted(expected - set(payload))
        unknown = sorted(str(key) for key in set(payload) - expected)
        detail = f"champs manquants : {', '.join(missing)}" if missing else f"champs inconnus : {', '.join(unknown)}"
        raise AnswerShapeError(f"La réponse ne correspond pas aux champs de la question ({detail}).")
    if not all(isinstance(value, str) for value in payload.values()):
        raise AnswerShapeError("Chaque champ doit contenir du texte.")
    return payload


# --- matching ----------------------------------------------------------------------------------


def _field_matches(field: FieldSolution, text: str, variants: Iterable[str], tolerances: frozenset[Tolerance]) -> bool:
    if field.dropdown:
        return unicodedata.normalize("NFC", text) in {unicodedata.normalize("NFC", v) for v in variants}
    if field.number:
        value = parse_number(text)
        return value is not None and any(value == parse_number(v) for v in variants)
    return matches_text(text, variants, tolerances)


def _distinct_groups_match(solution: Solution, texts: Mapping[str, str]) -> bool:
    """Each field must match a group no other field uses: a bipartite matching (Kuhn's algorithm)."""
    fits = [
        [g for g, group in enumerate(solution.groups) if _field_matches(f, texts[f.id], group, solution.tolerances)]
        for f in solution.fields
    ]
    owner: dict[int, int] = {}  # group index -> field index

    def assign(field_index: int, seen: set[int]) -> bool:
        for g in fits[field_index]:
            if g not in seen:
                seen.add(g)
                if g not in owner or assign(owner[g], seen):
                    owner[g] = field_index
                    return True
        return False

    return all(assign(i, set()) for i in range(len(fits)))


def matches_text(text: str, variants: Iterable[str], tolerances: frozenset[Tolerance]) -> bool:
    """Whether a free text matches one of the accepted variants under the tolerances."""
    answer = normalise(text, tolerances)
    for variant in variants:
        expected = normalise(variant, tolerances)
        if answer == expected:
            return True
        if Tolerance.T3 in tolerances and expected:
            allowed = len(expected) // 4  # <= 25 % of the expected length
            if allowed and levenshtein(answer, expected, allowed) <= allowed:
                return True
    return False


# Typographic apostrophes and quotes are what phones and word processors type for the ASCII ones;
# a learner should not fail on the keyboard they use.
_BASE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2019": "'", "\u2018": "'", "\u02bc": "'"})
# Letters that are not "accented" for Unicode (no decomposition) but that people write either way.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str, tolerances: frozenset[Tolerance] = ALL_TOLERANCES) -> str:
    """Unicode NFC and non-breaking spaces, then t1 and t2 when they are on."""
    text = unicodedata.normalize("NFC", text).translate(_BASE)
    if Tolerance.T1 in tolerances:
        text = unicodedata.normalize("NFD", text.lower().translate(_LIGATURES))
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = _WHITESPACE.sub("", unicodedata.normalize("NFC", text))
    if Tolerance.T2 in tolerances:
        text = "".join(c for c in text if unicodedata.category(c)[0] not in "PS")
    return text


def levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance between a and b; when above `limit`, returns some value > limit, sooner."""
    if len(a) < len(b):
        a, b = b, a
    if limit is not None and len(a) - len(b) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_PLAIN = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234.567,8
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")  # 1,234,567.8


def parse_number(text: str) -> Decimal | None:
    """A number as French or English people write it ("1 234,5", "1234.5"), or None.

    A single comma or dot is a decimal separator (French first: "1,234" is 1.234); repeated
    ones are thousands separators.
    """
    compact = _WHITESPACE.sub("", unicodedata.normalize("NFC", text).translate(_BASE)).replace("\u2212", "-")
    if _PLAIN.fullmatch(compact):
        compact = compact.replace(",", ".")
    elif _DOT_THOUSANDS.fullmatch(compact):
        compact = compact.replace(".", "").replace(",", ".")
    elif _COMMA_THOUSANDS.fullmatch(compact):
        compact = compact.replace(",", "")
    else:
        return None
    try:
        return Decimal(compact)
    except InvalidOperation:
        return None
