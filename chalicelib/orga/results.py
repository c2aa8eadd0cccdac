"""Results against a target profile: one participant's, and an organisation's collective results and analysis. Pure.

A participant's result (`participant_result`) comes from the names of the skills they validated (and those
they were tested on): the mastery rate is validated ÷ the profile's skills (validated skills outside the
profile do not count), then per competence and per tube the same with the reached level (the highest level
validated in the tube, 0 when none) against the tube's maximum level in the profile (its highest skill up
to the cap); the stage reached; the badges acquired (every criterion met).

The collective results add many shared snapshots in one pass (`Collective`, a running sum that can take
100,000 snapshots without keeping them): per competence the mean mastery rate, per tube the mean reached
level against the maximum and the share of validated skills. The analysis ranks tubes by how much they
need work (`need_score`) with the tube's tutorials.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from chalicelib.content.api import Release
from chalicelib.orga.target_profiles import (
    MAX_LEVEL,
    Badge,
    BadgeCriterion,
    Stage,
    TargetProfile,
    level_stage_threshold,
    skills_of,
)

# Shares compared to thresholds in % carry float noise (2/3 × 100): a margin keeps 66.67 % ≥ 66.67 % true.
_EPSILON = 1e-9


def rate(part: int | float, whole: int | float) -> float:
    return part / whole if whole else 0.0


def percent(share: float) -> int:
    """A share as a whole percentage, rounded down (69.9 % is shown 69 %: never more than earned)."""
    return int(share * 100 + _EPSILON)


# --- the profile's shape, computed once per profile -----------------------------------------------


@dataclass(frozen=True, slots=True)
class TubeShape:
    tube_id: str
    competence: str
    title: str
    skills: tuple[str, ...]  # the profile's skills of this tube, easiest first
    levels: tuple[int, ...]  # their levels, same order
    max_level: int  # the highest level among them
    difficulty: float  # the mean level of its skills


@dataclass(frozen=True, slots=True)
class ProfileShape:
    """What results need of a profile and the release: its tubes with their skills, and its competences."""

    profile: TargetProfile
    tubes: tuple[TubeShape, ...]
    competences: tuple[tuple[str, str], ...]  # (code, title), in the release's order
    skill_count: int
    tube_of_skill: dict[str, int] = field(hash=False, compare=False)  # skill name → index in tubes
    level_thresholds: tuple[float, ...]  # level stages: the mastery share each stands for (else ())

    @staticmethod
    def of(profile: TargetProfile, release: Release) -> ProfileShape:
        tubes = []
        for capped in profile.tubes:
            skills = [s for s in release.skills_of_tube(capped.tube_id) if s.level <= capped.level]
            if not skills:
                continue
            tube = release.tubes[capped.tube_id]
            levels = tuple(s.level for s in skills)
            tubes.append(TubeShape(tube.name, tube.competence, tube.title, tuple(s.name for s in skills), levels,
                                   max(levels), sum(levels) / len(levels)))
        codes = profile.competences(release)
        thresholds = (tuple(level_stage_threshold(profile, s.threshold, release) for s in profile.stages)
                      if profile.stage_kind == "level" else ())
        return ProfileShape(
            profile=profile,
            tubes=tuple(tubes),
            competences=tuple((code, release.competences[code].title) for code in codes),
            skill_count=sum(len(t.skills) for t in tubes),
            tube_of_skill={name: i for i, t in enumerate(tubes) for name in t.skills},
            level_thresholds=thresholds,
        )


# --- one participant -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TubeResult:
    tube_id: str
    competence: str
    title: str
    validated: int
    tested: int
    total: int
    reached_level: int  # the highest level validated, 0 when none
    max_level: int

    @property
    def mastery_rate(self) -> float:
        return rate(self.validated, self.total)


@dataclass(frozen=True, slots=True)
class CompetenceResult:
    code: str
    title: str
    validated: int
    tested: int
    total: int
    tubes: tuple[TubeResult, ...]

    @property
    def mastery_rate(self) -> float:
        return rate(self.validated, self.total)


@dataclass(frozen=True, slots=True)
class StageReached:
    stage: Stage
    number: int  # 0 for the zero stage, then 1, 2… (the stars earned)
    count: int  # stages beyond the zero one (the stars there are)


@dataclass(frozen=True, slots=True)
class ParticipantResult:
    validated: int
    tested: int
    total: int
    mastery_rate: float  # validated ÷ the profile's skills, 0–1
    competences: tuple[CompetenceResult, ...]
    stage: StageReached | None  # None when the profile has no stage
    badges: tuple[Badge, ...]  # acquired
    validated_skills: frozenset[str]  # those of the profile

    @property
    def tubes(self) -> tuple[TubeResult, ...]:
        return tuple(t for c in self.competences for t in c.tubes)

    @property
    def mastery_percent(self) -> int:
        return percent(self.mastery_rate)


def tube_results(shape: ProfileShape, validated: frozenset[str], tested: frozenset[str]) -> tuple[TubeResult, ...]:
    results = []
    for tube in shape.tubes:
        done = [level for name, level in zip(tube.skills, tube.levels, strict=True) if name in validated]
        results.append(TubeResult(
            tube.tube_id, tube.competence, tube.title, validated=len(done),
            tested=sum(1 for name in tube.skills if name in tested or name in validated),
            total=len(tube.skills), reached_level=max(done, default=0), max_level=tube.max_level,
        ))
    return tuple(results)


def stage_reached(shape: ProfileShape, mastery_rate: float) -> StageReached | None:
    """The highest stage whose threshold the mastery rate reaches (the zero stage at least)."""
    stages = shape.profile.stages
    if not stages:
        return None
    by_level = shape.profile.stage_kind == "level"
    shares = shape.level_thresholds if by_level else tuple(s.threshold / 100 for s in stages)
    ordered = sorted(range(len(stages)), key=lambda i: stages[i].threshold)
    number = 0
    for position, index in enumerate(ordered):
        if mastery_rate + _EPSILON >= shares[index]:
            number = position
    return StageReached(stages[ordered[number]], number, len(stages) - 1)


def criterion_met(criterion: BadgeCriterion, mastery_rate: float, validated: frozenset[str],
                  release: Release) -> bool:
    if criterion.kind == "campaign":
        share = mastery_rate
    else:
        skills = skills_of(criterion.tubes, release)
        share = rate(sum(1 for s in skills if s in validated), len(skills))
    return share * 100 + _EPSILON >= criterion.threshold


def badges_acquired(profile: TargetProfile, mastery_rate: float, validated: frozenset[str],
                    release: Release) -> tuple[Badge, ...]:
    """The badges every criterion of which is met."""
    return tuple(b for b in profile.badges
                 if all(criterion_met(c, mastery_rate, validated, release) for c in b.criteria))


def participant_result(profile: TargetProfile, release: Release, validated: Iterable[str],
                       tested: Iterable[str] = (), *, shape: ProfileShape | None = None) -> ParticipantResult:
    """One participant's result against the profile. `tested` are the skills they were assessed on (validated
    ones count as tested even when not listed); pass a `shape` computed once to score many participants."""
    shape = shape or ProfileShape.of(profile, release)
    mine = frozenset(s for s in validated if s in shape.tube_of_skill)
    assessed = frozenset(s for s in tested if s in shape.tube_of_skill) | mine
    tubes = tube_results(shape, mine, assessed)
    competences = tuple(
        CompetenceResult(code, title, validated=sum(t.validated for t in of), tested=sum(t.tested for t in of),
                         total=sum(t.total for t in of), tubes=of)
        for code, title in shape.competences
        for of in [tuple(t for t in tubes if t.competence == code)]
    )
    mastery = rate(len(mine), shape.skill_count)
    return ParticipantResult(
        validated=len(mine), tested=len(assessed), total=shape.skill_count, mastery_rate=mastery,
        competences=competences, stage=stage_reached(shape, mastery),
        badges=badges_acquired(profile, mastery, mine, release), validated_skills=mine,
    )


# --- many participants -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CollectiveTube:
    tube_id: str
    competence: str
    title: str
    total: int  # the profile's skills in this tube
    max_level: int
    difficulty: float
    mean_reached_level: float
    mastery_rate: float  # validated ÷ (participants × total)


@dataclass(frozen=True, slots=True)
class CollectiveCompetence:
    code: str
    title: str
    total: int
    mastery_rate: float  # the mean of the participants' rates in this competence
    mean_reached_level: float  # the mean over its tubes
    max_level: int  # the highest max level of its tubes
    tubes: tuple[CollectiveTube, ...]


@dataclass(frozen=True, slots=True)
class CollectiveResult:
    participants: int
    mastery_rate: float  # the mean of the participants' rates
    competences: tuple[CollectiveCompetence, ...]

    @property
    def tubes(self) -> tuple[CollectiveTube, ...]:
        return tuple(t for c in self.competences for t in c.tubes)


class Collective:
    """Running sums over shared snapshots: `add` each participant's validated skills, then `result()`.
    Memory stays per tube, whatever the number of participants."""

    def __init__(self, shape: ProfileShape) -> None:
        self.shape = shape
        self.participants = 0
        self.validated = [0] * len(shape.tubes)
        self.reached = [0] * len(shape.tubes)
        self.total_validated = 0

    def add(self, validated: Iterable[str]) -> None:
        counts = [0] * len(self.shape.tubes)
        best = [0] * len(self.shape.tubes)
        seen: set[str] = set()
        for name in validated:
            index = self.shape.tube_of_skill.get(name)
            if index is None or name in seen:
                continue
            seen.add(name)
            counts[index] += 1
            tube = self.shape.tubes[index]
            best[index] = max(best[index], tube.levels[tube.skills.index(name)])
        self.participants += 1
        self.total_validated += len(seen)
        for i in range(len(counts)):
            self.validated[i] += counts[i]
            self.reached[i] += best[i]

    def result(self) -> CollectiveResult:
        n = self.participants
        tubes = [
            CollectiveTube(t.tube_id, t.competence, t.title, total=len(t.skills), max_level=t.max_level,
                           difficulty=t.difficulty, mean_reached_level=rate(self.reached[i], n),
                           mastery_rate=rate(self.validated[i], n * len(t.skills)))
            for i, t in enumerate(self.shape.tubes)
        ]
        competences = []
        for code, title in self.shape.competences:
            mine = tuple(t for t in tubes if t.competence == code)
            total = sum(t.total for t in mine)
            validated = sum(self.validated[i] for i, t in enumerate(self.shape.tubes) if t.competence == code)
            competences.append(CollectiveCompetence(
                code, title, total=total, mastery_rate=rate(validated, n * total),
                mean_reached_level=rate(sum(t.mean_reached_level for t in mine), len(mine)),
                max_level=max((t.max_level for t in mine), default=0), tubes=mine,
            ))
        return CollectiveResult(n, rate(self.total_validated, n * self.shape.skill_count), tuple(competences))


def collective_result(profile: TargetProfile, release: Release,
                      snapshots: Iterable[Iterable[str]]) -> CollectiveResult:
    """The collective results of the shared snapshots (each: the validated skill names of one participant)."""
    collective = Collective(ProfileShape.of(profile, release))
    for validated in snapshots:
        collective.add(validated)
    return collective.result()


# --- analysis ----------------------------------------------------------------------------------------

# How the need of work mixes: the gap between the reached and the maximum level weighs most, then the share
# of skills not validated, then how accessible the tube is (easier tubes first: progress is within reach).
GAP_WEIGHT, MISSED_WEIGHT, ACCESSIBLE_WEIGHT = 0.45, 0.35, 0.20
STRONGLY_RECOMMENDED, RECOMMENDED = 60, 35  # need scores from which a tube is flagged


def need_score(tube: CollectiveTube) -> int:
    """0 (nothing to work on) to 100 (everything to learn, and within reach)."""
    gap = 1 - rate(tube.mean_reached_level, tube.max_level)
    missed = 1 - tube.mastery_rate
    accessible = 1 - (max(tube.difficulty, 1) - 1) / (MAX_LEVEL - 1)
    return round(100 * (GAP_WEIGHT * gap + MISSED_WEIGHT * missed + ACCESSIBLE_WEIGHT * accessible))


@dataclass(frozen=True, slots=True)
class TutorialLink:
    title: str
    url: str
    source: str
    format: str  # page, vidéo, pdf, jeu, outil
    duration: str  # HH:MM:SS


@dataclass(frozen=True, slots=True)
class Recommendation:
    tube: CollectiveTube
    score: int
    priority: int  # 1 strongly recommended, 2 recommended, 3 optional
    tutorials: tuple[TutorialLink, ...]


def analysis(collective: CollectiveResult, release: Release, *, tutorials: int = 3) -> tuple[Recommendation, ...]:
    """The tubes ranked by need of work (the highest score first; ties by tube), each with its tutorials."""
    ranked = sorted(((need_score(t), t) for t in collective.tubes), key=lambda st: (-st[0], st[1].tube_id))
    return tuple(
        Recommendation(
            tube, score,
            priority=1 if score >= STRONGLY_RECOMMENDED else 2 if score >= RECOMMENDED else 3,
            tutorials=tuple(TutorialLink(t.title, t.url, t.source, t.format, t.duration)
                            for i in release.tubes[tube.tube_id].tutorials[:tutorials]
                            for t in [release.tutorials[i]]),
        )
        for score, tube in ranked
    )
