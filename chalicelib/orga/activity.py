"""A campaign's activity (PRODUCTS.md "Results and analysis"), computed on read in one pass over its
participations: people, counts by status and by day, sendings per person. (Results per competence and tube
and the analysis are `results.py`'s running sums.)

Pure and streaming: the participations are read one by one into small accumulators (one per day), so a
campaign of 100,000 participations never sits in memory. No shared counter is kept anywhere: the counts are
these sums.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from chalicelib.orga.participations import SHARED, STARTED, Participation

PARIS = ZoneInfo("Europe/Paris")


def paris_day(at: datetime) -> str:
    return at.astimezone(PARIS).date().isoformat()


# --- activity -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Activity:
    participants: int = 0  # people (a person's later sendings count once)
    by_status: dict[str, int] = field(default_factory=lambda: {STARTED: 0, SHARED: 0})
    started_by_day: dict[str, int] = field(default_factory=dict)
    shared_by_day: dict[str, int] = field(default_factory=dict)
    sendings: dict[int, int] = field(default_factory=dict)  # number of sendings -> participants with that many


def activity(participations: Iterable[Participation]) -> Activity:
    """Counts of the campaign's participations not deleted: each person once, at their latest sending."""
    found = Activity()
    for p in participations:
        if p.deleted_at is not None:
            continue
        day = paris_day(p.created_at)
        found.started_by_day[day] = found.started_by_day.get(day, 0) + 1
        if p.shared_at is not None:
            shared_day = paris_day(p.shared_at)
            found.shared_by_day[shared_day] = found.shared_by_day.get(shared_day, 0) + 1
        if p.improved:
            continue  # a later sending replaced it: the person is counted there
        found.participants += 1
        found.by_status[p.status] = found.by_status.get(p.status, 0) + 1
        found.sendings[p.sending] = found.sendings.get(p.sending, 0) + 1
    found.started_by_day = dict(sorted(found.started_by_day.items()))
    found.shared_by_day = dict(sorted(found.shared_by_day.items()))
    return found
