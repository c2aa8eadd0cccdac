"""The Orga room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.orga.routes.blueprint import bp` and is imported below, once.
"""

from chalicelib.orga.routes import campaigns, credits, members, organizations, target_profiles  # noqa: F401  # declare their routes
from chalicelib.orga.routes.blueprint import bp

__all__ = ["bp"]
