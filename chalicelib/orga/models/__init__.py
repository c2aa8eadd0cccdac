"""The Orga room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.orga.models.target_profiles import TargetProfileRecord

TABLES: list[type[Model]] = [
    TargetProfileRecord,
]
