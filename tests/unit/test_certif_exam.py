"""The certification test on the in-memory stores: joining, entering, the invigilator's authorisation (spent at
each entry), the course (v2, generated once), answers recorded once, reports, the time limit, the end, and the
invigilator's portal (password, rate limit, live list)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from argon2 import PasswordHasher

from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.certif import (
    exam,
    members,
    service_centres,
    service_exam,
    service_sessions,
    service_supervision,
    sessions,
    store,
)
from chalicelib.certif import schemas_exam as s
from chalicelib.certif.candidates import Input
from chalicelib.certif.store import exam as exam_store
from chalicelib.certif.store.memory import MemoryCertifStore
from chalicelib.certif.store.memory_courses import MemoryCourseStore
from chalicelib.content.api import answer_for_display, get_release
from chalicelib.engine.checking import right_answer
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound, TooManyAttempts
from chalicelib.evaluation.api import PositionedCompetence

USER, OTHER = "user-candidate", "user-other"


def positioned(codes: list[str], level: int = 3) -> list[PositionedCompetence]:
    release = get_release()
    profile = []
    for code in codes:
        skills = frozenset(
            sk.name for sk in release.skills_of_competence(code) if sk.level <= level and release.challenges_of(sk.name)
        )
        profile.append(PositionedCompetence(code, level, 8 * level, skills))
    return profile


ELIGIBLE = [c for c in get_release().competences][:6]


@pytest.fixture
def world(monkeypatch, frozen):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(members, "invite_admin", lambda *a, **k: None)
    memory = MemoryCertifStore()
    previous, previous_exam = store.use(memory), exam_store.use(MemoryCourseStore(memory))
    previous_admin = admin_store.use(admin_store.Stores(trail=MemoryTrail()))
    profiles = {USER: positioned(ELIGIBLE), OTHER: positioned(ELIGIBLE[:3])}
    monkeypatch.setattr(service_exam.evaluation, "positioned_profile",
                        lambda user_id: (profiles.get(user_id, []), frozenset()))
    centre = service_centres.create("Lycée Jean Moulin", "SCO", "operator-1")
    created = service_sessions.create(centre.id, sessions.details("Lycée", "Salle 1", frozen[0].date(), time(9),
                                                                  "Mme Durand"))
    from chalicelib.certif import service_candidates

    pupil = Input(last_name="Lefèvre", first_name="Éloïse", sex="F", birth_date=date(2009, 5, 17),
                  birth_insee_code="69123", extra_time_percentage=30)
    other = Input(last_name="Martin", first_name="Paul", sex="M", birth_date=date(2009, 1, 2),
                  birth_insee_code="69123")
    candidate = service_candidates.enrol(centre.id, created.session.id, pupil)
    second = service_candidates.enrol(centre.id, created.session.id, other)
    yield {"session": created.session, "password": created.invigilator_password, "candidate": candidate,
           "second": second, "now": frozen, "profiles": profiles, "memory": memory}
    store.use(previous)
    exam_store.use(previous_exam)
    admin_store.use(previous_admin)


def _join(world, user=USER, last="LEFEVRE", first="eloise", born=date(2009, 5, 17)):
    return service_exam.join(user, world["session"].id, last, first, born)


def _authorised_start(world, course_id):
    service_exam.enter(USER, course_id, world["session"].access_code.lower())
    service_supervision.authorise(world["session"].id, world["candidate"].id)
    return service_exam.start(USER, course_id)


def _right(running: s.Running, entry: str | None = None) -> s.CourseAnswer:
    challenge = get_release().challenges[running.challenge.id]
    return s.CourseAnswer(entry_id=entry or running.entry_id or "", challenge_id=challenge.id,
                          answer=answer_for_display(challenge, running.course_id, right_answer(challenge.solution)))


def test_eligibility_names_the_tested_competences_and_what_is_missing(world):
    mine = service_exam.eligibility(USER)
    assert mine.eligible and [c.code for c in mine.tested] == sorted(ELIGIBLE) and mine.missing == 0
    other = service_exam.eligibility(OTHER)
    assert not other.eligible and other.missing == 2 and other.course_id is None


def test_joining_matches_names_without_accents_or_case_and_links_the_account(world):
    state = _join(world)
    assert state.status == "linked" and state.course_id == f"{world['session'].id}-{world['candidate'].id}"
    linked = next(c for c in world["memory"].candidates(world["session"].id) if c.id == world["candidate"].id)
    assert linked.user_id == USER
    assert _join(world).course_id == state.course_id  # idempotent
    assert service_exam.eligibility(USER).course_id == state.course_id
    with pytest.raises(Conflict) as taken:
        world["profiles"]["user-3"] = positioned(ELIGIBLE)
        _join(world, user="user-3")
    assert taken.value.code == "CERTIFICATION_CANDIDATE_TAKEN"


@pytest.mark.parametrize(("args", "code"), [
    ({"last": "Lefebvre"}, "CERTIFICATION_CANDIDATE_NOT_FOUND"),
    ({"born": date(2009, 5, 18)}, "CERTIFICATION_CANDIDATE_NOT_FOUND"),
    ({"user": OTHER}, "CERTIFICATION_NOT_ELIGIBLE"),
])
def test_a_wrong_identity_or_a_learner_not_eligible_is_refused(world, args, code):
    with pytest.raises((NotFound, Conflict)) as refused:
        _join(world, **args)
    assert refused.value.code == code


def test_an_unknown_or_finalised_session_is_refused(world):
    with pytest.raises(NotFound) as unknown:
        service_exam.join(USER, "12345678", "Lefèvre", "Éloïse", date(2009, 5, 17))
    assert unknown.value.code == "CERTIFICATION_SESSION_NOT_FOUND"
    memory = world["memory"]
    session = memory.session(world["session"].id)
    memory.save_session(session.__class__(**{**{f: getattr(session, f) for f in session.__dataclass_fields__},
                                             "finalised_at": world["now"][0]}))
    with pytest.raises(Conflict) as closed:
        _join(world)
    assert closed.value.code == "CERTIFICATION_SESSION_CLOSED"


def test_the_access_code_then_the_invigilator_then_the_start(world):
    course_id = _join(world).course_id
    with pytest.raises(Invalid) as wrong:
        service_exam.enter(USER, course_id, "BCDF22")
    assert wrong.value.code == "CERTIFICATION_ACCESS_CODE_WRONG"
    assert service_exam.enter(USER, course_id, world["session"].access_code).status == "waiting"
    with pytest.raises(Conflict) as early:
        service_exam.start(USER, course_id)
    assert early.value.code == "CERTIFICATION_NOT_AUTHORISED"
    row = service_supervision.authorise(world["session"].id, world["candidate"].id)
    assert row.status == "authorised"
    running = service_exam.start(USER, course_id)
    assert running.entry_id and running.challenge is not None and running.number == 1
    assert 15 <= running.total <= 48
    # 1 h 45 + 30 % of extra time from the first start
    assert running.ends_at == world["now"][0] + timedelta(minutes=105) * 1.3
    assert world["memory"].session(world["session"].id).started_at == world["now"][0]
    with pytest.raises(Conflict):  # the authorisation is spent
        service_exam.start(USER, course_id)


def test_a_course_is_answered_to_the_end_each_answer_recorded_once(world):
    course_id = _join(world).course_id
    running = _authorised_start(world, course_id)
    entry = running.entry_id
    planned = exam_store.current().course(world["session"].id, world["candidate"].id).planned
    count = 0
    while running.status == "started":
        given = _right(running, entry)
        again = service_exam.answer(USER, course_id, given)
        assert service_exam.answer(USER, course_id, given) == again  # a replay: same outcome, recorded once
        running = again
        count += 1
    assert running.ended_by == "finished" and running.challenge is None and count == len(planned)
    answers = exam_store.current().answers(world["session"].id, world["candidate"].id)
    assert [a.number for a in answers] == list(range(1, count + 1))
    assert [a.challenge_id for a in answers] == [p.challenge_id for p in planned]
    assert all(a.result == "ok" for a in answers)
    with pytest.raises(Conflict) as over:
        service_exam.enter(USER, course_id, world["session"].access_code)
    assert over.value.code == "CERTIFICATION_COMPLETED"


def test_a_resume_needs_a_new_entry_and_a_new_authorisation_and_serves_the_same_course(world):
    course_id = _join(world).course_id
    first = _authorised_start(world, course_id)
    after_one = service_exam.answer(USER, course_id, _right(first, first.entry_id))
    planned = exam_store.current().course(world["session"].id, world["candidate"].id).planned
    # the page is reloaded: it enters again, and its old entry can no longer answer
    service_exam.enter(USER, course_id, world["session"].access_code)
    with pytest.raises(Conflict) as stale:
        service_exam.answer(USER, course_id, _right(after_one, first.entry_id))
    assert stale.value.code == "CERTIFICATION_NOT_AUTHORISED"
    assert service_supervision.live(world["session"].id).candidates[0].status == "waiting"
    service_supervision.authorise(world["session"].id, world["candidate"].id)
    resumed = service_exam.start(USER, course_id)
    assert resumed.entry_id != first.entry_id and resumed.challenge.id == after_one.challenge.id
    assert resumed.number == 2 and resumed.ends_at == first.ends_at
    assert exam_store.current().course(world["session"].id, world["candidate"].id).planned == planned


def test_the_time_limit_is_the_servers(world):
    course_id = _join(world).course_id
    running = _authorised_start(world, course_id)
    world["now"][0] = running.ends_at + timedelta(seconds=30)
    late = service_exam.answer(USER, course_id, _right(running))
    assert late.status == "completed" and late.ended_by == "time"
    assert exam_store.current().answers(world["session"].id, world["candidate"].id)[0].result == "timedout"
    with pytest.raises(Conflict) as over:
        service_exam.enter(USER, course_id, world["session"].access_code)
    assert over.value.code == "CERTIFICATION_TIME_OVER"


def test_a_report_is_kept_with_its_question_and_shown_to_the_invigilator(world):
    course_id = _join(world).course_id
    running = _authorised_start(world, course_id)
    received = service_exam.report(USER, course_id, s.CourseReport(
        entry_id=running.entry_id, category="IN_CHALLENGE", subcategory="IMAGE_NOT_DISPLAYING"))
    assert received.question_number == 1
    with pytest.raises(Invalid):
        service_exam.report(USER, course_id, s.CourseReport(entry_id=running.entry_id, category="IN_CHALLENGE"))
    row = service_supervision.live(world["session"].id).candidates[0]
    assert [(r.category, r.subcategory, r.question_number) for r in row.reports] == [
        ("IN_CHALLENGE", "IMAGE_NOT_DISPLAYING", 1)]
    assert row.status == "in_progress" and row.answered == 0 and row.total == running.total


def test_the_invigilator_ends_a_test(world):
    course_id = _join(world).course_id
    running = _authorised_start(world, course_id)
    with pytest.raises(NotFound):  # the other candidate has not entered
        service_supervision.authorise(world["session"].id, world["second"].id)
    row = service_supervision.end(world["session"].id, world["candidate"].id)
    assert row.status == "ended" and row.ended_by == "invigilator"
    after = service_exam.answer(USER, course_id, _right(running))
    assert after.status == "completed" and after.ended_by == "invigilator"
    assert exam_store.current().answers(world["session"].id, world["candidate"].id) == []


def test_someone_elses_course_is_not_found(world):
    course_id = _join(world).course_id
    with pytest.raises(NotFound):
        service_exam.state(OTHER, course_id)
    with pytest.raises(NotFound):
        service_exam.state(USER, "not-a-course")


def test_the_invigilator_password_opens_supervision_and_guessing_is_limited(world):
    session_id = world["session"].id
    assert service_supervision.roles("invigilator", session_id) == frozenset()
    with pytest.raises(Forbidden) as wrong:
        service_supervision.supervise("invigilator", session_id, "BCDF-2346-7899")
    assert wrong.value.code == "INVIGILATOR_ACCESS_REFUSED"
    granted = service_supervision.supervise("invigilator", session_id, world["password"].lower().replace("-", " "))
    assert granted.session_id == session_id
    assert service_supervision.roles("invigilator", session_id) == {"INVIGILATOR"}
    assert service_supervision.roles("invigilator", "87654321") == frozenset()
    world["now"][0] += service_supervision.GRANT + timedelta(seconds=1)
    assert service_supervision.roles("invigilator", session_id) == frozenset()
    for _ in range(service_supervision.FAILURES_PER_HOUR - 1):
        with pytest.raises(Forbidden):
            service_supervision.supervise("guesser", session_id, "BCDF-2346-7899")
    with pytest.raises((Forbidden, TooManyAttempts)):
        service_supervision.supervise("guesser", session_id, "BCDF-2346-7899")
    with pytest.raises(TooManyAttempts):  # even the right password: the hour's guesses are spent
        service_supervision.supervise("guesser", session_id, world["password"])


def test_the_live_list_shows_every_enrolled_candidate(world):
    _join(world)
    rows = {r.candidate_id: r for r in service_supervision.live(world["session"].id).candidates}
    assert rows[world["candidate"].id].status == "linked" and rows[world["second"].id].status == "absent"
    assert rows[world["candidate"].id].extra_time_percentage == 30


def test_course_ids_are_parsed_strictly():
    assert exam.parse_course_id("12345678-abc123") == ("12345678", "abc123")
    for bad in ("12345678", "x-abc", "12345678-a/b"):
        with pytest.raises(NotFound):
            exam.parse_course_id(bad)
