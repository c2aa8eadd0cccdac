"""Is every acknowledged answer stored exactly once? The count behind `python -m bench.load`'s last line.

The clients note each answer the API acknowledged (a 200): learner, assessment, challenge. After the run, the
learning table's `ANSWER#<competence>#<assessment>#<nnn>` items are read back and counted by the same key.
For each key the two counts must be equal:
- fewer stored than acknowledged: an answer the learner was told was saved is **lost**;
- more stored than acknowledged, once acknowledged: an answer stored **twice**;
- stored but never acknowledged: the write went through and the client saw an error or a time-out (what a
  retry must tolerate); reported, not a failure of the server.
Pure: no locust, no AWS, so a unit test can feed it.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Key = tuple[str, str, str]  # learner (user id), assessment id, challenge id


def answer_key(user_id: str, sort_key: str, challenge_id: str) -> Key | None:
    """The key of a stored `ANSWER#<competence>#<assessment>#<nnn>` item; None for other items."""
    parts = sort_key.split("#")
    if len(parts) != 4 or parts[0] != "ANSWER":
        return None
    return (user_id, parts[2], challenge_id)


@dataclass
class StoredOnce:
    acknowledged: int = 0
    stored: int = 0
    lost: list[Key] = field(default_factory=list)
    doubled: list[Key] = field(default_factory=list)
    unacknowledged: list[Key] = field(default_factory=list)
    learners_differing: int = 0

    @property
    def holds(self) -> bool:
        return not self.lost and not self.doubled


def stored_once(acknowledged: Iterable[Key], stored: Iterable[Key], learners: Iterable[str]) -> StoredOnce:
    """Compare acknowledged and stored answers of `learners` (items of anyone else are ignored)."""
    ours = set(learners)
    said = Counter(key for key in acknowledged if key[0] in ours)
    kept = Counter(key for key in stored if key[0] in ours)
    check = StoredOnce(acknowledged=sum(said.values()), stored=sum(kept.values()))
    for key in sorted(said.keys() | kept.keys()):
        told, found = said[key], kept[key]
        if found < told:
            check.lost.extend([key] * (told - found))
        elif found > told:
            (check.doubled if told else check.unacknowledged).extend([key] * (found - told))
    per_learner_said: Mapping[str, int] = _per_learner(said)
    per_learner_kept: Mapping[str, int] = _per_learner(kept)
    check.learners_differing = sum(
        1 for learner in ours if per_learner_said.get(learner, 0) != per_learner_kept.get(learner, 0)
    )
    return check


def _per_learner(counts: Counter[Key]) -> Counter[str]:
    totals: Counter[str] = Counter()
    for (learner, _, _), n in counts.items():
        totals[learner] += n
    return totals
