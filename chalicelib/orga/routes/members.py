"""Members and invitations of an organisation: the memberships room's routes, on Orga's blueprint.

Registering the scope makes the memberships room the judge of `organization_member()` and
`organization_admin()`, and lets it name the organisation (and refuse an archived one) in invitations.
"""

from chalicelib.memberships import api as memberships
from chalicelib.orga import service_organizations as service
from chalicelib.orga.routes.blueprint import bp
from chalicelib.web import Access

memberships.register_scope(service.SCOPE, service.describe, space="Pix Orga", home="orga/",
                           kind_fr="l'organisation", kind_en="the organisation")
memberships.declare_member_routes(bp, scope=service.SCOPE, base="/api/organizations/{organization_id}",
                                  param="organization_id", member=Access.organization_member(),
                                  admin=Access.organization_admin(), noun="l'organisation")
