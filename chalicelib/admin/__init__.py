"""Pix Admin: the operator's back office — its team, its support tools on users, and the audit trail.

Like Orga and Certif, its routes, models and store are packages with one module per aggregate (trail,
team, users…); only `store/` imports `models/`, and other rooms reach this one through `api.py`
(`record_action`, `trail`), which imports no route.
"""
