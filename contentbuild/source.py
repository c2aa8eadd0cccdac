"""Reading the content sources (framework.yaml, competences/*.yaml) into content-model objects.

This is the shape check: keys, types, required fields. It reports every problem it meets with the
file and the id it belongs to, and goes on, so one build lists all the errors at once. The rules
on the meaning (solutions, references, uniqueness…) are in validate.py. Build-time only: yaml is a
development dependency, the function never imports this module.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from chalicelib.content.model import (
    DEFAULT_DISCRIMINATION,
    Challenge,
    Competence,
    Domain,
    Field,
    Illustration,
    LevelDescriptor,
    Skill,
    Status,
    Tube,
    Tutorial,
    default_difficulty,
    pix_value,
)
from chalicelib.engine.checking import ALL_TOLERANCES, ChallengeType, FieldSolution, Solution, Tolerance


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the sources, said so that an author finds and fixes it."""

    file: str
    id: str
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning" if self.warning else "error"
        return f"{self.file}: {self.id}: {kind}: {self.reason}"


@dataclass(slots=True)
class Sources:
    """Everything read from the sources, each object with the file it came from."""

    framework_file: str = ""
    version: str = ""
    levels: list[LevelDescriptor] = field(default_factory=list)
    domains: list[Domain] = field(default_factory=list)
    competences: dict[str, Competence] = field(default_factory=dict)
    competence_files: dict[str, str] = field(default_factory=dict)  # competence code -> its file
    tubes: list[tuple[str, Tube]] = field(default_factory=list)
    skills: list[tuple[str, Skill]] = field(default_factory=list)
    challenges: list[tuple[str, Challenge]] = field(default_factory=list)
    tutorials: list[tuple[str, Tutorial]] = field(default_factory=list)  # one entry per declaration
    files: list[Path] = field(default_factory=list)  # every file read, for the release's provenance


