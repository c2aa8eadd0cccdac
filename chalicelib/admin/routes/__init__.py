"""The Admin room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.admin.routes.blueprint import bp` and is imported below, once.
"""

from chalicelib.admin.routes import search, team, trail, users  # noqa: F401  # declare their routes on bp
from chalicelib.admin.routes.blueprint import bp

__all__ = ["bp"]
