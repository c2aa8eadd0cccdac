"""What the Admin API shows of the room's domain objects."""

from __future__ import annotations

from typing import Any

from chalicelib.accounts import api as accounts
from chalicelib.admin import schemas
from chalicelib.admin.team import Member
from chalicelib.admin.trail import Entry


def trail_scope(object_type: str, object_id: str) -> str:
    """The list a trail cursor belongs to."""
    return f"admin-trail:{object_type}:{object_id}"


def entry(e: Entry, actor_name: str | None = None) -> schemas.TrailEntryOut:
    return schemas.TrailEntryOut(
        id=e.entry_id,
        at=e.at.isoformat(),
        actor_id=e.actor_id,
        actor_name=actor_name,
        action=e.action,
        changes=[schemas.FieldChange(field=name, before=before, after=after)
                 for name, (before, after) in sorted(e.changes.items())],
    )


def member(m: Member, account: accounts.Account | None) -> schemas.MemberOut:
    return schemas.MemberOut(
        user_id=m.user_id,
        first_name=account.first_name if account else None,
        last_name=account.last_name if account else None,
        email=account.email if account else None,
        role=m.role,  # type: ignore[arg-type]  # one of ROLES, checked when written
        active=m.active,
        added_at=m.added_at.isoformat(),
        updated_at=m.updated_at.isoformat(),
    )


def summary(a: accounts.AccountSummary) -> schemas.UserSummary:
    return schemas.UserSummary(id=a.user_id, first_name=a.first_name, last_name=a.last_name, email=a.email,
                               username=a.username)


def user_detail(account: accounts.Account, logins: list[accounts.LoginState],
                sections: list[dict[str, Any]]) -> schemas.UserDetail:
    return schemas.UserDetail(
        id=account.user_id,
        first_name=account.first_name,
        last_name=account.last_name,
        email=account.email,
        username=account.username,
        lang=account.lang,
        roles=sorted(account.roles),
        created_at=account.created_at.isoformat(),
        anonymised_at=account.anonymised_at.isoformat() if account.anonymised_at else None,
        logins=[schemas.LoginOut(kind=s.kind, value=s.handle, failed_attempts=s.failed_attempts,
                                 blocked_until=s.blocked_until.isoformat() if s.blocked_until else None)
                for s in logins],
        blocked=any(s.blocked_until for s in logins),
        sections=[schemas.UserSection.model_validate(s) for s in sections],
    )
