"""Participation use cases on the in-memory store, with fake campaigns, profile, test and learners."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.errors import Conflict, DomainError, NotFound
from chalicelib.orga import participations as rules
from chalicelib.orga import service_participations as service
from chalicelib.orga import sources_default as sources
from chalicelib.orga.participation_sources import AssessmentState, CampaignView, Learner, ProfileNow
from chalicelib.orga.store import participations as store
from chalicelib.orga.store.participations_memory import MemoryParticipations
from chalicelib.orga.target_profiles import Badge, BadgeCriterion, CappedTube, Stage, TargetProfile

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
R, S, H = "rechercheRequete", "sourceFiabilite", "hameconnageIndice"
PROFILE = TargetProfile(
    "tp", "Culture", "COMPETENCES", "", None, (CappedTube(R, 3), CappedTube(S, 3), CappedTube(H, 2)), "mastery",
    (Stage(0, "Départ", "m0"), Stage(30, "Bronze", "m1"), Stage(60, "Argent", "m2")),
    (Badge("b1", "SECURITE", "Sécurité", "Bravo", None, False, (BadgeCriterion("tubes", 100, (CappedTube(H, 2),)),)),),
    True, frozenset(), False, True, None, T0)


def campaign(campaign_id: str = "c1", code: str = "ABCDEF123", org: str = "o1", **facts: object) -> CampaignView:
    kind = str(facts.pop("type", rules.ASSESSMENT))
    return CampaignView(
        facts=replace(rules.CampaignFacts(campaign_id=campaign_id, organization_id=org, type=kind), **facts),  # type: ignore[arg-type]
        code=code, name="Rentrée", organization_name="Lycée", organization_type="SCO", title="Titre",
        landing_text="Bienvenue", result_text="Merci", result_button_text="Suite", result_button_url="https://x.fr",
        target_profile_id="tp" if kind == rules.ASSESSMENT else None)


@dataclass
class FakeSources:
    campaigns: dict[str, CampaignView] = field(default_factory=dict)
    tests: dict[str, bool] = field(default_factory=dict)  # participation -> finished
    validated: frozenset[str] = frozenset({f"@{H}1", f"@{H}2", f"@{R}1"})
    participated: set[str] = field(default_factory=set)
    started_with: dict[str, frozenset[str]] = field(default_factory=dict)
    credits_asked: list[tuple[str, str]] = field(default_factory=list)  # (organisation, user) per start
    credits_at: list[datetime] = field(default_factory=list)  # the start's date each credit was counted at
    credit_fails: bool = False  # the credits part is down
    retries: dict[str, str | None] = field(default_factory=dict)  # participation -> the test's retry

    def campaign(self, campaign_id: str) -> CampaignView | None:
        return self.campaigns.get(campaign_id)

    def campaign_by_code(self, code: str) -> CampaignView | None:
        return next((c for c in self.campaigns.values() if c.code == code), None)

    def mark_participated(self, campaign_id: str) -> None:
        self.participated.add(campaign_id)

    def profile(self, profile_id: str) -> TargetProfile | None:
        return PROFILE if profile_id == "tp" else None

    def learner(self, user_id: str, organization_id: str) -> Learner:
        listed = user_id != "stranger"
        return Learner(first_name=f"Prénom {user_id}", last_name=f"Nom {user_id}", reconciled=listed,
                       learner_id=f"L-{user_id}" if listed else None, division="2nde A" if listed else None,
                       group="G1" if user_id.endswith("1") else None)

    def divisions_and_groups(self, organization_id: str) -> tuple[list[str], list[str]]:
        return ["2nde A"], ["G1"]

    def consume_credit(self, organization_id: str, user_id: str, at: datetime) -> bool:
        if self.credit_fails:
            raise RuntimeError("credits unavailable")
        self.credits_asked.append((organization_id, user_id))
        self.credits_at.append(at)
        return True

    def start_test(self, user_id: str, participation_id: str, skills: frozenset[str],
                   retry: str | None = None) -> None:
        self.tests.setdefault(participation_id, False)
        self.started_with[participation_id] = skills
        self.retries.setdefault(participation_id, retry)

    def test_state(self, user_id: str, participation_id: str) -> AssessmentState | None:
        if participation_id not in self.tests:
            return None
        finished = self.tests[participation_id]
        return AssessmentState(finished=finished, progress=1.0 if finished else 0.3)

    def outcome(self, user_id: str, participation_id: str) -> tuple[frozenset[str], frozenset[str]]:
        return self.validated, self.validated | {f"@{S}2"}

    def profile_now(self, user_id: str) -> ProfileNow:
        return ProfileNow(levels={"1.1": 2, "1.2": 1, "2.1": 1, "3.1": 1, "4.1": 1},
                          pix_by_competence={"1.1": 20, "1.2": 8, "2.1": 8, "3.1": 8, "4.1": 8})


@pytest.fixture
def fake() -> Iterator[FakeSources]:
    found = FakeSources()
    for c in (campaign(), campaign("c2", "COLLEC234", type=rules.PROFILES_COLLECTION),
              campaign("c3", "IDENTI345", external_id_label="Matricule", external_id_type="TEXT",
                       multiple_sendings=True),
              campaign("c4", "ARCHIV456", archived=True), campaign("c5", "OTHERO567", org="o2")):
        found.campaigns[c.campaign_id] = c
    previous_sources = sources.use(found)
    previous_store = store.use(MemoryParticipations())
    yield found
    sources.use(previous_sources)
    store.use(previous_store)


@pytest.fixture
def clock_at(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    now = [T0]
    monkeypatch.setattr("chalicelib.clock.now", lambda: now[0])
    yield now


def finish(fake: FakeSources, pid: str | None) -> None:
    assert pid is not None
    fake.tests[pid] = True


def test_a_learner_starts_takes_the_test_and_shares(fake: FakeSources, clock_at: list[datetime]) -> None:
    assert service.find_campaign("abcdef123").title == "Titre"
    state = service.start("u1", "ABCDEF123", None)
    assert (state.status, state.finished, state.progress) == ("STARTED", False, 0.3)
    assert fake.participated == {"c1"}
    assert fake.started_with[state.participation_id or ""] == frozenset(
        {f"@{R}1", f"@{R}2", f"@{R}3", f"@{S}2", f"@{S}3", f"@{H}1", f"@{H}2"})
    finish(fake, state.participation_id)
    done = service.my_participation("u1", "ABCDEF123")
    assert done.finished and done.result is not None and done.status == "STARTED"
    assert round(done.result.mastery_rate, 2) == round(3 / 7, 2)
    assert done.result.stage is not None and (done.result.stage.reached, done.result.stage.title) == (1, "Bronze")
    assert [b.title for b in done.result.badges] == ["Sécurité"]
    shared = service.share("u1", done.participation_id or "")
    assert shared.status == "SHARED" and shared.shared_at == T0.isoformat()
    with pytest.raises(Conflict) as twice:
        service.share("u1", done.participation_id or "")
    assert twice.value.code == "PARTICIPATION_ALREADY_SHARED"
    assert [c.status for c in service.my_campaigns("u1").campaigns] == ["SHARED"]


def test_sharing_before_the_end_or_someone_else_s_is_refused(fake: FakeSources, clock_at: list[datetime]) -> None:
    state = service.start("u1", "ABCDEF123", None)
    pid = state.participation_id or ""
    with pytest.raises(Conflict) as early:
        service.share("u1", pid)
    assert early.value.code == "PARTICIPATION_NOT_FINISHED"
    with pytest.raises(NotFound):
        service.share("u2", pid)


@pytest.mark.parametrize(("code", "error"), [
    ("ZZZZZZ999", "CAMPAIGN_NOT_FOUND"), ("ARCHIV456", "CAMPAIGN_ARCHIVED"),
])
def test_unknown_or_archived_codes(fake: FakeSources, code: str, error: str) -> None:
    with pytest.raises(DomainError) as refused:
        service.find_campaign(code)
    assert refused.value.code == error


def test_external_id_and_multiple_sendings(fake: FakeSources, clock_at: list[datetime]) -> None:
    assert service.my_participation("u1", "IDENTI345").external_id_needed
    with pytest.raises(DomainError) as missing:
        service.start("u1", "IDENTI345", None)
    assert missing.value.code == "EXTERNAL_ID_REQUIRED"
    first = service.start("u1", "IDENTI345", "M-42")
    finish(fake, first.participation_id)
    assert service.share("u1", first.participation_id or "").can_improve
    clock_at[0] = T0 + timedelta(hours=1)
    second = service.start("u1", "IDENTI345", None)
    assert (second.sending, second.status) == (2, "STARTED")
    sendings = store.current().sendings("u1", "c3")
    assert [(p.improved, p.external_id) for p in sendings] == [(True, "M-42"), (False, "M-42")]


def test_a_profiles_collection_sends_the_profile(fake: FakeSources, clock_at: list[datetime]) -> None:
    state = service.start("u1", "COLLEC234", None)
    assert state.finished and state.result is not None and state.result.certifiable
    shared = service.share("u1", state.participation_id or "")
    assert shared.result is not None and shared.result.pix == 52
    assert shared.result.mastery_rate == pytest.approx(52 / 1024)


def test_two_starts_at_once_make_one_participation_and_one_credit(fake: FakeSources,
                                                                   clock_at: list[datetime]) -> None:
    outcomes: list[str] = []

    def go() -> None:
        try:
            service.start("u1", "ABCDEF123", None)
            outcomes.append("ok")
        except Conflict as refused:
            outcomes.append(refused.code or "")

    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["PARTICIPATION_IN_PROGRESS"] * 5 + ["ok"]
    memory = store.current()
    assert isinstance(memory, MemoryParticipations)
    assert memory.writes == 1
    assert fake.credits_asked == [("o1", "u1")]  # the refused starts asked the credits part nothing


def test_each_written_start_asks_the_credits_part_of_its_organisation(fake: FakeSources,
                                                                      clock_at: list[datetime]) -> None:
    # whether a start consumes (a first start in the organisation, or a year later) is the credits part's rule
    service.start("u1", "ABCDEF123", None)
    service.start("u1", "COLLEC234", None)
    service.start("u2", "OTHERO567", None)
    with pytest.raises(Conflict):
        service.start("u1", "ABCDEF123", None)
    assert fake.credits_asked == [("o1", "u1"), ("o1", "u1"), ("o2", "u2")]


def shared_participants(fake: FakeSources, clock_at: list[datetime], n: int) -> list[str]:
    pids = []
    for i in range(n):
        state = service.start(f"u{i}", "ABCDEF123", None)
        finish(fake, state.participation_id)
        if i % 2 == 0:
            service.share(f"u{i}", state.participation_id or "")
        pids.append(state.participation_id or "")
    return pids


def test_the_organisation_s_lists_results_and_analysis(fake: FakeSources, clock_at: list[datetime]) -> None:
    pids = shared_participants(fake, clock_at, 5)
    page = service.participants("o1", "c1", {"limit": "2"})
    assert page.total == 5 and len(page.participants) == 2 and page.next_cursor
    rest = service.participants("o1", "c1", {"limit": "2", "cursor": page.next_cursor})
    assert [p.last_name for p in rest.participants] == ["Nom u2", "Nom u3"]
    with pytest.raises(DomainError):  # a cursor is bound to its filters
        service.participants("o1", "c1", {"limit": "2", "cursor": page.next_cursor, "search": "u"})
    assert service.participants("o1", "c1", {"search": "prenom U4"}).total == 1
    assert service.participants("o1", "c1", {"stage": "1"}).total == 3
    assert service.participants("o1", "c1", {"badge": "b1"}).total == 3
    assert service.participants("o1", "c1", {"division": "2nde B"}).total == 0
    activity = service.activity("o1", "c1")
    assert (activity.participants, activity.started, activity.shared) == (5, 2, 3)
    assert activity.by_day[0].model_dump() == {"day": "2026-03-02", "started": 5, "shared": 3}
    collective = service.collective_results("o1", "c1")
    assert collective.shared == 3 and collective.mastery_rate == round(3 / 7, 4)
    ranked = service.analysis("o1", "c1").tubes
    assert ranked[0].need >= ranked[-1].need and ranked[-1].tube == H
    result = service.participant_result("o1", "c1", pids[0])
    assert result.result is not None and result.participant.first_name == "Prénom u0"
    assert service.participant_result("o1", "c1", pids[1]).result is None  # not shared: nothing to see
    service.delete_participation("o1", "c1", pids[0])
    assert service.activity("o1", "c1").participants == 4
    assert service.collective_results("o1", "c1").shared == 2


@pytest.mark.parametrize("call", [
    lambda: service.participants("o2", "c1", {}),
    lambda: service.activity("o2", "c1"),
    lambda: service.collective_results("o2", "c1"),
    lambda: service.participant_result("o2", "c1", "u0.1.c1"),
    lambda: service.participant_result("o1", "c1", "u0.1.c5"),
])
def test_another_organisation_finds_nothing(fake: FakeSources, clock_at: list[datetime], call: object) -> None:
    shared_participants(fake, clock_at, 1)
    with pytest.raises(NotFound):
        call()  # type: ignore[operator]


def test_the_export_job_writes_the_campaign_s_csv(fake: FakeSources, clock_at: list[datetime]) -> None:
    import csv
    import io

    from chalicelib.orga import export_job

    shared_participants(fake, clock_at, 3)
    out = io.BytesIO()
    count = export_job.write(fake.campaigns["c1"], PROFILE, out)
    text = out.getvalue().decode("utf-8")
    assert count == 3 and text.startswith("\ufeff")
    heading, *rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert heading[:5] == ["Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne", "Parcours"]
    assert "Palier obtenu (/2)" in heading and "Sécurité obtenu (O/N)" in heading
    assert "% de maîtrise des acquis du domaine 4 Protection et sécurité" in heading
    by_name = {r[5]: dict(zip(heading, r, strict=True)) for r in rows}
    assert by_name["Nom u0"]["Partage (O/N)"] == "Oui" and by_name["Nom u0"]["Palier obtenu (/2)"] == "1"
    assert by_name["Nom u0"]["Sécurité obtenu (O/N)"] == "Oui"
    assert by_name["Nom u1"]["Partage (O/N)"] == "Non" and by_name["Nom u1"]["Palier obtenu (/2)"] == "NA"
    assert by_name["Nom u0"]["% maîtrise de l'ensemble des acquis du profil"] == "0,43"


def test_the_default_source_reconciles_a_linked_active_learner_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The restricted-campaign hook reads the learner lists: linked and active = reconciled (the list's names);
    linked but disabled by a later SIECLE file, or not linked = not reconciled (the account's names)."""
    from datetime import date

    from chalicelib.orga import import_job
    from chalicelib.orga.imports import ImportedLearner
    from chalicelib.orga.learners import ImportRequest
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_reconciliation import reconcile_account
    from chalicelib.orga.store import learners as learner_store
    from chalicelib.orga.store.learners_memory import MemoryLearners

    def pupil(ine: str, first: str) -> ImportedLearner:
        return ImportedLearner(line=2, first_name=first, last_name="Lefèvre", birth_date=date(2011, 3, 14),
                               national_id=ine, sex="F", division="4A")

    previous = learner_store.use(MemoryLearners())
    monkeypatch.setattr(sources.accounts, "personal_data", lambda user_id: {"first_name": "Compte", "last_name": "X"})
    try:
        import_job.write_list(ImportRequest("job1", "org-sco", "siecle", "add"),
                              [pupil("070000001AA", "Chloé"), pupil("070000002BB", "Hugo")])
        for user, first in (("u-chloe", "Chloé"), ("u-hugo", "Hugo")):
            reconcile_account("org-sco", user, Claim(date(2011, 3, 14), first, "Lefèvre"),
                              lambda user_id: (None, "login.1403"))
        import_job.write_list(ImportRequest("job2", "org-sco", "siecle", "add"), [pupil("070000001AA", "Chloé")])
        real = sources.DefaultSources()
        chloe = real.learner("u-chloe", "org-sco")
        assert (chloe.reconciled, chloe.first_name, chloe.last_name) == (True, "Chloé", "Lefèvre")
        assert chloe.division == "4A" and chloe.learner_id is not None
        assert not real.learner("u-hugo", "org-sco").reconciled  # Hugo left: his learner is disabled
        stranger = real.learner("u-nobody", "org-sco")
        assert (stranger.reconciled, stranger.first_name) == (False, "Compte")
    finally:
        learner_store.use(previous)


