"""The Orga room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.orga.models.organizations import OrganizationRecord

TABLES: list[type[Model]] = [OrganizationRecord]
