"""The back-office team's table (only `chalicelib.admin.store` imports it).

`admin-team` (hash `team` = "team", range `user_id`): one item per member (role, active, who added them).
- the team list (super admins): one Query on "team", paginated by user id;
- a member: one GetItem; add: PutItem `attribute_not_exists`; change a role or disable: PutItem
  conditioned on the `updated_at` read (two super admins at once: one wins, the other is told).

Capacity. One partition holds the whole team on purpose: the team is tens of people, changed a few
times a month, read when a super admin opens the team page: a partition's 1,000 writes/s and 3,000
reads/s are never approached, and one Query lists everyone. Access control never reads this table
(roles are on the account item, read with each request).
"""

from pynamodb.attributes import BooleanAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from chalicelib.db import table_meta

TEAM = "team"


class TeamMember(Model):
    Meta = table_meta("admin-team")

    team = UnicodeAttribute(hash_key=True, default=TEAM)
    user_id = UnicodeAttribute(range_key=True)
    role = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    added_at = UTCDateTimeAttribute()
    added_by = UnicodeAttribute()
    updated_at = UTCDateTimeAttribute()
