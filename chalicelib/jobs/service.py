"""Jobs use cases: hand out an upload form, start a job from a request the server writes, follow a job,
and run a job when its source object arrives (S3 → EventBridge → `events.py`).

A job's item exists from the moment the server chooses its object key, so its owner is known without
trusting anything in the upload and the browser can poll at once. The arrival of the object is claimed
with one conditional write on the key and ETag: an event delivered twice runs the work once.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib import clock
from chalicelib.errors import DomainError, Invalid, NotFound, TooManyAttempts
from chalicelib.jobs import files, job, kinds, presenters, store
from chalicelib.jobs import schemas as out
from chalicelib.jobs.job import Job, JobError
from chalicelib.jobs.work import Rejected, Work
from chalicelib.observability import logger
from chalicelib.settings import get_settings


def _new_job(owner_id: str, kind: kinds.Kind, extension: str) -> Job:
    now = clock.now()
    job_id = job.new_job_id()
    created = Job(job_id=job_id, owner_id=owner_id, kind=kind.name, state=job.CREATED,
                  source_key=job.source_key(kind.name, job_id, extension), created_at=now, updated_at=now)
    store.create(created)
    return created


def _kind(name: str) -> kinds.Kind:
    found = kinds.get(name)
    if found is None:
        raise Invalid("UNKNOWN_JOB_KIND", "Ce type de traitement n'existe pas.")
    return found


def uploadable_kind(name: str) -> kinds.Kind:
    """The kind, if files may be uploaded for it on the generic route."""
    found = _kind(name)
    if found.upload is None:
        raise Invalid("UNKNOWN_JOB_KIND", "Ce type de traitement n'accepte pas de fichier.")
    return found


def start_upload(owner_id: str, kind: kinds.Kind) -> out.UploadTicket:
    """A new job waiting for its file, and the form that lets the browser post it straight to S3."""
    assert kind.upload is not None
    created = _new_job(owner_id, kind, kind.upload.extension)
    form = files.upload_form(created.source_key, kind.upload.content_type, kind.upload.max_bytes)
    return out.UploadTicket(job=presenters.job_out(created, clock.now()), upload_url=form.url,
                            upload_fields=form.fields, max_bytes=form.max_bytes)


def start_from_request(owner_id: str, kind: kinds.Kind, request: bytes, *,
                       every: timedelta | None = None) -> out.JobOut:
    """A job whose source the server writes itself (a JSON request): it travels the same S3 →
    EventBridge path as an upload. With `every`, the owner may start one such job per that delay."""
    now = clock.now()
    if every is not None:
        # The pointer is written before the job: a refused request leaves nothing behind.
        job_id = job.new_job_id()
        if not store.remember_latest(kind.name, owner_id, job_id, now, now - every):
            latest = store.latest(kind.name, owner_id)
            wait = (latest[1] + every - now) if latest else every
            raise TooManyAttempts("JOB_TOO_SOON", "Une demande vient d'être faite : patientez un peu.",
                                  retry_after_seconds=max(1, int(wait.total_seconds()) + 1))
        created = Job(job_id=job_id, owner_id=owner_id, kind=kind.name, state=job.CREATED,
                      source_key=job.source_key(kind.name, job_id, "json"), created_at=now, updated_at=now)
        store.create(created)
    else:
        created = _new_job(owner_id, kind, "json")
    files.put_source(created.source_key, request, "application/json")
    return presenters.job_out(created, now)


def job_of(owner_id: str, job_id: str) -> out.JobOut:
    """The owner's job. Someone else's job is "not found", like a job that does not exist."""
    found = store.get(job_id) if job.is_job_id(job_id) else None
    if found is None or found.owner_id != owner_id:
        raise NotFound("JOB_NOT_FOUND", "Ce traitement n'existe pas ou plus.")
    return presenters.job_out(found, clock.now())


def latest_of(owner_id: str, kind_name: str) -> out.LatestJob:
    """The owner's latest job of a kind, if any: the page shows it again after a reload."""
    latest = store.latest(kind_name, owner_id)
    found = store.get(latest[0]) if latest else None
    if found is None or found.owner_id != owner_id:
        return out.LatestJob(job=None)
    return out.LatestJob(job=presenters.job_out(found, clock.now()))


# --- when a source object arrives ------------------------------------------------------------------


def object_created(bucket: str, key: str, etag: str, size: int) -> str:
    """Run the job whose source just arrived, once. Returns what happened, for the log and the tests:
    "done", "failed", "duplicate" (this object was already claimed) or "ignored" (not a job's source)."""
    parsed = job.parse_source_key(key)
    if bucket != get_settings().uploads_bucket or parsed is None:
        logger.info("object ignored: not a job source", bucket=bucket)
        return "ignored"
    kind_name, job_id = parsed
    claimed = store.claim(job_id, key, etag, size, clock.now())
    if claimed is None:
        current = store.get(job_id, consistent=True)
        outcome = "duplicate" if current is not None and current.source_etag == etag else "ignored"
        logger.info("job source already claimed or unexpected", job_id=job_id, outcome=outcome)
        return outcome
    kind = kinds.get(claimed.kind)
    if kind is None or kind.name != kind_name:
        return _fail(claimed, [JobError("UNKNOWN_JOB_KIND", "Ce type de traitement n'existe pas.")])
    if size > kind.source_limit:
        return _fail(claimed, [JobError("JOB_SOURCE_TOO_LARGE", "Le fichier est trop volumineux.")])
    return _run(kind, claimed)


def _run(kind: kinds.Kind, claimed: Job) -> str:
    work = Work(claimed)
    try:
        kind.process(work)
    except Rejected as rejected:
        return _fail(claimed, rejected.errors)
    except DomainError as error:
        # A domain error's code, raised (and catalogued) where it was raised: passed on by name.
        return _fail(claimed, [JobError(code=error.code, message=error.message)])
    except Exception:
        # The owner sees a failed job; the traceback goes to the log (ids only, no personal data).
        logger.exception("job processor failed", job_id=claimed.job_id, kind=kind.name)
        return _fail(claimed, [JobError("JOB_FAILED", "Le traitement a échoué : réessayez plus tard.")])
    if not work.finished:
        logger.error("job processor ended without a result", job_id=claimed.job_id, kind=kind.name)
        return _fail(claimed, [JobError("JOB_FAILED", "Le traitement a échoué : réessayez plus tard.")])
    logger.info("job done", job_id=claimed.job_id, kind=kind.name)
    return "done"


def _fail(claimed: Job, errors: list[JobError]) -> str:
    store.fail(claimed.job_id, errors, clock.now())
    logger.info("job failed", job_id=claimed.job_id, kind=claimed.kind, errors=len(errors))
    return "failed"
