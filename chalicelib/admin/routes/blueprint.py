"""The Admin room's one Blueprint; each route module declares its routes on it."""

from chalice.app import Blueprint

bp = Blueprint(__name__)
