"""The content model: the référentiel as immutable objects, from domains down to challenges.

A `Release` is built once per process (see release.py) and shared by every request, so nothing
here is ever mutated: frozen dataclasses, tuples, and read-only mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from chalicelib.engine.checking import ChallengeType, Solution


class Status(StrEnum):
    VALIDATED = "validated"
    DRAFT = "draft"
    ARCHIVED = "archived"


def pix_value(skills_at_level: int) -> float:
    """The Pix rule: each level of a competence is worth 8 pix, at most 4 per skill."""
    return min(4.0, 8 / skills_at_level)


def default_difficulty(level: int) -> float:
    return level - 0.5


DEFAULT_DISCRIMINATION = 1.5


@dataclass(frozen=True, slots=True)
class LevelDescriptor:
    level: int
    stage: str
    descriptor: str


@dataclass(frozen=True, slots=True)
class Domain:
    code: str
    title: str
    competences: tuple[str, ...]  # competence codes


@dataclass(frozen=True, slots=True)
class Competence:
    code: str
    title: str
    description: str
    themes: tuple[str, ...]
    domain: str


@dataclass(frozen=True, slots=True)
class Tutorial:
    id: str
    title: str
    url: str
    source: str
    format: str
    duration: str  # HH:MM:SS


@dataclass(frozen=True, slots=True)
class Tube:
    name: str
    title: str
    description: str
    theme: str
    competence: str
    tutorials: tuple[str, ...]  # tutorial ids


@dataclass(frozen=True, slots=True)
class Skill:
    name: str  # @<tube><level>
    tube: str
    competence: str
    level: int
    pix_value: float
    hint: str
    tutorials: tuple[str, ...]  # the skill's own tutorials first, then its tube's


@dataclass(frozen=True, slots=True)
class Field:
    """An input field as the learner sees it (its accepted answers live in the Solution)."""

    id: str
    label: str
    number: bool = False
    options: tuple[str, ...] = ()  # a drop-down when not empty


@dataclass(frozen=True, slots=True)
class Illustration:
    file: str
    alt: str


@dataclass(frozen=True, slots=True)
class Challenge:
    id: str
    skill: str
    tube: str
    competence: str
    level: int
    type: ChallengeType
    instruction: str
    choices: tuple[str, ...]
    fields: tuple[Field, ...]
    solution: Solution
    difficulty: float  # IRT calibration, default level - 0.5
    discrimination: float  # IRT calibration, default 1.5
    attachments: tuple[str, ...] = ()
    illustration: Illustration | None = None
    timer: int | None = None
    focused: bool = False
    locale: str = "fr-fr"
    status: Status = Status.VALIDATED
    format: str | None = None  # défi, connaissance, sensibilisation
    # The order shown to a learner (see view.py): proposals and drop-down options are shuffled per learner
    # and assessment unless `shuffle` is off (an ordered scale); `fixed_last` keeps that many last ones in
    # place ("Aucune de ces réponses") while the others are shuffled.
    shuffle: bool = True
    fixed_last: int = 0
    # Why the right answer is right (Markdown, 1–3 sentences): shown after answering, never with the challenge.
    explanation: str | None = None
    # Challenges of the same competence whose solutions overlap or reveal this one's (an instruction that
    # shows the other's answer): never served together in one test. Symmetric in a release (build.py).
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Release:
    """The whole référentiel of one build, indexed for the requests that read it."""

    version: str
    checksum: str
    levels: tuple[LevelDescriptor, ...]
    domains: tuple[Domain, ...]
    competences: Mapping[str, Competence]  # by code, in code order
    tubes: Mapping[str, Tube]  # by name
    skills: Mapping[str, Skill]  # by name
    challenges: Mapping[str, Challenge]  # by id, every status (answers may point at archived ones)
    tutorials: Mapping[str, Tutorial]  # by id
    attachments: Mapping[str, str]  # file name -> sha256 of its bytes
    tubes_by_competence: Mapping[str, tuple[str, ...]]
    skills_by_tube: Mapping[str, tuple[str, ...]]  # ordered by level
    served_by_skill: Mapping[str, tuple[str, ...]]  # validated challenges only

    def tubes_of(self, competence: str) -> tuple[Tube, ...]:
        return tuple(self.tubes[name] for name in self.tubes_by_competence.get(competence, ()))

    def skills_of_tube(self, tube: str) -> tuple[Skill, ...]:
        """The skills of a tube, easiest first."""
        return tuple(self.skills[name] for name in self.skills_by_tube.get(tube, ()))

    def skills_of_competence(self, competence: str) -> tuple[Skill, ...]:
        return tuple(skill for tube in self.tubes_of(competence) for skill in self.skills_of_tube(tube.name))

    def challenges_of(self, skill: str) -> tuple[Challenge, ...]:
        """The challenges that may be served for a skill: validated ones only."""
        return tuple(self.challenges[cid] for cid in self.served_by_skill.get(skill, ()))

    def tutorials_of(self, skill: str) -> tuple[Tutorial, ...]:
        return tuple(self.tutorials[tid] for tid in self.skills[skill].tutorials)

    def excluded_by(self, asked: Iterable[str]) -> frozenset[str]:
        """The challenges that must not be served in a test that already asked `asked` (overlap pairs)."""
        return frozenset(
            other for cid in asked if (challenge := self.challenges.get(cid)) for other in challenge.excludes
        )


def make_release(
    version: str,
    checksum: str,
    levels: Iterable[LevelDescriptor],
    domains: Iterable[Domain],
    competences: Iterable[Competence],
    tubes: Iterable[Tube],
    skills: Iterable[Skill],
    challenges: Iterable[Challenge],
    tutorials: Iterable[Tutorial],
    attachments: Mapping[str, str],
) -> Release:
    """Index the objects of a release once, so that requests only look things up."""
    competences = sorted(competences, key=lambda c: c.code)
    tubes, skills, challenges = tuple(tubes), tuple(skills), tuple(challenges)
    tubes_by_competence: dict[str, list[str]] = {c.code: [] for c in competences}
    for tube in tubes:
        tubes_by_competence.setdefault(tube.competence, []).append(tube.name)
    skills_by_tube: dict[str, list[Skill]] = {t.name: [] for t in tubes}
    for skill in skills:
        skills_by_tube.setdefault(skill.tube, []).append(skill)
    served_by_skill: dict[str, list[str]] = {s.name: [] for s in skills}
    for challenge in challenges:
        if challenge.status is Status.VALIDATED:
            served_by_skill.setdefault(challenge.skill, []).append(challenge.id)
    return Release(
        version=version,
        checksum=checksum,
        levels=tuple(sorted(levels, key=lambda d: d.level)),
        domains=tuple(domains),
        competences=_frozen({c.code: c for c in competences}),
        tubes=_frozen({t.name: t for t in tubes}),
        skills=_frozen({s.name: s for s in skills}),
        challenges=_frozen({c.id: c for c in challenges}),
        tutorials=_frozen({t.id: t for t in tutorials}),
        attachments=_frozen(dict(attachments)),
        tubes_by_competence=_frozen({k: tuple(v) for k, v in tubes_by_competence.items()}),
        skills_by_tube=_frozen(
            {k: tuple(s.name for s in sorted(v, key=lambda s: s.level)) for k, v in skills_by_tube.items()}
        ),
        served_by_skill=_frozen({k: tuple(v) for k, v in served_by_skill.items()}),
    )


def _frozen[V](mapping: dict[str, V]) -> Mapping[str, V]:
    return MappingProxyType(mapping)
