"""Request and response shapes of the organisation routes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from chalicelib.web import Body

TypeField = Literal["SCO", "SUP", "PRO"]


class OrganizationFields(Body):
    name: str = Field(min_length=1, max_length=200)
    type: TypeField
    external_id: str | None = Field(None, max_length=60, description="L'UAI pour une organisation SCO (obligatoire).")
    province_code: str | None = Field(None, max_length=3, description="Le département (75, 2A, 974…).")
    manages_students: bool = False
    email: EmailStr | None = None
    tags: list[str] = Field(default_factory=list, max_length=10)


class NewOrganization(OrganizationFields):
    first_admin_email: EmailStr | None = Field(None, description="Invitée comme administratrice (recommandé).")
    lang: Literal["fr", "en"] = "fr"


class OrganizationChange(Body):
    name: str | None = Field(None, min_length=1, max_length=200)
    external_id: str | None = Field(None, max_length=60)
    province_code: str | None = Field(None, max_length=3)
    manages_students: bool | None = None
    email: EmailStr | None = None
    tags: list[str] | None = Field(None, max_length=10)


class OrganizationOut(BaseModel):
    id: str
    name: str
    type: TypeField
    external_id: str | None
    province_code: str | None
    manages_students: bool
    email: str | None
    tags: list[str]
    archived_at: datetime | None
    created_at: datetime


class OrganizationDetail(OrganizationOut):
    members: int
    admins: int


class OrganizationsPage(BaseModel):
    organizations: list[OrganizationOut]
    next_cursor: str | None


class MyOrganization(BaseModel):
    id: str
    name: str
    type: TypeField
    role: Literal["ADMIN", "MEMBER"]
    archived: bool


class MyOrganizations(BaseModel):
    organizations: list[MyOrganization]
