"""The one place that builds PynamoDB table settings and transactions.

No endpoint is set here: boto reads AWS_ENDPOINT_URL, so the same code talks to moto locally
and to DynamoDB in AWS.
"""

from functools import cache
from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException
from pynamodb.transactions import TransactWrite

from chalicelib.settings import get_settings


def table_meta(name: str) -> Any:  # a class PynamoDB reads as `Meta`; its protocol is not public
    """A PynamoDB `Meta` for one of our tables (on-demand billing, name from the settings)."""
    settings = get_settings()

    class Meta:
        table_name = settings.table(name)
        region = settings.region
        billing_mode = "PAY_PER_REQUEST"

    return Meta


@cache
def _connection() -> Connection:
    # One per container, as PynamoDB keeps one per model: a new botocore client costs tens of milliseconds.
    return Connection(region=get_settings().region)


def transaction() -> TransactWrite:
    return TransactWrite(connection=_connection())


def batch_get(request_items: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """BatchGetItem across tables in one round trip (more only for keys DynamoDB leaves unprocessed):
    table name → raw items found."""
    found: dict[str, list[dict[str, Any]]] = {table: [] for table in request_items}
    pending = request_items
    while pending:
        answer = _connection().client.batch_get_item(RequestItems=pending)
        for table, items in answer.get("Responses", {}).items():
            found[table].extend(items)
        pending = answer.get("UnprocessedKeys") or {}
    return found


def response_code(error: PynamoDBException) -> str | None:
    """DynamoDB's error code behind a PynamoDB error; None when no answer came (a timeout, a reset
    connection). Not PynamoDB's `cause_response_code`: without a response that property raises."""
    response = getattr(error.cause, "response", None) or {}
    code: str | None = response.get("Error", {}).get("Code")
    return code


def condition_failed(error: PynamoDBException) -> bool:
    """Whether a conditional write (or a transaction, one of whose conditions) was refused."""
    return response_code(error) in ("ConditionalCheckFailedException", "TransactionCanceledException")
