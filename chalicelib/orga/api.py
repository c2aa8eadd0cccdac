"""What other rooms may use of the Orga room. Each part keeps its functions grouped under its heading."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from chalicelib.content.api import get_release
from chalicelib.errors import NotFound
from chalicelib.orga import service_credits, service_people
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.learners import Learner
from chalicelib.orga.organizations import Organization
from chalicelib.orga.results import (
    Collective,
    CollectiveResult,
    ParticipantResult,
    ProfileShape,
    Recommendation,
    analysis,
    collective_result,
    participant_result,
)
from chalicelib.orga.store import campaigns as _campaign_store
from chalicelib.orga.store import organizations as _organization_store
from chalicelib.orga.store.target_profiles import get_store as _target_profile_store
from chalicelib.orga.target_profiles import (
    Badge,
    BadgeCriterion,
    CappedTube,
    Stage,
    TargetProfile,
)

# --- organisations -------------------------------------------------------------------------------------


def organization(organization_id: str) -> Organization | None:
    """The organisation, or None."""
    return _organization_store.get(organization_id)


# --- campaigns -----------------------------------------------------------------------------------------


def campaign(campaign_id: str) -> Campaign | None:
    """The campaign (archived and deleted ones included: the caller says why it cannot be used), or None."""
    return _campaign_store.get(campaign_id)


def campaign_by_code(code: str) -> Campaign | None:
    """The campaign a participant's code names (typed in any case, spaces ignored), or None."""
    from chalicelib.orga.campaigns import normalise_code

    return _campaign_store.by_code(normalise_code(code))


# --- credits -------------------------------------------------------------------------------------------


def consume_credit(organization_id: str, user_id: str, at: datetime | None = None) -> bool:
    """Call when a person starts a campaign of the organisation (at `at`, now by default): consumes a credit
    unless they are covered (a start within a year of their first in the organisation). True when this start
    consumed one; never refuses (no credit left is counted as consumed without credit). Idempotent for one
    start: called again with the same `at`, the cover it wrote covers it."""
    return service_credits.consume(organization_id, user_id, at)


# --- learner lists ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListedPlace:
    """Where an account stands in an organisation's learner list (for a campaign's start and results)."""

    learner_id: str
    active: bool  # False: absent from the last SIECLE or replace-mode file; may not start a campaign
    division: str | None
    group: str | None
    student_number: str | None
    first_name: str = ""  # as the list has them (a participation keeps these names)
    last_name: str = ""


def learner_of_account(organization_id: str, user_id: str) -> ListedPlace | None:
    """The organisation's learner this account is linked to (reconciled, or created by the school), as the
    current list has them; None when the account is not linked. A restricted campaign lets a person start
    only when this is an active learner."""
    from chalicelib.orga.store import learners as learner_store

    db = learner_store.current()
    _, mine = db.links_of(organization_id, [], user_id)
    head = db.head(organization_id) if mine else None
    found = db.learner(organization_id, head.generation, mine) if head and mine else None
    if found is None:
        return None
    record = found.record
    return ListedPlace(found.learner_id, found.active, record.division, record.group, record.student_number,
                       record.first_name, record.last_name)


# --- pupils, for the SCO certification centre of the same school ---------------------------------------


@dataclass(frozen=True, slots=True)
class Pupil:
    """An active pupil of a school's current list, as a certification centre enrols them."""

    learner_id: str
    first_name: str
    last_name: str
    birth_date: date
    sex: str | None
    birth_country_code: str | None  # INSEE (France 99100); SIECLE's 3-digit codes are given as 99xxx
    birth_city_code: str | None  # the INSEE code of the commune, born in France
    birth_city: str | None
    division: str | None


def _pupil(learner: Learner) -> Pupil:
    record = learner.record
    country = record.birth_country_code
    if country is not None and len(country) == 3 and country.isdigit():
        country = "99" + country  # SIECLE writes the INSEE country code without its 99
    return Pupil(learner.learner_id, record.first_name, record.last_name, record.birth_date, record.sex,
                 country, record.birth_city_code, record.birth_city, record.division)


def school_with_uai(uai: str) -> Organization | None:
    """The SCO organisation that manages its pupils and has this UAI (not archived); None when there is none,
    or more than one (an ambiguous link is no link: support fixes the duplicate)."""
    found = [o for o in _organization_store.current().by_external_id(uai.strip().upper())
             if o.type == "SCO" and o.manages_students and not o.archived]
    return found[0] if len(found) == 1 else None


def pupil_divisions(organization_id: str) -> list[str]:
    """The classes of the current list's active pupils, sorted (kept on the list's head: one GetItem)."""
    from chalicelib.orga import service_learners

    return service_learners.divisions_and_groups(organization_id)[0]


