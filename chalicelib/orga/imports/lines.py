"""Checking one line of a CSV list: each value read through a check, each fault filed at its column."""

from __future__ import annotations

from datetime import date

import chalicelib.orga.imports.values as values
from chalicelib.orga.imports.csvfile import Row, Table
from chalicelib.orga.imports.problems import Problem, problem, quoted


class Line:
    """One row being checked; `who` (e.g. "INE 0123456789A") ends each of its messages."""

    def __init__(self, row: Row, table: Table, errors: list[Problem], warnings: list[Problem]) -> None:
        self.row = row
        self.table = table
        self.errors = errors
        self.warnings = warnings
        self.who: str | None = None
        self.failed = False

    def raw(self, key: str) -> str:
        return self.row.values.get(key, "")

    def error(self, key: str, code: str, reason: str) -> None:
        self.failed = True
        self.errors.append(problem(self.row.line, self.table.labels[key], code, reason, self.who))

    def warn(self, key: str, code: str, reason: str) -> None:
        self.warnings.append(problem(self.row.line, self.table.labels[key], code, reason, self.who))

    def text(self, key: str, *, required: bool = False, max_length: int = values.MAX_TEXT) -> str | None:
        value = self.raw(key)
        if not value:
            if required:
                self.error(key, "VALUE_REQUIRED", "la valeur est obligatoire")
            return None
        checked = values.text(value, max_length=max_length)
        if isinstance(checked, values.Fault):
            self.error(key, checked.code, checked.reason)
            return None
        return checked

    def birth_date(self, key: str, today: date) -> date | None:
        value = self.raw(key)
        if not value:
            self.error(key, "BIRTH_DATE_REQUIRED", "la date de naissance est obligatoire")
            return None
        checked = values.birth_date(value, today)
        if isinstance(checked, values.Fault):
            self.error(key, checked.code, checked.reason)
            return None
        return checked

    def one_of(self, key: str, allowed: dict[str, str], code: str, expected: str) -> str | None:
        """The value among `allowed` (keys compared case-insensitively) → its canonical form."""
        value = self.text(key, required=True)
        if value is None:
            return None
        found = allowed.get(value.casefold())
        if found is None:
            self.error(key, code, f"la valeur {quoted(value)} n'est pas valide ({expected})")
        return found
