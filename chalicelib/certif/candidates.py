"""A candidate enrolled in a session, in plain Python: every field Pix Certif asks, checked.

No I/O here. `enrol` turns what the centre typed (or one line of an imported file) into a `Candidate`, or
raises `Invalid` with a French message that names the field; the import prefixes it with the line.

Birthplace: the country must exist (INSEE country codes, France `99100`); born in France, either an INSEE
commune code, or a postal code and a city that match; born abroad, a city and no postal code. The check of
the codes against the official lists is `birthplace.check`; the official city name is stored.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from email_validator import EmailNotValidError, validate_email

from chalicelib.certif import birthplace
from chalicelib.certif.centres import search_key
from chalicelib.certif.sessions import french_day
from chalicelib.errors import Invalid

FRANCE = "99100"
SEXES = ("M", "F")
BILLING_MODES = ("FREE", "PAID", "PREPAID")
NAME_MAX, CITY_MAX, EXTERNAL_ID_MAX, PREPAYMENT_MAX, DIVISION_MAX = 100, 100, 100, 40, 40
MAX_EXTRA_TIME = 100  # percent
FIRST_BIRTH_DATE = date(1900, 1, 2)  # born after 1900



def new_candidate_id() -> str:
    return secrets.token_hex(6)


@dataclass(frozen=True, slots=True)
class Birthplace:
    country_code: str  # INSEE, e.g. 99100
    city: str  # the official name when it was resolved from a code
    insee_code: str | None = None
    postal_code: str | None = None


@dataclass(frozen=True, slots=True)
class Input:
    """What the centre gives for one candidate, as typed (text, trimmed by the caller or not)."""

    last_name: str
    first_name: str
    sex: str
    birth_date: date
    birth_country: str = FRANCE
    birth_insee_code: str = ""
    birth_postal_code: str = ""
    birth_city: str = ""
    email: str = ""
    result_recipient_email: str = ""
    external_id: str = ""
    extra_time_percentage: int = 0
    billing_mode: str = ""
    prepayment_code: str = ""
    division: str = ""  # the class (SCO), for the attendance sheet


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    session_id: str
    last_name: str
    first_name: str
    sex: str
    birth_date: date
    birthplace: Birthplace
    enrolled_at: datetime
    email: str | None = None
    result_recipient_email: str | None = None
    external_id: str | None = None
    extra_time_percentage: int = 0
    billing_mode: str | None = None
    prepayment_code: str | None = None
    user_id: str | None = None  # the account linked when the candidate entered the session
    division: str | None = None  # the class (SCO): typed, or the pupil's in the school's list
    pupil_id: str | None = None  # the learner of the school's list the centre picked, if it picked one

    def identity(self) -> tuple[str, str, date]:
        """What makes two enrolments the same person: names (accents and case aside) and birth date."""
        return (_same(self.last_name), _same(self.first_name), self.birth_date)


ANONYMISED = "(anonymisé)"


def anonymised(candidate: Candidate) -> Candidate:
    """The candidate without anything that says who they were (names, birth, contact, external id, account):
    their enrolment, billing and whatever the session recorded for them (attendance, results) stay, by id."""
    return Candidate(id=candidate.id, session_id=candidate.session_id, last_name=ANONYMISED,
                     first_name=ANONYMISED, sex=candidate.sex, birth_date=date(1900, 1, 1),
                     birthplace=Birthplace(country_code="99100", city=""), enrolled_at=candidate.enrolled_at,
                     extra_time_percentage=candidate.extra_time_percentage, billing_mode=candidate.billing_mode,
                     prepayment_code=candidate.prepayment_code)


def _same(name: str) -> str:
    return search_key(name)


def _name(value: str) -> str | None:
    """The name with single spaces, or None when it is empty or too long."""
    value = " ".join(value.split())
    return value if value and len(value) <= NAME_MAX else None


def _email(value: str, label: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        raise Invalid("CANDIDATE_EMAIL_INVALID", f"{label} n'est pas une adresse e-mail valide.") from None


def _resolve_birthplace(country: str, insee_code: str, postal_code: str, city: str) -> Birthplace:
    """The birthplace checked against the official lists (`birthplace.check`); an empty country is France."""
    if len(city) > CITY_MAX:
        raise Invalid("CANDIDATE_BIRTH_CITY_INVALID", f"La commune de naissance fait {CITY_MAX} caractères au plus.")
    try:
        found = birthplace.check(country.strip() or FRANCE, insee_code=insee_code, postal_code=postal_code, city=city)
    except Invalid as error:  # the official lists refused it: the rule (BIRTH_…) goes in meta
        raise Invalid("CANDIDATE_BIRTHPLACE_INVALID", error.message, meta={"rule": error.code}) from None
    return Birthplace(found.country_code, found.city, insee_code=found.insee_code, postal_code=found.postal_code)


def _billing(mode: str, prepayment_code: str, billed: bool) -> tuple[str | None, str | None]:
    mode, prepayment_code = mode.strip().upper(), prepayment_code.strip()
    if not billed:
        if mode or prepayment_code:
            raise Invalid("CANDIDATE_BILLING_NOT_APPLICABLE",
                          "Les centres scolaires (SCO) n'indiquent pas de tarification.")
        return None, None
    if mode not in BILLING_MODES:
        raise Invalid("CANDIDATE_BILLING_MODE_INVALID",
                      "La tarification est obligatoire : gratuite, payante ou prépayée.")
    if mode == "PREPAID":
        if not prepayment_code or len(prepayment_code) > PREPAYMENT_MAX:
            raise Invalid("CANDIDATE_PREPAYMENT_CODE_REQUIRED",
                          "Une certification prépayée demande un code de prépaiement.")
        return mode, prepayment_code
    if prepayment_code:
        raise Invalid("CANDIDATE_PREPAYMENT_CODE_UNEXPECTED",
                      "Le code de prépaiement ne s'indique que pour une certification prépayée.")
    return mode, None


def enrol(candidate_id: str, session_id: str, given: Input, now: datetime, *, billed: bool) -> Candidate:
    """A checked candidate; `billed` is the centre's (SUP and PRO centres say how each candidate pays)."""
    last_name, first_name = _name(given.last_name), _name(given.first_name)
    if last_name is None:
        raise Invalid("CANDIDATE_LAST_NAME_INVALID",
                      f"Le nom de naissance est obligatoire ({NAME_MAX} caractères au plus).")
    if first_name is None:
        raise Invalid("CANDIDATE_FIRST_NAME_INVALID", f"Le prénom est obligatoire ({NAME_MAX} caractères au plus).")
    sex = given.sex.strip().upper()
    if sex not in SEXES:
        raise Invalid("CANDIDATE_SEX_INVALID", "Le sexe est M ou F.")
    if not FIRST_BIRTH_DATE <= given.birth_date <= french_day(now):
        raise Invalid("CANDIDATE_BIRTH_DATE_INVALID", "La date de naissance doit être postérieure à 1900 et passée.")
    if not 0 <= given.extra_time_percentage <= MAX_EXTRA_TIME:
        raise Invalid("CANDIDATE_EXTRA_TIME_INVALID", f"Le temps majoré va de 0 à {MAX_EXTRA_TIME} %.")
    external_id = given.external_id.strip()
    if len(external_id) > EXTERNAL_ID_MAX:
        raise Invalid("CANDIDATE_EXTERNAL_ID_INVALID",
                      f"L'identifiant local fait {EXTERNAL_ID_MAX} caractères au plus.")
    division = " ".join(given.division.split())
    if len(division) > DIVISION_MAX:
        raise Invalid("CANDIDATE_DIVISION_INVALID", f"La classe fait {DIVISION_MAX} caractères au plus.")
    birthplace = _resolve_birthplace(given.birth_country, given.birth_insee_code, given.birth_postal_code,
                                     given.birth_city)
    billing_mode, prepayment_code = _billing(given.billing_mode, given.prepayment_code, billed)
    return Candidate(
        id=candidate_id, session_id=session_id, last_name=last_name, first_name=first_name, sex=sex,
        birth_date=given.birth_date, birthplace=birthplace, enrolled_at=now,
        email=_email(given.email, "L'e-mail de convocation"),
        result_recipient_email=_email(given.result_recipient_email, "L'e-mail du destinataire des résultats"),
        external_id=external_id or None, extra_time_percentage=given.extra_time_percentage,
        billing_mode=billing_mode, prepayment_code=prepayment_code, division=division or None,
    )


def ensure_room(count: int, capacity: int) -> None:
    """At most `capacity` candidates in the session (the centre's room capacity, 20 by default)."""
    if count > capacity:
        raise Invalid("SESSION_FULL", f"Une session accueille au plus {capacity} candidats.",
                      meta={"capacity": capacity})


def ensure_new(candidate: Candidate, enrolled: list[Candidate]) -> None:
    """Refused when the same person (names and birth date), or the same pupil of the list, is enrolled."""
    if any(other.identity() == candidate.identity()
           or (candidate.pupil_id is not None and other.pupil_id == candidate.pupil_id) for other in enrolled):
        raise Invalid("CANDIDATE_ALREADY_ENROLLED", "Ce candidat est déjà inscrit à cette session.")
