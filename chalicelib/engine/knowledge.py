"""What a learner is known to master in one competence: knowledge elements, inference, improve and reset.

Stored as one compact JSON document per learner and competence (see `to_json`): per tube, per level,
the status (validated / invalidated), the source (direct answer / inferred inside the tube) and the date.
Every function is pure: it returns a new `CompetenceKnowledge`.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

VALIDATED = "validated"
INVALIDATED = "invalidated"
DIRECT = "direct"
INFERRED = "inferred"
SUCCESS = "ok"
RESULTS = frozenset({"ok", "ko", "aband", "timedout", "focusedOut"})

IMPROVE_AFTER = timedelta(days=4)
RESET_AFTER = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class KnowledgeElement:
    status: str
    source: str
    at: datetime

    @property
    def validated(self) -> bool:
        return self.status == VALIDATED


def _frozen(tubes: Mapping[str, Mapping[int, KnowledgeElement]]) -> Mapping[str, Mapping[int, KnowledgeElement]]:
    return MappingProxyType({tube: MappingProxyType(dict(levels)) for tube, levels in tubes.items() if levels})


@dataclass(frozen=True, slots=True)
class CompetenceKnowledge:
    """Knowledge elements of one competence: `tubes[tube][level]`, and the date of the last answer."""

    competence: str
    tubes: Mapping[str, Mapping[int, KnowledgeElement]] = field(default_factory=dict)
    last_answer_at: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "tubes", _frozen(self.tubes))

    def element(self, tube: str, level: int) -> KnowledgeElement | None:
        return self.tubes.get(tube, {}).get(level)

    def elements(self) -> Iterable[tuple[str, int, KnowledgeElement]]:
        """Every element as (tube, level, element), tubes and levels in order."""
        for tube in sorted(self.tubes):
            levels = self.tubes[tube]
            for level in sorted(levels):
                yield tube, level, levels[level]

    def validated(self) -> list[tuple[str, int]]:
        """The (tube, level) of every validated skill."""
        return [(tube, level) for tube, level, element in self.elements() if element.validated]


def empty(competence: str) -> CompetenceKnowledge:
    return CompetenceKnowledge(competence)


def apply_answer(
    knowledge: CompetenceKnowledge,
    tube: str,
    level: int,
    tube_levels: Sequence[int],
    result: str,
    at: datetime,
) -> CompetenceKnowledge:
    """Record an answer on the skill (tube, level); `tube_levels` are the levels of the tube's skills.

    The answer gives a direct element (validated only when `ok`). Inside the tube, a success validates
    every easier skill not yet assessed and a failure invalidates every harder one; inference only fills
    skills without any element, so it never overrides a direct answer.
    """
    if result not in RESULTS:
        raise ValueError(f"unknown answer result {result!r}")
    success = result == SUCCESS
    status = VALIDATED if success else INVALIDATED
    levels = dict(knowledge.tubes.get(tube, {}))
    levels[level] = KnowledgeElement(status, DIRECT, at)
    for other in tube_levels:
        if other not in levels and (other < level if success else other > level):
            levels[other] = KnowledgeElement(status, INFERRED, at)
    tubes = dict(knowledge.tubes)
    tubes[tube] = levels
    return CompetenceKnowledge(knowledge.competence, tubes, at)


def improve_opens_at(knowledge: CompetenceKnowledge) -> datetime | None:
    """When the learner may retry and improve the competence (None: nothing answered yet)."""
    return None if knowledge.last_answer_at is None else knowledge.last_answer_at + IMPROVE_AFTER


def reset_opens_at(knowledge: CompetenceKnowledge) -> datetime | None:
    """When the learner may reset the competence (None: nothing to reset)."""
    return None if knowledge.last_answer_at is None else knowledge.last_answer_at + RESET_AFTER


class RuleNotOpen(Exception):
    """Improve or reset was asked before it opens."""

    def __init__(self, rule: str, opens_at: datetime | None) -> None:
        super().__init__(f"{rule} is not open yet (opens at {opens_at})")
        self.rule = rule
        self.opens_at = opens_at


def for_improvement(knowledge: CompetenceKnowledge, now: datetime) -> CompetenceKnowledge:
    """The knowledge a retry starts from: invalidated elements older than 4 days are ignored."""
    opens_at = improve_opens_at(knowledge)
    if opens_at is None or now < opens_at:
        raise RuleNotOpen("improve", opens_at)
    kept = {
        tube: {level: e for level, e in levels.items() if e.validated or now - e.at <= IMPROVE_AFTER}
        for tube, levels in knowledge.tubes.items()
    }
    return CompetenceKnowledge(knowledge.competence, kept, knowledge.last_answer_at)


def reset(knowledge: CompetenceKnowledge, now: datetime) -> CompetenceKnowledge:
    """Clear the competence, 7 days after the last answer."""
    opens_at = reset_opens_at(knowledge)
    if opens_at is None or now < opens_at:
        raise RuleNotOpen("reset", opens_at)
    return empty(knowledge.competence)


def without(
    knowledge: CompetenceKnowledge, skills: Iterable[tuple[str, int]], *, failed_before: datetime | None = None
) -> CompetenceKnowledge:
    """The knowledge without its elements on these skills (tube, level): all of them (a campaign's reset), or
    only those invalidated before `failed_before` (a campaign's improvement: old failures are asked again)."""
    dropped = set(skills)
    kept = {
        tube: {
            level: e
            for level, e in levels.items()
            if (tube, level) not in dropped or (failed_before is not None and (e.validated or e.at >= failed_before))
        }
        for tube, levels in knowledge.tubes.items()
    }
    return CompetenceKnowledge(knowledge.competence, kept, knowledge.last_answer_at)


def to_json(knowledge: CompetenceKnowledge) -> dict[str, Any]:
    """Compact JSON: {"competence", "last_answer_at", "tubes": {tube: {level: [status, source, at]}}}."""
    return {
        "competence": knowledge.competence,
        "last_answer_at": _date(knowledge.last_answer_at),
        "tubes": {
            tube: {str(level): [e.status, e.source, _date(e.at)] for level, e in sorted(levels.items())}
            for tube, levels in sorted(knowledge.tubes.items())
        },
    }


def from_json(data: Mapping[str, Any]) -> CompetenceKnowledge:
    tubes = {
        tube: {
            int(level): KnowledgeElement(status, source, _parse(at)) for level, (status, source, at) in levels.items()
        }
        for tube, levels in data.get("tubes", {}).items()
    }
    last = data.get("last_answer_at")
    return CompetenceKnowledge(data["competence"], tubes, _parse(last) if last else None)


def _date(at: datetime | None) -> str | None:
    return None if at is None else at.astimezone(UTC).isoformat(timespec="seconds")


def _parse(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo else at.replace(tzinfo=UTC)
