"""Generated usernames for pupils without e-mail: `firstname.lastname` + DDMM of birth."""

import re
import unicodedata
from collections.abc import Iterator
from datetime import date


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", ascii_name.lower())


def username_candidates(first_name: str, last_name: str, birth_date: date) -> Iterator[str]:
    """The base username, then the same with a digit added, 1, 2, … when it is taken."""
    base = f"{_slug(first_name)}.{_slug(last_name)}{birth_date:%d%m}"
    yield base
    for n in range(1, 1000):
        yield f"{base}{n}"
