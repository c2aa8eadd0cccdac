"""Jobs through the real app on moto: an upload form, S3 → EventBridge → the jobs room's handler, the
owner following the job and downloading its result; the learner's data export end to end.

moto's S3 does not check a POST policy (it stores whatever is posted), so the policy the code produces
is checked here by `PolicyCheck`, which applies S3's documented rules to the form the browser would send.
"""

import base64
import hashlib
import hmac
import io
import json
import zipfile
from datetime import datetime, timedelta

import boto3
import pytest
import requests
from chalice.app import CloudWatchEventConfig

from chalicelib import clock
from chalicelib.jobs import api as jobs
from chalicelib.settings import get_settings
from chalicelib.web import Access
from local import resources
from tests.integration.test_evaluation_api import CODE, answer, sign_up, start

CALLS: dict[str, int] = {}


def count_lines(work: jobs.Work) -> None:
    """A small import: every line must be `name;number`; the result lists the numbers' sum."""
    CALLS[work.job.job_id] = CALLS.get(work.job.job_id, 0) + 1
    work.validating()
    lines = work.source().decode().splitlines()
    errors = [
        jobs.JobError("TEST_BAD_LINE", f"Ligne {n} : « nom;nombre » attendu.", line=n)
        for n, line in enumerate(lines, 1)
        if len(line.split(";")) != 2 or not line.split(";")[1].isdigit()
    ]
    if errors:
        work.reject(errors)
    work.processing(total=len(lines))
    total = 0
    for n, line in enumerate(lines, 1):
        total += int(line.split(";")[1])
        work.progress(n, len(lines))
    work.finish(f"somme;{total}\n".encode(), "somme.csv", "text/csv")


def crash(work: jobs.Work) -> None:
    CALLS[work.job.job_id] = CALLS.get(work.job.job_id, 0) + 1
    raise RuntimeError("a bug in a processor")


LINES = jobs.register_kind(jobs.Kind("test-lines", count_lines, upload=jobs.Upload(
    content_type="text/csv", max_bytes=200, extension="csv", access=Access.LEARNER)))
STAFF_ONLY = jobs.register_kind(jobs.Kind("test-staff", count_lines, upload=jobs.Upload(
    content_type="text/csv", max_bytes=200, extension="csv", access=Access.operator("SUPPORT"))))
CRASH = jobs.register_kind(jobs.Kind("test-crash", crash))


class Events:
    """The app's EventBridge rules on moto, each with a queue: what S3 sent, delivered to the handler."""

    def __init__(self, app) -> None:
        self.app = app
        patterns = {s.name: s.event_pattern for s in app.event_sources if isinstance(s, CloudWatchEventConfig)}
        self.queue = resources.route_events_to_queues(patterns)["on_job_source"]
        self.sqs = boto3.client("sqs")

    def pending(self) -> list[dict]:
        found = []
        while messages := self.sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10).get("Messages"):
            for message in messages:
                found.append(json.loads(message["Body"]))
                self.sqs.delete_message(QueueUrl=self.queue, ReceiptHandle=message["ReceiptHandle"])
        return found

    def deliver(self, event: dict) -> None:
        """As AWS invokes the event function: its handler is this module attribute, not app.py's."""
        from chalicelib.jobs.events import on_job_source

        on_job_source(event, None)

    def deliver_pending(self) -> list[dict]:
        events = self.pending()
        for event in events:
            self.deliver(event)
        return events


@pytest.fixture
def events(client):
    from app import app

    return Events(app)


def upload(ticket: dict, body: bytes, content_type: str = "text/csv") -> requests.Response:
    """What the browser does with the form: its fields unchanged, then the file (its name is ignored)."""
    fields = dict(ticket["upload_fields"])
    return requests.post(ticket["upload_url"], data=fields, files={"file": ("ma liste.csv", body, content_type)},
                         timeout=10)


def new_upload(api, token: str, kind: str = "test-lines") -> dict:
    status, ticket, _ = api.call("POST", "/api/jobs", {"kind": kind}, token=token)
    assert status == 201, ticket
    return ticket


def job(api, token: str, job_id: str) -> dict:
    status, body, _ = api.call("GET", f"/api/jobs/{job_id}", token=token)
    assert status == 200, body
    return body


