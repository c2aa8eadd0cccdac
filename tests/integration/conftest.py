"""Integration fixtures: moto in-process, the resources created as the local stack creates them,
and Chalice's test client over the real app."""

import json

import pytest
from chalice.test import Client
from moto import mock_aws

from local import resources


@pytest.fixture
def aws():
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

