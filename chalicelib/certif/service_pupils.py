"""SCO centres pick their candidates from their school's list of pupils (Pix Orga's learner list).

The school is found by the centre's UAI (`pupils.ensure_may_pick`); the list is read through the Orga room's
api (`OrgaPupils`, swapped for a twin in unit tests with `use`). A page of a class shows each pupil and whether
they are already enrolled in the session; enrolling picked pupils takes each from the list again (never what
the browser sent), checks each as a typed candidate, and writes them all in one transaction, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from chalicelib import clock
from chalicelib.certif import candidates, centres, pupils, sessions, store
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.ports import Stale
from chalicelib.certif.pupils import Pupil, PupilList
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.certif.service_sessions import session_of
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.orga import api as orga


class OrgaPupils:
    """The schools' lists as the Orga room serves them."""

    def school_with_uai(self, uai: str) -> str | None:
        found = orga.school_with_uai(uai)
        return found.id if found is not None else None

    def divisions(self, organization_id: str) -> list[str]:
        return orga.pupil_divisions(organization_id)

    def page(self, organization_id: str, division: str, limit: int,
             cursor: str | None) -> tuple[list[Pupil], str | None]:
        found, next_cursor = orga.pupils_of_division(organization_id, division, limit=limit, cursor=cursor)
        return [_pupil(p) for p in found], next_cursor

    def by_id(self, organization_id: str, learner_ids: list[str]) -> list[Pupil]:
        return [_pupil(p) for p in orga.pupils_by_id(organization_id, learner_ids)]


def _pupil(p: orga.Pupil) -> Pupil:
    return Pupil(p.learner_id, p.first_name, p.last_name, p.birth_date, p.sex, p.birth_country_code,
                 p.birth_city_code, p.birth_city, p.division)


_source: PupilList = OrgaPupils()


def use(source: PupilList) -> PupilList:
    """Swap where the lists are read (unit tests); returns the previous source."""
    global _source
    previous, _source = _source, source
    return previous


@dataclass(frozen=True, slots=True)
class PickablePupil:
    pupil: Pupil
    enrolled: bool  # already a candidate of this session (picked, or typed with the same names and birth date)


def _school_of(centre_id: str) -> str:
    uai = pupils.ensure_may_pick(centre_of(centre_id))
    organization_id = _source.school_with_uai(uai)
    if organization_id is None:
        raise pupils.no_pupil_list()
    return organization_id


def divisions(centre_id: str) -> list[str]:
    """The classes of the school's list (NotFound CENTRE_PUPIL_LIST_NOT_FOUND without a linked school)."""
    return _source.divisions(_school_of(centre_id))


def pupil_page(centre_id: str, session_id: str, division: str, *, limit: int,
               cursor: str | None = None) -> tuple[list[PickablePupil], str | None]:
    organization_id = _school_of(centre_id)
    session = session_of(centre_id, session_id)
    if not division.strip():
        raise Invalid("PUPILS_DIVISION_REQUIRED", "Choisissez une classe.")
    found, next_cursor = _source.page(organization_id, division, limit, cursor)
    enrolled = store.current().candidates(session.id)
    picked = {c.pupil_id for c in enrolled if c.pupil_id}
    identities = {c.identity() for c in enrolled}
    return [PickablePupil(p, p.learner_id in picked or _identity(p) in identities) for p in found], next_cursor


def _identity(pupil: Pupil) -> tuple[str, str, object]:
    return (centres.search_key(pupil.last_name), centres.search_key(pupil.first_name), pupil.birth_date)


def enrol(centre_id: str, session_id: str, learner_ids: list[str]) -> list[Candidate]:
    """Enrol the picked pupils, all or none: each must be an active pupil of the school's current list, not yet
    enrolled, with a birthplace the official lists know; the session keeps within its room's capacity."""
    wanted = pupils.ensure_picked(learner_ids)
    centre = centre_of(centre_id)
    centres.ensure_open(centre)
    organization_id = _school_of(centre_id)
    session = session_of(centre_id, session_id)
    sessions.ensure_enrolment_open(session)
    found = {p.learner_id: p for p in _source.by_id(organization_id, wanted)}
    missing = [learner_id for learner_id in wanted if learner_id not in found]
    if missing:
        raise NotFound("PUPIL_NOT_FOUND", "Cet élève n'est plus dans la liste de l'établissement : rechargez la "
                                          "classe.", meta={"learner_ids": missing})
    enrolled = store.current().candidates(session.id)
    candidates.ensure_room(len(enrolled) + len(wanted), centre.room_capacity)
    now = clock.now()
    new: list[Candidate] = []
    for learner_id in wanted:
        pupil = found[learner_id]
        try:
            candidate = candidates.enrol(candidates.new_candidate_id(), session.id, pupils.as_input(pupil), now,
                                         billed=centre.billed)
            candidate = replace(candidate, pupil_id=pupil.learner_id)
            candidates.ensure_new(candidate, enrolled + new)
        except Invalid as problem:
            raise pupils.named(pupil, problem) from None
        new.append(candidate)
    try:
        store.current().add_candidates(session, new)
    except Stale:
        raise Conflict("SESSION_CHANGED", "La session vient d'être modifiée : rechargez la page.") from None
    return new
