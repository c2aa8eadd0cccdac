"""Participations in a campaign, in plain Python: statuses, who may start, multiple sendings, the snapshot
kept at sharing and progress (PRODUCTS.md, "Participation"; credits are the credits part's, `credits.py`).

No I/O: the service reads the campaign and the user's previous participation, asks these rules, then writes
what they decided.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound

STARTED = "STARTED"
SHARED = "SHARED"
STATUSES = (STARTED, SHARED)

ASSESSMENT = "ASSESSMENT"
PROFILES_COLLECTION = "PROFILES_COLLECTION"

RESET_AFTER = timedelta(days=4)  # a reset (start again from nothing on the profile) waits 4 days after sharing
EXTERNAL_ID_MAX = 255
PIX_MAX = 1024  # the profile's pix for a profiles collection's "mastery": pix ÷ 1024
CERTIFIABLE_COMPETENCES = 5  # level ≥ 1 in at least 5 competences

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class CampaignFacts:
    """What the participation rules need of a campaign (the service builds it from the campaigns store)."""

    campaign_id: str
    organization_id: str
    type: str  # ASSESSMENT | PROFILES_COLLECTION
    multiple_sendings: bool = False
    external_id_label: str | None = None
    external_id_type: str | None = None  # TEXT | EMAIL | None
    archived: bool = False
    deleted: bool = False
    restricted: bool = False  # the organisation manages its learners: only reconciled users may start
    has_participations: bool = False  # someone started already: multiple sendings are fixed
    resettable: bool = False  # the target profile allows a reset


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the organisation sees of a participation, kept when the participant shares."""

    mastery_rate: float  # assessment: validated ÷ the profile's skills; profiles collection: pix ÷ 1024
    pix: int
    validated_skills: tuple[str, ...] = ()  # assessment: the profile's skills validated
    validated_by_competence: Mapping[str, int] = field(default_factory=dict)
    tested_by_competence: Mapping[str, int] = field(default_factory=dict)
    stage: int | None = None  # 0 = the first stage; None: the profile has none
    badges: tuple[str, ...] = ()  # badge ids acquired
    levels: Mapping[str, int] = field(default_factory=dict)  # profiles collection: level per competence
    pix_by_competence: Mapping[str, int] = field(default_factory=dict)
    certifiable: bool | None = None  # profiles collection only


@dataclass(frozen=True, slots=True)
class Participation:
    participation_id: str
    campaign_id: str
    organization_id: str
    user_id: str
    sending: int  # 1 for the first, 2 for the first improvement…
    status: str
    created_at: datetime
    first_name: str = ""
    last_name: str = ""
    external_id: str | None = None
    shared_at: datetime | None = None
    improved: bool = False  # a later sending replaced it
    reset: bool = False  # it started from nothing on the profile's skills
    deleted_at: datetime | None = None  # deleted by the organisation (soft: results keep it)
    progress: float = 0.0
    learner_id: str | None = None  # the organisation's listed learner the account is linked to, at the start
    division: str | None = None  # the learner's class (SCO) or group (SUP) at the start: results filter by them
    group: str | None = None
    student_number: str | None = None
    snapshot: Snapshot | None = None
    credit_pending: bool = False  # written with the start; cleared once the credits part has counted it

    @property
    def shared(self) -> bool:
        return self.status == SHARED

    @property
    def counted(self) -> bool:
        """In the organisation's results: shared, not replaced by a later sending, not deleted."""
        return self.shared and not self.improved and self.deleted_at is None


def participation_id(user_id: str, sending: int, campaign_id: str) -> str:
    """`<user_id>.<sending>.<campaign_id>`: its own storage key, so reading it needs no index."""
    return f"{user_id}.{sending}.{campaign_id}"


