"""SCO centres enrol pupils picked from their school's list, in plain Python: which school, and the pupil as
a candidate.

No I/O here. A SCO certification centre and the Pix Orga organisation of the same school share the school's
UAI: the centre's external id is the organisation's (the operator types it when creating the centre). The
link holds when exactly one SCO organisation that manages its pupils has that UAI. A picked pupil is enrolled
with what the school's list says (names, sex, birth date and place, class): the same checks as a typed
candidate apply (birthplace against the official lists, one person once, the room's capacity).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from chalicelib.certif.candidates import FRANCE, Input
from chalicelib.certif.centres import Centre
from chalicelib.errors import Invalid, NotFound

MAX_PICKED = 48  # one request enrols at most a room (the centres' highest capacity)


@dataclass(frozen=True, slots=True)
class Pupil:
    """A pupil of the school's current list (active), as the organisation's room gives them."""

    learner_id: str
    first_name: str
    last_name: str
    birth_date: date
    sex: str | None
    birth_country_code: str | None  # INSEE (France 99100)
    birth_city_code: str | None
    birth_city: str | None
    division: str | None


class PupilList(Protocol):
    """The schools' pupil lists (Pix Orga's learner lists), as this room reads them."""

    def school_with_uai(self, uai: str) -> str | None: ...  # the organisation's id
    def divisions(self, organization_id: str) -> list[str]: ...
    def page(self, organization_id: str, division: str, limit: int,
             cursor: str | None) -> tuple[list[Pupil], str | None]: ...
    def by_id(self, organization_id: str, learner_ids: list[str]) -> list[Pupil]: ...


def no_pupil_list() -> NotFound:
    return NotFound("CENTRE_PUPIL_LIST_NOT_FOUND",
                    "Ce centre n'est rattaché à aucune liste d'élèves : seul un centre scolaire (SCO) dont l'UAI "
                    "est celui d'un établissement Pix Orga qui gère ses élèves peut y choisir ses candidats.")


def ensure_may_pick(centre: Centre) -> str:
    """The UAI through which the centre reaches a school's list; refused for a centre that is not SCO or has
    no UAI."""
    if centre.type != "SCO" or not centre.external_id:
        raise no_pupil_list()
    return centre.external_id


def ensure_picked(learner_ids: list[str]) -> list[str]:
    """The ids, each once, in the order given; at least one, at most a room."""
    unique = list(dict.fromkeys(learner_ids))
    if not unique or len(unique) > MAX_PICKED:
        raise Invalid("PUPILS_SELECTION_INVALID", f"Choisissez de 1 à {MAX_PICKED} élèves.")
    return unique


def as_input(pupil: Pupil) -> Input:
    """The pupil as a candidate's enrolment: born in France, the commune's INSEE code; born abroad, the city."""
    country = pupil.birth_country_code or FRANCE
    in_france = country == FRANCE
    return Input(last_name=pupil.last_name, first_name=pupil.first_name, sex=pupil.sex or "",
                 birth_date=pupil.birth_date, birth_country=country,
                 birth_insee_code=(pupil.birth_city_code or "") if in_france else "",
                 birth_city="" if in_france and pupil.birth_city_code else (pupil.birth_city or ""),
                 division=pupil.division or "")


def named(pupil: Pupil, problem: Invalid) -> Invalid:
    """The refusal of one pupil, naming them (the centre corrects the school's list, or types the candidate):
    the same error, its message prefixed with the pupil's name and its meta holding their id."""
    problem.message = f"{pupil.first_name} {pupil.last_name} : {problem.message}"
    problem.meta = {**problem.meta, "learner_id": pupil.learner_id}
    return problem
