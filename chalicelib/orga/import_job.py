"""A learner list import, as a job: the admin gets an upload form, S3 → EventBridge runs `run`.

`start(...)` records what the file is for (organisation, format, mode, UAI) beside the job and hands out
the presigned form; `run(work)` checks the file exactly as `check_list` does, refuses it with every line's
problem if any, else writes the organisation's next list as a new generation and makes it current in one
conditional write (see models/learners.py): a failure midway leaves the previous list as it was. An event
delivered twice runs once (the jobs room claims the object by key and ETag). The result is a short report
(CSV, for a spreadsheet) with the counts and the warnings.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable

from chalicelib import clock
from chalicelib.errors import Conflict, Invalid
from chalicelib.jobs import api as jobs
from chalicelib.observability import logger
from chalicelib.orga import imports
from chalicelib.orga.learners import ImportRequest, ListHead, Mode, Plan, classes_of, disables_absent, plan_import
from chalicelib.orga.store import learners as store
from chalicelib.web import Access

MAX_BYTES = 20 * 1024 * 1024
REPORT_NAME = "bilan-import.csv"


def _kind(name: str, content_type: str, extension: str) -> jobs.Kind:
    return jobs.Kind(name, lambda work: run(work), upload=jobs.Upload(
        content_type=content_type, max_bytes=MAX_BYTES, extension=extension, access=Access.organization_admin()))


SIECLE_XML = _kind("orga-learners-siecle-xml", "text/xml", "xml")
SIECLE_ZIP = _kind("orga-learners-siecle-zip", "application/zip", "zip")
SCO_CSV = _kind("orga-learners-sco-csv", "text/csv", "csv")
SUP_CSV = _kind("orga-learners-sup-csv", "text/csv", "csv")
KINDS = [SIECLE_XML, SIECLE_ZIP, SCO_CSV, SUP_CSV]


def kind_for(format: imports.Format, zipped: bool = False) -> jobs.Kind:
    if format == "siecle":
        return SIECLE_ZIP if zipped else SIECLE_XML
    return SCO_CSV if format == "sco-csv" else SUP_CSV


def start(owner_id: str, organization_id: str, format: imports.Format, mode: Mode, *, uai: str | None = None,
          zipped: bool = False) -> jobs.UploadTicket:
    """The upload form for an admin of the organisation (the route checks who may ask)."""
    ticket = jobs.start_upload(owner_id, kind_for(format, zipped))
    store.current().save_request(ImportRequest(ticket.job.id, organization_id, format, mode, uai), clock.now())
    return ticket


def _new_learner_id() -> str:
    return secrets.token_urlsafe(12)


def _refuse(work: jobs.Work, problems: list[imports.Problem]) -> None:
    work.reject([jobs.JobError("LEARNER_FILE_INVALID", p.message, line=p.line) for p in problems])


def run(work: jobs.Work) -> None:
    request = store.current().request(work.job.job_id)
    if request is None:
        raise Invalid("LEARNER_IMPORT_UNKNOWN", "Cet envoi de fichier ne correspond à aucun import demandé.")
    work.validating()
    try:
        report = imports.check(request.format, work.source(), uai=request.uai, today=clock.now().date())
    except imports.Unreadable as unreadable:
        work.reject([jobs.JobError("LEARNER_FILE_UNREADABLE", unreadable.problem.message,
                                   line=unreadable.problem.line)])
        return
    work.warn([jobs.JobError("LEARNER_FILE_WARNING", w.message, line=w.line) for w in report.warnings])
    if report.errors:
        _refuse(work, report.errors)
    plan = write_list(request, report.learners, started=lambda total: work.processing(total=total),
                      progress=lambda done: work.progress(done))  # a write at most every second
    work.progress(len(plan.learners), len(plan.learners))
    work.finish(summary(report, plan), REPORT_NAME, "text/csv")
    logger.info("learner list imported", job_id=work.job.job_id, list_format=request.format,
                learners_created=plan.created, learners_updated=plan.updated, learners_disabled=plan.disabled)


def write_list(request: ImportRequest, imported: list[imports.ImportedLearner], *,
               started: Callable[[int], None] | None = None, progress: Callable[[int], None] | None = None) -> Plan:
    """Build the next list from the current one and the checked file, write it as a new generation, then
    make it current if no other import did meanwhile. `started` hears how many learners will be written,
    `progress` how many are."""
    db = store.current()
    organization_id, generation = request.organization_id, request.job_id
    head = db.head(organization_id)
    previous = list(db.learners(organization_id, head.generation)) if head else []
    plan = plan_import(previous, imported, disable_absent=disables_absent(request.format, request.mode),
                       new_id=_new_learner_id)
    if started:
        started(len(plan.learners))
    try:
        db.write(organization_id, generation, plan.learners, progress)
        divisions, groups = classes_of(plan.learners)
        committed = db.commit(organization_id, head, ListHead(
            generation, request.format, clock.now(), len(plan.learners), sum(1 for x in plan.learners if x.active),
            divisions=divisions, groups=groups))
    except Exception:
        _drop_quietly(organization_id, generation)  # nobody reads it; this only saves the space
        raise
    if not committed:
        _drop_quietly(organization_id, generation)
        raise Conflict("LEARNER_LIST_CHANGED", "La liste a changé pendant l'import (un autre import ou une "
                                               "suppression) : relancez l'import.")
    if head:
        _drop_quietly(organization_id, head.generation)
    return plan


def _drop_quietly(organization_id: str, generation: str) -> None:
    """Delete a generation nobody reads any more; a failure leaves unread items, never a wrong list."""
    try:
        store.current().drop(organization_id, generation)
    except Exception:
        logger.exception("could not delete a learner list generation", generation=generation)


def summary(report: imports.Report, plan: Plan) -> bytes:
    """The job's result, for a spreadsheet: the counts, then each warning with its line and column."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Bilan", "Nombre"])
    writer.writerows([["Inscrits créés", plan.created], ["Inscrits mis à jour", plan.updated],
                      ["Inscrits désactivés (absents du fichier)", plan.disabled],
                      ["Inscrits conservés (absents du fichier)", plan.kept]])
    writer.writerow([])
    writer.writerow(["Ligne", "Colonne", "Avertissement"])
    writer.writerows([[w.line or "", w.column or "", w.message] for w in report.warnings])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