def test_a_start_records_the_listed_learner_with_class_and_group(fake: FakeSources, clock_at: list[datetime]) -> None:
    service.start("u1", "ABCDEF123", None)
    service.start("u2", "ABCDEF123", None)
    written = store.current().sendings("u1", "c1")[0]
    assert (written.learner_id, written.division, written.group) == ("L-u1", "2nde A", "G1")
    page = service.participants("o1", "c1", {"group": "G1"})
    assert [p.last_name for p in page.participants] == ["Nom u1"] and page.groups == ["G1"]
    assert service.participants("o1", "c1", {"division": "2nde A"}).total == 2


def test_a_reset_starts_the_test_from_nothing_and_an_improvement_asks_again(fake: FakeSources,
                                                                               clock_at: list[datetime]) -> None:
    first = service.start("u1", "IDENTI345", "M-42")
    assert fake.retries[first.participation_id or ""] is None
    finish(fake, first.participation_id)
    service.share("u1", first.participation_id or "")
    with pytest.raises(Conflict) as early:
        service.start("u1", "IDENTI345", None, reset=True)
    assert early.value.code == "PARTICIPATION_RESET_TOO_SOON"
    clock_at[0] = T0 + timedelta(days=4, minutes=1)
    assert service.my_participation("u1", "IDENTI345").can_reset
    second = service.start("u1", "IDENTI345", None, reset=True)
    assert second.sending == 2 and fake.retries[second.participation_id or ""] == "reset"
    assert store.current().sendings("u1", "c3")[1].reset
    finish(fake, second.participation_id)
    service.share("u1", second.participation_id or "")
    third = service.start("u1", "IDENTI345", None)
    assert fake.retries[third.participation_id or ""] == "improve"


