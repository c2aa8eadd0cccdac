"""The Certif room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.certif.routes.blueprint import bp` and is imported below, once.
"""

from chalicelib.certif.routes import (  # noqa: F401  (they declare the routes)
    candidates,
    centres,
    certificates,
    members,
    sessions,
)
from chalicelib.certif.routes.blueprint import bp

__all__ = ["bp"]
