"""Request and response bodies of the accounts API."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from chalicelib.web import Body


class SignUpRequest(Body):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: EmailStr | None = None
    birth_date: date | None = Field(None, description="Required for a username account (no e-mail).")
    password: str = Field(min_length=1, max_length=200)
    cgu_accepted: bool
    lang: Literal["fr", "en"] = "fr"


class LoginRequest(Body):
    login: str = Field(min_length=1, max_length=254, description="E-mail address or username.")
    password: str = Field(min_length=1, max_length=200)


class RefreshRequest(Body):
    refresh_token: str = Field(min_length=10, max_length=200)


class PasswordResetRequest(Body):
    email: EmailStr


class PasswordResetConfirm(Body):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=1, max_length=200)


class Me(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    username: str | None
    roles: list[str]
    lang: str
    cgu_accepted_at: str


class Session(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    refresh_token: str
    user: Me


class Accepted(BaseModel):
    message: str
