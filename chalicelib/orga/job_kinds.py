"""The Orga room's kinds of job (read through chalicelib.rooms.job_kinds): the campaign CSV export."""

from chalicelib.orga.export_job import CAMPAIGN_EXPORT

KINDS = [CAMPAIGN_EXPORT]
