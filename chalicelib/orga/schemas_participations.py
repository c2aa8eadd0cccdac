"""Request and response bodies of the participation routes (the learner's side and the organisation's)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from chalicelib.web import Body

CODE_PATTERN = r"^[A-Za-z]{6}[0-9]{3}$"


class CodeRequest(Body):
    code: str = Field(min_length=9, max_length=9, pattern=CODE_PATTERN,
                      description="The campaign's code: 6 letters then 3 digits (case does not matter).")


class StartRequest(Body):
    external_id: str | None = Field(None, max_length=255, description="When the campaign asks for one.")
    reset: bool = Field(False, description="Start again from nothing on the profile (multiple sendings, "
                                           "4 days after sharing, when the profile allows it).")


class Landing(BaseModel):
    code: str
    type: Literal["ASSESSMENT", "PROFILES_COLLECTION"]
    organization_name: str
    title: str | None
    landing_text: str | None
    external_id_label: str | None
    external_id_type: Literal["TEXT", "EMAIL"] | None
    multiple_sendings: bool


class StageOut(BaseModel):
    reached: int = Field(description="0 = the first stage (nothing reached yet).")
    total: int = Field(description="Stages beyond the first: the stars to show.")
    title: str
    message: str


class BadgeOut(BaseModel):
    id: str
    title: str
    message: str
    image_url: str | None


class CompetenceLine(BaseModel):
    competence: str
    title: str
    skills: int = Field(description="The profile's skills in it (assessment) .")
    tested: int
    validated: int
    mastery_rate: float
    level: int | None = Field(None, description="Profiles collection: the learner's level.")
    pix: int | None = Field(None, description="Profiles collection: the learner's pix.")


class ResultOut(BaseModel):
    mastery_rate: float
    pix: int
    stage: StageOut | None
    badges: list[BadgeOut]
    competences: list[CompetenceLine]
    certifiable: bool | None
    certifiable_competences: int | None


class MyParticipation(BaseModel):
    """Where the learner stands in a campaign."""

    campaign: Landing
    participation_id: str | None
    status: Literal["NONE", "STARTED", "SHARED"]
    finished: bool = Field(description="The test is over (or, for a profiles collection, there is none).")
    progress: float
    sending: int | None
    external_id_needed: bool = Field(description="Starting needs an external id (none was given before).")
    shared_at: str | None
    result: ResultOut | None = Field(description="Once finished: the result to show, shared or not yet.")
    result_text: str | None
    result_button_text: str | None
    result_button_url: str | None
    can_improve: bool
    can_reset: bool


class MyCampaign(BaseModel):
    code: str
    title: str
    organization_name: str
    type: Literal["ASSESSMENT", "PROFILES_COLLECTION"]
    status: Literal["STARTED", "SHARED"]
    progress: float
    started_at: str
    shared_at: str | None
    mastery_rate: float | None


class MyCampaigns(BaseModel):
    campaigns: list[MyCampaign]


# --- the organisation's side ----------------------------------------------------------------------


class ParticipantOut(BaseModel):
    participation_id: str
    first_name: str
    last_name: str
    division: str | None
    group: str | None
    external_id: str | None
    status: Literal["STARTED", "SHARED"]
    progress: float
    sending: int
    started_at: str
    shared_at: str | None
    mastery_rate: float | None
    stage: int | None
    badges: list[str]


class ParticipantsPage(BaseModel):
    participants: list[ParticipantOut]
    total: int | None = Field(description="Participants matching the filters, on a first page (null on later pages, "
                                          "and on a filtered first page that did not read the whole campaign).")
    next_cursor: str | None
    stages: list[str] = Field(description="The profile's stage titles, for the filter.")
    badges: list[BadgeOut] = Field(description="The profile's badges, for the filter.")
    divisions: list[str]
    groups: list[str]


class ParticipantResult(BaseModel):
    participant: ParticipantOut
    result: ResultOut | None = Field(description="None until the participant shares.")


class DayCount(BaseModel):
    day: str = Field(description="AAAA-MM-JJ, Paris time.")
    started: int
    shared: int


class ActivityOut(BaseModel):
    participants: int
    started: int
    shared: int
    by_day: list[DayCount]
    sendings: dict[str, int] = Field(description="Number of sendings → participants with that many.")


class TubeResultOut(BaseModel):
    tube: str
    title: str
    competence: str
    skills: int
    max_level: int
    mean_reached_level: float
    mastery_rate: float = Field(description="Validated ÷ (participants × the tube's skills).")


class CompetenceResultOut(BaseModel):
    competence: str
    title: str
    skills: int
    mastery_rate: float
    mean_reached_level: float
    max_level: int
    tubes: list[TubeResultOut]


class CollectiveOut(BaseModel):
    shared: int = Field(description="Shared participations counted (each person's latest).")
    mastery_rate: float
    competences: list[CompetenceResultOut]


class TutorialOut(BaseModel):
    title: str
    url: str
    source: str
    format: str
    duration: str


class TubeAnalysisOut(TubeResultOut):
    need: int = Field(description="0 (nothing to work on) to 100.")
    priority: int = Field(description="1 strongly recommended, 2 recommended, 3 optional.")
    tutorials: list[TutorialOut]


class AnalysisOut(BaseModel):
    shared: int
    tubes: list[TubeAnalysisOut]
