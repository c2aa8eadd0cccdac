"""Use case: a person joining a restricted campaign says who they are in the organisation's list, and
their account is linked to that learner (the rules: reconciliation.py; the links: store/learners.py).

Called by the campaign-joining use case. Refusals are domain errors whose French message the page shows
as it is: no learner (or several) matches, the learner is already another account's (named by its kind,
its login partly hidden), or this account is already another learner of the organisation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from chalicelib import clock
from chalicelib.accounts import api as accounts
from chalicelib.errors import Conflict, DomainError, Invalid, NotFound
from chalicelib.orga import service_organizations as organizations
from chalicelib.orga.campaigns import normalise_code
from chalicelib.orga.learners import Learner
from chalicelib.orga.organizations import Organization
from chalicelib.orga.reconciliation import Claim, ListedLearner, Outcome, conflict_message, reconcile
from chalicelib.orga.store import campaigns
from chalicelib.orga.store import learners as store

Logins = Callable[[str], tuple[str | None, str | None]]  # user id → (e-mail, username)


def account_logins(user_id: str) -> tuple[str | None, str | None]:
    try:
        data = accounts.personal_data(user_id)
    except DomainError:
        return None, None  # an account deleted meanwhile: "another account"
    return data.get("email"), data.get("username")


def listed(learner: Learner, user_id: str | None) -> ListedLearner:
    record = learner.record
    return ListedLearner(learner.learner_id, record.first_name, record.last_name, record.birth_date,
                         second_first_name=record.second_first_name, third_first_name=record.third_first_name,
                         usage_name=record.usage_name, student_number=record.student_number,
                         active=learner.active, user_id=user_id)


def reconcile_account(organization_id: str, user_id: str, claim: Claim,
                      logins: Logins = account_logins) -> ListedLearner:
    """The learner this account is now (or already was) linked to; a domain error otherwise."""
    db = store.current()
    head = db.head(organization_id)
    candidates = db.born_on(organization_id, head.generation, claim.birth_date) if head else []
    linked, mine = db.links_of(organization_id, [c.learner_id for c in candidates], user_id)
    found = [listed(c, linked.get(c.learner_id)) for c in candidates]
    current = next((c for c in found if c.learner_id == mine), None)
    if mine is not None and current is None:  # linked to a learner born another day
        current = ListedLearner(mine, "", "", claim.birth_date, user_id=user_id)
    result = reconcile(claim, user_id, found, current)
    if result.outcome is Outcome.NOT_FOUND:
        raise NotFound("LEARNER_NOT_FOUND_IN_LIST", conflict_message(result.outcome))
    if result.outcome is Outcome.ACCOUNT_TAKEN:
        raise Conflict("ACCOUNT_ALREADY_RECONCILED", conflict_message(result.outcome))
    if result.outcome is Outcome.LEARNER_TAKEN:
        assert result.other_user_id is not None
        email, username = logins(result.other_user_id)
        raise Conflict("LEARNER_ALREADY_RECONCILED",
                       conflict_message(result.outcome, email=email, username=username))
    assert result.learner is not None
    if result.outcome is Outcome.ALREADY_LINKED:
        return result.learner
    if not db.link(organization_id, result.learner.learner_id, user_id, clock.now()):
        # Someone linked this learner or this account between the read and the write: ask again.
        raise Conflict("RECONCILIATION_RACE", "Votre inscription vient de changer : réessayez.")
    return dataclasses.replace(result.learner, user_id=user_id)


def learner_of_account(organization_id: str, user_id: str) -> ListedLearner | None:
    """The organisation's learner this account is linked to, as the current list has them (`active` False:
    absent from the last SIECLE or replace-mode file, who may not start a campaign); None if not linked."""
    db = store.current()
    _, mine = db.links_of(organization_id, [], user_id)
    head = db.head(organization_id) if mine else None
    found = db.learner(organization_id, head.generation, mine) if head and mine else None
    return listed(found, user_id) if found else None


# --- for a campaign's participant: which organisation, and whether they are listed -----------------


def campaign_organization(code: str) -> Organization:
    """The organisation of the campaign a code names (NotFound `CAMPAIGN_NOT_FOUND`)."""
    campaign = campaigns.by_code(normalise_code(code))
    if campaign is None or campaign.deleted_at is not None:
        raise NotFound("CAMPAIGN_NOT_FOUND", "Cette campagne n'existe pas.")
    return organizations.organization(campaign.organization_id)


def restricted(organization: Organization) -> bool:
    """Only listed learners join its campaigns: the organisation manages its learners."""
    return organization.manages_students and organization.type in ("SCO", "SUP")


def reconcile_for_campaign(code: str, user_id: str, claim: Claim) -> tuple[Organization, ListedLearner]:
    if not claim.student_number and not (claim.first_name.strip() and claim.last_name.strip()):
        raise Invalid("RECONCILIATION_FIELDS_REQUIRED", "Indiquez vos nom, prénom et date de naissance.")
    organization = campaign_organization(code)
    if not restricted(organization):
        raise Invalid("RECONCILIATION_NOT_REQUIRED", "Cette campagne est ouverte à tous : aucun rattachement n'est "
                                                     "nécessaire.")
    return organization, reconcile_account(organization.id, user_id, claim)
