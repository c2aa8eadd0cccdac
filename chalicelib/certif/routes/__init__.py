"""The Certif room's routes, one module per aggregate, all on one Blueprint (the registry's `bp`).

A route module does `from chalicelib.certif.routes.blueprint import bp` and is imported below, once.
"""

from chalicelib.certif.routes import certificates  # noqa: F401  (declares its routes on bp)
from chalicelib.certif.routes.blueprint import bp

__all__ = ["bp"]
