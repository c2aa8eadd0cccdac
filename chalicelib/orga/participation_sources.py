"""What the participation use cases need from the rest of Orga and from other rooms, as small views.

Campaigns, organisations, target profiles and credits belong to other parts of the room, the test to the
evaluation room, the learner's names to accounts, reconciliation to the learner lists. The use cases ask
this one seam (`sources_default.current()`), so their tests give a fake (`sources_default.use()`), and each
source is adapted once, in `sources_default.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from chalicelib.orga.participations import CampaignFacts
from chalicelib.orga.target_profiles import TargetProfile


@dataclass(frozen=True, slots=True)
class CampaignView:
    facts: CampaignFacts
    code: str
    name: str
    organization_name: str
    organization_type: str  # SCO | SUP | PRO
    title: str | None = None
    landing_text: str | None = None
    result_text: str | None = None
    result_button_text: str | None = None
    result_button_url: str | None = None
    target_profile_id: str | None = None

    @property
    def campaign_id(self) -> str:
        return self.facts.campaign_id

    @property
    def organization_id(self) -> str:
        return self.facts.organization_id


@dataclass(frozen=True, slots=True)
class Learner:
    """Who starts: their names (a snapshot for the organisation) and their place in its learner lists."""

    first_name: str
    last_name: str
    reconciled: bool = False
    learner_id: str | None = None  # the listed learner (reconciled only)
    division: str | None = None
    group: str | None = None
    student_number: str | None = None


@dataclass(frozen=True, slots=True)
class AssessmentState:
    finished: bool
    progress: float  # 0..1 as the runner estimates it


@dataclass(frozen=True, slots=True)
class ProfileNow:
    """A learner's whole profile now (a profiles collection)."""

    levels: Mapping[str, int]
    pix_by_competence: Mapping[str, int]


class Sources(Protocol):
    def campaign(self, campaign_id: str) -> CampaignView | None: ...

    def campaign_by_code(self, code: str) -> CampaignView | None: ...

    def mark_participated(self, campaign_id: str) -> None:
        """The campaign's multiple-sendings setting is fixed from now on."""

    def profile(self, profile_id: str) -> TargetProfile | None: ...

    def learner(self, user_id: str, organization_id: str) -> Learner:
        """`reconciled` (linked to an active learner of the organisation's list, whose names and student
        number it gives); else the account's names, not reconciled (a restricted campaign refuses)."""

    def divisions_and_groups(self, organization_id: str) -> tuple[list[str], list[str]]:
        """The classes and groups of the organisation's learner list, sorted (the participants' filters)."""

    def consume_credit(self, organization_id: str, user_id: str, at: datetime) -> bool:
        """A start (at `at`) was written: the organisation's credit is consumed unless the user is covered
        at that date. Idempotent: called again for the same start, it consumes nothing more."""

    def start_test(self, user_id: str, participation_id: str, skills: frozenset[str],
                   retry: str | None = None) -> None:
        """Start (or come back to) the participation's test; `retry` "improve" or "reset" for a new sending."""

    def test_state(self, user_id: str, participation_id: str) -> AssessmentState | None: ...

    def outcome(self, user_id: str, participation_id: str) -> tuple[frozenset[str], frozenset[str]]:
        """(validated, tested) among the participation's skills."""

    def profile_now(self, user_id: str) -> ProfileNow: ...
