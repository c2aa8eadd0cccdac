"""Integration fixtures: moto in-process, the resources created as the local stack creates them,
and Chalice's test client over the real app."""

import json

import boto3
import pytest
from chalice.app import CloudWatchEventConfig
from chalice.test import Client
from moto import mock_aws

from local import moto_server, resources


@pytest.fixture
def aws():
    # Atomic conditional writes, as DynamoDB and the local stack's moto: a race test must not see moto's gaps.
    moto_server.patch()
    with mock_aws():
        resources.create_all()
        yield


@pytest.fixture
def client(aws):
    from app import app

    with Client(app) as test_client:
        yield test_client


class Api:
    """Small helper over the test client: JSON in, (status, JSON) out."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def call(self, method: str, path: str, body=None, token: str | None = None, raw: bytes | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = getattr(self.client.http, method.lower())(path, headers=headers, body=payload)
        data = json.loads(response.body) if response.body else None
        return response.status_code, data, response.headers


@pytest.fixture
def api(client) -> Api:
    return Api(client)



@pytest.fixture
def deliver(client):
    """Routes each event handler's EventBridge rule to a queue, as the local stack does; calling the
    returned function drains the queues into the handlers (what EventBridge does in AWS) and says how
    many events were handled."""
    from app import app

    patterns = {s.name: s.event_pattern for s in app.event_sources if isinstance(s, CloudWatchEventConfig)}
    queues = resources.route_events_to_queues(patterns)
    sqs = boto3.client("sqs")

    def drain() -> int:
        handled = 0
        for name, url in queues.items():
            while messages := sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
                for message in messages:
                    app.handler_map[name](json.loads(message["Body"]), None)
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
                    handled += 1
        return handled

    return drain
