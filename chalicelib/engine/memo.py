"""Values derived from a bank and a key, kept with the bank for the life of the container.

Each request recomputes a test's posterior from its answers, although between two requests only the
competence and the tube just answered have changed, and many learners share their first answers; these
memos spare that work. Each is bounded (cleared when full) and lives in the bank's `memos`, so it dies
with the bank; results are the same with or without them.
"""

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from .bank import Bank

LIMIT = 4096


class BankMemo[V]:
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit

    def get(self, bank: "Bank", key: Hashable, compute: Callable[[], V]) -> V:
        """The value for `key`, computed by `compute()` the first time (results are shared: read-only)."""
        memo = bank.memos.get(self)
        if memo is None:
            memo = bank.memos[self] = {}
        value = memo.get(key)
        if value is None:
            if len(memo) >= self.limit:
                memo.clear()
            value = memo[key] = compute()
        return cast(V, value)  # this memo's dict holds only what its `compute` returned
