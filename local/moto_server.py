"""moto's server for the local stack, with two changes to its DynamoDB that hold under concurrent learners.

    python -m local.moto_server -H 127.0.0.1 -p PORT

moto 5.2 serves each request on its own thread, and its DynamoDB was written for one caller at a time:
- a conditional write checks then writes in two steps: two concurrent requests can both pass the check, which
  real DynamoDB never lets happen (an optimistic lock that lets two answers through stores one twice);
- TransactWriteItems deep-copies every table it touches before writing, to roll back on failure. The copy
  grows with the table and each concurrent transaction holds its own: a 200-learner run grew moto to 24 GB.
  A cancelled transaction also puts the whole copy back, erasing what other threads wrote meanwhile.

- every Query first sorts the whole table (its `all_items`, comparing attribute objects), then keeps the
  partition asked for: each query costs the table's size, so a campaign of 2,000 participants slowed to
  seconds per answer.

So, in this process (and in the integration tests' in-process moto, whose concurrency tests need the same):
- every DynamoDB request runs under one lock, so each is atomic as in DynamoDB (moto is bound by the GIL
  anyway: the lock costs little throughput);
- TransactWriteItems checks every condition first and writes only when all pass, keeping a copy of the
  items it touches (not of the tables) to put back if a write fails halfway;
- a Query of a table reads only its partition, and a Query of an index scans the table unsorted (moto sorts
  the index's matches afterwards): same results, in the same order, at the cost of the partition.
"""

import copy
import json
import logging
import threading
from typing import Any

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

_DYNAMODB = threading.RLock()
_OPERATIONS = {"ConditionCheck", "Put", "Delete", "Update"}


def _serialised(call_action):
    def call_action_under_lock(self: DynamoHandler) -> Any:
        with _DYNAMODB:
            return call_action(self)

    call_action_under_lock.serialised = True  # type: ignore[attr-defined]
    return call_action_under_lock


def _key(table: Any, operation: str, request: dict[str, Any]) -> dict[str, Any]:
    if operation != "Put":
        return request["Key"]
    names = [table.hash_key_attr] + ([table.range_key_attr] if table.range_key_attr else [])
    return {name: request["Item"][name] for name in names}


def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """All or nothing, as DynamoDB: every condition is checked before anything is written."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    steps, seen = [], set()
    for entry in transact_items:
        if len(entry) != 1:
            raise TransactWriteSingleOpException
        (operation, request), = entry.items()
        if operation not in _OPERATIONS:
            raise ValueError("Unsupported transaction operation")
        table = self.get_table(request["TableName"])
        key = _key(table, operation, request)
        identity = (table.name, json.dumps(key, sort_keys=True))
        if identity in seen:
            raise MultipleTransactionsException()
        seen.add(identity)
        steps.append((operation, request, table, key))

    reasons: list[tuple[Any, Any, Any]] = []
    for _operation, request, table, key in steps:
        current = self.get_item(table.name, key)
        condition = request.get("ConditionExpression")
        if condition is None or get_filter_expression(
            condition, request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues")
        ).expr(current):
            reasons.append((None, None, None))
            continue
        old = None
        if request.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
            old = current.to_json()["Attributes"]
        reasons.append(("ConditionalCheckFailed", "The conditional request failed", old))
    if any(code for code, _, _ in reasons):
        raise TransactionCanceledException(reasons)

    # The conditions hold and nothing else runs (the lock): write, keeping the touched items to put back.
    before = []
    try:
        for operation, request, table, key in steps:
            if operation == "ConditionCheck":
                continue
            before.append((table, key, copy.deepcopy(self.get_item(table.name, key))))
            names, values = request.get("ExpressionAttributeNames"), request.get("ExpressionAttributeValues")
            if operation == "Put":
                self.put_item(table.name, request["Item"])
            elif operation == "Delete":
                self.delete_item(table.name, key)
            else:
                self.update_item(table.name, key, update_expression=request["UpdateExpression"],
                                 expression_attribute_names=names, expression_attribute_values=values)
    except Exception:
        for table, key, item in reversed(before):
            hash_value, range_value = self.get_keys_value(table, key)
            if table.range_key_attr:
                if item is None:
                    table.items[hash_value].pop(range_value, None)
                else:
                    table.items[hash_value][range_value] = item
            elif item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        raise


_table_query = Table.query
_INDEX_NAME = 6  # Table.query(hash_key, range_comparison, range_objs, limit, exclusive_start_key,
#                              scan_index_forward, projection_expressions, index_name, ...)


def query(self: Table, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
    """moto's Query over the items it needs only (runs under the request lock: nothing writes meanwhile)."""
    index_name = args[_INDEX_NAME] if len(args) > _INDEX_NAME else kwargs.get("index_name")
    if index_name:
        candidates = [item for partition in self.items.values()
                      for item in (partition.values() if self.range_key_attr else (partition,))]
    elif self.range_key_attr and hash_key is not None:
        candidates = list(self.items[hash_key].values()) if hash_key in self.items else []
    else:
        return _table_query(self, hash_key, *args, **kwargs)
    self.all_items = lambda: candidates  # this call's view; the class's method is back right after
    try:
        return _table_query(self, hash_key, *args, **kwargs)
    finally:
        del self.all_items


def patch() -> None:
    """Idempotent: the second call leaves the first patch in place."""
    if getattr(DynamoHandler.call_action, "serialised", False):
        return
    DynamoHandler.call_action = _serialised(DynamoHandler.call_action)
    DynamoDBBackend.transact_write_items = transact_write_items
    Table.query = query
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request: the log keeps errors only


def main() -> None:
    from moto import server

    patch()
    server.main()


if __name__ == "__main__":
    main()
