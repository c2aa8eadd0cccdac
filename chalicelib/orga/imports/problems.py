"""What a checked file yields: each problem at its place (line, column), and the whole report.

A problem's message is French and complete on its own: it names the line (the header is line 1), the
column, the value and, when the line has one, the learner's INE or student number — the people fixing
the file asked for that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chalicelib.orga.imports.learner import ImportedLearner

SHOWN_VALUE = 60  # a longer value is cut in messages


@dataclass(frozen=True, slots=True)
class Problem:
    line: int | None
    column: str | None
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "code": self.code, "message": self.message}


def quoted(value: str) -> str:
    shown = value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"
    return f"« {shown} »"


def problem(line: int | None, column: str | None, code: str, reason: str, who: str | None = None) -> Problem:
    """`reason` says what is wrong with the value (quoted with `quoted`); `who` is "INE 123…" or
    "numéro étudiant 2024…" when the line has one."""
    place = f"Ligne {line}" if line is not None else "Fichier"
    if column:
        place += f", colonne « {column} »"
    return Problem(line, column, code, f"{place} : {reason}{f' ({who})' if who else ''}.")


class Unreadable(Exception):
    """The file cannot be read at all (not the format, corrupt, malicious, too large)."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.problem = Problem(line, None, code, message)


@dataclass(slots=True)
class Report:
    format: str
    learners: list[ImportedLearner] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        """Nothing is imported when any line is in error; warnings do not block."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "learners": len(self.learners),
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [e.as_dict() for e in self.errors],
        }
