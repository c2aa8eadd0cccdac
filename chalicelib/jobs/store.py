"""The jobs room's storage: the only module that imports its PynamoDB models; it returns `Job`s."""

from __future__ import annotations

import json
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError
from pynamodb.expressions.update import Action

from chalicelib import db
from chalicelib.jobs.job import JOB_LIFETIME, MAX_ERRORS, MAX_WARNINGS, Job, JobError
from chalicelib.jobs.models import JobRecord, LatestJob


def _problems(text: str | None) -> list[JobError]:
    return [JobError(code=e["code"], message=e["message"], line=e.get("line")) for e in json.loads(text or "[]")]


def _job(record: JobRecord) -> Job:
    return Job(
        job_id=record.job_id,
        owner_id=record.owner_id,
        kind=record.kind,
        state=record.state,
        source_key=record.source_key,
        created_at=record.created_at,
        updated_at=record.updated_at,
        source_etag=record.source_etag,
        done=int(record.done or 0),
        total=int(record.total) if record.total is not None else None,
        result_key=record.result_key,
        result_name=record.result_name,
        errors=_problems(record.errors),
        error_count=int(record.error_count or 0),
        finished_at=record.finished_at,
        warnings=_problems(record.warnings),
        warning_count=int(record.warning_count or 0),
    )


def create(job: Job) -> None:
    """Write a new job; its id is random, so an existing item means a bug, not a race."""
    JobRecord(
        job_id=job.job_id,
        owner_id=job.owner_id,
        kind=job.kind,
        state=job.state,
        source_key=job.source_key,
        created_at=job.created_at,
        updated_at=job.updated_at,
        expires_at=job.created_at + JOB_LIFETIME,
    ).save(condition=JobRecord.job_id.does_not_exist())


def get(job_id: str, *, consistent: bool = False) -> Job | None:
    try:
        return _job(JobRecord.get(job_id, consistent_read=consistent))
    except DoesNotExist:
        return None


def claim(job_id: str, key: str, etag: str, size: int, at: datetime) -> Job | None:
    """Record that the object (key, ETag) arrived, once, and return the job; None when this job already
    claimed an object (the same event delivered again, or another upload with the same form), expects
    another key, or does not exist."""
    record = JobRecord(job_id)
    try:
        record.update(
            actions=[
                JobRecord.state.set("uploaded"),
                JobRecord.source_etag.set(etag),
                JobRecord.source_size.set(size),
                JobRecord.updated_at.set(at),
            ],
            condition=(
                JobRecord.job_id.exists()
                & (JobRecord.state == "created")
                & JobRecord.source_etag.does_not_exist()
                & (JobRecord.source_key == key)
            ),
        )
    except UpdateError as error:
        if db.condition_failed(error):
            return None
        raise
    return _job(record)  # UpdateItem returned the whole new item


def move(job_id: str, state: str, at: datetime, *, total: int | None = None) -> None:
    actions: list[Action] = [JobRecord.state.set(state), JobRecord.updated_at.set(at)]
    if total is not None:
        actions.append(JobRecord.total.set(total))
    JobRecord(job_id).update(actions=actions)


def progress(job_id: str, done: int, total: int | None, at: datetime) -> None:
    actions: list[Action] = [JobRecord.done.set(done), JobRecord.updated_at.set(at)]
    if total is not None:
        actions.append(JobRecord.total.set(total))
    JobRecord(job_id).update(actions=actions)


def finish(job_id: str, result_key: str, result_name: str, done: int, at: datetime) -> None:
    JobRecord(job_id).update(
        actions=[
            JobRecord.state.set("done"),
            JobRecord.done.set(done),
            JobRecord.result_key.set(result_key),
            JobRecord.result_name.set(result_name),
            JobRecord.updated_at.set(at),
            JobRecord.finished_at.set(at),
        ]
    )


def warn(job_id: str, warnings: list[JobError], at: datetime) -> None:
    kept = json.dumps([w.as_dict() for w in warnings[:MAX_WARNINGS]], ensure_ascii=False)
    JobRecord(job_id).update(actions=[JobRecord.warnings.set(kept), JobRecord.warning_count.set(len(warnings)),
                                      JobRecord.updated_at.set(at)])


def fail(job_id: str, errors: list[JobError], at: datetime) -> None:
    kept = json.dumps([e.as_dict() for e in errors[:MAX_ERRORS]], ensure_ascii=False)
    JobRecord(job_id).update(
        actions=[
            JobRecord.state.set("failed"),
            JobRecord.errors.set(kept),
            JobRecord.error_count.set(len(errors)),
            JobRecord.updated_at.set(at),
            JobRecord.finished_at.set(at),
        ]
    )


def latest_key(kind: str, owner_id: str) -> str:
    return f"latest#{kind}#{owner_id}"


def remember_latest(kind: str, owner_id: str, job_id: str, at: datetime, not_since: datetime) -> bool:
    """Point the owner's latest job of `kind` at `job_id`, unless they started one after `not_since`."""
    try:
        LatestJob(
            latest_key(kind, owner_id), latest_job_id=job_id, requested_at=at, expires_at=at + JOB_LIFETIME
        ).save(condition=LatestJob.job_id.does_not_exist() | (LatestJob.requested_at < not_since))
    except PutError as error:
        if db.condition_failed(error):
            return False
        raise
    return True


def latest(kind: str, owner_id: str) -> tuple[str, datetime] | None:
    """(job id, requested at) of the owner's latest job of `kind`."""
    try:
        item = LatestJob.get(latest_key(kind, owner_id))
    except DoesNotExist:
        return None
    return item.latest_job_id, item.requested_at


def owned(owner_id: str, kind: str) -> list[tuple[str, str | None]]:
    """(source key, result key) of each job of `kind` the owner started (index `by_owner`)."""
    found = JobRecord.by_owner.query(owner_id, filter_condition=JobRecord.kind == kind)
    return [(r.source_key, r.result_key) for r in found]
