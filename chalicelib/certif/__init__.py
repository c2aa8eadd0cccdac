"""Pix Certif: centres, sessions, candidates, the certification course, supervision, scoring, certificates.

Like Orga, its routes, models and store are packages with one module per aggregate; only `store/` imports
`models/`, and other rooms reach this one through `api.py`.
"""
