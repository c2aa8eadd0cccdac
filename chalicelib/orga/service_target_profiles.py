"""Operators' use cases on target profiles: create, edit, copy, outdate, stages, badges, publication, attachment.

Each use case reads the profile, applies the change, validates the whole profile against the release
(`target_profiles.validate`), saves it under the version it read (a concurrent edit: TARGET_PROFILE_CHANGED)
and records the action in the audit trail (`admin.api.record_action`, type "target-profile"). An outdated
profile can no longer be changed nor attached: copy it instead. The tubes of a profile a campaign uses are
frozen (its participants' results are read against them): TARGET_PROFILE_IN_USE; copy it instead.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from chalicelib import clock, pagination
from chalicelib.admin import api as admin
from chalicelib.content.api import get_release
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.orga import api as orga_api
from chalicelib.orga import presenters_target_profiles as presenters
from chalicelib.orga import schemas_target_profiles as schemas
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store.target_profiles import get_store
from chalicelib.orga.target_profiles import (
    Badge,
    BadgeCriterion,
    CappedTube,
    Stage,
    TargetProfile,
    sorted_stages,
    validate,
)

TRAIL_TYPE = "target-profile"
LIST_SCOPE = "admin-target-profiles"


def new_id() -> str:
    return "tp" + secrets.token_hex(6)


def _tubes(tubes: list[schemas.CappedTubeIn]) -> tuple[CappedTube, ...]:
    return tuple(CappedTube(t.tube_id, t.level) for t in tubes)


_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _read(profile_id: str) -> TargetProfile:
    profile = get_store().get(profile_id) if _ID.fullmatch(profile_id) else None
    if profile is None:
        raise NotFound("TARGET_PROFILE_NOT_FOUND", "Ce profil cible n'existe pas.")
    return profile


def _changeable(profile_id: str) -> TargetProfile:
    profile = _read(profile_id)
    if profile.outdated:
        raise Invalid("TARGET_PROFILE_OUTDATED",
                      "Ce profil cible est obsolète : il ne peut plus être modifié ni rattaché.")
    return profile


def _save(actor_id: str, action: str, profile: TargetProfile, previous: TargetProfile | None,
          changes: Mapping[str, tuple[Any, Any]]) -> schemas.TargetProfileOut:
    release = get_release()
    validate(profile, release)
    saved = get_store().save(profile, previous)
    orga_api.forget_target_profile(saved.id)
    admin.record_action(actor_id, action, TRAIL_TYPE, saved.id, dict(changes))
    return presenters.detail(saved, release)


def _diff(before: TargetProfile | None, after: TargetProfile, fields: tuple[str, ...]) -> dict[str, tuple[Any, Any]]:
    # "name" is an identity field in the trail (a person's): a profile's name is kept as "profile_name".
    changes = {}
    for name in fields:
        old = getattr(before, name) if before is not None else None
        new = getattr(after, name)
        if old != new:
            key = "profile_name" if name == "name" else name
            changes[key] = (_plain(old), _plain(new))
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and value and isinstance(value[0], CappedTube):
        return [f"{t.tube_id}:{t.level}" for t in value]
    if isinstance(value, tuple) and value and isinstance(value[0], Stage):
        return [f"{s.threshold} {s.title}" for s in value]
    if isinstance(value, tuple) and value and isinstance(value[0], Badge):
        return [b.key for b in value]
    return value


EDITABLE = ("name", "category", "description", "comment", "image_url", "resettable", "tubes")


# --- reads --------------------------------------------------------------------------------------------


def tube_catalog() -> schemas.TubeCatalog:
    return presenters.tube_catalog(get_release())


def detail(profile_id: str) -> schemas.TargetProfileOut:
    return presenters.detail(_read(profile_id), get_release())


def page(cursor: str | None, limit: int) -> schemas.TargetProfilePage:
    profiles, last = get_store().list(pagination.decode_cursor(cursor, scope=LIST_SCOPE), limit)
    release = get_release()
    return schemas.TargetProfilePage(items=[presenters.summary(p, release) for p in profiles],
                                     next_cursor=pagination.encode_cursor(last, scope=LIST_SCOPE))


# --- writes -------------------------------------------------------------------------------------------


def create(actor_id: str, request: schemas.TargetProfileIn, profile_id: str | None = None) -> schemas.TargetProfileOut:
    profile = TargetProfile(
        id=profile_id or new_id(), name=request.name, category=request.category, description=request.description,
        comment=request.comment, tubes=_tubes(request.tubes), stage_kind=None, stages=(), badges=(), public=False,
        organization_ids=frozenset(), outdated=False, resettable=request.resettable, image_url=request.image_url,
        created_at=clock.now(),
    )
    return _save(actor_id, "target-profile-created", profile, None, _diff(None, profile, EDITABLE))


def edit(actor_id: str, profile_id: str, request: schemas.TargetProfileEdit) -> schemas.TargetProfileOut:
    before = _changeable(profile_id)
    given = request.model_dump(exclude_unset=True)
    if "tubes" in given and request.tubes is not None:
        given["tubes"] = _tubes(request.tubes)
    for required in ("name", "category", "tubes", "resettable"):
        if required in given and given[required] is None:
            raise Invalid("INVALID_INPUT", f"Certains champs sont invalides : {required}.",
                          details=[{"field": required, "message": "Ce champ ne peut pas être vide."}])
    after = replace(before, **given)
    if after.tubes != before.tubes and campaign_store.uses_profile(profile_id):
        raise Conflict("TARGET_PROFILE_IN_USE", "Ce profil cible est utilisé par une campagne : ses sujets et leurs "
                                                "niveaux ne peuvent plus changer. Copiez-le pour en faire une "
                                                "nouvelle version.", meta={"field": "tubes"})
    return _save(actor_id, "target-profile-edited", after, before, _diff(before, after, EDITABLE))


def copy(actor_id: str, profile_id: str) -> schemas.TargetProfileOut:
    original = _read(profile_id)
    copied = original.copy(new_id(), clock.now())
    return _save(actor_id, "target-profile-copied", copied, None, {"copied_from": (None, original.id)})


def outdate(actor_id: str, profile_id: str) -> schemas.TargetProfileOut:
    before = _read(profile_id)
    if before.outdated:
        return presenters.detail(before, get_release())  # already: nothing to record
    after = replace(before, outdated=True)
    return _save(actor_id, "target-profile-outdated", after, before, {"outdated": (False, True)})


def set_stages(actor_id: str, profile_id: str, request: schemas.StagesIn) -> schemas.TargetProfileOut:
    before = _changeable(profile_id)
    stages = sorted_stages(Stage(s.threshold, s.title, s.message, s.prescriber_title or None,
                                 s.prescriber_description or None) for s in request.stages)
    # No kind with stages breaks "all by mastery or all by level": validate says so.
    after = replace(before, stage_kind=request.kind if stages else None, stages=stages)
    return _save(actor_id, "target-profile-stages-set", after, before, _diff(before, after, ("stage_kind", "stages")))


def set_badges(actor_id: str, profile_id: str, request: schemas.BadgesIn) -> schemas.TargetProfileOut:
    """Replace the badges; a badge keeps its id when its key stays (campaign results name badges by id)."""
    before = _changeable(profile_id)
    ids = {b.key: b.id for b in before.badges}
    badges = tuple(
        Badge(id=ids.get(b.key) or "bd" + secrets.token_hex(5), key=b.key, title=b.title, message=b.message,
              image_url=b.image_url, always_visible=b.always_visible,
              criteria=tuple(BadgeCriterion(c.kind, c.threshold, _tubes(c.tubes), c.name or None)
                             for c in b.criteria))
        for b in request.badges
    )
    after = replace(before, badges=badges)
    return _save(actor_id, "target-profile-badges-set", after, before, _diff(before, after, ("badges",)))


def set_public(actor_id: str, profile_id: str, public: bool) -> schemas.TargetProfileOut:
    before = _changeable(profile_id)
    after = replace(before, public=public)
    return _save(actor_id, "target-profile-publication-set", after, before, _diff(before, after, ("public",)))


def attach(actor_id: str, profile_id: str, organization_ids: list[str]) -> schemas.TargetProfileOut:
    before = _changeable(profile_id)
    wanted = set(organization_ids)  # ids, at most 50 (the request's schema)
    after = replace(before, organization_ids=before.organization_ids | wanted)
    return _save(actor_id, "target-profile-attached", after, before, _diff(before, after, ("organization_ids",)))


def detach(actor_id: str, profile_id: str, organization_id: str) -> schemas.TargetProfileOut:
    before = _read(profile_id)  # detaching stays possible on an outdated profile
    if organization_id not in before.organization_ids:
        return presenters.detail(before, get_release())
    after = replace(before, organization_ids=before.organization_ids - {organization_id})
    return _save(actor_id, "target-profile-detached", after, before, _diff(before, after, ("organization_ids",)))
