"""Values derived from a bank and a key, kept with the bank for the life of the container.

A whole-framework test recomputes every competence at each request although only one has changed; these
memos spare that work. Each is bounded (cleared when full) and dies with its bank.
"""

from collections.abc import Callable, Hashable
from weakref import WeakKeyDictionary

LIMIT = 4096


class BankMemo[V]:
    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._by_bank: WeakKeyDictionary[object, dict[Hashable, V]] = WeakKeyDictionary()

    def get(self, bank: object, key: Hashable, compute: Callable[[], V]) -> V:
        """The value for `key`, computed by `compute()` the first time (results are shared: read-only)."""
        memo = self._by_bank.setdefault(bank, {})
        value = memo.get(key)
        if value is None:
            if len(memo) >= self.limit:
                memo.clear()
            value = memo[key] = compute()
        return value

    def clear(self) -> None:
        self._by_bank.clear()
