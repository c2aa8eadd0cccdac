"""DynamoDB table of the memberships room: members, invitations and tallies of resources of any scope.

`memberships` (hash `pk` = `<scope>#<resource_id>`, range `sk`), one partition per resource:
- `MEMBER#<user_id>`: a membership (role, joined_at; `user_id` and `resource_key` feed the index `by_user`);
- `TALLY`: how many members and admins the resource has, changed in the same transaction as a membership;
- `INVITATION#<invitation_id>`: an invitation (e-mail, role, status, SHA-256 of its current code, dates).

Indexes:
- `by_user` (hash `user_id`, range `resource_key` = `<scope>#<resource_id>`; member items only, as only
  they carry `user_id`): the resources a person belongs to (the switcher), anonymisation.
- `by_code` (hash `code_hash`, keys only; invitation items only): the invitation a link names. The
  index is eventually consistent; the acceptance then reads the item consistently and changes it with a
  condition on that same hash and the pending status, so a used or resent code is refused.

Requests and their cost:
- the access rule of every member route: one consistent GetItem of `MEMBER#<user>` (1 read unit);
- the member list: one Query of the partition's `MEMBER#` items, a page at a time;
- accepting: one Query of `by_code`, two consistent GetItems (invitation, tally), one TransactWrite
  (invitation pending → accepted, membership put if absent, tally counted with a condition);
- role change, removal, leaving: one TransactWrite of the membership and the tally (the tally's condition
  keeps at least one admin).

Capacity: these writes follow people's actions in the back office of an organisation or a centre (a few a
minute at most per resource); none is made by a learner taking a test or a candidate sitting an exam, so
an exam morning or a national campaign adds no write here. The hottest item is a busy organisation's
`MEMBER#` items read by its members' requests: a few reads a second, each on its own item.
"""

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


class ByUser(GlobalSecondaryIndex["MembershipItem"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    resource_key = UnicodeAttribute(range_key=True)


class ByCode(GlobalSecondaryIndex["MembershipItem"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_code"
        projection = KeysOnlyProjection()

    code_hash = UnicodeAttribute(hash_key=True)


class MembershipItem(Model):
    """Every kind of item of the table (the key's `sk` says which): one model, as the store reads them
    together (a tally and a membership in one transaction)."""

    Meta = table_meta("memberships")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    scope = UnicodeAttribute()
    resource_id = UnicodeAttribute()
    # a membership
    user_id = UnicodeAttribute(null=True)
    resource_key = UnicodeAttribute(null=True)
    role = UnicodeAttribute(null=True)
    joined_at = UTCDateTimeAttribute(null=True)
    # a tally
    members = NumberAttribute(null=True)
    admins = NumberAttribute(null=True)
    # an invitation
    email = UnicodeAttribute(null=True)
    status = UnicodeAttribute(null=True)
    code_hash = UnicodeAttribute(null=True)
    invited_by = UnicodeAttribute(null=True)
    lang = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute(null=True)
    sent_at = UTCDateTimeAttribute(null=True)
    invitation_expires_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    by_user = ByUser()
    by_code = ByCode()


TABLES = [MembershipItem]
