"""The real sources of the participation use cases (see participation_sources.py): campaigns and
organisations (this room's campaigns and organisations parts), target profiles and credits (orga.api), the
test (evaluation.api), the learner's names (accounts.api), reconciliation (the learner lists part:
`orga.api.learner_of_account`: the listed learner, their names, class and group).
"""

from __future__ import annotations

from datetime import datetime

from chalicelib.accounts import api as accounts
from chalicelib.errors import NotFound
from chalicelib.evaluation import api as evaluation
from chalicelib.orga import api as orga
from chalicelib.orga import participations as rules
from chalicelib.orga import service_learners
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.organizations import Organization
from chalicelib.orga.participation_sources import AssessmentState, CampaignView, Learner, ProfileNow, Sources
from chalicelib.orga.store import campaigns as campaign_store
from chalicelib.orga.target_profiles import TargetProfile


def campaign_view(campaign: Campaign, organization: Organization | None) -> CampaignView:
    """A campaign of the campaigns part, with its organisation, as participations see it."""
    facts = rules.CampaignFacts(
        campaign_id=campaign.id, organization_id=campaign.organization_id, type=campaign.type,
        multiple_sendings=bool(campaign.multiple_sendings), external_id_label=campaign.external_id_label,
        external_id_type=campaign.external_id_type,
        archived=campaign.archived_at is not None or bool(organization is not None and organization.archived),
        deleted=campaign.deleted_at is not None,
        restricted=bool(organization is not None and organization.manages_students),
        has_participations=campaign.has_participations)
    return CampaignView(
        facts=facts, code=campaign.code, name=campaign.name,
        organization_name=organization.name if organization is not None else "",
        organization_type=str(organization.type) if organization is not None else "PRO",
        title=campaign.title, landing_text=campaign.landing_text, result_text=campaign.result_text,
        result_button_text=campaign.result_button_text, result_button_url=campaign.result_button_url,
        target_profile_id=campaign.target_profile_id)


class DefaultSources:
    def _view(self, campaign: Campaign | None) -> CampaignView | None:
        if campaign is None:
            return None
        return campaign_view(campaign, orga.organization(campaign.organization_id))

    def campaign(self, campaign_id: str) -> CampaignView | None:
        return self._view(orga.campaign(campaign_id))

    def campaign_by_code(self, code: str) -> CampaignView | None:
        return self._view(orga.campaign_by_code(code))

    def mark_participated(self, campaign_id: str) -> None:
        campaign_store.mark_participated(campaign_id)

    def profile(self, profile_id: str) -> TargetProfile | None:
        return orga.target_profile(profile_id)

    def learner(self, user_id: str, organization_id: str) -> Learner:
        # Reconciled: the account is linked to an active learner of the organisation's current list (names
        # and student number as the list has them). A disabled learner (absent from the last SIECLE or
        # replace-mode file) or no link: not reconciled, so a restricted campaign refuses the start.
        listed = orga.learner_of_account(organization_id, user_id)
        if listed is not None and listed.active:
            return Learner(first_name=listed.first_name, last_name=listed.last_name, reconciled=True,
                           learner_id=listed.learner_id, division=listed.division, group=listed.group,
                           student_number=listed.student_number)
        try:
            identity = accounts.personal_data(user_id)
        except NotFound:
            identity = {}
        return Learner(first_name=str(identity.get("first_name") or ""), last_name=str(identity.get("last_name") or ""),
                       reconciled=False)

    def divisions_and_groups(self, organization_id: str) -> tuple[list[str], list[str]]:
        return service_learners.divisions_and_groups(organization_id)

    def consume_credit(self, organization_id: str, user_id: str, at: datetime) -> bool:
        return orga.consume_credit(organization_id, user_id, at)

    def start_test(self, user_id: str, participation_id: str, skills: frozenset[str],
                   retry: str | None = None) -> None:
        evaluation.start_campaign_assessment(user_id, participation_id, skills,
                                             "reset" if retry == "reset" else "improve" if retry else None)

    def test_state(self, user_id: str, participation_id: str) -> AssessmentState | None:
        state = evaluation.campaign_assessment(user_id, participation_id)
        if state is None:
            return None
        if state.status == "completed":
            return AssessmentState(finished=True, progress=1.0)
        return AssessmentState(finished=False, progress=state.assessed_share)  # the profile's skills assessed

    def outcome(self, user_id: str, participation_id: str) -> tuple[frozenset[str], frozenset[str]]:
        return evaluation.campaign_outcome(user_id, participation_id)

    def profile_now(self, user_id: str) -> ProfileNow:
        competences = evaluation.personal_data(user_id)["competences"]  # level and pix per competence
        return ProfileNow(levels={c["competence"]: int(c["level"]) for c in competences},
                          pix_by_competence={c["competence"]: int(c["pix"]) for c in competences})


_current: Sources = DefaultSources()


def current() -> Sources:
    return _current


def use(sources: Sources) -> Sources:
    """Swap the sources (tests); returns the previous ones."""
    global _current
    previous, _current = _current, sources
    return previous
