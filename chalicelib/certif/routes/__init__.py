"""The Certif room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.certif.routes.blueprint import bp` and is imported below, once.
"""

# exam and supervision: the candidate's test and the invigilator's portal
from chalicelib.certif.routes import (  # noqa: F401  (they declare the routes)
    candidates,
    centres,
    certificates,
    exam,
    finalisation,
    jury,
    members,
    pupils,
    sessions,
    supervision,
)
from chalicelib.certif.routes.blueprint import bp

__all__ = ["bp"]
