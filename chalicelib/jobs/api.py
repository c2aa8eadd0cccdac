"""What other rooms may use of the jobs room: register a kind of job, start one (an upload form for the
browser, or a request the server writes), and the bodies their routes return.

A room that owns a kind (Orga's participant import, Certif's certificates of a session) lists it in its
`job_kinds.py` (`KINDS = [Kind(...)]`, and `job_kinds=True` in chalicelib/rooms.py); its own route (with its
own access rule) calls `start_upload` or `start_from_request`, or the generic `POST /api/jobs` serves it when
the kind's `Upload.access` needs no scope; the browser then follows the job on `GET /api/jobs/{job_id}`.
"""

from chalicelib.jobs import personal_data
from chalicelib.jobs.job import JobError
from chalicelib.jobs.kinds import Kind, Upload
from chalicelib.jobs.kinds import register as register_kind  # tests: a kind outside the registry
from chalicelib.jobs.schemas import JobOut, UploadTicket
from chalicelib.jobs.service import start_from_request, start_upload
from chalicelib.jobs.work import Work

__all__ = ["JobError", "JobOut", "Kind", "Upload", "UploadTicket", "Work", "anonymise", "register_kind",
           "start_from_request", "start_upload"]


def anonymise(user_id: str) -> None:
    """The person's hook (chalicelib.rooms.anonymise_person): their data exports are deleted."""
    personal_data.forget(user_id)
