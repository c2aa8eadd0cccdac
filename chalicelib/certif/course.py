"""The certification course (v2, PRODUCTS.md "Eligibility and the test"): who is eligible, which competences
are tested, which challenges are asked, and the runner strategy that plays them. Pure: the content release,
the candidate's positioned profile and the challenges they already answered right come in as arguments.

The choice, per competence with level ≥ 1 (in competence order):
- the skills are the candidate's **validated** skills (knowledge elements, direct or inferred) **at or below the
  competence's level**, grouped by level from the hardest down; should they give fewer than 3 challenges, the
  validated skills above the level follow, easiest first (they were demonstrated too);
- inside a level, the skills come in a random order, those whose tube has not been used yet in this competence
  first (one skill per tube and level: "tubes not yet used at that difficulty" can only mean tubes used by a
  harder pick);
- one random **validated** challenge per skill, preferring the challenges the candidate has not answered right
  before (any answer, any test);
- the first 3 per competence are kept. With ≥ 5 competences at level ≥ 1 that is 15 to 48 challenges (fewer
  only if a competence has fewer than 3 validated skills with a challenge; scoring's table has rows for 2 and 1).
The draws use `random.Random` seeded with the caller's seed and the competence (a string seed is stable across
processes and Python runs): the same inputs give the same course, and a competence's draw does not depend on the
others.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from chalicelib.certif.scoring import Features
from chalicelib.content.api import Challenge
from chalicelib.engine.checking import AnswerStatus

ELIGIBLE_LEVEL = 1
ELIGIBLE_COMPETENCES = 5
QUESTIONS_PER_COMPETENCE = 3
BASE_DURATION = timedelta(minutes=105)


class Positioned(Protocol):
    """One competence of the candidate's profile when the course is generated (evaluation.api gives these)."""

    @property
    def competence(self) -> str: ...

    @property
    def level(self) -> int: ...

    @property
    def validated_skills(self) -> Collection[str]: ...  # skill names, `@<tube><level>`


class SkillLike(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def tube(self) -> str: ...

    @property
    def competence(self) -> str: ...

    @property
    def level(self) -> int: ...


class ChallengeLike(Protocol):
    @property
    def id(self) -> str: ...


class Catalogue(Protocol):
    """What the choice reads of the content: the content release fits (and the benchmark's synthetic bank)."""

    @property
    def skills(self) -> Mapping[str, SkillLike]: ...

    def challenges_of(self, skill: str) -> Sequence[ChallengeLike]: ...  # the validated ones only


@dataclass(frozen=True, slots=True)
class Eligibility:
    eligible: bool
    tested: tuple[str, ...]  # the competences at level ≥ 1, in code order: those the course will test
    missing: int  # how many more competences must reach level 1 (0 when eligible)


def eligibility(levels: Mapping[str, int]) -> Eligibility:
    """Level ≥ 1 in at least 5 competences (absent competences are at level 0)."""
    tested = tuple(sorted(code for code, level in levels.items() if level >= ELIGIBLE_LEVEL))
    missing = max(0, ELIGIBLE_COMPETENCES - len(tested))
    return Eligibility(missing == 0, tested, missing)


@dataclass(frozen=True, slots=True)
class Planned:
    """A challenge of the course, in the order it will be asked."""

    challenge_id: str
    competence: str
    skill: str
    level: int


def generate(
    release: Catalogue, profile: Iterable[Positioned], answered_right: Collection[str], seed: str
) -> tuple[Planned, ...]:
    """The course's challenges: up to 3 per competence at level ≥ 1, competences in code order, each
    competence's hardest first. Eligibility is the caller's check (`eligibility`)."""
    planned: list[Planned] = []
    for positioned in sorted(profile, key=lambda p: p.competence):
        if positioned.level >= ELIGIBLE_LEVEL:
            rng = random.Random(f"{seed}|{positioned.competence}")
            planned += _competence(release, positioned, answered_right, rng)
    return tuple(planned)


def _competence(
    release: Catalogue, positioned: Positioned, answered_right: Collection[str], rng: random.Random
) -> list[Planned]:
    skills = [
        release.skills[name] for name in sorted(positioned.validated_skills)
        if name in release.skills and release.skills[name].competence == positioned.competence
    ]
    within = sorted({s.level for s in skills if s.level <= positioned.level}, reverse=True)
    above = sorted({s.level for s in skills if s.level > positioned.level})
    picks: list[Planned] = []
    used_tubes: set[str] = set()
    for level in within + above:
        group = [s for s in skills if s.level == level]
        rng.shuffle(group)
        group.sort(key=lambda s: s.tube in used_tubes)  # stable: unused tubes first, random order kept inside
        for skill in group:
            pool = release.challenges_of(skill.name)  # validated challenges only
            if not pool:
                continue
            fresh = [c for c in pool if c.id not in answered_right]
            chosen = rng.choice(fresh or list(pool))
            picks.append(Planned(chosen.id, positioned.competence, skill.name, skill.level))
            used_tubes.add(skill.tube)
            if len(picks) == QUESTIONS_PER_COMPETENCE:
                return picks
    return picks


def features_of(challenge: Challenge) -> Features:
    """What an in-challenge issue report may be about, for the automatic resolution at scoring. The content
    model has no embedded application yet: `embed` is always false, so "embed not working" waits in vain
    for a neutralisation (it is resolved with no effect)."""
    return Features(
        image=challenge.illustration is not None,
        embed=False,
        attachment=bool(challenge.attachments),
        timer=challenge.timer is not None,
        focused=challenge.focused,
    )


def time_limit(extra_time_percent: int = 0) -> timedelta:
    """1 h 45 plus the candidate's extra time (a percentage of it): 30 % gives 2 h 16 min 30 s."""
    if extra_time_percent < 0:
        raise ValueError("extra time cannot be negative")
    return BASE_DURATION * (100 + extra_time_percent) / 100


# ---------------------------------------------------------------------------------------------------------------
# The runner's strategy (docs/runner.md "Certification course"). It reads only what every runner state has, so
# this room needs nothing of the evaluation room's internals: `Assessment` fits `CourseState` structurally.


class CourseState(Protocol):
    @property
    def answers(self) -> Sequence[tuple[str, str]]: ...  # (challenge_id, result), in the order asked

    @property
    def started_at(self) -> datetime: ...

    @property
    def completed(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class CertificationCourse:
    """Serve the generated list in order; end after the last challenge or at the time limit (from the first
    start: resuming does not give time back). Learns nothing (a certification does not change the profile);
    produces the answers, to be scored after the session."""

    challenges: tuple[str, ...]
    limit: timedelta

    def in_scope(self, challenge_id: str) -> bool:
        return challenge_id in self.challenges

    def next_challenge(self, assessment: CourseState, learner: None) -> str | None:
        answered = len(assessment.answers)
        return self.challenges[answered] if answered < len(self.challenges) else None

    def learn(self, learner: None, challenge: Challenge, result: AnswerStatus, now: datetime) -> None:
        return None

    def deadline(self, assessment: CourseState) -> datetime | None:
        return assessment.started_at + self.limit

    def remaining(self, assessment: CourseState, learner: None) -> int:
        return 0 if assessment.completed else max(0, len(self.challenges) - len(assessment.answers))

    def outcome(self, assessment: CourseState, learner: None) -> tuple[tuple[str, str], ...]:
        return tuple(assessment.answers)
