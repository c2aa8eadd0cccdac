"""The session's files, run as jobs (chalicelib.jobs): the candidates' import and the attendance sheet.

Import: the page sends the file through the API (a session's list is small: at most 48 lines, a few
kilobytes even as .xlsx), the route checks the caller and the session, and the server writes the job's source
itself — the file with the session it fills — so the job needs no other record and nothing in it comes from a
client that could name another session; S3 → EventBridge runs `process_import`, which reads the file, checks
every line and either replaces the candidates or fails the job with every error, by line. (Not a presigned
POST straight to S3: the site's CSP, `connect-src 'self'`, forbids the page to reach the bucket's origin.)
The attendance sheet: the server writes a small request; `process_attendance_sheet` draws the PDF, which the
page downloads through the job's short-lived link.
"""

from __future__ import annotations

import base64
import binascii
import json

from chalicelib.certif import attendance, service_candidates, store
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.certif.service_sessions import session_of
from chalicelib.errors import Invalid
from chalicelib.jobs import api as jobs

IMPORT_KIND = "certif-candidates"
SHEET_KIND = "certif-attendance-sheet"
IMPORT_MAX_BYTES = 45_000  # a room's list is a few kilobytes even as .xlsx; base64 in a 64 kB request body


def process_import(work: jobs.Work) -> None:
    request = json.loads(work.source())
    work.validating()
    raw = base64.b64decode(request["file"])
    imported, errors = service_candidates.import_file(request["centre_id"], request["session_id"], raw)
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


# Both sources are written by the server (no upload form: the generic upload route refuses these kinds).
CANDIDATES_IMPORT = jobs.Kind(IMPORT_KIND, process_import, max_source_bytes=100_000)
ATTENDANCE_SHEET = jobs.Kind(SHEET_KIND, process_attendance_sheet)


def start_import(user_id: str, centre_id: str, session_id: str, content_base64: str) -> jobs.JobOut:
    service_candidates.ready_for_import(centre_id, session_id)
    try:
        raw = base64.b64decode(content_base64, validate=True)
    except binascii.Error:
        raise Invalid("IMPORT_FILE_UNREADABLE", "Le fichier n'a pas pu être lu : envoyez-le à nouveau.") from None
    if not raw:
        raise Invalid("IMPORT_FILE_EMPTY", "Le fichier est vide.")
    if len(raw) > IMPORT_MAX_BYTES:
        raise Invalid("IMPORT_FILE_TOO_LARGE", "Le fichier est trop volumineux pour une liste de session : "
                                               "enregistrez-le en CSV.")
    request = {"centre_id": centre_id, "session_id": session_id, "file": base64.b64encode(raw).decode()}
    return jobs.start_from_request(user_id, CANDIDATES_IMPORT, json.dumps(request).encode())


def start_attendance_sheet(user_id: str, centre_id: str, session_id: str) -> jobs.JobOut:
    session = session_of(centre_id, session_id)
    request = json.dumps({"centre_id": centre_id, "session_id": session.id}).encode()
    return jobs.start_from_request(user_id, ATTENDANCE_SHEET, request)
