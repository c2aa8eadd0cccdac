"""The adaptive engine: pure Python, no AWS, no storage (see docs/engine.md).

Modules: `bank` (the engine's view of the content), `knowledge` (what a learner is known to master),
`scoring` (pix and levels), `irt` (the measurement model), `selection` (next challenge, estimate).
"""
