"""Password rules (Pix's, and not guessable) and hashing with argon2id."""

import re
import secrets
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters

# zxcvbn's score (0–4) a password needs: 2 is "somewhat guessable", beyond 10^8 guesses, which online
# guessing cannot reach through the login throttle; 0–1 are the common passwords and their variants
# (`Password1`), a name with a year, the e-mail address.
MIN_SCORE = 2
_ZXCVBN_MAX_LENGTH = 72  # the library refuses longer input; a longer password is judged on its start


@cache
def dummy_hash() -> str:
    """A hash to verify against when the login is unknown, so that a failed login takes the same
    time whether the account exists or not (computed once, not at import: it is slow by design)."""
    return _hasher.hash("Pas-un-vrai-mot-de-passe-1")


# Pix's composition rules: (id, what is missing, in French). The id is what the API returns (meta) and the
# site translates; the site checks the same rules as the person types (assets/js/learner/password.js).
RULES: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    ("length", "8 caractères", lambda p: len(p) >= 8),
    ("lowercase", "une minuscule", lambda p: re.search(r"[a-z]", p) is not None),
    ("uppercase", "une majuscule", lambda p: re.search(r"[A-Z]", p) is not None),
    ("digit", "un chiffre", lambda p: re.search(r"[0-9]", p) is not None),
)


def missing_rules(password: str) -> list[str]:
    """The ids of every rule the password breaks, all at once (empty when it follows them)."""
    return [rule for rule, _, kept in RULES if not kept(password)]


def password_problems(password: str) -> list[str]:
    """What the password lacks, in French; empty when it follows the rules."""
    missing = set(missing_rules(password))
    return [text for rule, text, _ in RULES if rule in missing]


# Temporary passwords are read from paper by a pupil: no look-alike characters (0/O, 1/l/I).
_TEMPORARY_ALPHABETS = ("abcdefghjkmnpqrstuvwxyz", "ABCDEFGHJKMNPQRSTUVWXYZ", "23456789")
TEMPORARY_LENGTH = 10  # ≈ 57 bits: the login's throttle, and a change required at the first login


def temporary_password() -> str:
    """A random password following the rules (a lower-case and an upper-case letter, a digit)."""
    every = "".join(_TEMPORARY_ALPHABETS)
    chars = [secrets.choice(a) for a in _TEMPORARY_ALPHABETS]
    chars += [secrets.choice(every) for _ in range(TEMPORARY_LENGTH - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Why zxcvbn finds a password easy to guess, from the patterns it matched: (id, in French), in the order
# they are told. The site translates the ids.
REASONS = {
    "personal": "il reprend votre nom ou votre adresse e-mail",
    "common": "c'est un mot de passe très courant, ou une variante",
    "word": "il repose sur un mot ou un prénom courant",
    "keyboard": "c'est une suite de touches voisines du clavier",
    "sequence": "c'est une suite ou une répétition (abc, 1111)",
    "date": "il repose sur une date ou une année",
}


def _reason(match: dict[str, Any], personal: set[str]) -> str | None:
    pattern = match.get("pattern")
    if pattern == "dictionary":
        if match.get("matched_word") in personal:  # a surname is also in the names list: it is theirs
            return "personal"
        return {"user_inputs": "personal", "passwords": "common"}.get(str(match.get("dictionary_name")), "word")
    if pattern == "spatial":
        return "keyboard"
    if pattern in ("sequence", "repeat"):
        return "sequence"
    if pattern == "date" or (pattern == "regex" and match.get("regex_name") == "recent_year"):
        return "date"
    return None


def guessable_reasons(password: str, personal: Iterable[str | None]) -> list[str]:
    """Why the password is easy to guess (ids of REASONS, in their order); empty when it is not.

    A common password, or one built from the person's own names or e-mail, scores below MIN_SCORE."""
    from zxcvbn import zxcvbn  # imported on first use: its dictionaries cost ~150 ms at a cold start

    words = set()
    for value in personal:
        if value:
            words.add(value.lower())
            words.update(part for part in re.split(r"[^\w]+", value.lower()) if len(part) > 2)
    result = zxcvbn(password[:_ZXCVBN_MAX_LENGTH], user_inputs=sorted(words))
    if result["score"] >= MIN_SCORE:
        return []
    found = {_reason(match, words) for match in result["sequence"]} - {None}
    return [reason for reason in REASONS if reason in found] or ["common"]


def is_guessable(password: str, personal: Iterable[str | None]) -> bool:
    """Whether the password is a common one, or built from the person's own names or e-mail."""
    return bool(guessable_reasons(password, personal))