def pupils_of_division(organization_id: str, division: str, *, limit: int,
                       cursor: str | None = None) -> tuple[list[Pupil], str | None]:
    """A page of the active pupils of one class of the current list, and the cursor of the next page."""
    from chalicelib.orga import service_learners

    page = service_learners.learner_page(organization_id, limit=limit, cursor=cursor, division=division)
    return [_pupil(row.learner) for row in page.rows if row.learner.active], page.next_cursor


def pupils_by_id(organization_id: str, learner_ids: list[str]) -> list[Pupil]:
    """The active pupils of the current list among these ids (unknown or inactive ones are left out)."""
    from chalicelib.orga.store import learners as learner_store

    db = learner_store.current()
    head = db.head(organization_id)
    if head is None:
        return []
    found = (db.learner(organization_id, head.generation, learner_id) for learner_id in dict.fromkeys(learner_ids))
    return [_pupil(learner) for learner in found if learner is not None and learner.active]


# --- target profiles ----------------------------------------------------------------------------------

# A profile is read when a campaign starts and by results: kept a minute per container (operators edit rarely;
# a campaign created after an edit sees it within a minute). `fresh=True` reads the table.
_CACHE_SECONDS = 60.0
_cache: dict[str, tuple[float, TargetProfile | None]] = {}


def target_profile(profile_id: str, *, fresh: bool = False) -> TargetProfile | None:
    """The target profile, or None when it does not exist."""
    now = time.monotonic()
    hit = _cache.get(profile_id)
    if hit is not None and not fresh and now - hit[0] < _CACHE_SECONDS:
        return hit[1]
    profile = _target_profile_store().get(profile_id)
    _cache[profile_id] = (now, profile)
    return profile


def forget_target_profile(profile_id: str | None = None) -> None:
    """Drop the cached copy (all of them with no id): after a save, and between tests."""
    if profile_id is None:
        _cache.clear()
    else:
        _cache.pop(profile_id, None)


def require_target_profile(profile_id: str) -> TargetProfile:
    """The target profile; NotFound("TARGET_PROFILE_NOT_FOUND") when it does not exist."""
    profile = target_profile(profile_id)
    if profile is None:
        raise NotFound("TARGET_PROFILE_NOT_FOUND", "Ce profil cible n'existe pas.")
    return profile


def target_profile_skills(profile_id: str) -> tuple[str, ...]:
    """The names of the skills the profile measures (every skill of each tube up to its cap)."""
    return require_target_profile(profile_id).skill_names(get_release())


def target_profiles_available_to(organization_id: str) -> list[TargetProfile]:
    """The profiles a new campaign of the organisation may use: public ones and its own, not outdated; by name."""
    return _target_profile_store().available_to(organization_id)


def target_profile_result(profile_id: str, validated: Iterable[str], tested: Iterable[str] = ()) -> ParticipantResult:
    """One participant's result against the profile: mastery, per competence and tube, stage, badges (the end
    screen of a campaign's test). Results of many participants: `results.ProfileShape` once, then
    `participant_result(..., shape=)` or `Collective`."""
    return participant_result(require_target_profile(profile_id), get_release(), validated, tested)


# --- the person hooks (chalicelib.rooms.person_hooks; what each does: service_people) -------------------


def anonymise(user_id: str) -> None:
    """Linked learners detached and anonymised, participations without the participant's identity; campaigns
    they own keep working. Idempotent."""
    service_people.anonymise(user_id)


def personal_data(user_id: str) -> dict[str, Any]:
    """The learners the account is linked to, as listed, and the person's participations (the data export)."""
    return service_people.personal_data(user_id)


def user_sections(user_id: str) -> list[dict[str, Any]]:
    """Pix Admin's user page: organisations (member, listed learner) and participations."""
    return service_people.user_sections(user_id)


def admin_search(text: str, roles: frozenset[str]) -> list[dict[str, Any]]:
    """The shell's search box: a campaign by code, organisations by name."""
    return service_people.admin_search(text, roles)


__all__ = [
    "Pupil",
    "pupil_divisions",
    "pupils_by_id",
    "pupils_of_division",
    "school_with_uai",
    "ListedPlace",
    "learner_of_account",
    "Badge",
    "Campaign",
    "campaign",
    "campaign_by_code",
    "consume_credit",
    "BadgeCriterion",
    "CappedTube",
    "Collective",
    "CollectiveResult",
    "ParticipantResult",
    "ProfileShape",
    "Recommendation",
    "admin_search",
    "analysis",
    "anonymise",
    "personal_data",
    "user_sections",
    "collective_result",
    "participant_result",
    "target_profile_result",
    "Stage",
    "TargetProfile",
    "Organization",
    "forget_target_profile",
    "organization",
    "require_target_profile",
    "target_profile",
    "target_profile_skills",
    "target_profiles_available_to",
]
