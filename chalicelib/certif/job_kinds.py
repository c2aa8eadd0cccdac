"""The Certif room's kinds of job (read through chalicelib.rooms.job_kinds): the certificates of a session."""

from chalicelib.certif.service_certificates import CERTIFICATES_JOB

KINDS = [CERTIFICATES_JOB]
