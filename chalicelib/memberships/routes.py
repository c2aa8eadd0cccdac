"""Invitation links, for every scope: see where a link leads, and accept it."""

from chalice.app import Blueprint

from chalicelib.memberships import presenters, schemas, service
from chalicelib.web import Access, Call, endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/api/invitations/preview", method="POST", access=Access.PUBLIC, body=schemas.InvitationCode,
          response=schemas.InvitationPreview, errors=(404, 409),
          summary="Où mène une invitation (le code est envoyé dans le corps, jamais dans l'adresse)")
def preview_invitation(call: Call[schemas.InvitationCode]) -> schemas.InvitationPreview:
    found = service.preview(call.body.code)
    return schemas.InvitationPreview(
        scope=found.scope.name, resource_id=found.invitation.resource_id, resource_name=found.resource.name,
        space=found.scope.space, role=found.invitation.role, email=presenters.mask(found.invitation.email),
        expires_at=found.invitation.expires_at)


@endpoint(bp, "/api/invitations/accept", method="POST", access=Access.LEARNER, body=schemas.InvitationCode,
          response=schemas.Joined, errors=(404, 409),
          summary="Accepter une invitation (lien à usage unique) et devenir membre")
def accept_invitation(call: Call[schemas.InvitationCode]) -> schemas.Joined:
    found, membership = service.accept(call.body.code, call.user_id)
    return schemas.Joined(scope=found.scope.name, resource_id=membership.resource_id,
                          resource_name=found.resource.name, role=membership.role, home=found.scope.home)
