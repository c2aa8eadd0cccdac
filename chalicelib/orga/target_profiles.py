"""Target profiles (profils cibles): what a campaign measures, with its stages and badges. Pure.

A target profile is a selection of the release's tubes, each capped at a level: its skills are every skill
of each tube up to the cap. Stages (paliers) are either all by mastery threshold (0–100 %) or all by level
(0–8), never mixed (one `stage_kind` for the set), with a mandatory zero stage and unique thresholds. A
badge has a unique key and criteria, each a threshold on the overall mastery rate ("campaign") or on the
mastery rate of a named set of capped tubes ("tubes"); it is acquired when every criterion is met.

`validate` checks a profile against a release and raises `Invalid` with a stable code; the service calls it
before every write, so that a stored profile always holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from chalicelib.content.api import Release
from chalicelib.errors import Invalid

MIN_LEVEL = 1
MAX_LEVEL = 8
COPY_PREFIX = "[Copie] "
CATEGORIES = ("COMPETENCES", "SUBJECT", "CUSTOM", "PREDEFINED", "OTHER")

StageKind = Literal["mastery", "level"]
CriterionKind = Literal["campaign", "tubes"]


@dataclass(frozen=True, slots=True)
class CappedTube:
    tube_id: str
    level: int  # the cap: skills of this tube up to this level belong to the profile


@dataclass(frozen=True, slots=True)
class Stage:
    threshold: int  # a mastery rate in % (0–100) or a level (0–8), as the profile's stage_kind says
    title: str  # shown to the participant
    message: str  # shown to the participant
    prescriber_title: str | None = None  # shown to the organisation
    prescriber_description: str | None = None


@dataclass(frozen=True, slots=True)
class BadgeCriterion:
    kind: CriterionKind
    threshold: int  # a mastery rate in %, 0–100
    tubes: tuple[CappedTube, ...] = ()  # "tubes" only: the set whose mastery rate counts
    name: str | None = None  # "tubes" only: the set's name, for people


@dataclass(frozen=True, slots=True)
class Badge:
    id: str
    key: str  # unique within the profile, e.g. PIX_DONNEES_PERSO
    title: str
    message: str
    image_url: str | None
    always_visible: bool  # shown (as not acquired) even to those who did not earn it
    criteria: tuple[BadgeCriterion, ...]


@dataclass(frozen=True, slots=True)
class TargetProfile:
    id: str
    name: str
    category: str
    description: str
    comment: str | None  # for operators only
    tubes: tuple[CappedTube, ...]
    stage_kind: StageKind | None  # None when the profile has no stage
    stages: tuple[Stage, ...]  # ordered by threshold
    badges: tuple[Badge, ...]
    public: bool  # offered to every organisation
    organization_ids: frozenset[str]  # the organisations it is attached to
    outdated: bool  # no new campaign may use it
    resettable: bool  # a participant may reset after 4 days (multiple sendings)
    image_url: str | None
    created_at: datetime
    version: int = 0  # the stored version; each save writes version + 1 (optimistic concurrency)

    # --- what it measures --------------------------------------------------------------------------

    def cap_of(self, tube_id: str) -> int | None:
        return next((t.level for t in self.tubes if t.tube_id == tube_id), None)

    def skill_names(self, release: Release) -> tuple[str, ...]:
        """Every skill of each tube up to its cap, tube by tube, easiest first."""
        return skills_of(self.tubes, release)

    def competences(self, release: Release) -> tuple[str, ...]:
        """The codes of the competences its tubes belong to, in the release's order."""
        mine = {release.tubes[t.tube_id].competence for t in self.tubes if t.tube_id in release.tubes}
        return tuple(code for code in release.competences if code in mine)

    def tubes_of(self, competence: str, release: Release) -> tuple[CappedTube, ...]:
        return tuple(t for t in self.tubes if t.tube_id in release.tubes
                     and release.tubes[t.tube_id].competence == competence)

    def available_to(self, organization_id: str) -> bool:
        """Whether a new campaign of this organisation may use it."""
        return not self.outdated and (self.public or organization_id in self.organization_ids)

    def badge(self, key: str) -> Badge | None:
        return next((b for b in self.badges if b.key == key), None)

    # --- what an operator does ---------------------------------------------------------------------

    def copy(self, new_id: str, at: datetime) -> TargetProfile:
        """The copy an operator adapts: "[Copie] …", neither public, attached nor outdated."""
        return replace(self, id=new_id, name=(COPY_PREFIX + self.name)[:NAME_MAX], public=False,
                       organization_ids=frozenset(), outdated=False, created_at=at, version=0)


NAME_MAX = 255


def skills_of(tubes: Iterable[CappedTube], release: Release) -> tuple[str, ...]:
    """The names of the skills of `tubes`, each up to its cap (unknown tubes count nothing)."""
    return tuple(
        skill.name
        for tube in tubes
        for skill in release.skills_of_tube(tube.tube_id)
        if skill.level <= tube.level
    )


def level_stage_threshold(profile: TargetProfile, level: int, release: Release) -> float:
    """The mastery rate (0–1) a level stage stands for: the share of the profile's skills of that level or
    below. A participant reaches the stage "level N" when they master at least that share."""
    skills = [release.skills[name] for name in profile.skill_names(release)]
    if level <= 0 or not skills:
        return 0.0
    return sum(1 for s in skills if s.level <= level) / len(skills)


# --- validation ------------------------------------------------------------------------------------


def _on(field: str, error: Invalid) -> Invalid:
    """The error, naming the request's field it is about."""
    error.details = [{"field": field, "message": error.message}]
    return error


