"""The v2 certification course: eligibility, the choice of challenges, and the runner strategy that plays it."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.certif import course
from chalicelib.certif.course import CertificationCourse, Planned, eligibility, generate
from chalicelib.content.api import Status, get_release
from chalicelib.content.model import make_release
from chalicelib.engine.checking import AnswerStatus, right_answer
from chalicelib.evaluation import runner

RELEASE = get_release()
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class P:
    competence: str
    level: int
    validated_skills: frozenset[str]


def skills(competence, max_level=8, min_level=1):
    return frozenset(s.name for s in RELEASE.skills_of_competence(competence) if min_level <= s.level <= max_level)


def full_profile(level=3, competences=None):
    """Each competence at `level`, every skill up to level+1 validated (as after a good evaluation)."""
    codes = competences or list(RELEASE.competences)
    return [P(code, level, skills(code, level + 1)) for code in codes]


# ------------------------------------------------------------------------------------------------ eligibility


@pytest.mark.parametrize(("levels", "eligible", "tested", "missing"), [
    ({}, False, (), 5),
    ({"1.1": 1, "1.2": 2, "2.1": 1, "3.1": 4}, False, ("1.1", "1.2", "2.1", "3.1"), 1),
    ({"1.1": 1, "1.2": 2, "2.1": 1, "3.1": 4, "5.2": 0}, False, ("1.1", "1.2", "2.1", "3.1"), 1),
    ({"5.2": 1, "1.1": 1, "1.2": 2, "2.1": 1, "3.1": 4}, True, ("1.1", "1.2", "2.1", "3.1", "5.2"), 0),
    ({code: 2 for code in RELEASE.competences}, True, tuple(sorted(RELEASE.competences)), 0),
])
def test_eligibility_is_level_one_in_five_competences(levels, eligible, tested, missing):
    assert eligibility(levels) == course.Eligibility(eligible, tested, missing)


# ------------------------------------------------------------------------------------------------ the choice


def test_three_challenges_per_competence_at_level_one_or_more_in_competence_order():
    profile = full_profile(3, ["3.2", "1.1", "2.1", "4.1", "5.1"]) + [P("1.2", 0, skills("1.2", 2))]
    planned = generate(RELEASE, profile, frozenset(), "seed")
    assert [p.competence for p in planned] == ["1.1"] * 3 + ["2.1"] * 3 + ["3.2"] * 3 + ["4.1"] * 3 + ["5.1"] * 3
    assert len(planned) == 15
    assert len({p.challenge_id for p in planned}) == 15


def test_a_whole_profile_gives_48_challenges_of_validated_skills_at_or_below_the_level_hardest_first():
    profile = full_profile(3)
    planned = generate(RELEASE, profile, frozenset(), "seed")
    assert len(planned) == 48
    by_code = {p.competence: p for p in profile}
    for p in planned:
        challenge = RELEASE.challenges[p.challenge_id]
        assert challenge.status is Status.VALIDATED and challenge.skill == p.skill
        assert p.skill in by_code[p.competence].validated_skills
        assert p.level <= 3
    for code in RELEASE.competences:
        levels = [p.level for p in planned if p.competence == code]
        assert levels == sorted(levels, reverse=True)
        # the hardest group first: nothing easier is asked while a harder skill was left out
        available = sorted((s.level for s in RELEASE.skills_of_competence(code) if s.level <= 3), reverse=True)
        assert levels == available[:3]


def test_the_course_is_the_same_for_the_same_seed_and_differs_with_another():
    profile = full_profile(4)
    first = generate(RELEASE, profile, frozenset(), "session-1/candidate-1")
    assert generate(RELEASE, list(reversed(profile)), frozenset(), "session-1/candidate-1") == first
    others = {generate(RELEASE, profile, frozenset(), f"seed-{i}") for i in range(5)}
    assert len(others) > 1


def test_challenges_already_answered_right_are_avoided_when_another_exists():
    profile = full_profile(3, ["1.1", "1.2", "2.1", "3.1", "4.1"])
    first = generate(RELEASE, profile, frozenset(), "s")
    seen = frozenset(p.challenge_id for p in first)
    second = generate(RELEASE, profile, seen, "s")
    assert [p.skill for p in second] == [p.skill for p in first]  # same skills: the skill order draws first
    for old, new in zip(first, second, strict=True):
        if len(RELEASE.challenges_of(old.skill)) > 1:
            assert new.challenge_id != old.challenge_id
    every = frozenset(RELEASE.challenges)  # all answered right before: still one per skill
    assert len(generate(RELEASE, profile, every, "s")) == 15


def test_no_two_challenges_of_an_overlap_pair_in_one_course():
    # Pairs across two skills of a competence: a profile of just those two skills makes the course pick one
    # challenge in each, so without the rule some seeds would ask both challenges of the pair.
    pairs = sorted({
        (c.skill, RELEASE.challenges[other].skill) for c in RELEASE.challenges.values() for other in c.excludes
        if RELEASE.challenges[other].skill != c.skill and c.status is Status.VALIDATED
        and RELEASE.challenges[other].status is Status.VALIDATED
    })
    assert pairs, "the release records overlap pairs across skills"
    for first, second in pairs[:20]:
        competence = RELEASE.skills[first].competence
        level = max(RELEASE.skills[first].level, RELEASE.skills[second].level)
        profile = [P(competence, level, frozenset({first, second}))]
        for seed in range(20):
            asked = [p.challenge_id for p in generate(RELEASE, profile, frozenset(), str(seed))]
            assert len(asked) == 2 and not RELEASE.excluded_by(asked) & set(asked), (first, second, seed)


def _tube_of(skill):
    return RELEASE.skills[skill].tube


def test_tubes_not_yet_used_are_preferred_at_an_easier_level():
    # 1.1 at level 3: @rechercheRequete3 is the only level-3 skill validated; at level 2 the same tube competes
    # with two others: the two other tubes are always taken.
    validated = frozenset({"@rechercheRequete3", "@rechercheRequete2", "@rechercheResultats2", "@sourceFiabilite2"})
    for i in range(30):
        planned = generate(RELEASE, [P("1.1", 3, validated)], frozenset(), f"seed-{i}")
        assert [p.skill for p in planned][0] == "@rechercheRequete3"
        assert {p.skill for p in planned[1:]} == {"@rechercheResultats2", "@sourceFiabilite2"}


def test_inside_a_level_the_order_of_skills_is_random():
    validated = frozenset(s for s in skills("1.1") if RELEASE.skills[s].level == 3)
    assert len(validated) > 3
    drawn = {tuple(p.skill for p in generate(RELEASE, [P("1.1", 3, validated)], frozenset(), f"s{i}"))
             for i in range(20)}
    assert len(drawn) > 3


def test_validated_skills_above_the_level_complete_a_short_competence_easiest_first():
    validated = frozenset({"@rechercheRequete1", "@rechercheRequete5", "@sourceFiabilite6", "@veilleFlux4"})
    planned = generate(RELEASE, [P("1.1", 1, validated)], frozenset(), "s")
    assert [p.skill for p in planned] == ["@rechercheRequete1", "@veilleFlux4", "@rechercheRequete5"]


def test_fewer_than_three_when_fewer_validated_skills_and_foreign_or_unknown_skills_are_ignored():
    validated = frozenset({"@rechercheRequete2", "@unknownTube3", next(iter(skills("2.1", 2)))})
    planned = generate(RELEASE, [P("1.1", 2, validated)], frozenset(), "s")
    assert [p.skill for p in planned] == ["@rechercheRequete2"]


def test_only_validated_challenges_are_asked():
    skill = "@rechercheRequete2"
    drafted = {c.id for c in RELEASE.challenges_of(skill)[:-1]}
    release = make_release(
        RELEASE.version, RELEASE.checksum, RELEASE.levels, RELEASE.domains, RELEASE.competences.values(),
        RELEASE.tubes.values(), RELEASE.skills.values(),
        [replace(c, status=Status.DRAFT) if c.id in drafted else c for c in RELEASE.challenges.values()],
        RELEASE.tutorials.values(), RELEASE.attachments,
    )
    for i in range(10):
        planned = generate(release, [P("1.1", 2, frozenset({skill}))], frozenset(), f"s{i}")
        assert [p.challenge_id for p in planned] == [RELEASE.challenges_of(skill)[-1].id]
    no_challenge = frozenset({skill})
    release_without = make_release(
        RELEASE.version, RELEASE.checksum, RELEASE.levels, RELEASE.domains, RELEASE.competences.values(),
        RELEASE.tubes.values(), RELEASE.skills.values(),
        [replace(c, status=Status.ARCHIVED) if c.skill == skill else c for c in RELEASE.challenges.values()],
        RELEASE.tutorials.values(), RELEASE.attachments,
    )
    assert generate(release_without, [P("1.1", 2, no_challenge)], frozenset(), "s") == ()


def test_features_of_a_challenge():
    challenges = list(RELEASE.challenges.values())
    with_image = next(c for c in challenges if c.illustration)
    with_file = next(c for c in challenges if c.attachments)
    with_timer = next(c for c in challenges if c.timer)
    focused = next(c for c in challenges if c.focused)
    assert course.features_of(with_image).image and course.features_of(with_file).attachment
    assert course.features_of(with_timer).timer and course.features_of(focused).focused
    plain = next(c for c in challenges if not (c.illustration or c.attachments or c.timer or c.focused))
    assert course.features_of(plain) == course.Features()


@pytest.mark.parametrize(("extra", "limit"), [
    (0, timedelta(minutes=105)), (30, timedelta(minutes=136, seconds=30)), (100, timedelta(minutes=210)),
])
def test_the_time_limit_is_1h45_plus_extra_time(extra, limit):
    assert course.time_limit(extra) == limit


def test_negative_extra_time_is_refused():
    with pytest.raises(ValueError):
        course.time_limit(-10)


# ------------------------------------------------------------------------------------------------ the runner


def _right(challenge_id, assessment_id):
    from chalicelib.content.api import answer_for_display

    challenge = RELEASE.challenges[challenge_id]
    return runner.Given(challenge_id, answer_for_display(challenge, assessment_id, right_answer(challenge.solution)))


def test_the_runner_plays_the_course_in_order_to_the_end():
    planned: tuple[Planned, ...] = generate(RELEASE, full_profile(2, ["1.1", "1.2", "2.1", "3.1", "4.1"]),
                                             frozenset(), "s")
    strategy = CertificationCourse(tuple(p.challenge_id for p in planned), course.time_limit())
    assessment = runner.start(strategy, None, "u.course", T0)
    served = []
    now = T0
    while not assessment.completed:
        assert strategy.remaining(assessment, None) == len(planned) - len(served)
        served.append(assessment.served)
        now += timedelta(minutes=1)
        step = runner.answer(strategy, assessment, None, _right(assessment.served, assessment.id),
                             RELEASE.challenges, now)
        assessment = step.assessment
    assert served == [p.challenge_id for p in planned]
    assert strategy.remaining(assessment, None) == 0
    assert strategy.outcome(assessment, None) == tuple((p.challenge_id, "ok") for p in planned)
    assert strategy.in_scope(planned[0].challenge_id) and not strategy.in_scope("nope")


def test_the_time_limit_with_extra_time_ends_the_course():
    ids = tuple(p.challenge_id for p in generate(RELEASE, full_profile(2, ["1.1"]), frozenset(), "s"))
    strategy = CertificationCourse(ids, course.time_limit(20))  # 126 min
    assessment = runner.start(strategy, None, "u.c", T0)
    step = runner.answer(strategy, assessment, None, _right(ids[0], "u.c"), RELEASE.challenges,
                         T0 + timedelta(minutes=120))
    assert step.answered.result is AnswerStatus.OK and not step.assessment.completed
    assert strategy.deadline(step.assessment) == T0 + timedelta(minutes=126)
    late = runner.answer(strategy, step.assessment, None, _right(ids[1], "u.c"), RELEASE.challenges,
                         T0 + timedelta(minutes=127))
    assert late.answered.result is AnswerStatus.TIMEDOUT and late.assessment.completed
    assert strategy.outcome(late.assessment, None) == ((ids[0], "ok"), (ids[1], "timedout"))
    resumed = runner.resume(strategy, step.assessment, T0 + timedelta(minutes=200))
    assert resumed.completed


# ------------------------------------------------------------------------------------------------ from the profile


def test_the_positioned_profile_from_the_evaluation_room_feeds_the_course():
    from chalicelib.engine.knowledge import apply_answer
    from chalicelib.engine.knowledge import empty as empty_knowledge
    from chalicelib.evaluation import api as evaluation_api
    from chalicelib.evaluation import store
    from chalicelib.evaluation.domain import CompetenceProgress, RecordedAnswer
    from chalicelib.evaluation.store_memory import InMemoryEvaluationStore

    memory = InMemoryEvaluationStore()
    store.use_store(memory)
    try:
        knowledge = empty_knowledge("1.1")
        for tube in ("rechercheRequete", "rechercheResultats", "sourceFiabilite"):
            levels = [s.level for s in RELEASE.skills_of_tube(tube)]
            knowledge = apply_answer(knowledge, tube, 4, levels, "ok", T0)
        memory.save_competence(CompetenceProgress("u1", "1.1", knowledge, version=1))
        right = RELEASE.challenges_of("@rechercheRequete4")[0].id
        wrong = RELEASE.challenges_of("@rechercheResultats4")[0].id
        for number, (cid, result) in enumerate([(right, "ok"), (wrong, "ko")], 1):
            memory.record_answer(RecordedAnswer("u1", "1.1", "u1.a", number, cid, result, None, False, 1000, T0),
                                 CompetenceProgress("u1", "1.1", knowledge, version=number + 1))
        profile, answered_right = evaluation_api.positioned_profile("u1")
        assert answered_right == frozenset({right})
        [one] = profile
        assert one.competence == "1.1" and one.level >= 1 and one.pix >= 8
        assert "@rechercheRequete4" in one.validated_skills and "@rechercheRequete1" in one.validated_skills
        planned = generate(RELEASE, profile, answered_right, "s")
        assert len(planned) == 3 and all(p.skill in one.validated_skills for p in planned)
        assert evaluation_api.positioned_profile("nobody") == ([], frozenset())
    finally:
        store.use_store(None)
