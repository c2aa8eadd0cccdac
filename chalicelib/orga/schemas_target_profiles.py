"""Request and response bodies of the operators' target profile API."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from chalicelib.web import Body

Category = Literal["COMPETENCES", "SUBJECT", "CUSTOM", "PREDEFINED", "OTHER"]


class CappedTubeIn(Body):
    tube_id: str = Field(min_length=1, max_length=80, description="The tube's name in the release.")
    level: int = Field(ge=1, le=8, description="The cap: the tube's skills up to this level belong to the profile.")


class TargetProfileIn(Body):
    name: str = Field(min_length=1, max_length=255)
    category: Category
    description: str = Field("", max_length=5000)
    comment: str | None = Field(None, max_length=5000, description="For operators only.")
    image_url: str | None = Field(None, max_length=1000, pattern=r"^https://")
    resettable: bool = False
    tubes: list[CappedTubeIn] = Field(max_length=200, description="At least one (TARGET_PROFILE_NO_TUBE).")


class TargetProfileEdit(Body):
    """Fields to change; those left out keep their value."""

    name: str | None = Field(None, min_length=1, max_length=255)
    category: Category | None = None
    description: str | None = Field(None, max_length=5000)
    comment: str | None = Field(None, max_length=5000)
    image_url: str | None = Field(None, max_length=1000, pattern=r"^https://")
    resettable: bool | None = None
    tubes: list[CappedTubeIn] | None = Field(None, max_length=200)


class StageIn(Body):
    threshold: int = Field(ge=0, le=100, description="A mastery rate in % or a level, as `kind` says.")
    title: str = Field(min_length=1, max_length=255)
    message: str = Field(min_length=1, max_length=5000)
    prescriber_title: str | None = Field(None, max_length=255)
    prescriber_description: str | None = Field(None, max_length=5000)


class StagesIn(Body):
    kind: Literal["mastery", "level"] | None = Field(description="All stages by mastery rate or all by level.")
    stages: list[StageIn] = Field(max_length=20)


class CriterionIn(Body):
    kind: Literal["campaign", "tubes"]
    threshold: int = Field(ge=0, le=100, description="A mastery rate in %.")
    name: str | None = Field(None, max_length=255)
    tubes: list[CappedTubeIn] = Field(default_factory=list, max_length=200)


class BadgeIn(Body):
    key: str = Field(min_length=1, max_length=80, pattern=r"^[A-Z0-9_]+$")
    title: str = Field(min_length=1, max_length=255)
    message: str = Field("", max_length=5000)
    image_url: str | None = Field(None, max_length=1000, pattern=r"^https://")
    always_visible: bool = False
    criteria: list[CriterionIn] = Field(min_length=1, max_length=10)


class BadgesIn(Body):
    badges: list[BadgeIn] = Field(max_length=30)


class PublicationIn(Body):
    public: bool


OrganizationId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


class AttachIn(Body):
    organization_ids: list[OrganizationId] = Field(min_length=1, max_length=50)


# --- responses ---------------------------------------------------------------------------------------


class CappedTubeOut(BaseModel):
    tube_id: str
    title: str
    competence: str
    level: int
    skill_count: int


class StageOut(BaseModel):
    threshold: int
    title: str
    message: str
    prescriber_title: str | None
    prescriber_description: str | None


class CriterionOut(BaseModel):
    kind: str
    threshold: int
    name: str | None
    tubes: list[CappedTubeOut]


class BadgeOut(BaseModel):
    id: str
    key: str
    title: str
    message: str
    image_url: str | None
    always_visible: bool
    criteria: list[CriterionOut]


class TargetProfileSummary(BaseModel):
    id: str
    name: str
    category: str
    public: bool
    outdated: bool
    organization_count: int
    tube_count: int
    skill_count: int
    created_at: str


class TargetProfileOut(TargetProfileSummary):
    description: str
    comment: str | None
    image_url: str | None
    resettable: bool
    competences: list[str] = Field(description="Codes of the competences its tubes belong to.")
    tubes: list[CappedTubeOut]
    stage_kind: str | None
    stages: list[StageOut]
    badges: list[BadgeOut]
    organization_ids: list[str]
    version: int


class TargetProfilePage(BaseModel):
    items: list[TargetProfileSummary]
    next_cursor: str | None


class TubeChoice(BaseModel):
    tube_id: str
    title: str
    description: str
    levels: list[int] = Field(description="The levels of its skills: a cap below the first holds nothing.")


class CompetenceChoice(BaseModel):
    code: str
    title: str
    tubes: list[TubeChoice]


class TubeCatalog(BaseModel):
    release: str
    competences: list[CompetenceChoice]
