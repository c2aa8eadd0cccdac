"""How the back office finds a person by name (no I/O): normalised name keys and their prefixes.

The users table carries, on each account that is not anonymised, two index keys per name order:
`search_last` = "dupont camille" under `search_last_prefix` = "du", and `search_first` = "camille dupont"
under `search_first_prefix` = "ca" (global secondary indexes `by_last_name`, `by_first_name`). A search
for "dupo" or "Dupont Cam" is one Query: hash = the query's first two characters, range begins_with the
whole query. E-mails and usernames are found exactly, by the `logins` table.

Capacity: sign-ups and name changes write both indexes (two more write units each). A national campaign
opening with 50,000 sign-ups in an hour is 14 writes/s spread over the ~700 two-letter prefixes: the
busiest prefixes (`ma`, `le`, `da`…) take a few writes/s, far below a partition's 1,000 writes/s, and
DynamoDB splits a large prefix's items by the range key. Searches are support staff's: a few per minute.
"""

from __future__ import annotations

import re
import unicodedata

PREFIX = 2  # characters of the index's hash key; a search needs at least this many
_SEPARATORS = re.compile(r"[\s\-'’.]+")


def normalise(text: str) -> str:
    """Lower case, accents removed, hyphens and apostrophes as spaces, spaces collapsed: "Lefèvre-Dubois"
    and "lefevre dubois" are one key."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", plain).strip()


def keys(first_name: str, last_name: str) -> dict[str, str]:
    """The index attributes of an account's names."""
    first, last = normalise(first_name), normalise(last_name)
    by_last, by_first = f"{last} {first}".strip(), f"{first} {last}".strip()
    return {
        "search_last_prefix": by_last[:PREFIX],
        "search_last": by_last,
        "search_first_prefix": by_first[:PREFIX],
        "search_first": by_first,
    }


def looks_like_login(query: str) -> bool:
    """An e-mail address or a generated username (`firstname.lastname1234`) is looked up exactly."""
    text = query.strip()
    return "@" in text or (" " not in text and any(c.isdigit() for c in text) and "." in text)