# --- the POST policy ------------------------------------------------------------------------------


class PolicyCheck:
    """S3's rules for a browser POST (docs: "Creating a POST policy"): the policy is signed with SigV4, not
    expired, every form field is allowed by a condition, and every condition holds for the form."""

    def __init__(self, fields: dict[str, str]) -> None:
        self.fields = fields
        self.policy = json.loads(base64.b64decode(fields["policy"]))

    def signature_is_valid(self, secret: str) -> bool:
        _, date, region, service, _ = self.fields["x-amz-credential"].split("/")
        key = ("AWS4" + secret).encode()
        for part in (date, region, service, "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        expected = hmac.new(key, self.fields["policy"].encode(), hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.fields["x-amz-signature"])

    def accepts(self, form: dict[str, str], size: int, bucket: str, at: datetime) -> bool:
        if at >= datetime.fromisoformat(self.policy["expiration"].replace("Z", "+00:00")):
            return False
        values = {**{k.lower(): v for k, v in form.items()}, "bucket": bucket}
        covered = {"bucket"}
        for condition in self.policy["conditions"]:
            if isinstance(condition, dict):
                ((name, wanted),) = condition.items()
                condition = ["eq", "$" + name, wanted]
            if condition[0] == "content-length-range":
                if not condition[1] <= size <= condition[2]:
                    return False
                continue
            operator, name, wanted = condition[0], condition[1].lstrip("$").lower(), condition[2]
            covered.add(name)
            value = values.get(name)
            if value is None or (operator == "eq" and value != wanted) or (
                    operator == "starts-with" and not value.startswith(wanted)):
                return False
        unsigned = {"policy", "x-amz-signature", "file"}
        return all(name in covered or name in unsigned or name.startswith("x-ignore-") for name in values)


def test_the_upload_form_is_limited_in_size_type_key_and_time_by_its_signed_policy(api):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    fields = ticket["upload_fields"]
    check = PolicyCheck(fields)
    bucket = get_settings().uploads_bucket
    now = clock.now()
    assert check.signature_is_valid(boto3.Session().get_credentials().secret_key)
    assert ticket["max_bytes"] == 200
    # The key is the server's: the job's id, never the file's name.
    assert fields["key"] == f"jobs/test-lines/{ticket['job']['id']}.csv"
    assert check.accepts(fields, 120, bucket, now)
    assert not check.accepts(fields, 201, bucket, now), "too large"
    assert not check.accepts(fields, 0, bucket, now), "empty"
    assert not check.accepts({**fields, "Content-Type": "text/html"}, 120, bucket, now), "another type"
    assert not check.accepts({**fields, "key": "jobs/test-lines/autre.csv"}, 120, bucket, now), "another key"
    assert not check.accepts({**fields, "x-amz-meta-owner": "someone"}, 120, bucket, now), "a field not allowed"
    assert not check.accepts(fields, 120, "another-bucket", now)
    assert not check.accepts(fields, 120, bucket, now + timedelta(minutes=11)), "expired"
    forged = PolicyCheck({**fields, "policy": base64.b64encode(json.dumps(
        {**check.policy, "conditions": [c for c in check.policy["conditions"] if "content-length-range" not in c]}
    ).encode()).decode()})
    assert not forged.signature_is_valid(boto3.Session().get_credentials().secret_key), "a widened policy"


# --- uploads, events, jobs -------------------------------------------------------------------------


def test_an_uploaded_file_is_processed_and_its_result_downloaded_by_its_owner(api, events):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    assert ticket["job"]["state"] == "created"
    assert upload(ticket, b"alice;3\nbob;4\n").status_code == 204
    assert job(api, token, ticket["job"]["id"])["state"] == "created"  # the event has not run yet
    delivered = events.deliver_pending()
    assert len(delivered) == 1 and delivered[0]["detail"]["object"]["key"] == ticket["upload_fields"]["key"]
    done = job(api, token, ticket["job"]["id"])
    assert done["state"] == "done" and done["progress"] == {"done": 2, "total": 2}
    assert done["errors"] == [] and done["download_expires_in"] == 300
    download = requests.get(done["download_url"], timeout=10)
    assert download.status_code == 200 and download.content == b"somme;7\n"
    assert "somme.csv" in download.headers["Content-Disposition"]


def test_the_same_event_delivered_twice_does_the_work_once(api, events):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    upload(ticket, b"alice;3\n")
    (event,) = events.pending()
    events.deliver(event)
    first = job(api, token, ticket["job"]["id"])
    events.deliver(event)  # EventBridge delivers at least once
    assert CALLS[ticket["job"]["id"]] == 1
    again = job(api, token, ticket["job"]["id"])
    assert again["state"] == "done" and again["finished_at"] == first["finished_at"]
    results = boto3.client("s3").list_objects_v2(Bucket=get_settings().exports_bucket,
                                                  Prefix=f"results/{ticket['job']['id']}/")
    assert results["KeyCount"] == 1


def test_a_second_file_sent_with_the_same_form_is_not_processed(api, events):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    upload(ticket, b"alice;3\n")
    events.deliver_pending()
    upload(ticket, b"mallory;1000\n")  # the form is valid 10 minutes: the key is the same, the ETag not
    events.deliver_pending()
    assert CALLS[ticket["job"]["id"]] == 1
    assert requests.get(job(api, token, ticket["job"]["id"])["download_url"], timeout=10).content == b"somme;3\n"


def test_an_import_with_faulty_lines_fails_with_each_line_named(api, events):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    upload(ticket, b"alice;3\nbob\ncarol;x\n")
    events.deliver_pending()
    failed = job(api, token, ticket["job"]["id"])
    assert failed["state"] == "failed" and failed["download_url"] is None
    assert [(e["line"], e["code"]) for e in failed["errors"]] == [(2, "TEST_BAD_LINE"), (3, "TEST_BAD_LINE")]
    assert failed["error_count"] == 2


def test_a_failing_processor_leaves_the_job_failed_with_an_error_not_a_crash(api, events):
    token, user_id = sign_up(api)
    started = jobs.start_from_request(user_id, CRASH, b"{}")
    events.deliver_pending()  # the handler returns: EventBridge must not retry a bug for ever
    failed = job(api, token, started.id)
    assert CALLS[started.id] == 1
    assert failed["state"] == "failed"
    assert failed["errors"] == [{"line": None, "code": "JOB_FAILED",
                                 "message": "Le traitement a échoué : réessayez plus tard."}]


def test_a_source_larger_than_its_kind_allows_is_not_read(api, events):
    token, _ = sign_up(api)
    ticket = new_upload(api, token)
    # What S3 would refuse by the policy, written here past it (moto does not check policies).
    boto3.client("s3").put_object(Bucket=get_settings().uploads_bucket, Key=ticket["upload_fields"]["key"],
                                  Body=b"alice;3\n" * 40)
    events.deliver_pending()
    failed = job(api, token, ticket["job"]["id"])
    assert failed["state"] == "failed" and failed["errors"][0]["code"] == "JOB_SOURCE_TOO_LARGE"
    assert ticket["job"]["id"] not in CALLS


def test_objects_that_are_not_a_jobs_source_are_ignored(api, events):
    from chalicelib.jobs import service

    s3 = boto3.client("s3")
    s3.put_object(Bucket=get_settings().uploads_bucket, Key="jobs/test-lines/pas-un-job.csv", Body=b"x")
    s3.put_object(Bucket=get_settings().uploads_bucket, Key="jobs/test-lines/AAAAAAAAAAAAAAAAAAAAAA.csv", Body=b"x")
    for event in events.pending():
        detail = event["detail"]
        outcome = service.object_created(detail["bucket"]["name"], detail["object"]["key"],
                                         detail["object"]["eTag"], detail["object"]["size"])
        assert outcome == "ignored"


def test_only_the_owner_may_follow_a_job(api):
    owner, _ = sign_up(api)
    other, _ = sign_up(api, "autre@example.org")
    ticket = new_upload(api, owner)
    path = f"/api/jobs/{ticket['job']['id']}"
    status, body, _ = api.call("GET", path, token=other)
    assert (status, body["error"]["code"]) == (404, "JOB_NOT_FOUND")
    assert api.call("GET", path)[0] == 401
    assert api.call("GET", "/api/jobs/AAAAAAAAAAAAAAAAAAAAAA", token=owner)[1]["error"]["code"] == "JOB_NOT_FOUND"
    assert api.call("GET", "/api/jobs/latest%23data-export%23x", token=owner)[0] == 404


def test_who_may_ask_for_an_upload_form_is_the_kinds_rule(api):
    token, _ = sign_up(api)
    assert api.call("POST", "/api/jobs", {"kind": "test-staff"}, token=token)[0] == 403
    status, body, _ = api.call("POST", "/api/jobs", {"kind": "data-export"}, token=token)
    assert (status, body["error"]["code"]) == (400, "UNKNOWN_JOB_KIND")
    status, body, _ = api.call("POST", "/api/jobs", {"kind": "nothing-like-it"}, token=token)
    assert (status, body["error"]["code"]) == (400, "UNKNOWN_JOB_KIND")


# --- the learner's data export ---------------------------------------------------------------------


def test_a_learner_downloads_all_their_data(api, events):
    token, user_id = sign_up(api)
    status, state, _ = start(api, token)
    assert status == 200
    assert answer(api, token, state)[0] == 200
    status, requested, _ = api.call("POST", "/api/me/data-exports", token=token)
    assert status == 202 and requested["state"] == "created" and requested["kind"] == "data-export"
    request_key = f"jobs/data-export/{requested['id']}.json"
    stored = boto3.client("s3").get_object(Bucket=get_settings().uploads_bucket, Key=request_key)
    assert user_id not in stored["Body"].read().decode()  # the request names no one
    events.deliver_pending()
    status, latest, _ = api.call("GET", "/api/me/data-exports/latest", token=token)
    done = latest["job"]
    assert status == 200 and done["id"] == requested["id"] and done["state"] == "done"
    assert user_id not in done["download_url"] and "lea" not in done["download_url"].lower()
    archive = zipfile.ZipFile(io.BytesIO(requests.get(done["download_url"], timeout=10).content))
    assert sorted(archive.namelist()) == ["LISEZMOI.txt", "mes-donnees.json"]
    data = json.loads(archive.read("mes-donnees.json"))
    assert data["compte"]["email"] == "lea@example.org" and data["compte"]["first_name"] == "Léa"
    assert "password_hash" not in json.dumps(data)
    (competence,) = data["evaluation"]["competences"]
    (first,) = data["evaluation"]["answers"]
    assert competence["competence"] == CODE and first["challenge_id"] == state["challenge"]["id"]
    assert "mot de passe" in archive.read("LISEZMOI.txt").decode()


def test_the_export_explains_itself_in_the_account_language(api, events):
    token, _ = sign_up(api)
    assert api.call("PATCH", "/api/me", {"lang": "en"}, token=token)[0] == 200
    assert api.call("POST", "/api/me/data-exports", token=token)[0] == 202
    events.deliver_pending()
    done = api.call("GET", "/api/me/data-exports/latest", token=token)[1]["job"]
    archive = zipfile.ZipFile(io.BytesIO(requests.get(done["download_url"], timeout=10).content))
    assert sorted(archive.namelist()) == ["README.txt", "mes-donnees.json"]
    assert "Your password is not in" in archive.read("README.txt").decode()


def test_a_second_export_within_five_minutes_is_refused_then_allowed(api, events, monkeypatch):
    token, _ = sign_up(api)
    assert api.call("GET", "/api/me/data-exports/latest", token=token)[1] == {"job": None}
    assert api.call("POST", "/api/me/data-exports", token=token)[0] == 202
    status, body, headers = api.call("POST", "/api/me/data-exports", token=token)
    assert (status, body["error"]["code"]) == (429, "JOB_TOO_SOON")
    assert 1 <= int(headers["Retry-After"]) <= 301
    later = clock.now() + timedelta(minutes=6)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert api.call("POST", "/api/me/data-exports", token=token)[0] == 202


def test_someone_elses_latest_export_is_not_shown(api, events):
    owner, _ = sign_up(api)
    other, _ = sign_up(api, "autre@example.org")
    api.call("POST", "/api/me/data-exports", token=owner)
    assert api.call("GET", "/api/me/data-exports/latest", token=other)[1] == {"job": None}
