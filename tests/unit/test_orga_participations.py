"""Participation rules: who may start, multiple sendings, the sharing snapshot, progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from chalicelib.orga import participations as p

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
CAMPAIGN = p.CampaignFacts(campaign_id="c1", organization_id="o1", type=p.ASSESSMENT)
WITH_ID = replace(CAMPAIGN, external_id_label="Matricule", external_id_type="TEXT")
MULTIPLE = replace(CAMPAIGN, multiple_sendings=True, resettable=True)


def participation(status: str = p.SHARED, shared_days_ago: int = 1, **changes: object) -> p.Participation:
    base = p.Participation(participation_id=p.participation_id("u1", 1, "c1"), campaign_id="c1",
                           organization_id="o1", user_id="u1", sending=1, status=status,
                           created_at=NOW - timedelta(days=10), external_id="M-7",
                           shared_at=NOW - timedelta(days=shared_days_ago) if status == p.SHARED else None)
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(("campaign", "previous", "external", "reconciled", "reset", "kind", "code"), [
    (replace(CAMPAIGN, deleted=True), None, None, True, False, NotFound, "CAMPAIGN_NOT_FOUND"),
    (replace(CAMPAIGN, archived=True), None, None, True, False, Conflict, "CAMPAIGN_ARCHIVED"),
    (replace(CAMPAIGN, restricted=True), None, None, False, False, Forbidden, "PARTICIPANT_NOT_RECONCILED"),
    (CAMPAIGN, participation(p.STARTED), None, True, False, Conflict, "PARTICIPATION_IN_PROGRESS"),
    (MULTIPLE, participation(p.STARTED), None, True, False, Conflict, "PARTICIPATION_IN_PROGRESS"),
    (CAMPAIGN, participation(), None, True, False, Conflict, "CAMPAIGN_ALREADY_SHARED"),
    (WITH_ID, None, None, True, False, Invalid, "EXTERNAL_ID_REQUIRED"),
    (WITH_ID, None, "   ", True, False, Invalid, "EXTERNAL_ID_REQUIRED"),
    (WITH_ID, None, "x" * 256, True, False, Invalid, "EXTERNAL_ID_TOO_LONG"),
    (replace(WITH_ID, external_id_type="EMAIL"), None, "pas-une-adresse", True, False, Invalid,
     "EXTERNAL_ID_NOT_EMAIL"),
    (MULTIPLE, participation(shared_days_ago=3), None, True, True, Conflict, "PARTICIPATION_RESET_TOO_SOON"),
    (replace(MULTIPLE, resettable=False), participation(shared_days_ago=9), None, True, True, Conflict,
     "PARTICIPATION_NOT_RESETTABLE"),
    (MULTIPLE, None, None, True, True, Conflict, "PARTICIPATION_NOT_RESETTABLE"),
])
def test_refused_starts(campaign: p.CampaignFacts, previous: p.Participation | None, external: str | None,
                        reconciled: bool, reset: bool, kind: type[DomainError], code: str) -> None:
    with pytest.raises(kind) as refused:
        p.decide_start(campaign, previous, external, NOW, reconciled=reconciled, reset=reset)
    assert refused.value.code == code


def test_a_first_start_keeps_the_trimmed_external_id() -> None:
    decision = p.decide_start(WITH_ID, None, "  M-7 ", NOW, reconciled=True)
    assert (decision.sending, decision.external_id, decision.reset, decision.replaces) == (1, "M-7", False, None)


def test_a_campaign_without_external_id_ignores_one_given() -> None:
    assert p.decide_start(CAMPAIGN, None, "whatever", NOW, reconciled=True).external_id is None


def test_improving_reuses_the_external_id_and_replaces_the_previous_sending() -> None:
    previous = participation()
    decision = p.decide_start(replace(MULTIPLE, external_id_label="Matricule"), previous, None, NOW,
                              reconciled=True)
    assert (decision.sending, decision.external_id, decision.reset, decision.replaces) == (2, "M-7", False, previous)


def test_a_reset_waits_four_days_after_sharing() -> None:
    assert p.decide_start(MULTIPLE, participation(shared_days_ago=4), None, NOW, reconciled=True, reset=True).reset
    assert p.can_reset(MULTIPLE, participation(shared_days_ago=4), NOW)
    assert not p.can_reset(MULTIPLE, participation(shared_days_ago=3), NOW)
    assert p.can_improve(MULTIPLE, participation(shared_days_ago=0))
    assert not p.can_improve(CAMPAIGN, participation())


def test_a_deleted_participation_does_not_block_a_new_start() -> None:
    decision = p.decide_start(CAMPAIGN, participation(deleted_at=NOW), None, NOW, reconciled=True)
    assert decision.sending == 2 and decision.replaces is None


@pytest.mark.parametrize(("current", "finished", "code"), [
    (participation(), True, "PARTICIPATION_ALREADY_SHARED"),
    (participation(p.STARTED), False, "PARTICIPATION_NOT_FINISHED"),
    (participation(p.STARTED, deleted_at=NOW), True, "PARTICIPATION_NOT_FOUND"),
])
def test_refused_shares(current: p.Participation, finished: bool, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        p.check_share(current, finished=finished)
    assert refused.value.code == code


def test_the_assessment_snapshot_counts_only_the_profile_s_skills() -> None:
    profile = {"@rech1": "1.1", "@rech2": "1.1", "@donnees1": "1.2", "@mail3": "2.1"}
    snap = p.assessment_snapshot(profile, validated={"@rech1", "@donnees1", "@horsprofil4"},
                                 tested={"@rech2", "@rech1", "@horsprofil4"}, pix=12, stage=2, badges=["b1"])
    assert snap.mastery_rate == 0.5
    assert snap.validated_skills == ("@donnees1", "@rech1")
    assert dict(snap.validated_by_competence) == {"1.1": 1, "1.2": 1}
    assert dict(snap.tested_by_competence) == {"1.1": 2, "1.2": 1}
    assert (snap.pix, snap.stage, snap.badges) == (12, 2, ("b1",))


@pytest.mark.parametrize(("levels", "certifiable"), [
    ({"1.1": 1, "1.2": 1, "2.1": 2, "3.1": 1, "4.1": 3}, True),
    ({"1.1": 1, "1.2": 1, "2.1": 2, "3.1": 1, "4.1": 0}, False),
])
def test_the_collection_snapshot(levels: dict[str, int], certifiable: bool) -> None:
    pix = {code: level * 8 for code, level in levels.items()}
    snap = p.collection_snapshot(levels, pix)
    assert snap.certifiable is certifiable
    assert snap.pix == sum(pix.values())
    assert snap.mastery_rate == pytest.approx(snap.pix / 1024)


@pytest.mark.parametrize(("assessed", "finished", "expected"), [
    (set(), False, 0.0), ({"@a1", "@zz9"}, False, 0.25), ({"@a1"}, True, 1.0),
])
def test_progress(assessed: set[str], finished: bool, expected: float) -> None:
    assert p.progress(["@a1", "@a2", "@b1", "@b2"], assessed, finished=finished) == expected


def test_participation_ids_are_their_keys() -> None:
    pid = p.participation_id("u-1", 3, "camp.x")
    assert p.parse_participation_id(pid) == ("u-1", 3, "camp.x")
    assert p.parse_participation_id("nonsense") is None
    assert p.parse_participation_id("u.x.c") is None
