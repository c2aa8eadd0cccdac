"""Pix Orga: organisations, target profiles, campaigns, participations, learner lists, results and exports.

The room is large, so its routes, models and store are packages with one module per aggregate
(organisations, target profiles, campaigns…); the rules of the house hold inside: only `store/` imports
`models/`, and other rooms reach this one through `api.py`.
"""
