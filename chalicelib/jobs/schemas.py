"""Request and response bodies of the jobs API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.web import Body


class UploadRequest(Body):
    kind: str = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9-]*$",
                      description="The kind of job the file is for (e.g. an import).")


class JobErrorOut(BaseModel):
    line: int | None = Field(None, description="Line of the uploaded file (1 = the first), if any.")
    code: str
    message: str


class Progress(BaseModel):
    done: int
    total: int | None


class JobOut(BaseModel):
    id: str
    kind: str
    state: Literal["created", "uploaded", "validating", "processing", "done", "failed"]
    progress: Progress
    errors: list[JobErrorOut]
    error_count: int = Field(description="Every error found; at most 50 are listed.")
    warnings: list[JobErrorOut] = Field(default_factory=list,
                                        description="What did not stop the job (e.g. an import's remarks, by line).")
    warning_count: int = Field(0, description="Every warning found; at most 50 are listed.")
    created_at: str
    updated_at: str
    finished_at: str | None
    download_url: str | None = Field(
        None, description="When done: a link to the result, valid a few minutes (ask the job again for a new one).")
    download_expires_in: int | None = Field(None, description="Seconds the download link stays valid.")
    result_expired: bool = Field(False, description="Done, but the result was deleted (kept 3 days).")


class UploadTicket(BaseModel):
    job: JobOut
    upload_url: str = Field(description="POST the form here as multipart/form-data.")
    upload_fields: dict[str, str] = Field(description="Form fields to send first, unchanged, then the file as `file`.")
    max_bytes: int


class LatestJob(BaseModel):
    job: JobOut | None = Field(description="None when the owner never started one (or it expired).")
