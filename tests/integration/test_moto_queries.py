"""local/moto_server's Query (a table's partition only, an index unsorted before moto sorts its matches) gives
what DynamoDB gives: the partition's items in key order, both directions, page by page, and an index's."""

import boto3
import pytest
from moto import mock_aws
from moto.dynamodb.models.table import Table

from local import moto_server


@pytest.fixture
def table():
    moto_server.patch()
    with mock_aws():
        dynamodb = boto3.client("dynamodb", region_name="eu-west-3")
        dynamodb.create_table(
            TableName="queries", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"} for name in ("pk", "sk", "group")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "by_group", "Projection": {"ProjectionType": "ALL"},
                                     "KeySchema": [{"AttributeName": "group", "KeyType": "HASH"},
                                                   {"AttributeName": "sk", "KeyType": "RANGE"}]}])
        for p in range(5):
            for s in (7, 3, 11, 0, 5):  # written out of order
                item = {"pk": {"S": f"p{p}"}, "sk": {"S": f"s{s:02d}"}}
                if (p + s) % 2 == 0:
                    item["group"] = {"S": "even"}
                dynamodb.put_item(TableName="queries", Item=item)
        yield dynamodb


def _all(dynamodb, **query) -> list[tuple[str, str]]:
    found, start = [], None
    while True:
        page = dynamodb.query(TableName="queries", Limit=2, **query, **({"ExclusiveStartKey": start} if start else {}))
        found += [(item["pk"]["S"], item["sk"]["S"]) for item in page["Items"]]
        start = page.get("LastEvaluatedKey")
        if not start:
            return found


def test_a_table_query_reads_its_partition_in_key_order_both_ways_and_page_by_page(table):
    assert Table.query is moto_server.query
    ascending = _all(table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p2"}})
    assert ascending == [("p2", f"s{s:02d}") for s in (0, 3, 5, 7, 11)]
    descending = _all(table, KeyConditionExpression="pk = :p", ScanIndexForward=False,
                      ExpressionAttributeValues={":p": {"S": "p2"}})
    assert descending == ascending[::-1]
    between = _all(table, KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                   ExpressionAttributeValues={":p": {"S": "p4"}, ":a": {"S": "s03"}, ":b": {"S": "s07"}})
    assert between == [("p4", "s03"), ("p4", "s05"), ("p4", "s07")]
    assert _all(table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "nobody"}}) == []


def test_an_index_query_finds_every_partitions_items_in_the_index_order(table):
    found = _all(table, IndexName="by_group", KeyConditionExpression="#g = :g",
                 ExpressionAttributeNames={"#g": "group"}, ExpressionAttributeValues={":g": {"S": "even"}})
    expected = {(f"p{p}", f"s{s:02d}") for p in range(5) for s in (7, 3, 11, 0, 5) if (p + s) % 2 == 0}
    assert len(found) == len(expected) and set(found) == expected  # each once, across pages
    assert [sk for _, sk in found] == sorted(sk for _, sk in found)  # in the index's range order
