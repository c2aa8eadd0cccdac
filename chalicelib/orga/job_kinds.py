"""The Orga room's kinds of job (read through chalicelib.rooms.job_kinds): learner list imports and the
campaign CSV export."""

from chalicelib.orga import import_job
from chalicelib.orga.export_job import CAMPAIGN_EXPORT

KINDS = [*import_job.KINDS, CAMPAIGN_EXPORT]
