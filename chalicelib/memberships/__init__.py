"""Memberships: who belongs to a resource of any scope (an organisation, a certification centre), with
which role, and the invitations that bring people in.

One room for every scope, reused rather than copied: the room that owns a kind of resource registers its
scope (`api.register_scope`), saying how to describe a resource (its name, whether it is archived); this
room then answers the access rules of that scope (`web.set_membership_resolver`) and declares the member
and invitation routes on the owner's blueprint (`api.declare_member_routes`).
"""