def test_a_failed_credit_stays_pending_and_is_counted_once_on_a_later_read(fake: FakeSources,
                                                                             clock_at: list[datetime]) -> None:
    fake.credit_fails = True
    state = service.start("u1", "ABCDEF123", None)  # the start stands: the learner is not made to wait
    assert state.status == "STARTED" and store.current().sendings("u1", "c1")[0].credit_pending
    service.my_participation("u1", "ABCDEF123")  # still down: still pending, nothing lost
    assert store.current().sendings("u1", "c1")[0].credit_pending and fake.credits_asked == []
    fake.credit_fails = False
    clock_at[0] = T0 + timedelta(hours=2)
    service.activity("o1", "c1")  # the organisation's activity reads every participation: it completes it
    assert not store.current().sendings("u1", "c1")[0].credit_pending
    assert fake.credits_asked == [("o1", "u1")] and fake.credits_at == [T0]  # counted as of the start
    service.my_participation("u1", "ABCDEF123")
    service.activity("o1", "c1")
    assert fake.credits_asked == [("o1", "u1")]  # once


def test_a_credit_whose_mark_was_not_cleared_is_asked_again_at_the_same_date(fake: FakeSources,
                                                                            clock_at: list[datetime],
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    memory = store.current()
    assert isinstance(memory, MemoryParticipations)

    def lost(p: rules.Participation) -> None:
        raise TimeoutError("no answer")

    monkeypatch.setattr(memory, "credit_settled", lost)
    service.start("u1", "ABCDEF123", None)
    monkeypatch.undo()
    clock_at[0] = T0 + timedelta(days=1)
    service.my_participation("u1", "ABCDEF123")
    # asked again for one start (the start's own read, the later one), always at its date: the credits part's
    # cover makes the repeats consume nothing
    assert fake.credits_at == [T0, T0, T0] and not store.current().sendings("u1", "c1")[0].credit_pending


def test_the_participants_list_is_a_keyed_name_ordered_read(fake: FakeSources, clock_at: list[datetime],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(23):
        service.start(f"u{i}", "ABCDEF123", None)
    memory = store.current()
    assert isinstance(memory, MemoryParticipations)

    def whole_campaign(campaign_id: str) -> Iterator[rules.Participation]:
        raise AssertionError("the list read the whole campaign")

    monkeypatch.setattr(memory, "of_campaign", whole_campaign)
    monkeypatch.setattr(store, "READ_BUDGET", 4)  # a filtered page reads at most 4 rows
    expected = sorted((f"Nom u{i}" for i in range(23)), key=store.folded)
    seen, cursor, pages = [], None, 0
    while True:
        page = service.participants("o1", "c1", {"limit": "5", **({"cursor": cursor} if cursor else {})})
        assert (page.total == 23) == (cursor is None) and len(page.participants) <= 5
        seen += [p.last_name for p in page.participants]
        cursor, pages = page.next_cursor, pages + 1
        if cursor is None:
            break
    assert seen == expected and pages == 5
    found, cursor = [], None
    while True:  # "u1" matches u1, u10…u19: 11 of 23, read 4 rows at most per page
        page = service.participants("o1", "c1", {"search": "u1", **({"cursor": cursor} if cursor else {})})
        assert page.total is None and len(page.participants) <= 4
        found += [p.last_name for p in page.participants]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert found == [name for name in expected if "u1" in name]
