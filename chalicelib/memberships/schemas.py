"""Request and response shapes of the member and invitation routes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from chalicelib.web import Body

RoleField = Literal["ADMIN", "MEMBER"]


class InvitationCode(Body):
    code: str = Field(min_length=4, max_length=40, description="Le code de l'invitation, lu dans le lien reçu.")


class InvitationPreview(BaseModel):
    scope: str
    resource_id: str
    resource_name: str
    space: str
    role: RoleField
    email: str = Field(description="L'adresse invitée, masquée (c•••@example.org).")
    expires_at: datetime


class Joined(BaseModel):
    scope: str
    resource_id: str
    resource_name: str
    role: RoleField
    home: str = Field(description="La page où aller ensuite, relative au site (orga/…).")


class Member(BaseModel):
    user_id: str
    first_name: str
    last_name: str
    email: str | None
    role: RoleField
    joined_at: datetime


class MembersPage(BaseModel):
    members: list[Member]
    next_cursor: str | None
    my_role: RoleField | None = Field(None, description="Le rôle de la personne qui demande (None : opérateur).")


class RoleChange(Body):
    role: RoleField


class InviteRequest(Body):
    emails: list[EmailStr] = Field(min_length=1, max_length=50)
    role: RoleField = "MEMBER"
    lang: Literal["fr", "en"] = Field("fr", description="La langue de l'e-mail d'invitation.")


class InvitationOut(BaseModel):
    id: str
    email: str
    role: RoleField
    sent_at: datetime
    expires_at: datetime
    expired: bool


class Invitations(BaseModel):
    invitations: list[InvitationOut]
