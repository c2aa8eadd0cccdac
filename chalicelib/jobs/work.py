"""What a kind's processor receives: the job, its source, and the ways to report how it goes.

A processor reads `work.source()`, may say it is validating, reports progress, then either calls
`work.finish(...)` with its result or `work.reject(errors)` (an import's line-numbered problems). An
exception fails the job with a generic error: the owner sees `failed`, never a job running for ever.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import IO

from chalicelib import clock
from chalicelib.jobs import files, job, store
from chalicelib.jobs.job import Job, JobError

PROGRESS_SECONDS = 1.0  # progress is written at most once a second: a job item is not a hot key either


class Rejected(Exception):
    """Raised by `Work.reject` to end the processor: the job is failed with its errors."""

    def __init__(self, errors: list[JobError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


@dataclass
class Work:
    job: Job
    _finished: bool = False
    _last_progress: float = field(default=0.0)
    _done: int = 0
    _total: int | None = None

    def source(self) -> bytes:
        return files.read_source(self.job.source_key)

    def validating(self) -> None:
        store.move(self.job.job_id, job.VALIDATING, clock.now())

    def processing(self, total: int | None = None) -> None:
        store.move(self.job.job_id, job.PROCESSING, clock.now(), total=total)

    def progress(self, done: int, total: int | None = None) -> None:
        self._done, self._total = done, total if total is not None else self._total
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_SECONDS:
            self._last_progress = now
            store.progress(self.job.job_id, done, total, clock.now())

    def warn(self, warnings: list[JobError]) -> None:
        """Problems that do not stop the job (an import's remarks): shown with the job, whatever its end."""
        if warnings:
            store.warn(self.job.job_id, warnings, clock.now())

    def reject(self, errors: list[JobError]) -> None:
        raise Rejected(errors)

    def finish(self, body: bytes, file_name: str, content_type: str) -> None:
        """Write the result to the exports bucket and mark the job done."""
        key = job.result_key(self.job.job_id, file_name)
        files.put_result(key, body, content_type)
        done = self._total if self._total is not None else self._done
        store.finish(self.job.job_id, key, file_name, done, clock.now())
        self._finished = True

    def finish_file(self, body: IO[bytes], file_name: str, content_type: str) -> None:
        """`finish` for a large result written to a file (an export of 100,000 rows): uploaded in parts."""
        key = job.result_key(self.job.job_id, file_name)
        files.put_result_file(key, body, content_type)
        done = self._total if self._total is not None else self._done
        store.finish(self.job.job_id, key, file_name, done, clock.now())
        self._finished = True

    @property
    def finished(self) -> bool:
        return self._finished
