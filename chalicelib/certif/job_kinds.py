"""The Certif room's kinds of job (read through chalicelib.rooms.job_kinds): candidate imports, attendance
sheets, the certificates of a published session."""

from chalicelib.certif.service_certificates import CERTIFICATES_JOB
from chalicelib.certif.service_files import ATTENDANCE_SHEET, CANDIDATES_IMPORT

KINDS = [CANDIDATES_IMPORT, ATTENDANCE_SHEET, CERTIFICATES_JOB]
