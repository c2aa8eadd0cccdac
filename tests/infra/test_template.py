"""The deployable template: cfn-lint clean, and its tables match the PynamoDB models."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pynamodb.attributes import TTLAttribute

from chalicelib.rooms import tables

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation's short tags (!Ref, !Sub, …) as plain values."""


_CfnLoader.add_multi_constructor("!", lambda loader, tag, node: None)


def test_cfn_lint_is_clean(packaged):
    result = subprocess.run([BIN / "cfn-lint", str(packaged / "sam.yaml"), str(ROOT / "infra" / "waf.yaml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_function_runs_python_3_12_or_later(packaged):
    template = yaml.load((packaged / "sam.yaml").read_text(), Loader=_CfnLoader)
    runtime = template["Resources"]["APIHandler"]["Properties"]["Runtime"]
    assert runtime in {"python3.12", "python3.13"}


def _key_schema(model) -> dict:
    attributes = model.get_attributes()
    types = {"S": "S", "N": "N", "B": "B"}
    keys = {}
    for attribute in attributes.values():
        if attribute.is_hash_key:
            keys["HASH"] = (attribute.attr_name, types[attribute.attr_type])
        if attribute.is_range_key:
            keys["RANGE"] = (attribute.attr_name, types[attribute.attr_type])
    return keys


def _index_keys(index) -> dict:
    return {
        ("HASH" if attribute.is_hash_key else "RANGE"): attribute.attr_name
        for attribute in index.Meta.attributes.values()
        if attribute.is_hash_key or attribute.is_range_key
    }


@pytest.mark.parametrize("model", tables(), ids=lambda m: m.__name__)
def test_each_model_has_the_same_table_in_the_template(packaged, model):
    template = yaml.load((packaged / "sam.yaml").read_text(), Loader=_CfnLoader)
    table_name = model.Meta.table_name.replace("pix-test-", "pix-prod-")
    tables = {
        r["Properties"]["TableName"]: r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::DynamoDB::Table"
    }
    assert table_name in tables, f"no table {table_name} in infra/resources.yaml"
    table = tables[table_name]
    definitions = {d["AttributeName"]: d["AttributeType"] for d in table["AttributeDefinitions"]}
    schema = {k["KeyType"]: (k["AttributeName"], definitions[k["AttributeName"]]) for k in table["KeySchema"]}
    assert schema == _key_schema(model)
    model_indexes = {index.Meta.index_name: _index_keys(index) for index in model._indexes.values()}
    template_indexes = {
        gsi["IndexName"]: {k["KeyType"]: k["AttributeName"] for k in gsi["KeySchema"]}
        for gsi in table.get("GlobalSecondaryIndexes", [])
    }
    assert template_indexes == model_indexes
    ttl = [a.attr_name for a in model.get_attributes().values() if isinstance(a, TTLAttribute)]
    template_ttl = table.get("TimeToLiveSpecification", {}).get("AttributeName")
    assert template_ttl == (ttl[0] if ttl else None)
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["BillingMode"] == "PAY_PER_REQUEST"


def test_every_function_knows_the_buckets(packaged):
    """The event functions are Lambdas of their own: they need the bucket names as much as the API."""
    template = yaml.load((packaged / "sam.yaml").read_text(), Loader=_CfnLoader)
    functions = {k: r for k, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}
    assert "OnJobSource" in functions
    for name, function in functions.items():
        variables = function["Properties"]["Environment"]["Variables"]
        assert {"ATTACHMENTS_BUCKET", "UPLOADS_BUCKET", "EXPORTS_BUCKET"} <= set(variables), name


def test_exports_are_deleted_when_the_page_says_they_are():
    from chalicelib.jobs.job import RESULT_LIFETIME

    template = yaml.load((ROOT / "infra" / "resources.yaml").read_text(), Loader=_CfnLoader)
    (rule,) = template["Resources"]["ExportsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"]
    assert rule["ExpirationInDays"] == RESULT_LIFETIME.days
