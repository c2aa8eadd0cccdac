"""Learner lists for Orga: reading and checking the files organisations upload (no AWS here).

`check(format, source, uai=…, today=…)` reads a SIECLE export (XML or zip), a SCO CSV or a SUP CSV and
returns a `Report`: the learners it would import, the warnings (which do not block) and the errors (any
error blocks the whole import), each a `Problem(line, column, code, message)`. A file that cannot be read
at all raises `Unreadable` (its `problem` says why).
"""

from __future__ import annotations

import io
from datetime import date
from typing import BinaryIO, Literal

import chalicelib.orga.imports.sco_csv as sco_csv
import chalicelib.orga.imports.siecle as siecle
import chalicelib.orga.imports.sup_csv as sup_csv
from chalicelib.orga.imports.learner import ImportedLearner
from chalicelib.orga.imports.problems import Problem, Report, Unreadable

Format = Literal["siecle", "sco-csv", "sup-csv"]
FORMATS: tuple[Format, ...] = ("siecle", "sco-csv", "sup-csv")

__all__ = ["FORMATS", "Format", "ImportedLearner", "Problem", "Report", "Unreadable", "check"]


def check(format: Format, source: BinaryIO | bytes, *, uai: str | None = None, today: date | None = None) -> Report:
    """Read and check a list. `source` is seekable (each encoding tried re-reads it); `uai` (SIECLE) is the
    organisation's, which the file must name; `today` bounds birth dates."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    day = today or date.today()
    if format == "siecle":
        return siecle.check(stream, day, uai)
    if format == "sco-csv":
        return sco_csv.check(stream, day)
    return sup_csv.check(stream, day)
