"""Generated usernames for pupils without e-mail: `firstname.lastname` + DDMM of birth, then random
digits when it is taken: a sequence (…1, …2) would tell how many homonyms exist and which comes next."""

import re
import secrets
import unicodedata
from collections.abc import Iterator
from datetime import date

# Random suffixes tried at each length before a longer one: 2 digits, then 3, then 4.
TRIES_PER_LENGTH = 10


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower())


def base_username(first_name: str, last_name: str, birth_date: date) -> str:
    return f"{_slug(first_name)}.{_slug(last_name)}{birth_date:%d%m}"


def username_candidates(first_name: str, last_name: str, birth_date: date) -> Iterator[str]:
    """The base username, then the same followed by random digits (never a sequence)."""
    base = base_username(first_name, last_name, birth_date)
    yield base
    for digits in (2, 3, 4):
        for _ in range(TRIES_PER_LENGTH):
            yield f"{base}{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
