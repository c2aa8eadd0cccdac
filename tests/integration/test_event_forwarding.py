"""The local stack's event plumbing: an object put in the uploads bucket reaches the app's
EventBridge handler, through the same rule pattern the handler declares for AWS."""

import threading

import boto3
from chalice import Chalice
from chalice.app import CloudWatchEventConfig

from chalicelib.settings import get_settings
from local import resources
from local.stack import forward_events


def test_an_upload_reaches_the_handler_whose_pattern_matches(aws):
    app = Chalice(app_name="events-test")
    received: list[dict] = []
    done = threading.Event()
    bucket = get_settings().uploads_bucket

    @app.on_cw_event({"source": ["aws.s3"], "detail-type": ["Object Created"],
                      "detail": {"bucket": {"name": [bucket]}}})
    def on_upload(event):
        received.append(event.detail)
        done.set()

    @app.on_cw_event({"source": ["aws.s3"], "detail": {"bucket": {"name": ["another-bucket"]}}})
    def elsewhere(event):
        received.append({"wrong": True})

    patterns = {s.name: s.event_pattern for s in app.event_sources if isinstance(s, CloudWatchEventConfig)}
    queues = resources.route_events_to_queues(patterns)
    boto3.client("s3").put_object(Bucket=bucket, Key="imports/liste.csv", Body=b"nom;prenom\n")

    stop = threading.Event()
    worker = threading.Thread(target=forward_events, args=(app, queues, stop), daemon=True)
    worker.start()
    assert done.wait(10), "the handler was not called"
    stop.set()
    worker.join(5)
    assert received == [received[0]] and received[0]["object"]["key"] == "imports/liste.csv"
