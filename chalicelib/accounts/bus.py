"""Events the accounts room publishes on EventBridge (its own handlers live in `events.py`)."""

import json
from functools import cache
from typing import Any

import boto3

from chalicelib.settings import get_settings

SOURCE = "pix.accounts"
PASSWORD_RESET_REQUESTED = "PasswordResetRequested"


@cache
def _client() -> Any:
    # One per container: a new botocore client costs tens of milliseconds on the request path.
    return boto3.client("events", region_name=get_settings().region)


def publish(detail_type: str, detail: dict[str, Any]) -> None:
    answer = _client().put_events(
        Entries=[{"Source": SOURCE, "DetailType": detail_type, "Detail": json.dumps(detail)}]
    )
    if answer.get("FailedEntryCount"):
        raise RuntimeError(f"EventBridge refused the event {detail_type}")
