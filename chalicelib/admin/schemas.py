"""Request and response bodies of the Admin API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from chalicelib.accounts import api as accounts
from chalicelib.web import Body


class FieldChange(BaseModel):
    field: str
    before: Any = Field(description="The value before (identity fields masked: `C•••`).")
    after: Any


class TrailEntryOut(BaseModel):
    id: str
    at: str
    actor_id: str
    actor_name: str | None = Field(None, description="The operator's name today (None when unknown).")
    action: str = Field(description="A kebab-case code: `login-unblocked`, `member-added`…")
    changes: list[FieldChange]


class TrailPage(BaseModel):
    entries: list[TrailEntryOut]
    next_cursor: str | None


# --- the team ----------------------------------------------------------------------------------------

Role = Literal["SUPER_ADMIN", "SUPPORT", "METIER", "CERTIF"]


class MemberAdd(Body):
    email: EmailStr = Field(description="The address of an existing account.")
    role: Role


class RoleChange(Body):
    role: Role


class MemberOut(BaseModel):
    user_id: str
    first_name: str | None
    last_name: str | None
    email: str | None
    role: Role
    active: bool
    added_at: str
    updated_at: str


class TeamPage(BaseModel):
    members: list[MemberOut]
    next_cursor: str | None


# --- users --------------------------------------------------------------------------------------------


class UserSearch(Body):
    """In the body, not the URL: a name or an address is personal data, kept out of URLs and logs."""

    text: str = Field(min_length=1, max_length=254, description="A name (start of), an e-mail or a username.")
    cursor: str | None = Field(None, max_length=2000)
    limit: int = Field(20, ge=1, le=100)


class UserSummary(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    username: str | None


class UserSearchPage(BaseModel):
    users: list[UserSummary]
    next_cursor: str | None


class LoginOut(BaseModel):
    kind: Literal["email", "username"]
    value: str
    failed_attempts: int
    blocked_until: str | None = Field(description="Set while the login is blocked (too many failed attempts).")


class SectionItem(BaseModel):
    label: str
    detail: str | None = None
    href: str | None = None


class UserSection(BaseModel):
    key: str
    title: str
    items: list[SectionItem]


class UserDetail(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    username: str | None
    lang: str
    roles: list[str]
    created_at: str
    anonymised_at: str | None
    logins: list[LoginOut]
    blocked: bool
    sections: list[UserSection]


class IdentityChange(Body):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)

    _names = field_validator("first_name", "last_name")(accounts.printable_name)


class EmailChange(Body):
    email: EmailStr


class Anonymised(BaseModel):
    rooms: list[str] = Field(description="The rooms whose data about the person was anonymised.")


class SearchRequest(Body):
    text: str = Field(min_length=1, max_length=254, description="A name, an e-mail, a code, a number…")


class SearchHit(BaseModel):
    kind: str = Field(description="user, organization, campaign, centre, session…")
    label: str
    detail: str | None = None
    href: str = Field(description="The object's page in Pix Admin.")


class SearchResults(BaseModel):
    hits: list[SearchHit]
