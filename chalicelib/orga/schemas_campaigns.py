"""Request and response shapes of the campaign routes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.orga import campaigns as rules
from chalicelib.web import Body

TypeField = Literal["ASSESSMENT", "PROFILES_COLLECTION"]


class CampaignIn(Body):
    """Lengths are checked by the rules (`campaigns.checked`), which name the field in French."""

    name: str = Field(max_length=rules.NAME_MAX * 2)
    type: TypeField
    target_profile_id: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=rules.TITLE_MAX * 4)
    landing_text: str | None = Field(None, max_length=rules.LANDING_MAX * 2)
    result_text: str | None = Field(None, max_length=rules.RESULT_TEXT_MAX * 2)
    result_button_text: str | None = Field(None, max_length=rules.BUTTON_TEXT_MAX * 2)
    result_button_url: str | None = Field(None, max_length=rules.URL_MAX * 2)
    external_id_label: str | None = Field(None, max_length=rules.EXTERNAL_LABEL_MAX * 2)
    external_id_type: Literal["TEXT", "EMAIL"] | None = None
    multiple_sendings: bool = False

    def fields(self) -> rules.CampaignFields:
        return rules.CampaignFields(**self.model_dump())


class CampaignOut(BaseModel):
    id: str
    code: str
    link: str = Field(description="Le chemin que les participants ouvrent : /campagnes/<CODE>.")
    organization_id: str
    name: str
    type: TypeField
    target_profile_id: str | None
    target_profile_name: str | None
    title: str | None
    landing_text: str | None
    result_text: str | None
    result_button_text: str | None
    result_button_url: str | None
    external_id_label: str | None
    external_id_type: Literal["TEXT", "EMAIL"] | None
    multiple_sendings: bool
    owner_id: str
    creator_id: str
    created_at: datetime
    archived_at: datetime | None
    has_participations: bool
    can_edit: bool = Field(description="La personne qui demande peut la modifier (propriétaire ou administrateur).")


class CampaignsPage(BaseModel):
    campaigns: list[CampaignOut]
    next_cursor: str | None


class TargetProfileChoice(BaseModel):
    id: str
    name: str
    category: str
    description: str


class TargetProfileChoices(BaseModel):
    target_profiles: list[TargetProfileChoice]


class CampaignCodeIn(Body):
    code: str = Field(max_length=30, description="The new code: 6 letters (no I, L, O) then 3 digits.",
                      examples=["YQRNKK177"])


class CodeSwapIn(Body):
    other_campaign_id: str = Field(min_length=1, max_length=100, description="The campaign whose code to take.")


class CampaignCode(BaseModel):
    campaign_id: str
    organization_id: str
    name: str
    code: str


class CampaignCodes(BaseModel):
    campaigns: list[CampaignCode]
