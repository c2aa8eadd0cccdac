"""Use cases on an organisation's learner list: a page of it (filters: division, group, part of a name),
each learner with whether an account is linked; an admin unlinks a learner from their account, or deletes
(anonymises) a learner.

The routes (an organisation member reads, an admin unlinks) come with the organisations' pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib import pagination
from chalicelib.errors import Conflict, NotFound
from chalicelib.orga.imports.names import fold
from chalicelib.orga.learners import Learner, anonymised
from chalicelib.orga.store import learners as store
from chalicelib.orga.store.learners import Filters


@dataclass(frozen=True, slots=True)
class ListedRow:
    learner: Learner
    user_id: str | None  # the linked account, if any


@dataclass(frozen=True, slots=True)
class LearnerPage:
    rows: list[ListedRow]
    next_cursor: str | None


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
                       pagination.encode_cursor(last_key, scope=scope))


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
