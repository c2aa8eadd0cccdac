"""Request and response bodies of the accounts API."""

import unicodedata
from datetime import date
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from chalicelib import clock
from chalicelib.web import Body

# Characters no name contains: controls (tab, newline, escape…), invisible formatting (bidirectional
# overrides that reorder what an operator reads, zero-width characters), line separators.
_NOT_IN_A_NAME = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}


Lang = Literal["fr", "en"]


def _printable(value: str | None) -> str | None:
    if value is not None and any(unicodedata.category(char) in _NOT_IN_A_NAME for char in value):
        raise ValueError("le nom ne doit contenir aucun caractère de contrôle ou invisible")
    return value


class SignUpRequest(Body):
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    email: EmailStr | None = None
    birth_date: date | None = Field(None, description="Required for a username account (no e-mail).")
    password: str = Field(min_length=1, max_length=200)
    cgu_accepted: bool
    lang: Lang = "fr"

    _names = field_validator("first_name", "last_name")(_printable)

    @field_validator("birth_date")
    @classmethod
    def _in_the_past(cls, value: date | None) -> date | None:
        if value is not None and value > clock.now().date():
            raise ValueError("la date de naissance doit être passée")
        if value is not None and value.year < 1900:
            raise ValueError("la date de naissance doit être postérieure à 1900")
        return value


class LoginRequest(Body):
    login: str = Field(min_length=1, max_length=254, description="E-mail address or username.")
    password: str = Field(min_length=1, max_length=200)


class NewPasswordLogin(Body):
    login: str = Field(min_length=1, max_length=254, description="E-mail address or username.")
    password: str = Field(min_length=1, max_length=200, description="The temporary password.")
    new_password: str = Field(min_length=1, max_length=200)


class RefreshRequest(Body):
    refresh_token: str = Field(min_length=10, max_length=200)


class PasswordResetRequest(Body):
    email: EmailStr
    lang: Lang | None = Field(None, description="The page's language: the e-mail is written in it (else the "
                                                "account's).")


class PasswordResetConfirm(Body):
    token: str = Field(min_length=10, max_length=200)
    password: str = Field(min_length=1, max_length=200)


class ProfileUpdate(Body):
    """What changes on "Mon compte"; a field left out stays as it is."""

    first_name: str | None = Field(None, min_length=1, max_length=100)
    last_name: str | None = Field(None, min_length=1, max_length=100)
    lang: Lang | None = Field(None, description="The site's and the e-mails' language.")

    _names = field_validator("first_name", "last_name")(_printable)


class PasswordChange(Body):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: str = Field(min_length=1, max_length=200)


class EmailChangeRequest(Body):
    email: EmailStr = Field(description="The new address: a link to confirm it is sent there.")
    password: str = Field(min_length=1, max_length=200, description="The current password.")


class EmailChangeConfirm(Body):
    token: str = Field(min_length=10, max_length=200)


class EmailChanged(BaseModel):
    email: str


class AccountDeletion(Body):
    password: str = Field(min_length=1, max_length=200, description="The current password, as confirmation.")


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
