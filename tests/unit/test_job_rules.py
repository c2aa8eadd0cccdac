"""A job's pure rules: the keys the server chooses, and what a job shows its owner over time."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.jobs import job
from chalicelib.jobs.job import Job, JobError

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def a_job(state: str, **fields) -> Job:
    return Job(job_id="A" * 22, owner_id="u1", kind="data-export", state=state,
               source_key=job.source_key("data-export", "A" * 22, "json"), created_at=T0, updated_at=T0, **fields)


def test_a_source_key_names_the_kind_and_the_job_and_nothing_else():
    job_id = job.new_job_id()
    key = job.source_key("participants", job_id, "csv")
    assert key == f"jobs/participants/{job_id}.csv"
    assert job.parse_source_key(key) == ("participants", job_id)


@pytest.mark.parametrize("key", [
    "jobs/participants/ma liste.csv",  # a user's file name
    "jobs/participants/AAAAAAAAAAAAAAAAAAAAAA/../x.csv",
    "jobs/Participants/AAAAAAAAAAAAAAAAAAAAAA.csv",
    "exports/AAAAAAAAAAAAAAAAAAAAAA.json",
    "jobs/participants/AAAAAAAAAAAAAAAAAAAAA.csv",  # 21 characters
    "jobs/participants/AAAAAAAAAAAAAAAAAAAAAA.csv.exe",
])
def test_other_objects_are_not_job_sources(key):
    assert job.parse_source_key(key) is None


def test_a_job_id_is_random_and_url_safe():
    ids = {job.new_job_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(job.is_job_id(i) for i in ids)
    assert not job.is_job_id("latest#data-export#u1")


@pytest.mark.parametrize("state", [job.UPLOADED, job.VALIDATING, job.PROCESSING])
def test_a_job_cut_short_shows_as_failed_after_twenty_minutes(state):
    running = a_job(state)
    assert running.shown_state(T0 + timedelta(minutes=19)) == state
    assert running.shown_state(T0 + timedelta(minutes=21)) == job.FAILED
    assert [e.code for e in running.shown_errors(T0 + timedelta(minutes=21))] == ["JOB_TIMED_OUT"]


def test_a_file_never_sent_shows_as_not_received():
    waiting = a_job(job.CREATED)
    assert waiting.shown_state(T0 + timedelta(minutes=5)) == job.CREATED
    assert [e.code for e in waiting.shown_errors(T0 + timedelta(hours=1))] == ["JOB_SOURCE_NOT_RECEIVED"]


def test_finished_jobs_keep_their_state_and_errors():
    failed = a_job(job.FAILED, errors=[JobError("X", "y", line=3)])
    assert failed.shown_state(T0 + timedelta(days=2)) == job.FAILED
    assert failed.shown_errors(T0 + timedelta(days=2)) == [JobError("X", "y", line=3)]


def test_a_result_is_downloadable_for_three_days():
    done = a_job(job.DONE, result_key="results/x/f.zip", finished_at=T0)
    assert done.result_available(T0 + timedelta(days=2, hours=23))
    assert not done.result_available(T0 + timedelta(days=3))
