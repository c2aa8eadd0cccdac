"""The Certif room's kinds of job (read through chalicelib.rooms.job_kinds)."""

from chalicelib.certif.service_files import ATTENDANCE_SHEET, CANDIDATES_IMPORT

KINDS = [CANDIDATES_IMPORT, ATTENDANCE_SHEET]
