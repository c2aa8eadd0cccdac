"""Use cases of members and invitations, for any registered scope."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib import clock
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.mail import send_mail
from chalicelib.memberships import mails, scopes, store
from chalicelib.memberships.domain import (
    INVITATION_LIFETIME,
    MAX_EMAILS,
    Invitation,
    Membership,
    Resource,
    Role,
    code_hash,
    new_code,
    new_invitation_id,
    normalise_emails,
)
from chalicelib.memberships.scopes import Scope
from chalicelib.observability import logger


def _scope(name: str) -> Scope:
    scope = scopes.get(name)
    assert scope is not None, f"scope {name!r} is not registered"
    return scope


def _resource(scope: Scope, resource_id: str) -> Resource:
    resource = scope.describe(resource_id)
    if resource is None:
        raise NotFound("RESOURCE_NOT_FOUND", "Cette organisation ou ce centre n'existe pas.")
    return resource


def _open_resource(scope: Scope, resource_id: str) -> Resource:
    resource = _resource(scope, resource_id)
    if resource.archived:
        raise Conflict("RESOURCE_ARCHIVED", "Cette organisation ou ce centre est archivé : il n'accepte plus "
                                            "de nouveau membre.")
    return resource


# --- members ---------------------------------------------------------------------------------------------


def add_member(scope: str, resource_id: str, user_id: str, role: Role) -> Membership:
    """Make `user_id` a member (operators, seeds, tests); an existing member keeps their role."""
    membership = Membership(scope, resource_id, user_id, role, clock.now())
    if store.add_member(membership):
        return membership
    found = store.membership(scope, resource_id, user_id)
    assert found is not None
    return found


def members_page(scope: str, resource_id: str, limit: int,
                 start: dict[str, Any] | None) -> tuple[list[Membership], dict[str, Any] | None]:
    _resource(_scope(scope), resource_id)
    return store.members(scope, resource_id, limit, start)


def _member(scope: str, resource_id: str, user_id: str) -> Membership:
    found = store.membership(scope, resource_id, user_id)
    if found is None:
        raise NotFound("MEMBER_NOT_FOUND", "Cette personne n'est pas membre.")
    return found


def _last_admin() -> Conflict:
    return Conflict("LAST_ADMIN", "Il doit rester au moins un administrateur : nommez-en un autre d'abord.")


def change_role(scope: str, resource_id: str, user_id: str, role: Role) -> Membership:
    member = _member(scope, resource_id, user_id)
    if not store.change_role(member, role):
        if store.tally(scope, resource_id).admins <= 1 and member.role == "ADMIN":
            raise _last_admin()
        raise Conflict("MEMBER_CHANGED", "Ce membre vient d'être modifié : rechargez la page.")
    return replace(member, role=role)


def remove_member(scope: str, resource_id: str, user_id: str) -> None:
    member = _member(scope, resource_id, user_id)
    if not store.remove(member):
        if member.role == "ADMIN" and store.tally(scope, resource_id).admins <= 1:
            raise _last_admin()
        raise Conflict("MEMBER_CHANGED", "Ce membre vient d'être modifié : rechargez la page.")


def leave(scope: str, resource_id: str, user_id: str) -> None:
    """A member leaves; the last admin cannot (they name another admin first)."""
    remove_member(scope, resource_id, user_id)


def disable_memberships_of(user_id: str) -> int:
    """The person's account is deleted: every membership ends (even a last admin's). How many ended."""
    ended = 0
    for membership in store.memberships_of(user_id):
        current = store.membership(membership.scope, membership.resource_id, user_id)
        if current is not None and store.remove(current, keep_an_admin=False):
            ended += 1
    return ended


# --- invitations -----------------------------------------------------------------------------------------


def _send(invitation: Invitation, scope: Scope, resource: Resource, code: str) -> None:
    send_mail(invitation.email, *mails.invitation(invitation.lang, scope, resource.name, invitation.role, code))
    logger.info("invitation sent", scope=scope.name, resource_id=invitation.resource_id,
                invitation_id=invitation.id)


def invite(scope_name: str, resource_id: str, emails: list[str], role: Role, invited_by: str,
           lang: str = "fr") -> list[Invitation]:
    """Invite each address (trimmed, de-duplicated); an address with a pending invitation gets that same
    invitation again, with a new link and a new expiry."""
    scope = _scope(scope_name)
    resource = _open_resource(scope, resource_id)
    addresses = normalise_emails(emails)
    if not addresses:
        raise Invalid("NO_EMAIL", "Indiquez au moins une adresse e-mail.")
    if len(addresses) > MAX_EMAILS:
        raise Invalid("TOO_MANY_EMAILS", f"Invitez au plus {MAX_EMAILS} adresses à la fois.")
    pending = {inv.email: inv for inv in store.pending_invitations(scope_name, resource_id)}
    now = clock.now()
    sent = []
    for email in addresses:
        code = new_code()
        if email in pending:
            invitation = replace(pending[email], role=role, sent_at=now, expires_at=now + INVITATION_LIFETIME)
            if not store.resend(invitation, code_hash(code), now, invitation.expires_at):
                continue  # accepted or cancelled meanwhile
        else:
            invitation = Invitation(new_invitation_id(), scope_name, resource_id, email, role, "PENDING",
                                    invited_by, lang, now, now, now + INVITATION_LIFETIME)
            store.put_invitation(invitation, code_hash(code))
        _send(invitation, scope, resource, code)
        sent.append(invitation)
    return sent


def pending_invitations(scope: str, resource_id: str) -> list[Invitation]:
    _resource(_scope(scope), resource_id)
    return store.pending_invitations(scope, resource_id)


def _pending(scope: str, resource_id: str, invitation_id: str) -> Invitation:
    invitation = store.invitation(scope, resource_id, invitation_id)
    if invitation is None or invitation.status != "PENDING":
        raise NotFound("INVITATION_NOT_FOUND", "Cette invitation n'existe pas ou n'est plus en attente.")
    return invitation


def resend(scope_name: str, resource_id: str, invitation_id: str) -> Invitation:
    scope = _scope(scope_name)
    resource = _open_resource(scope, resource_id)
    invitation = _pending(scope_name, resource_id, invitation_id)
    now = clock.now()
    code = new_code()
    invitation = replace(invitation, sent_at=now, expires_at=now + INVITATION_LIFETIME)
    if not store.resend(invitation, code_hash(code), now, invitation.expires_at):
        raise NotFound("INVITATION_NOT_FOUND", "Cette invitation n'existe pas ou n'est plus en attente.")
    _send(invitation, scope, resource, code)
    return invitation


def cancel(scope: str, resource_id: str, invitation_id: str) -> None:
    invitation = _pending(scope, resource_id, invitation_id)
    if not store.cancel(invitation, clock.now()):
        raise NotFound("INVITATION_NOT_FOUND", "Cette invitation n'existe pas ou n'est plus en attente.")


@dataclass(frozen=True, slots=True)
class Preview:
    """What the acceptance page shows before anyone is signed in: where the invitation leads."""

    invitation: Invitation
    scope: Scope
    resource: Resource


def _by_code(code: str) -> tuple[Invitation, str]:
    found = store.invitation_by_code(code_hash(code))
    if found is None:
        raise NotFound("INVITATION_NOT_FOUND", "Ce lien d'invitation n'est pas valide : il a peut-être déjà "
                                               "servi, ou une invitation plus récente l'a remplacé.")
    invitation, hashed = found
    if not invitation.usable(clock.now()):
        raise Conflict("INVITATION_EXPIRED", "Ce lien d'invitation a expiré : demandez à un administrateur "
                                             "de vous le renvoyer.")
    return invitation, hashed


def preview(code: str) -> Preview:
    invitation, _ = _by_code(code)
    scope = _scope(invitation.scope)
    return Preview(invitation, scope, _resource(scope, invitation.resource_id))


def accept(code: str, user_id: str) -> tuple[Preview, Membership]:
    """Join with an invitation: the role is the invitation's, or ADMIN when the resource has no member
    yet. Someone already a member keeps their role and spends the invitation."""
    invitation, hashed = _by_code(code)
    scope = _scope(invitation.scope)
    resource = _open_resource(scope, invitation.resource_id)
    existing = store.membership(invitation.scope, invitation.resource_id, user_id)
    now = clock.now()
    if existing is not None:
        if not store.accept(invitation, hashed, None, only_if_first=False, at=now):
            raise _spent()
        return Preview(invitation, scope, resource), existing
    for _ in range(2):  # twice: someone else may become the first member between the read and the write
        first = store.tally(invitation.scope, invitation.resource_id).members == 0
        membership = Membership(invitation.scope, invitation.resource_id, user_id,
                                "ADMIN" if first else invitation.role, now)
        if store.accept(invitation, hashed, membership, only_if_first=first, at=now):
            logger.info("invitation accepted", scope=scope.name, resource_id=invitation.resource_id,
                        invitation_id=invitation.id)
            return Preview(invitation, scope, resource), membership
        again = store.membership(invitation.scope, invitation.resource_id, user_id)
        if again is not None:
            return Preview(invitation, scope, resource), again
        if store.invitation_by_code(hashed) is None:
            break
    raise _spent()


def _spent() -> Conflict:
    return Conflict("INVITATION_SPENT", "Cette invitation vient d'être utilisée ou annulée.")