def parse_participation_id(value: str) -> tuple[str, int, str] | None:
    parts = value.split(".", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[0] or not parts[2]:
        return None
    return parts[0], int(parts[1]), parts[2]


# --- starting -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartDecision:
    sending: int
    external_id: str | None
    reset: bool  # start from nothing on the profile's skills
    replaces: Participation | None  # the previous sending, to mark improved


def _clean_external_id(campaign: CampaignFacts, given: str | None) -> str | None:
    if not campaign.external_id_label:
        return None
    value = (given or "").strip()
    if not value:
        raise Invalid("EXTERNAL_ID_REQUIRED", f"Indiquez votre {campaign.external_id_label} pour commencer.")
    if len(value) > EXTERNAL_ID_MAX:
        raise Invalid("EXTERNAL_ID_TOO_LONG", f"L'identifiant fait au plus {EXTERNAL_ID_MAX} caractères.")
    if campaign.external_id_type == "EMAIL" and not _EMAIL.match(value):
        raise Invalid("EXTERNAL_ID_NOT_EMAIL", "Indiquez une adresse e-mail valide (par exemple nom@exemple.fr).")
    return value


def decide_start(campaign: CampaignFacts, previous: Participation | None, external_id: str | None,
                 now: datetime, *, reconciled: bool, reset: bool = False) -> StartDecision:
    """May this user start (again) now? `previous` is their latest sending in this campaign, if any.
    Refusals have stable codes; the order is the one a participant can act on."""
    if campaign.deleted:
        raise NotFound("CAMPAIGN_NOT_FOUND", "Cette campagne n'existe pas.")
    if campaign.archived:
        raise Conflict("CAMPAIGN_ARCHIVED", "Cette campagne est archivée : elle n'accepte plus de participation.")
    if campaign.restricted and not reconciled:
        raise Forbidden("PARTICIPANT_NOT_RECONCILED",
                        "Cette campagne est réservée aux élèves de l'organisation : rattachez-vous d'abord.")
    if previous is not None and previous.deleted_at is None:
        if previous.status == STARTED:
            raise Conflict("PARTICIPATION_IN_PROGRESS", "Vous avez déjà commencé ce parcours : reprenez-le.")
        if not campaign.multiple_sendings:
            raise Conflict("CAMPAIGN_ALREADY_SHARED", "Vous avez déjà envoyé vos résultats à cette campagne.")
        if reset:
            if not campaign.resettable:
                raise Conflict("PARTICIPATION_NOT_RESETTABLE", "Ce parcours ne peut pas être remis à zéro.")
            assert previous.shared_at is not None
            if now < previous.shared_at + RESET_AFTER:
                raise Conflict("PARTICIPATION_RESET_TOO_SOON",
                               "Vous pourrez remettre ce parcours à zéro 4 jours après l'envoi de vos résultats.")
        # A later sending keeps the external id of the first: the organisation follows one person.
        return StartDecision(sending=previous.sending + 1, external_id=previous.external_id, reset=reset,
                             replaces=previous)
    if reset:
        raise Conflict("PARTICIPATION_NOT_RESETTABLE", "Ce parcours ne peut pas être remis à zéro.")
    sending = previous.sending + 1 if previous is not None else 1  # a deleted one is not reused
    return StartDecision(sending=sending, external_id=_clean_external_id(campaign, external_id), reset=False,
                         replaces=None)


def retry_of(participation: Participation) -> str | None:
    """How the test of a sending starts: a reset forgets the profile's skills ("reset"), a later sending
    asks again what was failed long ago ("improve"), a first sending starts from the profile as it is."""
    if participation.reset:
        return "reset"
    return "improve" if participation.sending > 1 else None


def can_improve(campaign: CampaignFacts, participation: Participation) -> bool:
    return campaign.multiple_sendings and not campaign.archived and participation.shared and not participation.improved


def can_reset(campaign: CampaignFacts, participation: Participation, now: datetime) -> bool:
    return (can_improve(campaign, participation) and campaign.resettable and participation.shared_at is not None
            and now >= participation.shared_at + RESET_AFTER)


# --- sharing --------------------------------------------------------------------------------------


def check_share(participation: Participation, *, finished: bool) -> None:
    if participation.deleted_at is not None:
        raise NotFound("PARTICIPATION_NOT_FOUND", "Cette participation n'existe pas.")
    if participation.status == SHARED:
        raise Conflict("PARTICIPATION_ALREADY_SHARED", "Vous avez déjà envoyé ces résultats.")
    if not finished:
        raise Conflict("PARTICIPATION_NOT_FINISHED", "Terminez le parcours avant d'envoyer vos résultats.")


def shared(participation: Participation, snapshot: Snapshot, now: datetime) -> Participation:
    return replace(participation, status=SHARED, shared_at=now, snapshot=snapshot, progress=1.0)


def assessment_snapshot(profile_skills: Mapping[str, str], validated: Iterable[str], tested: Iterable[str], *,
                        pix: int = 0, stage: int | None = None, badges: Iterable[str] = ()) -> Snapshot:
    """The snapshot of an assessment: `profile_skills` maps each skill of the target profile to its
    competence; skills validated or tested outside the profile do not count."""
    kept = tuple(sorted(skill for skill in set(validated) if skill in profile_skills))
    by_competence: dict[str, int] = {}
    for skill in kept:
        by_competence[profile_skills[skill]] = by_competence.get(profile_skills[skill], 0) + 1
    tested_by: dict[str, int] = {}
    for skill in set(tested) | set(kept):
        if skill in profile_skills:
            tested_by[profile_skills[skill]] = tested_by.get(profile_skills[skill], 0) + 1
    rate = len(kept) / len(profile_skills) if profile_skills else 0.0
    return Snapshot(mastery_rate=rate, pix=pix, validated_skills=kept, validated_by_competence=by_competence,
                    tested_by_competence=tested_by, stage=stage, badges=tuple(badges))


def collection_snapshot(levels: Mapping[str, int], pix_by_competence: Mapping[str, int]) -> Snapshot:
    """The snapshot of a profiles collection: the whole profile, its pix over 1024, certifiable or not."""
    pix = sum(pix_by_competence.values())
    return Snapshot(mastery_rate=min(1.0, pix / PIX_MAX), pix=pix, levels=dict(levels),
                    pix_by_competence=dict(pix_by_competence), certifiable=is_certifiable(levels))


def is_certifiable(levels: Mapping[str, int]) -> bool:
    return sum(1 for level in levels.values() if level >= 1) >= CERTIFIABLE_COMPETENCES


def progress(profile_skills: Collection[str], assessed: Iterable[str], *, finished: bool) -> float:
    """1 when the test is over, else the share of the profile's skills already assessed."""
    if finished:
        return 1.0
    if not profile_skills:
        return 0.0
    return min(1.0, len(set(assessed) & set(profile_skills)) / len(profile_skills))
