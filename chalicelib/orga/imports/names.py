"""Comparing what people type: names and list labels folded (no accents, case or punctuation) and matched
with a typo tolerance. Used by the imports (Diplôme, Régime) and by reconciliation (names)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOLERANCE = 0.25  # a quarter of the reference's letters may be wrong, missing or extra

# Letters NFKD does not decompose.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
                            "đ": "d", "Đ": "d", "ł": "l", "Ł": "l"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def fold(text: str) -> str:
    """`Jean-Édouard d'Œillet` → `jeanedouarddoeillet`: what two spellings of one name have in common."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", bare.casefold())


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions), two rows at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similar(given: str, reference: str, tolerance: float = TOLERANCE) -> bool:
    """True when `given` is `reference` up to accents, case, punctuation and a few typos (at most
    `tolerance` × the reference's folded length)."""
    a, b = fold(given), fold(reference)
    if not a or not b:
        return False
    return a == b or distance(a, b) <= tolerance * len(b)


@lru_cache(maxsize=1024)
def closest(value: str, choices: tuple[str, ...], tolerance: float = TOLERANCE) -> str | None:
    """The choice `value` names, allowing typos; None when none is close enough (ties: the first).
    Cached: a file repeats the same few labels on every line."""
    folded = fold(value)
    if not folded:
        return None
    references = [(fold(choice), choice) for choice in choices]
    for reference, choice in references:
        if reference == folded:
            return choice
    best: tuple[int, str] | None = None
    for reference, choice in references:
        if abs(len(reference) - len(folded)) > tolerance * len(reference):
            continue  # the length alone is too far
        gap = distance(folded, reference)
        if gap <= tolerance * len(reference) and (best is None or gap < best[0]):
            best = (gap, choice)
    return best[1] if best else None
