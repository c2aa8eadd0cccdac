"""A job, in plain Python: its states, the S3 keys the server chooses for it, and what it shows.

No I/O here: the store turns records into `Job`s, the service moves them through their states.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

CREATED = "created"  # the server handed out the upload form (or wrote the request): nothing arrived yet
UPLOADED = "uploaded"  # the object arrived and this job claimed it (key + ETag), once
VALIDATING = "validating"
PROCESSING = "processing"
DONE = "done"
FAILED = "failed"
RUNNING = (CREATED, UPLOADED, VALIDATING, PROCESSING)
STATES = (*RUNNING, DONE, FAILED)

# A job still running after this long was cut short (a Lambda function lives 15 minutes at most, and
# an EventBridge retry finds the object already claimed): it shows as failed.
STALE_AFTER = timedelta(minutes=20)
JOB_LIFETIME = timedelta(days=7)  # the item's TTL
RESULT_LIFETIME = timedelta(days=3)  # the exports bucket's lifecycle rule (infra/resources.yaml)
MAX_ERRORS = 50  # errors kept on the item; `error_count` says how many there were
MAX_WARNINGS = 50  # the same for warnings (`warning_count`)

# Object keys are chosen by the server, never from a user's file name: `jobs/<kind>/<job_id>[.<ext>]`.
# Their alphabet needs no URL encoding, so the key in the event is the key that was written.
_KEY = re.compile(r"^jobs/(?P<kind>[a-z][a-z0-9-]{0,39})/(?P<job_id>[A-Za-z0-9_-]{22})(?:\.[a-z0-9]{1,5})?$")


_JOB_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")


def is_job_id(value: str) -> bool:
    return bool(_JOB_ID.match(value))


def new_job_id() -> str:
    return secrets.token_urlsafe(16)  # 128 random bits, 22 characters


def source_key(kind: str, job_id: str, extension: str = "") -> str:
    key = f"jobs/{kind}/{job_id}{'.' + extension if extension else ''}"
    assert _KEY.match(key), f"not a job key: {key}"
    return key


def parse_source_key(key: str) -> tuple[str, str] | None:
    """(kind, job_id) of a job's source object, or None for any other object."""
    found = _KEY.match(key)
    return (found["kind"], found["job_id"]) if found else None


def result_key(job_id: str, file_name: str) -> str:
    return f"results/{job_id}/{file_name}"


@dataclass(frozen=True, slots=True)
class JobError:
    """One problem found while processing; `line` is the line of an imported file (1 = the first)."""

    code: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "code": self.code, "message": self.message}


@dataclass(slots=True)
class Job:
    job_id: str
    owner_id: str
    kind: str
    state: str
    source_key: str
    created_at: datetime
    updated_at: datetime
    source_etag: str | None = None
    done: int = 0
    total: int | None = None
    result_key: str | None = None
    result_name: str | None = None
    errors: list[JobError] = field(default_factory=list)
    error_count: int = 0
    finished_at: datetime | None = None
    # Problems that did not stop the job (an import's lines kept with a remark), shown beside its state.
    warnings: list[JobError] = field(default_factory=list)
    warning_count: int = 0

    def shown_state(self, now: datetime) -> str:
        """The state the owner sees: a job cut short shows as failed rather than running for ever."""
        if self.state in RUNNING and now - self.updated_at > STALE_AFTER:
            return FAILED
        return self.state

    def shown_errors(self, now: datetime) -> list[JobError]:
        if self.state == CREATED and self.shown_state(now) == FAILED:
            return [JobError("JOB_SOURCE_NOT_RECEIVED", "Le fichier n'est jamais arrivé : recommencez l'envoi.")]
        if self.state in RUNNING and self.shown_state(now) == FAILED:
            return [JobError("JOB_TIMED_OUT", "Le traitement a été interrompu : relancez-le.")]
        return self.errors

    def result_available(self, now: datetime) -> bool:
        return (
            self.state == DONE
            and self.result_key is not None
            and self.finished_at is not None
            and now < self.finished_at + RESULT_LIFETIME
        )
