"""Members and invitations of a centre: the memberships room's routes, on Certif's blueprint.

Registering the scope makes the memberships room the judge of `centre_member()` and `centre_admin()`, and
lets it name the centre (and refuse an archived one) in invitations.
"""

from chalicelib.certif import members
from chalicelib.certif.routes.blueprint import bp
from chalicelib.memberships import api as memberships
from chalicelib.web import Access

memberships.register_scope(members.SCOPE, members.describe, space="Pix Certif", home="certif/",
                           kind_fr="le centre de certification", kind_en="the certification centre")
memberships.declare_member_routes(bp, scope=members.SCOPE, base="/api/certif/centres/{centre_id}",
                                  param="centre_id", member=Access.centre_member(), admin=Access.centre_admin(),
                                  noun="ce centre de certification")
