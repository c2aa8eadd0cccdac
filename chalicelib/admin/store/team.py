"""The back-office team on DynamoDB: one partition, conditional writes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib import db
from chalicelib.admin.models.team import TEAM, TeamMember
from chalicelib.admin.team import Member, MemberPage


def _member(item: TeamMember) -> Member:
    return Member(item.user_id, item.role, bool(item.active), item.added_at, item.added_by, item.updated_at)


def _item(member: Member) -> TeamMember:
    return TeamMember(TEAM, member.user_id, role=member.role, active=member.active, added_at=member.added_at,
                      added_by=member.added_by, updated_at=member.updated_at)


class DynamoTeam:
    def member(self, user_id: str) -> Member | None:
        try:
            return _member(TeamMember.get(TEAM, user_id, consistent_read=True))
        except TeamMember.DoesNotExist:
            return None

    def add(self, member: Member) -> bool:
        try:
            _item(member).save(condition=TeamMember.user_id.does_not_exist())
        except PutError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def save(self, member: Member, seen: datetime) -> bool:
        try:
            _item(member).save(condition=TeamMember.updated_at == seen)
        except PutError as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def page(self, start: dict[str, Any] | None, limit: int) -> MemberPage:
        result = TeamMember.query(TEAM, limit=limit, last_evaluated_key=start)
        return MemberPage([_member(i) for i in result], result.last_evaluated_key)
