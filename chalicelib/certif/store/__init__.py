"""The Certif room's stores: the only modules that import `chalicelib.certif.models`; they return domain objects."""
