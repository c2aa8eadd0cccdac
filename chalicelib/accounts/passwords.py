"""Password rules (Pix's) and hashing with argon2id."""

import re
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's recommended parameters



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
