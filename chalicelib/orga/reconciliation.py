"""Reconciliation: which listed learner of an organisation a person joining a restricted campaign is.

The person gives first name, last name and birth date (SUP: or their student number, with the birth
date). Candidates are the organisation's *active* learners born that day; names are compared without
accents, case or punctuation, the first name against the learner's first, second and third first names,
the last name against the last or usage name, with a typo tolerance of 25 %. It succeeds only when
exactly one learner matches; then two conflicts may still stop it: the learner is already linked to
another account, or this account is already linked to another learner of the organisation.

Pure: the caller reads the candidates (and the account's current learner) and writes the link; this
module decides, and says in French what the person should read, the other account's login partly hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from chalicelib.orga.imports.names import similar


@dataclass(frozen=True, slots=True)
class ListedLearner:
    """What reconciliation needs of a learner of the organisation's list."""

    learner_id: str
    first_name: str
    last_name: str
    birth_date: date
    second_first_name: str | None = None
    third_first_name: str | None = None
    usage_name: str | None = None
    student_number: str | None = None
    active: bool = True  # a learner absent from the last SIECLE or replace-mode file is disabled
    user_id: str | None = None  # the account linked to this learner, if any

    @property
    def first_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.first_name, self.second_first_name, self.third_first_name) if n)

    @property
    def last_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.last_name, self.usage_name) if n)


@dataclass(frozen=True, slots=True)
class Claim:
    """What the person typed."""

    birth_date: date
    first_name: str = ""
    last_name: str = ""
    student_number: str | None = None  # SUP: instead of the names


class Outcome(StrEnum):
    LINKED = "linked"  # link the account to `learner`
    ALREADY_LINKED = "already_linked"  # this account is already this learner's: nothing to write
    NOT_FOUND = "not_found"  # no learner, or more than one, matches
    LEARNER_TAKEN = "learner_taken"  # the learner is linked to another account (`other_user_id`)
    ACCOUNT_TAKEN = "account_taken"  # this account is already another learner of the organisation


@dataclass(frozen=True, slots=True)
class Reconciliation:
    outcome: Outcome
    learner: ListedLearner | None = None
    other_user_id: str | None = None
    matches: int = 0  # how many learners matched (more than one is "not found" too)


def matches(claim: Claim, learner: ListedLearner) -> bool:
    if not learner.active or learner.birth_date != claim.birth_date:
        return False
    if claim.student_number:
        return learner.student_number is not None and learner.student_number == claim.student_number.strip()
    return any(similar(claim.first_name, name) for name in learner.first_names) and any(
        similar(claim.last_name, name) for name in learner.last_names)


def reconcile(claim: Claim, user_id: str, candidates: Iterable[ListedLearner],
              current: ListedLearner | None = None) -> Reconciliation:
    """`candidates`: the organisation's learners born on the claimed date (others are ignored);
    `current`: the learner of this organisation the account is already linked to, if any."""
    found = [learner for learner in candidates if matches(claim, learner)]
    if len(found) != 1:
        return Reconciliation(Outcome.NOT_FOUND, matches=len(found))
    learner = found[0]
    if learner.user_id == user_id:
        return Reconciliation(Outcome.ALREADY_LINKED, learner, matches=1)
    if current is not None and current.learner_id != learner.learner_id:
        return Reconciliation(Outcome.ACCOUNT_TAKEN, learner, matches=1)
    if learner.user_id is not None:
        return Reconciliation(Outcome.LEARNER_TAKEN, learner, other_user_id=learner.user_id, matches=1)
    return Reconciliation(Outcome.LINKED, learner, matches=1)


def hidden_email(email: str) -> str:
    """`camille.rousseau@exemple.fr` → `c***@exemple.fr`: enough for its owner to recognise it."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def hidden_username(username: str) -> str:
    """`camille.rousseau1204` → `c***.r***1204`: the initials and the date part."""
    first, dot, rest = username.partition(".")
    digits = len(rest) - len(rest.rstrip("0123456789"))
    last, suffix = (rest[:-digits], rest[-digits:]) if digits else (rest, "")
    return f"{first[:1]}***{dot}{last[:1]}{'***' if last else ''}{suffix}"


def conflict_message(outcome: Outcome, *, email: str | None = None, username: str | None = None) -> str:
    """What the person reads for a refused reconciliation; for LEARNER_TAKEN, the other account's
    logins (partly hidden) say which kind of account it is."""
    if outcome is Outcome.NOT_FOUND:
        return ("Nous ne trouvons pas d'inscrit correspondant dans la liste de l'organisation : vérifiez vos "
                "nom, prénom et date de naissance, ou adressez-vous à votre établissement.")
    if outcome is Outcome.ACCOUNT_TAKEN:
        return ("Votre compte est déjà rattaché à un autre inscrit de cette organisation : adressez-vous à "
                "votre établissement.")
    if outcome is Outcome.LEARNER_TAKEN:
        if email and username:
            how = (f"le compte de l'adresse e-mail {hidden_email(email)} et de l'identifiant "
                   f"{hidden_username(username)}")
        elif email:
            how = f"le compte de l'adresse e-mail {hidden_email(email)}"
        elif username:
            how = f"le compte de l'identifiant {hidden_username(username)}"
        else:
            how = "un autre compte"
        return (f"Vous êtes déjà inscrit avec {how} : connectez-vous avec ce compte, ou adressez-vous à "
                "votre établissement.")
    return ""
