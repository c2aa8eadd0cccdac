"""The session's files, run as jobs (chalicelib.jobs): the candidates' import and the attendance sheet.

Import: the route checks the caller and the session, hands out an upload form for a new job and remembers
which session the job fills; the file goes straight to S3; S3 → EventBridge runs `process_import`, which
reads the file, checks every line and either replaces the candidates or fails the job with every error, by
line. The attendance sheet: the server writes a small request; `process_attendance_sheet` draws the PDF,
which the page downloads through the job's short-lived link.
"""

from __future__ import annotations

import json

from chalicelib import clock
from chalicelib.certif import attendance, service_candidates, store
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.certif.service_sessions import session_of
from chalicelib.jobs import api as jobs
from chalicelib.web import Access

IMPORT_KIND = "certif-candidates"
SHEET_KIND = "certif-attendance-sheet"
IMPORT_MAX_BYTES = 2_000_000  # a room's list is a few kilobytes, even as .xlsx


def process_import(work: jobs.Work) -> None:
    target = store.current().import_target(work.job.job_id)
    if target is None:
        work.reject([jobs.JobError("IMPORT_UNKNOWN", "Cet envoi ne correspond à aucune session.")])
        return
    work.validating()
    imported, errors = service_candidates.import_file(*target, work.source())
    if errors:  # one code for a line's problem, one for the file's; the message says which, in French
        work.reject([jobs.JobError("IMPORT_LINE_INVALID", e.message, line=e.line) if e.line is not None
                     else jobs.JobError("IMPORT_FILE_INVALID", e.message) for e in errors])
        return
    work.processing(total=imported)
    work.progress(imported, imported)
    summary = json.dumps({"imported": imported}).encode()
    work.finish(summary, "import-candidats.json", "application/json")


def process_attendance_sheet(work: jobs.Work) -> None:
    request = json.loads(work.source())
    centre = centre_of(request["centre_id"])
    session = session_of(centre.id, request["session_id"])
    pdf = attendance.render(centre, session, store.current().candidates(session.id))
    work.finish(pdf, attendance.file_name(session), "application/pdf")


# Scoped kinds: forms are handed out by the certif routes (centre members), never by the generic route.
CANDIDATES_IMPORT = jobs.Kind(IMPORT_KIND, process_import, upload=jobs.Upload(
    content_type="application/octet-stream", max_bytes=IMPORT_MAX_BYTES, extension="bin",
    access=Access.operator()))
ATTENDANCE_SHEET = jobs.Kind(SHEET_KIND, process_attendance_sheet)


def start_import(user_id: str, centre_id: str, session_id: str) -> jobs.UploadTicket:
    service_candidates.ready_for_import(centre_id, session_id)
    ticket = jobs.start_upload(user_id, CANDIDATES_IMPORT)
    store.current().remember_import(ticket.job.id, centre_id, session_id, clock.now())
    return ticket


def start_attendance_sheet(user_id: str, centre_id: str, session_id: str) -> jobs.JobOut:
    session = session_of(centre_id, session_id)
    request = json.dumps({"centre_id": centre_id, "session_id": session.id}).encode()
    return jobs.start_from_request(user_id, ATTENDANCE_SHEET, request)
