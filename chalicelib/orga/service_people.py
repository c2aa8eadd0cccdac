"""One person across Pix Orga, by account: what the person hooks of `api.py` do (chalicelib.rooms).

Anonymisation (the back office's tool, a learner deleting their account):
- each learner of an organisation's list linked to the account is unlinked and anonymised in the current
  list (it carries the names reconciliation matched with the account's): "learners detached". Its id stays;
- each of the person's campaign participations loses the participant's names, external id and student
  number; its status, snapshot and class stay: the organisation's results and statistics keep counting it;
- campaigns they own or created keep working (they name the person by id only);
- organisation memberships are the memberships room's (its own hook disables them and their invitations).
"""

from __future__ import annotations

import json
from typing import Any

from chalicelib.memberships import api as memberships
from chalicelib.orga import service_learners
from chalicelib.orga.campaigns import normalise_code
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.store import learners as learner_store
from chalicelib.orga.store import organizations as organization_store
from chalicelib.orga.store import participations as participation_store

SCOPE = "organization"  # the memberships room's scope of organisations (service_organizations.SCOPE)
ADMIN_PAGE = "/admin/organisations/organisation/?id="
SEARCH_HITS = 5
STATUS_FR = {"STARTED": "en cours", "SHARED": "résultats partagés"}


def anonymise(user_id: str) -> None:
    service_learners.detach_person(user_id)
    store = participation_store.current()
    for participation in store.of_user(user_id):
        store.forget_participant(participation)


def _organization_name(organization_id: str) -> str:
    org = organization_store.get(organization_id)
    return org.name if org else organization_id


def personal_data(user_id: str) -> dict[str, Any]:
    learners = [{"organization_id": organization_id, "organization": _organization_name(organization_id),
                 "learner_id": learner.learner_id, "active": learner.active,
                 "as_listed": json.loads(learner_store.to_json(learner.record))}
                for organization_id, learner in service_learners.linked_learners(user_id)]
    participations = []
    for p in participation_store.current().of_user(user_id):
        campaign = campaign_store.get(p.campaign_id)
        participations.append({
            "campaign": campaign.name if campaign else None, "code": campaign.code if campaign else None,
            "organization": _organization_name(p.organization_id), "sending": p.sending, "status": p.status,
            "started_at": p.created_at.isoformat(), "shared_at": p.shared_at.isoformat() if p.shared_at else None,
            "first_name": p.first_name, "last_name": p.last_name, "external_id": p.external_id,
            "student_number": p.student_number, "division": p.division, "group": p.group})
    return {"learners": learners, "participations": participations}


def user_sections(user_id: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for membership in memberships.resources_of(SCOPE, user_id):
        role = "administrateur" if membership.role == "ADMIN" else "membre"
        found.append({"label": _organization_name(membership.resource_id), "detail": f"Organisation — {role}",
                      "href": ADMIN_PAGE + membership.resource_id})
    for organization_id, learner in service_learners.linked_learners(user_id):
        found.append({"label": _organization_name(organization_id),
                      "detail": "Inscrit de la liste de l'organisation" + ("" if learner.active else " (désactivé)"),
                      "href": ADMIN_PAGE + organization_id})
    participations: list[dict[str, Any]] = []
    for p in participation_store.current().of_user(user_id):
        campaign = campaign_store.get(p.campaign_id)
        label = f"{campaign.code} — {campaign.name}" if campaign else p.campaign_id
        status = STATUS_FR.get(p.status, p.status.lower()) + (" (supprimée)" if p.deleted_at else "")
        participations.append({"label": label,
                               "detail": f"{_organization_name(p.organization_id)}, envoi {p.sending}, {status}",
                               "href": ADMIN_PAGE + p.organization_id})
    return [{"key": "memberships", "items": found}, {"key": "participations", "items": participations}]


def admin_search(text: str, roles: frozenset[str]) -> list[dict[str, Any]]:
    """A campaign by its code, organisations by the start of their name; support opens organisations."""
    if not ("SUPER_ADMIN" in roles or "SUPPORT" in roles) or not text.strip():
        return []
    hits: list[dict[str, Any]] = []
    code = normalise_code(text)
    campaign = campaign_store.by_code(code) if len(code) <= 20 else None
    if campaign is not None and campaign.deleted_at is None:
        hits.append({"kind": "campaign", "label": f"{campaign.code} — {campaign.name}",
                     "detail": f"Campagne de {_organization_name(campaign.organization_id)}",
                     "href": ADMIN_PAGE + campaign.organization_id})
    organizations, _ = organization_store.current().search(text.strip(), SEARCH_HITS, None)
    hits += [{"kind": "organization", "label": o.name, "detail": o.external_id or o.type,
              "href": ADMIN_PAGE + o.id} for o in organizations]
    return hits
