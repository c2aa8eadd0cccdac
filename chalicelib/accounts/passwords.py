"""Password rules (Pix's, and not guessable) and hashing with argon2id."""

import re
from collections.abc import Iterable
from functools import cache

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


def password_problems(password: str) -> list[str]:
    """What the password lacks, in French; empty when it follows the rules."""
    problems = []
    if len(password) < 8:
        problems.append("au moins 8 caractères")
    if not re.search(r"[a-z]", password):
        problems.append("une lettre minuscule")
    if not re.search(r"[A-Z]", password):
        problems.append("une lettre majuscule")
    if not re.search(r"[0-9]", password):
        problems.append("un chiffre")
    return problems


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def is_guessable(password: str, personal: Iterable[str | None]) -> bool:
    """Whether the password is a common one, or built from the person's own names or e-mail."""
    from zxcvbn import zxcvbn  # imported on first use: its dictionaries cost ~150 ms at a cold start

    words = set()
    for value in personal:
        if value:
            words.add(value.lower())
            words.update(part for part in re.split(r"[^\w]+", value.lower()) if len(part) > 2)
    return zxcvbn(password[:_ZXCVBN_MAX_LENGTH], user_inputs=sorted(words))["score"] < MIN_SCORE
