"""An organisation's learner list, in plain Python: what an import makes of the previous list.

A learner is known by its natural key: the INE (SCO: SIECLE or CSV) or the student number (SUP). An
import builds the organisation's next list from the previous one and the checked file:
- a learner of the file already listed keeps their id (and so their links and participations), with the
  file's data, active again if they were disabled;
- a learner new to the list gets a new id;
- a listed learner absent from the file is disabled (SIECLE and SUP replace mode) or kept as they are
  (SCO CSV and SUP add mode). A disabled learner cannot start a campaign nor be reconciled with.
No I/O here: the store reads the previous list and writes the next one as a new generation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from chalicelib.orga.imports import Format, ImportedLearner

Mode = Literal["add", "replace"]


@dataclass(frozen=True, slots=True)
class Learner:
    learner_id: str
    key: str  # "INE:<national id>" or "SN:<student number>": the same person in the next file
    record: ImportedLearner
    active: bool = True


@dataclass(frozen=True, slots=True)
class ListHead:
    """Which generation of the organisation's list is current."""

    generation: str  # the id of the import job that wrote it
    format: str
    imported_at: datetime
    learners: int
    active: int
    version: int = 0  # raised by each change made to the generation in place (an anonymisation)
    # The classes and groups of the list's active learners, sorted (the filters' choices); None on a head
    # written before they were kept: read from the list then.
    divisions: tuple[str, ...] | None = None
    groups: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """What an uploaded file is for: written when the upload form is handed out, read by the job."""

    job_id: str
    organization_id: str
    format: Format
    mode: Mode
    uai: str | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    learners: list[Learner]  # the whole next list, disabled learners included
    created: int
    updated: int
    disabled: int
    kept: int  # listed, absent from the file, left as they were (add mode)


def classes_of(learners: Iterable[Learner]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The classes and groups of the active learners, each sorted: what a list's filters offer."""
    active = [learner.record for learner in learners if learner.active]
    return (tuple(sorted({record.division for record in active if record.division})),
            tuple(sorted({record.group for record in active if record.group})))


def natural_key(record: ImportedLearner) -> str:
    if record.national_id:
        return f"INE:{record.national_id.upper()}"
    assert record.student_number, "a learner of a checked file has an INE or a student number"
    return f"SN:{record.student_number}"


def disables_absent(format: Format, mode: Mode) -> bool:
    """SIECLE is the whole school every time; a SUP file in replace mode is the whole list too."""
    return format == "siecle" or (format == "sup-csv" and mode == "replace")


def plan_import(previous: Sequence[Learner], imported: Sequence[ImportedLearner], *, disable_absent: bool,
                new_id: Callable[[], str]) -> Plan:
    by_key = {learner.key: learner for learner in previous}
    listed: list[Learner] = []
    seen: set[str] = set()
    created = updated = 0
    for record in imported:
        key = natural_key(record)
        seen.add(key)
        known = by_key.get(key)
        if known is None:
            created += 1
            listed.append(Learner(new_id(), key, record))
        else:
            updated += 1
            listed.append(Learner(known.learner_id, key, record, active=True))
    disabled = kept = 0
    for learner in previous:
        if learner.key in seen:
            continue
        if disable_absent and learner.active:
            disabled += 1
            listed.append(dataclasses.replace(learner, active=False))
        else:
            kept += 1
            listed.append(learner)
    return Plan(listed, created, updated, disabled, kept)


ANONYMISED = "(anonymisé)"


def anonymised(learner: Learner) -> Learner:
    """The learner without anything that says who they were: names, birth, ids, class, e-mail. Their id
    stays (their participations keep counting); their natural key no longer matches anyone, so a later
    file listing the same person lists them anew."""
    record = ImportedLearner(line=0, first_name=ANONYMISED, last_name=ANONYMISED, birth_date=date(1900, 1, 1))
    return Learner(learner.learner_id, f"ANON:{learner.learner_id}", record, active=False)
