"""The engine's view of the content: skills, challenges as calibrated items, pix values, precomputed tables.

Built from plain data, so the benchmark's synthetic bank and the production release (through a small
adapter over chalicelib.content) feed it alike. Build it once per container: it keeps every item's
response curves and every competence's level table, each computed on first use.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from . import irt, scoring

DEFAULT_DISCRIMINATION = 1.5


def skill_name(tube: str, level: int) -> str:
    return f"@{tube}{level}"


@dataclass(frozen=True, slots=True)
class Skill:
    """A tube at one level. `threshold`: the tube ability from which it is mastered (default level − 0.5)."""

    tube: str
    competence: str
    level: int
    threshold: float | None = None

    @property
    def name(self) -> str:
        return skill_name(self.tube, self.level)

    @property
    def mastery_threshold(self) -> float:
        return self.level - 0.5 if self.threshold is None else self.threshold


@dataclass(frozen=True, slots=True)
class Item:
    """A challenge as the engine sees it: its skill and its calibration (difficulty b, discrimination a).
    `excludes`: the challenges whose solutions overlap this one's (an overlap pair of the content): a test
    that asked one of them never gets this one, and the reverse."""

    challenge_id: str
    skill: str
    tube: str
    competence: str
    level: int
    difficulty: float
    discrimination: float = DEFAULT_DISCRIMINATION
    timed: bool = False
    excludes: frozenset[str] = frozenset()


class Bank:
    """Skills and items of a release, indexed for the engine; immutable once built."""

    def __init__(
        self,
        skills: Iterable[Skill],
        items: Iterable[Item],
        max_level: int = scoring.DEFAULT_MAX_REACHABLE_LEVEL,
    ) -> None:
        self.max_level = max_level
        self.memos: dict[object, dict[object, object]] = {}  # derived values, one dict per `memo.BankMemo`
        self.skills: dict[str, Skill] = {}
        for skill in skills:
            if skill.name in self.skills:
                raise ValueError(f"skill {skill.name} appears twice")
            self.skills[skill.name] = skill
        self.items: dict[str, Item] = {}
        for item in items:
            known = self.skills.get(item.skill)
            if known is None or (known.tube, known.competence, known.level) != (item.tube, item.competence, item.level):
                raise ValueError(f"challenge {item.challenge_id} does not match a skill of the bank")
            if item.challenge_id in self.items:
                raise ValueError(f"challenge {item.challenge_id} appears twice")
            self.items[item.challenge_id] = item

        by_competence: dict[str, dict[str, int]] = defaultdict(dict)
        tube_skills: dict[str, list[Skill]] = defaultdict(list)
        for skill in self.skills.values():
            by_competence[skill.competence][skill.name] = skill.level
            tube_skills[skill.tube].append(skill)
        self.pix: dict[str, float] = {}
        for levels in by_competence.values():
            self.pix.update(scoring.pix_values(levels))
        self.competences: tuple[str, ...] = tuple(sorted(by_competence))
        self._tube_skills = {tube: tuple(sorted(s, key=lambda s: s.level)) for tube, s in tube_skills.items()}
        self._items_by_competence: dict[str, list[Item]] = {c: [] for c in self.competences}
        for item in self.items.values():
            self._items_by_competence[item.competence].append(item)
        # Overlap pairs, made symmetric here too: a bank built from one side of a pair still keeps both apart.
        self._excludes: dict[str, set[str]] = defaultdict(set)
        for item in self.items.values():
            for other in item.excludes:
                self._excludes[item.challenge_id].add(other)
                self._excludes[other].add(item.challenge_id)

        self._tube_pix = {
            tube: irt.tube_pix([(s.mastery_threshold, self.pix[s.name]) for s in skills])
            for tube, skills in self._tube_skills.items()
        }
        self._prior_tube_pix = {tube: tuple(irt.over_tube_effect(pix)) for tube, pix in self._tube_pix.items()}
        # Response curves and level tables are built on first use: a container that serves one competence's
        # requests pays for that competence only (about 0.4 s for the whole release, 30 ms for a competence).
        self._models: dict[str, irt.ItemModel] = {}
        self._skill_models: dict[str, irt.ItemModel] = {}
        self._level_tables: dict[str, irt.LevelTable] = {}

    def _level_table(self, competence: str) -> irt.LevelTable:
        tubes = [
            sorted((s.mastery_threshold, self.pix[s.name]) for s in skills)
            for skills in self._tube_skills.values()
            if skills[0].competence == competence
        ]
        return irt.level_table(tubes, self.max_level)

    def tube_levels(self, tube: str) -> tuple[int, ...]:
        """Levels of the tube's skills, easiest first."""
        return tuple(s.level for s in self._tube_skills.get(tube, ()))

    def skill_at(self, tube: str, level: int) -> Skill | None:
        return self.skills.get(skill_name(tube, level))

    def excluded_by(self, asked: Iterable[str]) -> set[str]:
        """The challenges a test that asked `asked` must not serve: those sharing an overlap pair with one."""
        return {other for cid in asked for other in self._excludes.get(cid, ())}

    def items_of(self, competence: str) -> list[Item]:
        return self._items_by_competence.get(competence, [])

    def model(self, challenge_id: str) -> irt.ItemModel:
        found = self._models.get(challenge_id)
        if found is None:
            item = self.items[challenge_id]
            found = self._models[challenge_id] = irt.item_model(
                item.discrimination, item.difficulty, self._tube_pix[item.tube]
            )
        return found

    def skill_model(self, name: str) -> irt.ItemModel:
        """An earlier answer is known by its skill only: its model uses the skill threshold."""
        found = self._skill_models.get(name)
        if found is None:
            skill = self.skills[name]
            found = self._skill_models[name] = irt.item_model(
                DEFAULT_DISCRIMINATION, skill.mastery_threshold, self._tube_pix[skill.tube]
            )
        return found

    def tube_pix(self, tube: str) -> tuple[float, ...]:
        """The pix the tube brings at each tube ability (irt.EXTENDED)."""
        return self._tube_pix[tube]

    def prior_tube_pix(self, tube: str) -> tuple[float, ...]:
        """E[pix of the tube | θ] on the grid, before any answer in it."""
        return self._prior_tube_pix[tube]

    def level_table(self, competence: str) -> irt.LevelTable:
        found = self._level_tables.get(competence)
        if found is None:
            found = self._level_tables[competence] = self._level_table(competence)
        return found