def display_path(path: Path) -> str:
    """The path as an author would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_sources(content_dir: Path) -> tuple[Sources, list[Problem]]:
    """Read framework.yaml and every competences/*.yaml of a content directory."""
    sources, problems = Sources(), []
    framework = content_dir / "framework.yaml"
    sources.framework_file = display_path(framework)
    raw = _load_yaml(framework, problems)
    if raw is not None:
        _read_framework(raw, sources, problems)
    for path in sorted((content_dir / "competences").glob("*.yaml")):
        raw = _load_yaml(path, problems)
        if raw is not None:
            _read_competence_file(path, raw, sources, problems)
    sources.files = [framework, *sorted((content_dir / "competences").glob("*.yaml"))]
    close_overlaps(sources)
    return sources, problems


def close_overlaps(sources: Sources) -> None:
    """Make overlap pairs symmetric: an author writes `excludes: [b]` on a (or on both); in the release, a
    lists b and b lists a, each list sorted. Ids that name no challenge are left for the validator."""
    pairs: dict[str, set[str]] = {}
    for _, challenge in sources.challenges:
        for other in challenge.excludes:
            pairs.setdefault(challenge.id, set()).add(other)
            pairs.setdefault(other, set()).add(challenge.id)
    sources.challenges = [
        (file, replace(c, excludes=tuple(sorted(pairs.get(c.id, ())))) if c.id in pairs else c)
        for file, c in sources.challenges
    ]


def _load_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(display_path(path), "-", "the file does not exist"))
    except yaml.YAMLError as error:
        problems.append(Problem(display_path(path), "-", f"the YAML does not parse: {error}"))
    return None


class _Where:
    """Reads typed values out of one YAML mapping, reporting problems against a file and an id."""

    def __init__(self, problems: list[Problem], file: str, id: str) -> None:
        self.problems, self.file, self.id = problems, file, id
        self.ok = True

    def error(self, reason: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.file, self.id, reason))

    def mapping(
        self, raw: Any, what: str, required: set[str], optional: Set[str] = frozenset()
    ) -> dict | None:
        if not isinstance(raw, dict):
            self.error(f"{what} must be a mapping of keys to values")
            return None
        for key in sorted(required - raw.keys()):
            self.error(f"{what}: the key '{key}' is missing")
        for key in sorted(raw.keys() - required - optional, key=str):
            allowed = ", ".join(sorted(required | optional))
            self.error(f"{what}: the key '{key}' is not allowed here (allowed: {allowed})")
        return raw

    def text(self, raw: dict, key: str, default: str | None = None) -> str:
        """A non-empty text; YAML numbers and dates are read as their text (`accept: [2019]`)."""
        value = raw.get(key, default)
        if value is None:
            return ""  # the missing key was already reported
        text = self._as_text(value, f"'{key}'")
        if text is not None and not text.strip() and default is None:
            self.error(f"'{key}' is empty")
        return text or ""

    def texts(self, raw: dict, key: str, default: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = raw.get(key, default)
        if value is None:
            return ()
        if not isinstance(value, list | tuple):
            self.error(f"'{key}' must be a list")
            return ()
        texts = [self._as_text(item, f"an item of '{key}'") for item in value]
        if any(t is not None and not t.strip() for t in texts):
            self.error(f"'{key}' has an empty item")
        return tuple(t for t in texts if t is not None)

    def integer(self, raw: dict, key: str, default: int | None = None) -> int | None:
        value = raw.get(key, default)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.error(f"'{key}' must be a whole number, not {value!r}")
        return None

    def real(self, raw: dict, key: str, default: float) -> float:
        value = raw.get(key, default)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        self.error(f"'{key}' must be a number, not {value!r}")
        return default

    def flag(self, raw: dict, key: str, default: bool = False) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            self.error(f"'{key}' must be true or false, not {value!r}")
            return default
        return value

    def choice[E](
        self, raw: dict, key: str, enum: Callable[[str], E], default: str | None = None
    ) -> E | None:
        value = raw.get(key, default)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(str(member) for member in enum)  # type: ignore[attr-defined]
            self.error(f"'{key}' is {value!r}; it must be one of: {allowed}")
            return None

    def _as_text(self, value: Any, what: str) -> str | None:
        if isinstance(value, str):
            return value.strip()  # YAML block scalars end with a newline nobody means
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        if type(value) is datetime.date:  # YAML reads 2025-10-14 as a date: give back what was typed
            return value.isoformat()
        self.error(f"{what} must be text, not {value!r} (put quotes around it in the YAML)")
        return None


# --- framework --------------------------------------------------------------------------------


def _read_framework(raw: Any, sources: Sources, problems: list[Problem]) -> None:
    where = _Where(problems, sources.framework_file, "framework")
    top = where.mapping(raw, "the framework", {"version", "levels", "domains"})
    if top is None:
        return
    sources.version = where.text(top, "version")
    for item in top.get("levels") or []:
        level_where = _Where(
            problems, sources.framework_file, f"level {item.get('level') if isinstance(item, dict) else '?'}"
        )
        level = level_where.mapping(item, "a level", {"level", "stage", "descriptor"})
        if level is not None:
            number = level_where.integer(level, "level")
            if number is not None:
                sources.levels.append(
                    LevelDescriptor(
                        number, level_where.text(level, "stage"), level_where.text(level, "descriptor")
                    )
                )
    for item in top.get("domains") or []:
        domain_where = _Where(
            problems, sources.framework_file, f"domain {item.get('code') if isinstance(item, dict) else '?'}"
        )
        domain = domain_where.mapping(item, "a domain", {"code", "title", "competences"})
        if domain is None:
            continue
        code = domain_where.text(domain, "code")
        codes = []
        for raw_competence in domain.get("competences") or []:
            competence = _read_framework_competence(raw_competence, code, sources, problems)
            if competence is not None:
                codes.append(competence.code)
        sources.domains.append(Domain(code, domain_where.text(domain, "title"), tuple(codes)))


def _read_framework_competence(
    raw: Any, domain: str, sources: Sources, problems: list[Problem]
) -> Competence | None:
    code = str(raw.get("code")) if isinstance(raw, dict) else "?"
    where = _Where(problems, sources.framework_file, f"competence {code}")
    item = where.mapping(raw, "a competence", {"code", "title", "description", "themes"})
    if item is None:
        return None
    competence = Competence(
        code=where.text(item, "code"),
        title=where.text(item, "title"),
        description=where.text(item, "description"),
        themes=where.texts(item, "themes"),
        domain=domain,
    )
    if competence.code in sources.competences:
        where.error("this competence code is declared twice")
        return None
    sources.competences[competence.code] = competence
    return competence


# --- competence files -------------------------------------------------------------------------


def _read_competence_file(path: Path, raw: Any, sources: Sources, problems: list[Problem]) -> None:
    file = display_path(path)
    where = _Where(problems, file, path.stem)
    top = where.mapping(raw, "a competence file", {"competence", "tubes"})
    if top is None:
        return
    code = where.text(top, "competence")
    if code not in sources.competences:
        where.error(f"the competence '{code}' is not in the framework")
        return
    if code in sources.competence_files:
        where.error(f"the competence {code} is already written in {sources.competence_files[code]}")
        return
    if path.stem != code:
        where.error(
            f"a competence file is named after its competence: this one should be competences/{code}.yaml"
        )
    sources.competence_files[code] = file
    tubes = top.get("tubes")
    if not isinstance(tubes, list) or not tubes:
        where.error("'tubes' must be a non-empty list")
        return
    skills_before = len(sources.skills)
    for raw_tube in tubes:
        _read_tube(raw_tube, code, file, sources, problems)
    _set_pix_values(sources, skills_before)


def _set_pix_values(sources: Sources, first: int) -> None:
    """Pix values depend on how many skills share a level in the competence: known once it is read."""
    per_level = Counter(skill.level for _, skill in sources.skills[first:])
    for index in range(first, len(sources.skills)):
        file, skill = sources.skills[index]
        value = pix_value(per_level[skill.level])
        sources.skills[index] = (file, Skill(**{**_fields_of(skill), "pix_value": value}))


def _fields_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def _read_tube(raw: Any, competence: str, file: str, sources: Sources, problems: list[Problem]) -> None:
    name = str(raw.get("name")) if isinstance(raw, dict) else "?"
    where = _Where(problems, file, f"tube {name}")
    item = where.mapping(raw, "a tube", {"name", "title", "description", "theme", "skills"}, {"tutorials"})
    if item is None:
        return
    tutorials = _read_tutorials(item.get("tutorials"), where, sources)
    tube = Tube(
        name=where.text(item, "name"),
        title=where.text(item, "title"),
        description=where.text(item, "description"),
        theme=where.text(item, "theme"),
        competence=competence,
        tutorials=tutorials,
    )
    sources.tubes.append((file, tube))
    skills = item.get("skills")
    if not isinstance(skills, list) or not skills:
        where.error("'skills' must be a non-empty list")
        return
    for raw_skill in skills:
        _read_skill(raw_skill, tube, file, sources, problems)


def _read_skill(raw: Any, tube: Tube, file: str, sources: Sources, problems: list[Problem]) -> None:
    level_text = raw.get("level") if isinstance(raw, dict) else "?"
    name = f"@{tube.name}{level_text}"
    where = _Where(problems, file, name)
    item = where.mapping(raw, "a skill", {"level", "challenges"}, {"hint", "tutorials"})
    if item is None:
        return
    level = where.integer(item, "level")
    if level is None:
        return
    own = _read_tutorials(item.get("tutorials"), where, sources)
    skill = Skill(
        name=name,
        tube=tube.name,
        competence=tube.competence,
        level=level,
        pix_value=0.0,  # set once the whole competence is read
        hint=where.text(item, "hint", default=""),
        tutorials=tuple(dict.fromkeys(own + tube.tutorials)),
    )
    sources.skills.append((file, skill))
    challenges = item.get("challenges")
    if not isinstance(challenges, list) or not challenges:
        where.error("'challenges' must be a non-empty list")
        return
    for raw_challenge in challenges:
        challenge = _read_challenge(raw_challenge, skill, file, problems)
        if challenge is not None:
            sources.challenges.append((file, challenge))


def tutorial_id(url: str, title: str) -> str:
    """A stable id: the same resource declared in several places is one tutorial."""
    return "tu-" + hashlib.sha256(f"{url}\n{title}".encode()).hexdigest()[:10]


def _read_tutorials(raw: Any, where: _Where, sources: Sources) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        where.error("'tutorials' must be a list")
        return ()
    ids = []
    for raw_tutorial in raw:
        item = where.mapping(raw_tutorial, "a tutorial", {"title", "url", "source", "format", "duration"})
        if item is None:
            continue
        url, title = where.text(item, "url"), where.text(item, "title")
        tutorial = Tutorial(
            id=tutorial_id(url, title),
            title=title,
            url=url,
            source=where.text(item, "source"),
            format=where.text(item, "format"),
            duration=where.text(item, "duration"),
        )
        sources.tutorials.append((where.file, tutorial))
        ids.append(tutorial.id)
    return tuple(ids)


_COMMON_KEYS = {"id", "type", "instruction"}
_OPTIONAL_KEYS = {
    "tolerances", "attachments", "illustration", "timer", "focused", "locale", "status", "format",
    "difficulty", "discrimination", "shuffle", "fixed_last", "explanation", "excludes",
}  # fmt: skip
_TYPE_KEYS = {
    ChallengeType.QCU: {"choices", "answer"},
    ChallengeType.QCM: {"choices", "answer"},
    ChallengeType.QROC: {"fields"},
    ChallengeType.QROCM_IND: {"fields"},
    ChallengeType.QROCM_DEP: {"fields", "groups"},
}


def _read_challenge(raw: Any, skill: Skill, file: str, problems: list[Problem]) -> Challenge | None:
    cid = str(raw.get("id")) if isinstance(raw, dict) else f"a challenge of {skill.name}"
    where = _Where(problems, file, cid)
    if not isinstance(raw, dict):
        where.error("a challenge must be a mapping of keys to values")
        return None
    kind = where.choice(raw, "type", ChallengeType)
    if kind is None:
        if "type" not in raw:
            where.error("a challenge: the key 'type' is missing")
        return None
    where.mapping(raw, f"a {kind} challenge", _COMMON_KEYS | _TYPE_KEYS[kind], _OPTIONAL_KEYS)
    choices = where.texts(raw, "choices", default=())
    answer = _read_answer(raw.get("answer"), kind, where)
    dependent = kind is ChallengeType.QROCM_DEP
    fields, solutions = (
        _read_fields(raw.get("fields"), dependent, where)
        if kind not in (ChallengeType.QCU, ChallengeType.QCM)
        else ((), ())
    )
    groups = _read_groups(raw.get("groups"), where) if dependent else ()
    tolerances = _read_tolerances(raw.get("tolerances"), where)
    illustration = _read_illustration(raw.get("illustration"), where)
    status = where.choice(raw, "status", Status, default="validated")
    challenge = Challenge(
        id=where.text(raw, "id"),
        skill=skill.name,
        tube=skill.tube,
        competence=skill.competence,
        level=skill.level,
        type=kind,
        instruction=where.text(raw, "instruction"),
        choices=choices,
        fields=fields,
        solution=Solution(
            type=kind,
            answer=answer,
            choice_count=len(choices),
            fields=solutions,
            groups=groups,
            tolerances=tolerances,
        ),
        difficulty=where.real(raw, "difficulty", default_difficulty(skill.level)),
        discrimination=where.real(raw, "discrimination", DEFAULT_DISCRIMINATION),
        attachments=where.texts(raw, "attachments", default=()),
        illustration=illustration,
        timer=where.integer(raw, "timer"),
        focused=where.flag(raw, "focused"),
        locale=where.text(raw, "locale", default="fr-fr"),
        status=status or Status.VALIDATED,
        format=where.text(raw, "format", default="") or None,
        shuffle=where.flag(raw, "shuffle", default=True),
        fixed_last=where.integer(raw, "fixed_last", default=0) or 0,
        explanation=where.text(raw, "explanation").strip() or None,
        excludes=tuple(dict.fromkeys(where.texts(raw, "excludes", default=()))),
    )
    return challenge if where.ok else None


def _read_answer(raw: Any, kind: ChallengeType, where: _Where) -> tuple[int, ...]:
    def is_index(value: Any) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    if kind is ChallengeType.QCU:
        if is_index(raw):
            return (raw,)
        where.error(f"'answer' of a QCU must be the 1-based index of the right choice, not {raw!r}")
    elif kind is ChallengeType.QCM:
        if isinstance(raw, list) and all(is_index(i) for i in raw):
            return tuple(raw)
        where.error(f"'answer' of a QCM must be a list of 1-based indexes of the right choices, not {raw!r}")
    return ()


def _read_fields(
    raw: Any, dependent: bool, where: _Where
) -> tuple[tuple[Field, ...], tuple[FieldSolution, ...]]:
    if not isinstance(raw, list) or not raw:
        where.error("'fields' must be a non-empty list")
        return (), ()
    fields, solutions = [], []
    for item in raw:
        if dependent:
            item = where.mapping(
                item, "a field of a QROCM-dep (its answers are in 'groups')", {"id", "label"}, {"number"}
            )
        else:
            item = where.mapping(item, "a field", {"id", "label", "accept"}, {"number", "options"})
        if item is None:
            continue
        field_id = where.text(item, "id")
        options = where.texts(item, "options", default=())
        fields.append(Field(field_id, where.text(item, "label"), where.flag(item, "number"), options))
        solutions.append(
            FieldSolution(
                id=field_id,
                accept=where.texts(item, "accept", default=()),
                number=fields[-1].number,
                dropdown=bool(options),
            )
        )
    return tuple(fields), tuple(solutions)


def _read_groups(raw: Any, where: _Where) -> tuple[tuple[str, ...], ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(g, list) and g for g in raw):
        where.error("'groups' must be a list of groups, each a non-empty list of accepted variants")
        return ()
    return tuple(where.texts({"group": group}, "group") for group in raw)


def _read_tolerances(raw: Any, where: _Where) -> frozenset[Tolerance]:
    if raw is None:
        return ALL_TOLERANCES
    if not isinstance(raw, list):
        where.error("'tolerances' must be a list such as [t1, t2] (or [] for an exact match)")
        return ALL_TOLERANCES
    tolerances = set()
    for name in raw:
        try:
            tolerances.add(Tolerance(name))
        except ValueError:
            where.error(f"unknown tolerance {name!r}: use t1, t2 or t3")
    return frozenset(tolerances)


def _read_illustration(raw: Any, where: _Where) -> Illustration | None:
    if raw is None:
        return None
    item = where.mapping(raw, "the illustration", {"file"}, {"alt"})
    if item is None:
        return None
    return Illustration(where.text(item, "file"), where.text(item, "alt", default=""))
