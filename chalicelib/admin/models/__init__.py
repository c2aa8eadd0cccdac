"""The Admin room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.admin.models.team import TeamMember
from chalicelib.admin.models.trail import TrailEntry

TABLES: list[type[Model]] = [TrailEntry, TeamMember]
