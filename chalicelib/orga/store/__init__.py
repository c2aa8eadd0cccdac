"""The Orga room's stores: the only modules that import `chalicelib.orga.models`; they return domain objects."""
