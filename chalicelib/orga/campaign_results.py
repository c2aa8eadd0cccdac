"""What an organisation sees of a campaign, computed on read in one pass over its participations
(PRODUCTS.md "Results and analysis"): activity, collective results per competence and per tube, and the
analysis ranking tubes by how much they need work.

Pure and streaming: each function reads the participations one by one into small accumulators (one per
day, competence or tube), so a campaign of 100,000 participations never sits in memory. No shared counter
is kept anywhere: the counts are these sums.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from chalicelib.orga.participations import SHARED, STARTED, Participation

PARIS = ZoneInfo("Europe/Paris")
MAX_LEVEL = 8


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


# --- collective results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProfileShape:
    """The target profile as the aggregation needs it."""

    skills: Mapping[str, tuple[str, str, int]]  # skill -> (competence, tube, level)
    tubes: Mapping[str, int]  # tube -> the profile's cap


@dataclass(frozen=True, slots=True)
class CompetenceResult:
    competence: str
    skill_count: int
    mean_mastery_rate: float  # over shared participations: validated in it ÷ its skills in the profile


@dataclass(frozen=True, slots=True)
class TubeResult:
    tube: str
    competence: str
    max_level: int  # the profile's cap
    mean_reached_level: float  # the highest validated level in the tube, averaged
    mean_validated_share: float  # validated ÷ the tube's skills in the profile, averaged
    need: float = 0.0  # the analysis' score, 0 (nothing to work on) to 1


@dataclass(frozen=True, slots=True)
class Collective:
    shared: int
    mean_mastery_rate: float
    competences: tuple[CompetenceResult, ...]
    tubes: tuple[TubeResult, ...]


def collective(shape: ProfileShape, participations: Iterable[Participation]) -> Collective:
    """Mean results over the participations counted (shared, latest sending, not deleted)."""
    skills_in_competence: dict[str, int] = {}
    skills_in_tube: dict[str, int] = {}
    competence_of_tube: dict[str, str] = {}
    for competence, tube, _level in shape.skills.values():
        skills_in_competence[competence] = skills_in_competence.get(competence, 0) + 1
        skills_in_tube[tube] = skills_in_tube.get(tube, 0) + 1
        competence_of_tube[tube] = competence
    rate_sum = {code: 0.0 for code in skills_in_competence}
    level_sum = {tube: 0.0 for tube in skills_in_tube}
    share_sum = {tube: 0.0 for tube in skills_in_tube}
    mastery_sum = 0.0
    count = 0
    for p in participations:
        if not p.counted or p.snapshot is None:
            continue
        count += 1
        mastery_sum += p.snapshot.mastery_rate
        validated_in_competence: dict[str, int] = {}
        reached: dict[str, int] = {}
        validated_in_tube: dict[str, int] = {}
        for skill in p.snapshot.validated_skills:
            found = shape.skills.get(skill)
            if found is None:
                continue
            competence, tube, level = found
            validated_in_competence[competence] = validated_in_competence.get(competence, 0) + 1
            validated_in_tube[tube] = validated_in_tube.get(tube, 0) + 1
            reached[tube] = max(reached.get(tube, 0), level)
        for code, total in skills_in_competence.items():
            rate_sum[code] += validated_in_competence.get(code, 0) / total
        for tube, total in skills_in_tube.items():
            level_sum[tube] += reached.get(tube, 0)
            share_sum[tube] += validated_in_tube.get(tube, 0) / total
    divide = max(count, 1)
    competences = tuple(CompetenceResult(code, skills_in_competence[code], rate_sum[code] / divide)
                        for code in sorted(skills_in_competence))
    tubes = tuple(
        TubeResult(tube=tube, competence=competence_of_tube[tube], max_level=shape.tubes.get(tube, 0),
                   mean_reached_level=level_sum[tube] / divide, mean_validated_share=share_sum[tube] / divide)
        for tube in sorted(skills_in_tube, key=lambda t: (competence_of_tube[t], t))
    )
    return Collective(shared=count, mean_mastery_rate=mastery_sum / divide if count else 0.0,
                      competences=competences, tubes=tubes)


def need(tube: TubeResult) -> float:
    """How much a tube needs work, 0 to 1: mostly the share of its skills not validated (60 %), then how far
    the reached level stays from the profile's cap (25 %), then how hard the tube's cap is (15 %)."""
    missing = 1 - tube.mean_validated_share
    gap = 1 - (tube.mean_reached_level / tube.max_level) if tube.max_level else 0.0
    difficulty = tube.max_level / MAX_LEVEL
    return round(0.6 * missing + 0.25 * gap + 0.15 * difficulty, 4)


def analysis(result: Collective) -> tuple[TubeResult, ...]:
    """The tubes, those needing the most work first (ties: the profile's order)."""
    scored = [TubeResult(t.tube, t.competence, t.max_level, t.mean_reached_level, t.mean_validated_share, need(t))
              for t in result.tubes]
    return tuple(sorted(scored, key=lambda t: -t.need))
