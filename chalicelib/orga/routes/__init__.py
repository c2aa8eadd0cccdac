"""The Orga room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.orga.routes.blueprint import bp` and is imported below, once.
"""

from chalicelib.orga.routes import (  # noqa: F401  # declare their routes
    campaign_codes,
    campaigns,
    credits,
    learners,
    members,
    organizations,
    participations,
    target_profiles,
)
from chalicelib.orga.routes.blueprint import bp

__all__ = ["bp"]
