"""The Orga room's kinds of job (read through chalicelib.rooms.job_kinds): learner list imports."""

from chalicelib.orga import import_job

KINDS = [*import_job.KINDS]
