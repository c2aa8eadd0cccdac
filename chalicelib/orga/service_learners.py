"""Use cases on an organisation's learner list: start an import (an admin; the organisation's type says
which files), a page of the list (filters: division, group, part of a name), each learner with whether an
account is linked, one learner with their account and participations; an admin unlinks a learner from
their account, or deletes (anonymises) a learner.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib import pagination
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound
from chalicelib.jobs import api as jobs
from chalicelib.orga import import_job, learner_participations
from chalicelib.orga import service_organizations as organizations
from chalicelib.orga.imports import Format
from chalicelib.orga.imports.names import fold
from chalicelib.orga.learners import Learner, ListHead, Mode, anonymised, classes_of
from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import learners as store
from chalicelib.orga.store.learners import Filters

# Which files an organisation's type imports (PRODUCTS.md): SCO the SIECLE export or the SCO CSV, SUP its CSV.
FORMATS_OF: dict[str, tuple[Format, ...]] = {"SCO": ("siecle", "sco-csv"), "SUP": ("sup-csv",)}


@dataclass(frozen=True, slots=True)
class ListedRow:
    learner: Learner
    user_id: str | None  # the linked account, if any


@dataclass(frozen=True, slots=True)
class LearnerPage:
    rows: list[ListedRow]
    next_cursor: str | None
    head: ListHead | None = None


def managing(organization_id: str) -> Organization:
    """The organisation, if it manages its learners (a SCO or SUP organisation with the setting on)."""
    organization = organizations.organization(organization_id)
    if not organization.manages_students or organization.type not in FORMATS_OF:
        raise Forbidden("ORGANIZATION_MANAGES_NO_LEARNERS",
                        "Cette organisation ne gère pas de liste d'élèves ou d'étudiants.")
    return organization


def start_import(owner_id: str, organization_id: str, format: Format, *, mode: Mode = "add",
                 zipped: bool = False) -> jobs.UploadTicket:
    """The upload form for the organisation's next list; the job is followed on GET /api/jobs/{id}."""
    organization = managing(organization_id)
    if organization.archived:
        raise Conflict("ORGANIZATION_ARCHIVED", "Cette organisation est archivée.")
    if format not in FORMATS_OF[organization.type]:
        raise Invalid("LEARNER_FORMAT_NOT_ALLOWED",
                      "Ce format de fichier n'est pas celui de ce type d'organisation : SIECLE ou CSV pour un "
                      "établissement scolaire, CSV étudiants pour l'enseignement supérieur.")
    if zipped and format != "siecle":
        raise Invalid("LEARNER_FORMAT_NOT_ALLOWED", "Seul l'export SIECLE peut être envoyé en zip.")
    uai = organization.external_id if format == "siecle" else None
    return import_job.start(owner_id, organization_id, format, mode if format == "sup-csv" else "add",
                            uai=uai, zipped=zipped)


def learner_page(organization_id: str, *, limit: int = pagination.DEFAULT_PAGE_SIZE, cursor: str | None = None,
                 division: str | None = None, group: str | None = None, search: str | None = None) -> LearnerPage:
    db = store.current()
    head = db.head(organization_id)
    if head is None:
        return LearnerPage([], None)
    filters = Filters(division or None, group or None, fold(search) if search and fold(search) else None)
    # A cursor is bound to this list: this organisation, this generation and these filters.
    scope = f"orga-learners|{organization_id}|{head.generation}|{filters.division}|{filters.group}|{filters.search}"
    found, last_key = db.page(organization_id, head.generation, filters, limit,
                              pagination.decode_cursor(cursor, scope=scope))
    linked, _ = db.links_of(organization_id, [learner.learner_id for learner in found], None)
    return LearnerPage([ListedRow(learner, linked.get(learner.learner_id)) for learner in found],
                       pagination.encode_cursor(last_key, scope=scope), head)


def divisions_and_groups(organization_id: str) -> tuple[list[str], list[str]]:
    """The classes and groups of the current list's active learners, sorted (the filters' choices). Kept on the
    list's head by the import (one GetItem); a head written before that, the whole list read once."""
    db = store.current()
    head = db.head(organization_id)
    if head is None:
        return [], []
    if head.divisions is not None and head.groups is not None:
        divisions, groups = head.divisions, head.groups
    else:
        divisions, groups = classes_of(db.learners(organization_id, head.generation))
    return list(divisions), list(groups)


def listed_learner(organization_id: str, learner_id: str) -> ListedRow:
    """One learner of the current list, with their linked account (NotFound `LEARNER_NOT_FOUND`)."""
    db = store.current()
    head = db.head(organization_id)
    found = db.learner(organization_id, head.generation, learner_id) if head else None
    if found is None:
        raise NotFound("LEARNER_NOT_FOUND", "Cet inscrit n'existe pas ou plus dans la liste.")
    linked, _ = db.links_of(organization_id, [learner_id], None)
    return ListedRow(found, linked.get(learner_id))


def participations(organization_id: str, user_id: str | None) -> list[learner_participations.Participation]:
    """The linked account's participations in the organisation's campaigns (none when no account is linked)."""
    return learner_participations.of(organization_id, user_id) if user_id is not None else []


def unlink(organization_id: str, learner_id: str) -> None:
    """Free the learner from the account linked to it (an admin, when the wrong account was linked):
    the next reconciliation may link another. Idempotent."""
    store.current().unlink(organization_id, learner_id)


def anonymise(organization_id: str, learner_id: str) -> None:
    """Delete a learner from the list (an admin): their data is replaced in the current list, their account
    unlinked; an import that was running from the list before is refused and must be started again."""
    db = store.current()
    head = db.head(organization_id)
    found = db.learner(organization_id, head.generation, learner_id) if head else None
    if head is None or found is None:
        raise NotFound("LEARNER_NOT_FOUND", "Cet inscrit n'existe pas ou plus dans la liste.")
    db.unlink(organization_id, learner_id)
    if not db.replace_in_place(organization_id, head, anonymised(found)):
        raise Conflict("LEARNER_LIST_CHANGED", "La liste a changé pendant la suppression : réessayez.")


ATTEMPTS = 3  # an import moving the list meanwhile: read the new list and try again


def detach_person(user_id: str) -> int:
    """The person is anonymised: each learner their account is linked to is unlinked and anonymised in its
    organisation's current list (the learner carries the names reconciliation matched with the account's).
    The learner's id stays, so their participations keep counting in the organisation's results, without a
    name. Idempotent; returns how many learners were detached."""
    db = store.current()
    detached = 0
    for organization_id, learner_id in db.linked_to(user_id):
        for attempt in range(ATTEMPTS):
            try:
                anonymise(organization_id, learner_id)
                break
            except NotFound:
                db.unlink(organization_id, learner_id)  # no longer listed: the link alone remained
                break
            except Conflict:
                if attempt == ATTEMPTS - 1:
                    raise
        detached += 1
    return detached


def linked_learners(user_id: str) -> list[tuple[str, Learner]]:
    """(organization id, learner as listed now) for each learner the account is linked to."""
    db = store.current()
    found = []
    for organization_id, learner_id in db.linked_to(user_id):
        head = db.head(organization_id)
        learner = db.learner(organization_id, head.generation, learner_id) if head else None
        if learner is not None:
            found.append((organization_id, learner))
    return found
