"""The algorithms our engine is measured against, each written from its description in BENCH_MEASUREMENT.md.

Every method is a class: `__init__(bank)`, `start(learner_seed)`, `next() -> challenge_id | None`,
`update(challenge_id, correct)`, `estimate() -> {competence: (level, pix)}`.
"""
