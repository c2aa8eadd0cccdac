"""What the API shows of a job: its state as the owner should read it, and a fresh download link."""

from __future__ import annotations

from datetime import datetime

from chalicelib.jobs import files
from chalicelib.jobs import schemas as out
from chalicelib.jobs.job import DONE, Job


def job_out(job: Job, now: datetime) -> out.JobOut:
    available = job.result_available(now)
    link = files.download_link(job.result_key, job.result_name or "resultat") if available and job.result_key else None
    return out.JobOut(
        id=job.job_id,
        kind=job.kind,
        state=job.shown_state(now),  # type: ignore[arg-type]
        progress=out.Progress(done=job.done, total=job.total),
        errors=[out.JobErrorOut(line=e.line, code=e.code, message=e.message) for e in job.shown_errors(now)],
        error_count=max(job.error_count, len(job.shown_errors(now))),
        warnings=[out.JobErrorOut(line=w.line, code=w.code, message=w.message) for w in job.warnings],
        warning_count=max(job.warning_count, len(job.warnings)),
        created_at=job.created_at.isoformat(),
        updated_at=job.updated_at.isoformat(),
        finished_at=job.finished_at.isoformat() if job.finished_at else None,
        download_url=link,
        download_expires_in=files.DOWNLOAD_LINK_SECONDS if link else None,
        result_expired=job.state == DONE and not available,
    )
