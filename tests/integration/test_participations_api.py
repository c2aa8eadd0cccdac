"""A campaign through the real app on moto: the learner finds it by code, gives the external id, takes the
test (the runner's routes), shares; a member of the organisation reads the results and exports them as a job.
The campaign itself comes from a test source (the campaigns part is another's); the rest is real."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine.checking import right_answer
from chalicelib.memberships import api as memberships
from chalicelib.orga import participations as rules
from chalicelib.orga import sources_default
from chalicelib.orga.participation_sources import CampaignView
from chalicelib.orga.sources_default import DefaultSources
from chalicelib.orga.target_profiles import Badge, BadgeCriterion, CappedTube, Stage, TargetProfile
from tests.integration.test_evaluation_api import sign_up

R, S, H = "rechercheRequete", "sourceFiabilite", "hameconnageIndice"
PROFILE = TargetProfile(
    "tp-api", "Culture numérique", "COMPETENCES", "", None, (CappedTube(R, 3), CappedTube(S, 3), CappedTube(H, 2)),
    "mastery", (Stage(0, "Départ", "m0"), Stage(30, "Bronze", "m1"), Stage(60, "Argent", "m2")),
    (Badge("b1", "SECU", "Sécurité", "Bravo", None, False, (BadgeCriterion("tubes", 100, (CappedTube(H, 2),)),)),),
    True, frozenset(), False, False, None, datetime(2026, 1, 1, tzinfo=UTC))
CAMPAIGN = CampaignView(
    facts=rules.CampaignFacts(campaign_id="camp-api", organization_id="org-api", type=rules.ASSESSMENT,
                              external_id_label="Numéro de matricule", external_id_type="TEXT"),
    code="QWERTY123", name="Rentrée 2026", organization_name="Lycée Voltaire", organization_type="PRO",
    title="Votre rentrée numérique", landing_text="Bienvenue !", result_text="Merci", target_profile_id="tp-api")
BASE = "/api/organizations/org-api/campaigns/camp-api"


class ApiSources(DefaultSources):
    def campaign(self, campaign_id: str) -> CampaignView | None:
        return CAMPAIGN if campaign_id == CAMPAIGN.campaign_id else None

    def campaign_by_code(self, code: str) -> CampaignView | None:
        return CAMPAIGN if code == CAMPAIGN.code else None

    def mark_participated(self, campaign_id: str) -> None:
        return None

    def profile(self, profile_id: str) -> TargetProfile | None:
        return PROFILE if profile_id == PROFILE.id else None


@pytest.fixture
def sources() -> Iterator[None]:
    previous = sources_default.use(ApiSources())
    yield
    sources_default.use(previous)


def take_the_test(api, token: str, pid: str) -> None:
    path = f"/api/campaign-assessments/{pid}"
    status, state, _ = api.call("GET", path, token=token)
    assert status == 200, state
    for _ in range(60):
        if state["status"] == "completed":
            return
        challenge = get_release().challenges[state["challenge"]["id"]]
        body = {"assessment_id": state["assessment_id"], "challenge_id": challenge.id, "skipped": challenge.level > 1}
        if challenge.level <= 1:
            body["answer"] = answer_for_display(challenge, state["assessment_id"], right_answer(challenge.solution))
        status, outcome, _ = api.call("POST", path + "/answers", body, token=token)
        assert status == 200, outcome
        state = outcome["assessment"]
    raise AssertionError("the test never ended")


def test_a_campaign_from_the_code_to_the_export(api, deliver, sources) -> None:
    token, user_id = sign_up(api)
    assert api.call("POST", "/api/campaigns/by-code", {"code": "ZZZZZZ999"})[0] == 404
    assert api.call("POST", "/api/campaigns/by-code", {"code": "QWERTY12"})[0] == 400
    status, landing, _ = api.call("POST", "/api/campaigns/by-code", {"code": "qwerty123"})
    assert status == 200 and landing["title"] == "Votre rentrée numérique"
    status, mine, _ = api.call("GET", "/api/campaigns/QWERTY123/my-participation", token=token)
    assert status == 200 and mine["status"] == "NONE" and mine["external_id_needed"]
    status, refused, _ = api.call("POST", "/api/campaigns/QWERTY123/participations", {}, token=token)
    assert status == 400 and refused["error"]["code"] == "EXTERNAL_ID_REQUIRED"
    status, started, _ = api.call("POST", "/api/campaigns/QWERTY123/participations", {"external_id": "M-7"},
                                  token=token)
    assert status == 201 and started["status"] == "STARTED" and not started["finished"]
    pid = started["participation_id"]
    status, early, _ = api.call("POST", f"/api/campaign-participations/{pid}/share", token=token)
    assert status == 409 and early["error"]["code"] == "PARTICIPATION_NOT_FINISHED"
    take_the_test(api, token, pid)
    status, done, _ = api.call("GET", f"/api/campaign-participations/{pid}", token=token)
    assert status == 200 and done["finished"] and done["result"]["stage"]["total"] == 2
    status, shared, _ = api.call("POST", f"/api/campaign-participations/{pid}/share", token=token)
    assert status == 200 and shared["status"] == "SHARED"
    assert api.call("POST", f"/api/campaign-participations/{pid}/share", token=token)[0] == 409
    status, again, _ = api.call("POST", "/api/campaigns/QWERTY123/participations", {}, token=token)
    assert status == 409 and again["error"]["code"] == "CAMPAIGN_ALREADY_SHARED"
    status, home, _ = api.call("GET", "/api/me/campaign-participations", token=token)
    assert [c["code"] for c in home["campaigns"]] == ["QWERTY123"]

    member_token, member_id = sign_up(api, "prof@example.org")
    stranger_token, stranger_id = sign_up(api, "autre@example.org")
    memberships.add_member("organization", "org-api", member_id, "MEMBER")
    memberships.add_member("organization", "org-other", stranger_id, "MEMBER")
    assert api.call("GET", BASE + "/participants", token=stranger_token)[0] == 403
    status, page, _ = api.call("GET", BASE + "/participants", token=member_token)
    assert status == 200 and page["total"] == 1 and page["participants"][0]["external_id"] == "M-7"
    status, result, _ = api.call("GET", f"{BASE}/participants/{pid}", token=member_token)
    assert status == 200 and result["result"]["mastery_rate"] == done["result"]["mastery_rate"]
    status, activity, _ = api.call("GET", BASE + "/activity", token=member_token)
    assert status == 200 and (activity["participants"], activity["shared"]) == (1, 1)
    status, results, _ = api.call("GET", BASE + "/results", token=member_token)
    assert status == 200 and results["shared"] == 1
    status, analysis, _ = api.call("GET", BASE + "/analysis", token=member_token)
    assert status == 200 and len(analysis["tubes"]) == 3
    assert api.call("GET", "/api/organizations/org-other/campaigns/camp-api/activity", token=stranger_token)[0] == 404

    status, job, _ = api.call("POST", BASE + "/exports", token=member_token)
    assert status == 202 and job["kind"] == "campaign-export"
    assert deliver() >= 1
    status, finished, _ = api.call("GET", f"/api/jobs/{job['id']}", token=member_token)
    assert status == 200 and finished["state"] == "done", finished
    assert api.call("GET", f"/api/jobs/{job['id']}", token=stranger_token)[0] == 404
    download = requests.get(finished["download_url"], timeout=10)
    text = download.content.decode("utf-8")
    assert text.startswith("\ufeff")
    heading, row = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    line = dict(zip(heading, row, strict=True))
    assert line["Code"] == "QWERTY123" and line["Numéro de matricule"] == "M-7" and line["Partage (O/N)"] == "Oui"
    assert line["Nom du Participant"] == "Roux" and line["Prénom du Participant"] == "Léa"
    assert line["Palier obtenu (/2)"] == str(result["result"]["stage"]["reached"])
