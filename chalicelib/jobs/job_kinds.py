"""The jobs room's own kinds of job (read through chalicelib.rooms.job_kinds)."""

from chalicelib.jobs.personal_data import DATA_EXPORT

KINDS = [DATA_EXPORT]
