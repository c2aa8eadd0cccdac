"""The campaign assessment: the engine's target-profile selection, the strategy on the runner, and the use
cases on the in-memory store (start, resume, answers counting in the profile, replays, concurrent writers,
a storage that does not answer, checkpoints, the end and its outcome)."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib import clock
from chalicelib.content.api import answer_for_display
from chalicelib.content.release import get_release
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import targeting
from chalicelib.engine.checking import right_answer
from chalicelib.engine.selection import Answer
from chalicelib.errors import Conflict, Forbidden, NotFound, Unavailable
from chalicelib.evaluation import api, schemas, service_campaign, store
from chalicelib.evaluation.bank import campaign_assessment, get_bank
from chalicelib.evaluation.domain import CompetenceProgress
from chalicelib.evaluation.store import unavailable
from chalicelib.evaluation.store_memory import InMemoryEvaluationStore

USER = "learner-1"
PART = "part-0001"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def profile(size: int = 30, competences: int = 5, cap: int = 4) -> frozenset[str]:
    """A target profile from real tubes: the first tubes of the first competences, capped at `cap`."""
    bank = get_bank()
    tubes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for skill in sorted(bank.skills.values(), key=lambda s: (s.competence, s.tube, s.level)):
        if skill.level <= cap and any(i.skill == skill.name for i in bank.items_of(skill.competence)):
            tubes[skill.competence][skill.tube].append(skill.name)
    chosen: list[str] = []
    for tube_index in range(8):
        for competence in sorted(tubes)[:competences]:
            names = list(tubes[competence].values())
            if tube_index < len(names):
                chosen.extend(names[tube_index])
    return frozenset(chosen[:size])


SKILLS = profile()


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def later(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def now(monkeypatch) -> Clock:
    fixed = Clock()
    monkeypatch.setattr(clock, "now", lambda: fixed.at)
    return fixed


@pytest.fixture
def memory(now) -> InMemoryEvaluationStore:
    fake = InMemoryEvaluationStore()
    store.use_store(fake)
    yield fake
    store.use_store(None)


def request(state, *, skipped: bool = False, challenge_id: str | None = None) -> schemas.AnswerRequest:
    challenge_id = challenge_id or state.challenge.id
    challenge = get_release().challenges[challenge_id]
    value = None if skipped else answer_for_display(challenge, state.assessment_id, right_answer(challenge.solution))
    return schemas.AnswerRequest(assessment_id=state.assessment_id, challenge_id=challenge_id, answer=value,
                                 skipped=skipped)


def a_learner_of_level(state, level: int = 3) -> schemas.AnswerRequest:
    """Right up to `level`, skipped above it."""
    return request(state, skipped=get_release().challenges[state.challenge.id].level > level)


# --- the engine --------------------------------------------------------------------------------------


def test_the_profile_is_30_skills_over_5_competences():
    bank = get_bank()
    assert len(SKILLS) == 30
    assert len({bank.skills[name].competence for name in SKILLS}) == 5


def test_the_engine_asks_only_open_skills_of_the_profile_and_is_deterministic():
    bank = get_bank()
    known = {code: knowledge_rules.empty(code) for code in campaign_assessment(SKILLS).competences}
    first = targeting.next_challenge(bank, SKILLS, [], known, seed="a.1")
    assert first is not None and bank.items[first].skill in SKILLS and not bank.items[first].timed
    assert targeting.next_challenge(bank, SKILLS, [], known, seed="a.1") == first
    # once a skill is known (here: every skill of the profile but one tube's), only the others are asked
    tube = bank.items[first].tube
    filled = dict(known)
    for name in SKILLS:
        skill = bank.skills[name]
        if skill.tube != tube:
            filled[skill.competence] = knowledge_rules.apply_answer(
                filled[skill.competence], skill.tube, skill.level, bank.tube_levels(skill.tube), "ok", T0
            )
    for seed in range(10):
        found = targeting.next_challenge(bank, SKILLS, [], filled, seed=seed)
        assert found is not None and bank.items[found].tube == tube
    assert 1 <= targeting.remaining(bank, SKILLS, [], filled) <= 3


def test_the_engine_stops_when_every_skill_is_known_or_at_its_maximum():
    bank = get_bank()
    codes = campaign_assessment(SKILLS).competences
    known = {code: knowledge_rules.empty(code) for code in codes}
    for name in SKILLS:
        skill = bank.skills[name]
        known[skill.competence] = knowledge_rules.apply_answer(
            known[skill.competence], skill.tube, skill.level, bank.tube_levels(skill.tube), "ko", T0
        )
    assert targeting.next_challenge(bank, SKILLS, [], known) is None
    assert targeting.remaining(bank, SKILLS, [], known) == 0
    empty = {code: knowledge_rules.empty(code) for code in codes}
    asked = [Answer(f"c{k}", "ok") for k in range(targeting.CAMPAIGN.max_length)]
    assert targeting.next_challenge(bank, SKILLS, asked, empty) is None


def test_expected_mastery_follows_the_answers():
    bank = get_bank()
    empty = {code: knowledge_rules.empty(code) for code in campaign_assessment(SKILLS).competences}
    before = targeting.expected_mastery(bank, SKILLS, [], empty)
    low = sorted(SKILLS, key=lambda name: bank.skills[name].level)[0]
    item = next(i for i in bank.items.values() if i.skill == low)
    failed = targeting.expected_mastery(bank, SKILLS, [Answer(item.challenge_id, "ko")], empty)
    passed = targeting.expected_mastery(bank, SKILLS, [Answer(item.challenge_id, "ok")], empty)
    assert 0.0 < failed < before < passed < 1.0


# --- the use cases -----------------------------------------------------------------------------------


def test_start_serves_a_challenge_of_the_profile_and_starting_again_resumes_it(memory):
    first = api.start_campaign_assessment(USER, PART, SKILLS)
    assert first.status == "started" and not first.resumed and first.participation_id == PART
    assert get_bank().items[first.challenge.id].skill in SKILLS
    assert first.progress.answered == 0 and first.progress.estimated_remaining >= 10
    again = api.start_campaign_assessment(USER, PART, SKILLS - {next(iter(SKILLS))})
    assert again.resumed and again.assessment_id == first.assessment_id and again.challenge == first.challenge
    assert memory.writes == 1
    assert api.campaign_assessment(USER, PART) == first
    assert api.campaign_assessment(USER, "another") is None


def test_an_answer_is_one_read_and_one_write_and_counts_in_the_profile(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    reads, writes = memory.reads, memory.writes
    outcome = service_campaign.answer(USER, PART, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1 and outcome.checkpoint is None
    assert 0 < outcome.assessment.assessed_share < 1 and state.assessed_share == 0
    assert (memory.reads - reads, memory.writes - writes) == (1, 1)
    challenge = get_release().challenges[state.challenge.id]
    (recorded,) = memory.answers(USER)
    assert (recorded.number, recorded.competence) == (1, challenge.competence)
    assert recorded.assessment_id == state.assessment_id
    knowledge = memory.competences_[(USER, challenge.competence)].knowledge
    assert knowledge.element(challenge.tube, challenge.level).validated  # the profile knows it now


def test_what_the_learner_already_knows_is_not_asked_again(memory, now):
    bank = get_bank()
    by_competence = defaultdict(list)
    for name in SKILLS:
        by_competence[bank.skills[name].competence].append(bank.skills[name])
    code, skills = sorted(by_competence.items())[0]
    knowledge = knowledge_rules.empty(code)
    for skill in skills:
        knowledge = knowledge_rules.apply_answer(knowledge, skill.tube, skill.level, (skill.level,), "ok", T0)
    memory.competences_[(USER, code)] = CompetenceProgress(USER, code, knowledge, version=1)
    now.later(days=1)
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    served = []
    while state.status == "started":
        served.append(state.challenge.id)
        state = service_campaign.answer(USER, PART, a_learner_of_level(state)).assessment
    assert not {bank.items[c].skill for c in served} & {s.name for s in skills}
    validated, tested = api.campaign_outcome(USER, PART)
    assert {s.name for s in skills} <= validated and tested == SKILLS


def test_a_whole_campaign_test_checkpoints_every_5_and_ends_when_every_skill_is_known(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    checkpoints = []
    while state.status == "started":
        outcome = service_campaign.answer(USER, PART, a_learner_of_level(state))
        if outcome.checkpoint:
            checkpoints.append([a.number for a in outcome.checkpoint.answers])
        state = outcome.assessment
        assert state.status == "completed" or state.progress.estimated_remaining >= 1
    answered = state.progress.answered
    assert 8 <= answered <= 30  # inference settles several skills per answer
    assert checkpoints[0] == [1, 2, 3, 4, 5] and checkpoints[-1][-1] == answered
    assert state.progress.estimated_remaining == 0 and state.challenge is None
    validated, tested = api.campaign_outcome(USER, PART)
    assert tested == SKILLS and validated
    assert state.results == schemas.CampaignResultSummary(
        skills=30, tested=30, validated=len(validated), mastery_rate=round(len(validated) / 30, 4)
    )
    assert {get_bank().skills[s].level for s in validated} <= {1, 2, 3}
    last = service_campaign.checkpoint(USER, PART)
    assert last.answers and last.answers[-1].number == answered
    with pytest.raises(Conflict) as refused:
        service_campaign.answer(USER, PART, request(state, challenge_id=next(iter(get_release().challenges))))
    assert refused.value.code == "EVALUATION_COMPLETED"
    assert api.start_campaign_assessment(USER, PART, SKILLS).status == "completed"


def test_a_double_submitted_answer_is_recorded_once_with_the_same_outcome(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    first = api.answer_campaign_challenge(USER, PART, request(state))
    second = service_campaign.answer(USER, PART, request(state))
    assert first == second
    assert len(memory.answers(USER)) == 1


def test_a_concurrent_writer_of_the_same_answer_is_replayed(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    memory.before_write = lambda: service_campaign.answer(USER, PART, request(state))  # the double click
    outcome = service_campaign.answer(USER, PART, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1
    assert len(memory.answers(USER)) == 1


def test_another_tab_changing_the_same_competence_is_a_conflict(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    code = get_release().challenges[state.challenge.id].competence

    def another_tab_writes() -> None:  # a competence evaluation of the same competence, say
        memory.competences_[(USER, code)] = CompetenceProgress(USER, code, knowledge_rules.empty(code), version=1)

    memory.before_write = another_tab_writes
    with pytest.raises(Conflict) as refused:
        service_campaign.answer(USER, PART, request(state))
    assert refused.value.code == "CONCURRENT_UPDATE"
    assert memory.answers(USER) == [] and memory.campaigns_[(USER, PART)].assessment.answers == ()


def test_another_tab_answering_first_is_a_conflict(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)

    def another_tab_writes() -> None:  # a newer version of the test, without this answer
        memory.campaigns_[(USER, PART)] = memory.campaigns_[(USER, PART)].changed()

    memory.before_write = another_tab_writes
    with pytest.raises(Conflict) as refused:
        service_campaign.answer(USER, PART, request(state))
    assert refused.value.code == "CONCURRENT_UPDATE"
    assert memory.answers(USER) == []


def test_a_storage_timeout_after_the_write_replays_the_recorded_answer(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    memory.fail_writes, memory.lost_response = unavailable(), True
    outcome = service_campaign.answer(USER, PART, request(state))
    assert outcome.result == "ok" and outcome.assessment.progress.answered == 1
    assert len(memory.answers(USER)) == 1


def test_a_storage_timeout_before_the_write_asks_to_try_again(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    memory.fail_writes = unavailable()
    with pytest.raises(Unavailable) as refused:
        service_campaign.answer(USER, PART, request(state))
    assert refused.value.code == "STORAGE_UNAVAILABLE"
    assert memory.answers(USER) == []
    assert service_campaign.answer(USER, PART, request(state)).result == "ok"


def test_two_tabs_starting_at_once_share_one_test(memory):
    memory.before_write = lambda: api.start_campaign_assessment(USER, PART, SKILLS)
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    assert state.resumed and state.assessment_id == memory.campaigns_[(USER, PART)].assessment.id


def test_someone_elses_assessment_or_participation_is_refused_unread(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    reads = memory.reads
    with pytest.raises(Forbidden):
        service_campaign.answer("intruder", PART, request(state))
    assert memory.reads == reads
    with pytest.raises(NotFound) as missing:
        service_campaign.state("intruder", PART)
    assert missing.value.code == "CAMPAIGN_ASSESSMENT_NOT_FOUND"
    with pytest.raises(NotFound):
        service_campaign.state(USER, "x" * 101)
    other = next(c for c in get_release().challenges if c != state.challenge.id)
    with pytest.raises(Conflict) as refused:
        service_campaign.answer(USER, PART, request(state, challenge_id=other))
    assert refused.value.code == "NOT_THE_CURRENT_CHALLENGE"


def test_a_profile_without_a_known_skill_is_refused(memory):
    with pytest.raises(Conflict) as refused:
        api.start_campaign_assessment(USER, PART, frozenset({"@nothing1"}))
    assert refused.value.code == "TARGET_PROFILE_EMPTY"


def test_problem_reports_are_for_the_tests_challenges(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    body = schemas.ProblemReportRequest(challenge_id=state.challenge.id, category="instruction")
    assert service_campaign.report_problem(USER, PART, body).report_id
    outside = next(i.challenge_id for i in get_bank().items.values() if i.skill not in SKILLS)
    with pytest.raises(NotFound):
        service_campaign.report_problem(USER, PART, body.model_copy(update={"challenge_id": outside}))


def test_the_learners_data_export_holds_their_campaign_tests(memory):
    state = api.start_campaign_assessment(USER, PART, SKILLS)
    service_campaign.answer(USER, PART, request(state))
    (found,) = api.personal_data(USER)["campaign_assessments"]
    assert (found["participation_id"], found["assessment_id"], found["answered"]) == (PART, state.assessment_id, 1)
    assert found["skills"] == sorted(SKILLS) and found["status"] == "started"
    assert [a["assessment_id"] for a in api.personal_data(USER)["answers"]] == [state.assessment_id]


def test_without_forgets_the_skills_or_only_their_old_failures():
    old, recent = T0 - timedelta(days=10), T0
    known = knowledge_rules.apply_answer(knowledge_rules.empty("1.1"), "t", 3, (1, 2, 3, 4, 5), "ko", old)
    known = knowledge_rules.apply_answer(known, "t", 2, (1, 2, 3, 4, 5), "ok", old)
    known = knowledge_rules.apply_answer(known, "u", 1, (1, 2), "ko", recent)
    skills = [("t", 2), ("t", 3), ("t", 4), ("u", 1)]
    improved = knowledge_rules.without(known, skills, failed_before=T0 - timedelta(days=4))
    kept = [(tube, level) for tube, level, _ in improved.elements()]
    assert kept == [("t", 1), ("t", 2), ("t", 5), ("u", 1), ("u", 2)]
    reset = knowledge_rules.without(known, skills)
    assert [(tube, level) for tube, level, _ in reset.elements()] == [("t", 1), ("t", 5), ("u", 2)]
    assert reset.last_answer_at == known.last_answer_at


def finish(participation: str, level: int = 2):
    state = api.start_campaign_assessment(USER, participation, SKILLS)
    while state.status == "started":
        state = service_campaign.answer(USER, participation, a_learner_of_level(state, level)).assessment
    return state


def test_a_new_sending_starts_from_what_is_known_and_a_retry_forgets_as_asked(memory, now):
    bank = get_bank()
    finish("first")
    validated, tested = api.campaign_outcome(USER, "first")
    failed = tested - validated
    assert failed and validated
    # a second participation over the same profile: everything is known, nothing to ask
    assert api.start_campaign_assessment(USER, "second", SKILLS).status == "completed"
    # improving within 4 days of the failures: they still count
    now.later(days=1)
    assert api.start_campaign_assessment(USER, "third", SKILLS, retry="improve").status == "completed"
    # 4 days later: the failures are asked again, the validated skills are not
    now.later(days=4)
    writes = memory.writes
    state = api.start_campaign_assessment(USER, "fourth", SKILLS, retry="improve")
    assert memory.writes == writes + 1  # the test and the forgotten failures, in one write
    asked = set()
    while state.status == "started":
        asked.add(bank.items[state.challenge.id].skill)
        state = service_campaign.answer(USER, "fourth", a_learner_of_level(state, 2)).assessment
    assert asked and asked <= failed
    assert api.campaign_outcome(USER, "fourth")[1] == SKILLS
    # a reset forgets every element of the profile's skills: the test starts from nothing
    state = api.start_campaign_assessment(USER, "fifth", SKILLS, retry="reset")
    assert state.status == "started" and state.progress.estimated_remaining >= 10
    assert api.campaign_outcome(USER, "fifth") == (frozenset(), frozenset())


def test_known_skills_read_the_profile_without_a_test(memory):
    state = api.start_campaign_assessment(USER, "first", SKILLS)
    service_campaign.answer(USER, "first", request(state))
    validated, tested = api.known_skills(USER, SKILLS)
    assert get_bank().items[state.challenge.id].skill in validated and validated <= tested <= SKILLS
