"""Bodies and responses of a SCO centre's pupil picking (the school's list, by class)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from chalicelib.certif import pupils
from chalicelib.certif.schemas import CandidateOut
from chalicelib.web import Body

LearnerId = Annotated[str, Field(min_length=1, max_length=64)]


class Divisions(BaseModel):
    divisions: list[str] = Field(description="The classes of the school's current list, sorted.")


class PickablePupilOut(BaseModel):
    learner_id: str
    last_name: str
    first_name: str
    birth_date: str
    division: str | None
    enrolled: bool = Field(description="Already a candidate of this session.")


class PupilsPage(BaseModel):
    pupils: list[PickablePupilOut]
    next_cursor: str | None


class PupilsPicked(Body):
    learner_ids: list[LearnerId] = Field(min_length=1, max_length=pupils.MAX_PICKED,
                                         description="Pupils of the school's list (their ids in the list).")


class PupilsEnrolled(BaseModel):
    candidates: list[CandidateOut]
