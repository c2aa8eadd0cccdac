"""Target profiles in DynamoDB (keys and costs: models/target_profiles.py), and the seam for an in-memory twin.

`get_store()` is the store the service uses; a test puts `InMemoryTargetProfileStore` in place with
`use_store`. Both keep the same rule: a save names the profile as it was read (`previous`, None for a new
one) and writes version + 1 only if nobody wrote in between, else `Conflict("TARGET_PROFILE_CHANGED")`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib import clock, db
from chalicelib.errors import Conflict
from chalicelib.orga.models import target_profiles as m
from chalicelib.orga.target_profiles import (
    Badge,
    BadgeCriterion,
    CappedTube,
    Stage,
    TargetProfile,
)

MAX_ATTACHMENTS_PER_SAVE = 50


class TargetProfileStore(Protocol):
    def get(self, profile_id: str) -> TargetProfile | None: ...

    def available_to(self, organization_id: str) -> list[TargetProfile]: ...

    def list(self, start: dict[str, Any] | None, limit: int) -> tuple[list[TargetProfile], dict[str, Any] | None]: ...

    def save(self, profile: TargetProfile, previous: TargetProfile | None) -> TargetProfile: ...


def changed() -> Conflict:
    return Conflict("TARGET_PROFILE_CHANGED",
                    "Ce profil cible vient d'être modifié par quelqu'un d'autre : rechargez la page.")


def _pointers(profile: TargetProfile | None) -> set[str]:
    if profile is None:
        return set()
    keys = {m.organization_pk(o) for o in profile.organization_ids}
    return keys | ({m.PUBLIC_PK} if profile.public else set())


def by_name(profiles: Iterable[TargetProfile]) -> list[TargetProfile]:
    return sorted(profiles, key=lambda p: (p.name.casefold(), p.id))


# --- JSON of the nested parts (shared with anything that stores a profile's shape) ---------------------


def tubes_json(tubes: Iterable[CappedTube]) -> str:
    return json.dumps([[t.tube_id, t.level] for t in tubes], separators=(",", ":"))


def tubes_from(raw: Any) -> tuple[CappedTube, ...]:
    return tuple(CappedTube(str(tube_id), int(level)) for tube_id, level in raw)


def stages_json(stages: Iterable[Stage]) -> str:
    return json.dumps([[s.threshold, s.title, s.message, s.prescriber_title, s.prescriber_description]
                       for s in stages], ensure_ascii=False, separators=(",", ":"))


def badges_json(badges: Iterable[Badge]) -> str:
    return json.dumps([
        {"id": b.id, "key": b.key, "title": b.title, "message": b.message, "image_url": b.image_url,
         "always_visible": b.always_visible,
         "criteria": [{"kind": c.kind, "threshold": c.threshold, "name": c.name,
                       "tubes": [[t.tube_id, t.level] for t in c.tubes]} for c in b.criteria]}
        for b in badges
    ], ensure_ascii=False, separators=(",", ":"))


def _badges(raw: list[dict[str, Any]]) -> tuple[Badge, ...]:
    return tuple(
        Badge(id=b["id"], key=b["key"], title=b["title"], message=b["message"], image_url=b["image_url"],
              always_visible=b["always_visible"],
              criteria=tuple(BadgeCriterion(kind=c["kind"], threshold=c["threshold"], name=c["name"],
                                            tubes=tubes_from(c["tubes"])) for c in b["criteria"]))
        for b in raw
    )


def _profile(record: m.TargetProfileRecord) -> TargetProfile:
    return TargetProfile(
        id=record.profile_id,
        name=record.name,
        category=record.category,
        description=record.description or "",
        comment=record.comment,
        tubes=tubes_from(json.loads(record.tubes)),
        stage_kind=record.stage_kind,  # type: ignore[arg-type]  # written from a StageKind
        stages=tuple(Stage(*s) for s in json.loads(record.stages or "[]")),
        badges=_badges(json.loads(record.badges or "[]")),
        public=bool(record.public),
        organization_ids=frozenset(json.loads(record.organization_ids or "[]")),
        outdated=bool(record.outdated),
        resettable=bool(record.resettable),
        image_url=record.image_url,
        created_at=record.created_at,
        version=int(record.version),
    )


def _record(profile: TargetProfile, at: datetime) -> m.TargetProfileRecord:
    return m.TargetProfileRecord(
        m.profile_pk(profile.id), m.PROFILE_SK,
        profile_id=profile.id, name=profile.name, category=profile.category, description=profile.description,
        comment=profile.comment, tubes=tubes_json(profile.tubes), stage_kind=profile.stage_kind,
        stages=stages_json(profile.stages), badges=badges_json(profile.badges), public=profile.public,
        organization_ids=json.dumps(sorted(profile.organization_ids)), outdated=profile.outdated,
        resettable=profile.resettable, image_url=profile.image_url, created_at=profile.created_at,
        updated_at=at, version=profile.version, catalog=m.CATALOG,
        created_key=f"{profile.created_at.isoformat()}#{profile.id}",
    )


class DynamoTargetProfileStore:
    def get(self, profile_id: str) -> TargetProfile | None:
        try:
            return _profile(m.TargetProfileRecord.get(m.profile_pk(profile_id), m.PROFILE_SK))
        except DoesNotExist:
            return None

    def available_to(self, organization_id: str) -> list[TargetProfile]:
        ids: set[str] = set()
        for pk in (m.organization_pk(organization_id), m.PUBLIC_PK):
            ids |= {p.profile_id for p in m.TargetProfilePointer.query(pk)}
        keys = [(m.profile_pk(i), m.PROFILE_SK) for i in sorted(ids)]
        found = [_profile(r) for r in m.TargetProfileRecord.batch_get(keys)] if keys else []
        return by_name(p for p in found if p.available_to(organization_id))

    def list(self, start: dict[str, Any] | None, limit: int) -> tuple[list[TargetProfile], dict[str, Any] | None]:
        query = m.TargetProfileRecord.by_catalog.query(
            m.CATALOG, scan_index_forward=False, limit=limit, last_evaluated_key=start)
        profiles = [_profile(r) for r in query]
        return profiles, query.last_evaluated_key

    def save(self, profile: TargetProfile, previous: TargetProfile | None) -> TargetProfile:
        assert previous is None or previous.id == profile.id
        expected = previous.version if previous else 0
        saved = _with_version(profile, expected + 1)
        before, after = _pointers(previous), _pointers(saved)
        assert len(after ^ before) <= MAX_ATTACHMENTS_PER_SAVE + 1, "too many attachments in one save"
        record = _record(saved, clock.now())
        condition = (m.TargetProfileRecord.pk.does_not_exist() if expected == 0
                     else m.TargetProfileRecord.version == expected)
        try:
            with db.transaction() as tx:
                tx.save(record, condition=condition)
                for pk in sorted(after - before):
                    tx.save(m.TargetProfilePointer(pk, m.profile_pk(saved.id), profile_id=saved.id))
                for pk in sorted(before - after):
                    tx.delete(m.TargetProfilePointer(pk, m.profile_pk(saved.id)))
        except TransactWriteError as error:
            if db.condition_failed(error):
                raise changed() from error
            raise
        return saved


def _with_version(profile: TargetProfile, version: int) -> TargetProfile:
    return replace(profile, version=version)


@dataclass
class InMemoryTargetProfileStore:
    """The same store in memory, for use-case tests and benchmarks without moto."""

    profiles: dict[str, TargetProfile] = field(default_factory=dict)
    reads: int = 0
    writes: int = 0

    def get(self, profile_id: str) -> TargetProfile | None:
        self.reads += 1
        return self.profiles.get(profile_id)

    def available_to(self, organization_id: str) -> list[TargetProfile]:
        self.reads += 1
        return by_name(p for p in self.profiles.values() if p.available_to(organization_id))

    def list(self, start: dict[str, Any] | None, limit: int) -> tuple[list[TargetProfile], dict[str, Any] | None]:
        self.reads += 1
        ordered = sorted(self.profiles.values(), key=lambda p: (p.created_at.isoformat(), p.id), reverse=True)
        if start is not None:
            after = start["created_key"]
            ordered = [p for p in ordered if f"{p.created_at.isoformat()}#{p.id}" < after]
        page = ordered[:limit]
        more = len(ordered) > limit
        last = {"created_key": f"{page[-1].created_at.isoformat()}#{page[-1].id}"} if more and page else None
        return page, last

    def save(self, profile: TargetProfile, previous: TargetProfile | None) -> TargetProfile:
        expected = previous.version if previous else 0
        current = self.profiles.get(profile.id)
        if (current.version if current else 0) != expected:
            raise changed()
        saved = _with_version(profile, expected + 1)
        self.profiles[saved.id] = saved
        self.writes += 1
        return saved


_store: TargetProfileStore | None = None


def get_store() -> TargetProfileStore:
    """The store the service uses: DynamoDB, unless a test put another in place with `use_store`."""
    global _store
    if _store is None:
        _store = DynamoTargetProfileStore()
    return _store


def use_store(store: TargetProfileStore | None) -> None:
    global _store
    _store = store