def validate_tubes(tubes: tuple[CappedTube, ...], release: Release, *, field: str = "tubes") -> None:
    if not tubes:
        raise _on(field, Invalid("TARGET_PROFILE_NO_TUBE", "Un profil cible compte au moins un sujet."))
    seen: set[str] = set()
    for tube in tubes:
        if tube.tube_id not in release.tubes:
            raise _on(field, Invalid("TARGET_PROFILE_UNKNOWN_TUBE",
                                     f"Le sujet « {tube.tube_id} » n'existe pas dans le référentiel."))
        if tube.tube_id in seen:
            raise _on(field, Invalid("TARGET_PROFILE_DUPLICATE_TUBE",
                                     f"Le sujet « {tube.tube_id} » est choisi deux fois."))
        seen.add(tube.tube_id)
        if not MIN_LEVEL <= tube.level <= MAX_LEVEL:
            raise _on(field, Invalid("TARGET_PROFILE_TUBE_LEVEL",
                                     f"Le niveau du sujet « {tube.tube_id} » va de {MIN_LEVEL} à {MAX_LEVEL}."))
        levels = [s.level for s in release.skills_of_tube(tube.tube_id)]
        if not any(level <= tube.level for level in levels):
            raise _on(field, Invalid("TARGET_PROFILE_TUBE_EMPTY",
                                     f"Le sujet « {tube.tube_id} » commence au niveau {min(levels, default=0)} : "
                                     f"un niveau maximum de {tube.level} n'y retient aucun acquis."))


def validate_stages(stage_kind: StageKind | None, stages: tuple[Stage, ...]) -> None:
    if not stages:
        if stage_kind is not None:
            raise _on("stages", Invalid("STAGE_ZERO_MISSING", "Le palier zéro est obligatoire."))
        return
    if stage_kind not in ("mastery", "level"):
        raise _on("stages", Invalid("STAGE_KIND_MISSING",
                                    "Les paliers sont tous par taux de maîtrise ou tous par niveau."))
    top = 100 if stage_kind == "mastery" else MAX_LEVEL
    thresholds = [s.threshold for s in stages]
    if 0 not in thresholds:
        raise _on("stages", Invalid("STAGE_ZERO_MISSING", "Le palier zéro est obligatoire."))
    if len(set(thresholds)) != len(thresholds):
        raise _on("stages", Invalid("STAGE_THRESHOLD_DUPLICATE", "Deux paliers ne peuvent pas avoir le même seuil."))
    for stage in stages:
        if not 0 <= stage.threshold <= top:
            raise _on("stages", Invalid("STAGE_THRESHOLD_RANGE",
                                        f"Le seuil d'un palier va de 0 à {top} ({stage.threshold} donné)."))
        if not stage.title.strip() or not stage.message.strip():
            raise _on("stages", Invalid("STAGE_TEXT_MISSING", "Chaque palier a un titre et un message."))


def validate_badges(badges: tuple[Badge, ...], tubes: tuple[CappedTube, ...]) -> None:
    caps = {t.tube_id: t.level for t in tubes}
    keys = [b.key for b in badges]
    if len(set(keys)) != len(keys):
        raise _on("badges", Invalid("BADGE_KEY_DUPLICATE",
                                    "Deux badges d'un profil cible ne peuvent pas avoir la même clé."))
    for badge in badges:
        if not badge.key.strip() or not badge.title.strip():
            raise _on("badges", Invalid("BADGE_TEXT_MISSING", "Chaque badge a une clé et un titre."))
        if not badge.criteria:
            raise _on("badges", Invalid("BADGE_NO_CRITERION", f"Le badge « {badge.key} » n'a aucun critère."))
        for criterion in badge.criteria:
            if not 0 <= criterion.threshold <= 100:
                raise _on("badges", Invalid("BADGE_CRITERION_THRESHOLD",
                                            "Le seuil d'un critère est un taux de maîtrise de 0 à 100 %."))
            if criterion.kind == "campaign":
                if criterion.tubes:
                    raise _on("badges", Invalid("BADGE_CRITERION_TUBES",
                                                "Un critère sur l'ensemble du profil ne nomme pas de sujets."))
                continue
            if not criterion.tubes:
                raise _on("badges", Invalid("BADGE_CRITERION_TUBES", "Un critère par sujets nomme au moins un sujet."))
            for tube in criterion.tubes:
                cap = caps.get(tube.tube_id)
                if cap is None or not MIN_LEVEL <= tube.level <= cap:
                    raise _on("badges", Invalid("BADGE_CRITERION_TUBES",
                                                f"Le critère du badge « {badge.key} » porte sur des sujets du profil, "
                                                "à un niveau au plus égal à leur niveau maximum."))


def validate(profile: TargetProfile, release: Release) -> None:
    """Raise Invalid unless the profile holds: its texts, tubes, stages and badges."""
    if not profile.name.strip() or len(profile.name) > NAME_MAX:
        raise _on("name", Invalid("TARGET_PROFILE_NAME", f"Le nom est obligatoire ({NAME_MAX} caractères au plus)."))
    if profile.category not in CATEGORIES:
        raise _on("category", Invalid("TARGET_PROFILE_CATEGORY", "Cette catégorie de profil cible n'existe pas."))
    validate_tubes(profile.tubes, release)
    validate_stages(profile.stage_kind, profile.stages)
    top = max(t.level for t in profile.tubes)
    if profile.stage_kind == "level" and any(s.threshold > top for s in profile.stages):
        raise _on("stages", Invalid("STAGE_THRESHOLD_RANGE",
                                    f"Un palier par niveau ne dépasse pas le niveau le plus haut du profil ({top})."))
    validate_badges(profile.badges, profile.tubes)


def sorted_stages(stages: Iterable[Stage]) -> tuple[Stage, ...]:
    return tuple(sorted(stages, key=lambda s: s.threshold))
