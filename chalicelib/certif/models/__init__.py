"""The Certif room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

TABLES: list[type[Model]] = []
