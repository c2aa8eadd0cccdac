"""The Orga room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.orga.models.campaigns import CampaignRecord
from chalicelib.orga.models.credits import CreditItem
from chalicelib.orga.models.learners import LearnerRecord
from chalicelib.orga.models.organizations import OrganizationRecord
from chalicelib.orga.models.participations import ParticipationRecord
from chalicelib.orga.models.target_profiles import TargetProfileRecord

TABLES: list[type[Model]] = [
    OrganizationRecord,
    CampaignRecord,
    CreditItem,
    TargetProfileRecord,
    ParticipationRecord,
    LearnerRecord,
]
