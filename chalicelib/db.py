"""The one place that builds PynamoDB table settings and transactions.

No endpoint is set here: boto reads AWS_ENDPOINT_URL, so the same code talks to moto locally
and to DynamoDB in AWS.
"""

from functools import cache

from pynamodb.connection import Connection
from pynamodb.transactions import TransactWrite

from chalicelib.settings import get_settings


def table_meta(name: str) -> type:
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
