"""An organisation's list across imports, on the in-memory store: who is created, updated, disabled or
kept by each format and mode; a failure midway or a concurrent import leaves the current list as it was."""

import itertools
from datetime import date

import pytest

from chalicelib.errors import Conflict
from chalicelib.orga import import_job, service_learners
from chalicelib.orga.imports import ImportedLearner
from chalicelib.orga.learners import ImportRequest, Learner, disables_absent, natural_key, plan_import
from chalicelib.orga.store import learners as store
from chalicelib.orga.store.learners_memory import MemoryLearners

ORG = "org-1"


def student(number: str, first: str = "Camille", **changes) -> ImportedLearner:
    return ImportedLearner(line=2, first_name=first, last_name="Rousseau", birth_date=date(2003, 4, 12),
                           student_number=number, **changes)


def pupil(ine: str, first: str = "Chloé") -> ImportedLearner:
    return ImportedLearner(line=2, first_name=first, last_name="Lefèvre", birth_date=date(2011, 3, 14),
                           national_id=ine, sex="F", division="4A")


@pytest.fixture
def memory():
    twin = MemoryLearners()
    previous = store.use(twin)
    yield twin
    store.use(previous)


def ids():
    counter = itertools.count(1)
    return lambda: f"id{next(counter)}"


@pytest.mark.parametrize(("format", "mode", "disables"), [
    ("siecle", "add", True), ("siecle", "replace", True), ("sup-csv", "replace", True), ("sup-csv", "add", False),
    ("sco-csv", "add", False), ("sco-csv", "replace", False),
])
def test_who_disables_absent_learners(format, mode, disables):
    assert disables_absent(format, mode) is disables


def test_natural_keys():
    assert natural_key(pupil("070123456ab")) == "INE:070123456AB"
    assert natural_key(student("2026-001")) == "SN:2026-001"


def test_plan_keeps_ids_updates_creates_and_disables():
    previous = [Learner("a", "SN:1", student("1")), Learner("b", "SN:2", student("2")),
                Learner("c", "SN:3", student("3"), active=False)]
    plan = plan_import(previous, [student("1", "Camila"), student("3"), student("4")], disable_absent=True,
                       new_id=ids())
    by_key = {learner.key: learner for learner in plan.learners}
    assert (plan.created, plan.updated, plan.disabled, plan.kept) == (1, 2, 1, 0)
    assert by_key["SN:1"].learner_id == "a" and by_key["SN:1"].record.first_name == "Camila"
    assert by_key["SN:2"].active is False  # absent: disabled
    assert by_key["SN:3"].active is True  # back in the file: active again
    assert by_key["SN:4"].learner_id == "id1"


def test_plan_in_add_mode_keeps_absent_learners_as_they_are():
    previous = [Learner("a", "SN:1", student("1")), Learner("b", "SN:2", student("2"), active=False)]
    plan = plan_import(previous, [student("3")], disable_absent=False, new_id=ids())
    assert (plan.created, plan.updated, plan.disabled, plan.kept) == (1, 0, 0, 2)
    assert [(learner.key, learner.active) for learner in plan.learners] == [
        ("SN:3", True), ("SN:1", True), ("SN:2", False)]


def request(job_id: str, format="sup-csv", mode="add") -> ImportRequest:
    return ImportRequest(job_id, ORG, format, mode)


def current(memory: MemoryLearners) -> dict[str, Learner]:
    head = memory.head(ORG)
    return {learner.key: learner for learner in memory.learners(ORG, head.generation)} if head else {}


def test_imports_write_generations_and_only_the_current_one_remains(memory):
    import_job.write_list(request("job1"), [student("1"), student("2")])
    first = current(memory)
    import_job.write_list(request("job2", mode="replace"), [student("2", "Camila"), student("3")])
    second = current(memory)
    assert memory.head(ORG).generation == "job2"
    assert (memory.head(ORG).learners, memory.head(ORG).active) == (3, 2)
    assert second["SN:1"].active is False and second["SN:1"].learner_id == first["SN:1"].learner_id
    assert second["SN:2"].record.first_name == "Camila" and second["SN:2"].learner_id == first["SN:2"].learner_id
    assert list(memory.generations) == [(ORG, "job2")]  # the previous generation is deleted


def test_the_head_keeps_the_active_learners_classes_and_groups(memory, monkeypatch):
    import_job.write_list(request("job1"), [student("1", division="L1 Droit", group="TD 2"),
                                            student("2", division="L1 Droit", group="TD 1"), student("3")])
    import_job.write_list(request("job2", mode="replace"), [student("2", division="L2 Droit", group="TD 1"),
                                                            student("3", group="TD 3")])
    head = memory.head(ORG)
    assert (head.divisions, head.groups) == (("L2 Droit",), ("TD 1", "TD 3"))  # learner 1, disabled, left out
    monkeypatch.setattr(memory, "learners", lambda *_: pytest.fail("the filters' choices read the whole list"))
    assert service_learners.divisions_and_groups(ORG) == (["L2 Droit"], ["TD 1", "TD 3"])
    assert service_learners.divisions_and_groups("nobody") == ([], [])


def test_a_failure_midway_leaves_the_previous_list_intact(memory):
    import_job.write_list(request("job1"), [student("1"), student("2")])
    before = current(memory)
    memory.fail_after = 1
    with pytest.raises(RuntimeError):
        import_job.write_list(request("job2", mode="replace"), [student("2", "Camila"), student("3")])
    assert memory.head(ORG).generation == "job1"
    assert current(memory) == before
    assert list(memory.generations) == [(ORG, "job1")]  # the partial generation is deleted


def test_an_import_finishing_after_another_one_started_later_is_refused(memory):
    import_job.write_list(request("job1"), [student("1")])
    original_head = memory.head

    def head_then_someone_else_commits(organization_id):
        seen = original_head(organization_id)
        memory.head = original_head  # once
        import_job.write_list(request("job3"), [student("9")])
        return seen

    memory.head = head_then_someone_else_commits
    with pytest.raises(Conflict) as refused:
        import_job.write_list(request("job2"), [student("2")])
    assert refused.value.code == "LEARNER_LIST_CHANGED"
    assert memory.head(ORG).generation == "job3"
    assert set(current(memory)) == {"SN:1", "SN:9"}


def test_siecle_disables_pupils_absent_from_the_new_export(memory):
    import_job.write_list(request("job1", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    import_job.write_list(request("job2", "siecle"), [pupil("070000001AA")])
    assert {key: learner.active for key, learner in current(memory).items()} == {
        "INE:070000001AA": True, "INE:070000002BB": False}


def test_the_summary_lists_counts_and_warnings():
    from chalicelib.orga.imports import Problem, Report
    from chalicelib.orga.learners import Plan

    report = Report("sup-csv", warnings=[Problem(4, "Diplôme", "DIPLOMA_UNRECOGNISED", "Ligne 4, colonne …")])
    text = import_job.summary(report, Plan([], 2, 1, 0, 3)).decode("utf-8-sig")
    assert "Inscrits créés;2" in text and "Inscrits conservés (absents du fichier);3" in text
    assert "4;Diplôme;Ligne 4, colonne …" in text


# --- reconciliation against the stored list ------------------------------------------------------------------

def no_logins(user_id):
    return ("hugo.roux@exemple.fr", None) if user_id == "u-hugo" else (None, "lea.petit1403")


def test_reconciliation_links_the_account_to_the_one_matching_active_learner(memory):
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_reconciliation import reconcile_account

    import_job.write_list(request("job1", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    claim = Claim(date(2011, 3, 14), "chloe", "LEFEVRE")
    learner = reconcile_account(ORG, "u-chloe", claim, no_logins)
    assert learner.first_name == "Chloé"
    assert reconcile_account(ORG, "u-chloe", claim, no_logins) == learner  # again: already linked, no error
    assert memory.links_of(ORG, [learner.learner_id], "u-chloe") == ({learner.learner_id: "u-chloe"},
                                                                     learner.learner_id)


@pytest.mark.parametrize(("claim_names", "user", "code", "words"), [
    (("Chloé", "Lefèvre"), "u-other", "LEARNER_ALREADY_RECONCILED", "h***@exemple.fr"),
    (("Hugo", "Lefèvre"), "u-hugo", "ACCOUNT_ALREADY_RECONCILED", "autre inscrit"),
    (("Paul", "Lefèvre"), "u-paul", "LEARNER_NOT_FOUND_IN_LIST", "ne trouvons pas"),
])
def test_reconciliation_refusals(memory, claim_names, user, code, words):
    from chalicelib.errors import DomainError
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_reconciliation import reconcile_account

    import_job.write_list(request("job1", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    reconcile_account(ORG, "u-hugo", Claim(date(2011, 3, 14), "Chloé", "Lefèvre"), no_logins)
    with pytest.raises(DomainError) as refused:
        reconcile_account(ORG, user, Claim(date(2011, 3, 14), *claim_names), no_logins)
    assert refused.value.code == code
    assert words in refused.value.message


def test_links_survive_a_new_import_and_a_disabled_learner_cannot_be_reconciled(memory):
    from chalicelib.errors import NotFound
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_reconciliation import learner_of_account, reconcile_account

    import_job.write_list(request("job1", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    chloe = reconcile_account(ORG, "u-chloe", Claim(date(2011, 3, 14), "Chloé", "Lefèvre"), no_logins)
    hugo = reconcile_account(ORG, "u-hugo", Claim(date(2011, 3, 14), "Hugo", "Lefèvre"), no_logins)
    import_job.write_list(request("job2", "siecle"), [pupil("070000001AA")])  # Hugo left
    assert reconcile_account(ORG, "u-chloe", Claim(date(2011, 3, 14), "Chloé", "Lefèvre"), no_logins) == chloe
    assert learner_of_account(ORG, "u-chloe") == chloe
    assert learner_of_account(ORG, "u-hugo").active is False and hugo.active is True  # he may not start
    assert learner_of_account(ORG, "u-nobody") is None
    with pytest.raises(NotFound):
        reconcile_account(ORG, "u-hugo2", Claim(date(2011, 3, 14), "Hugo", "Lefèvre"), no_logins)


def test_the_demo_lists_are_seeded_once(memory):
    from local.seed import seed_learner_lists

    seed_learner_lists("demo-sco", "demo-sup")
    seed_learner_lists("demo-sco", "demo-sup")
    assert (memory.head("demo-sco").learners, memory.head("demo-sup").learners) == (6, 4)
    assert len(memory.generations) == 2


# --- the list's pages ----------------------------------------------------------------------------------------

def test_pages_filters_and_links(memory):
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_learners import learner_page, unlink
    from chalicelib.orga.service_reconciliation import reconcile_account

    students = [student(f"N{n:02d}", first=f"Camille{n:02d}", group="L1 A" if n % 2 else "L1 B") for n in range(7)]
    students.append(student("N99", first="Étienne", group="L1 A"))
    import_job.write_list(request("job1"), students)
    seen, cursor = [], None
    for _ in range(4):
        page = learner_page(ORG, limit=3, cursor=cursor)
        seen += [row.learner.key for row in page.rows]
        cursor = page.next_cursor
        if cursor is None:
            break
    assert sorted(seen) == sorted(f"SN:{s.student_number}" for s in students)
    assert {row.learner.record.student_number for row in learner_page(ORG, group="L1 B").rows} == {
        "N00", "N02", "N04", "N06"}
    assert [row.learner.record.first_name for row in learner_page(ORG, search="etien").rows] == ["Étienne"]
    assert [row.learner.record.first_name for row in learner_page(ORG, search="rousseau étienne").rows] == [
        "Étienne"]
    reconcile_account(ORG, "u1", Claim(date(2003, 4, 12), student_number="N99"), no_logins)
    (row,) = learner_page(ORG, search="etienne").rows
    assert row.user_id == "u1"
    unlink(ORG, row.learner.learner_id)
    assert learner_page(ORG, search="etienne").rows[0].user_id is None


def test_a_cursor_belongs_to_its_list(memory):
    from chalicelib.errors import Invalid
    from chalicelib.orga.service_learners import learner_page

    import_job.write_list(request("job1"), [student(f"N{n}") for n in range(4)])
    cursor = learner_page(ORG, limit=2).next_cursor
    with pytest.raises(Invalid):
        learner_page(ORG, limit=2, cursor=cursor, group="L1 A")
    memory.heads["another-org"] = memory.head(ORG)  # even were another organisation's list the same
    with pytest.raises(Invalid):
        learner_page("another-org", limit=2, cursor=cursor)


# --- deleting (anonymising) a learner -------------------------------------------------------------------------

def test_an_anonymised_learner_keeps_nothing_and_a_later_file_lists_the_person_anew(memory):
    from chalicelib.errors import NotFound
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_learners import anonymise, learner_page
    from chalicelib.orga.service_reconciliation import learner_of_account, reconcile_account

    import_job.write_list(request("job1", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    chloe = reconcile_account(ORG, "u-chloe", Claim(date(2011, 3, 14), "Chloé", "Lefèvre"), no_logins)
    anonymise(ORG, chloe.learner_id)
    gone = memory.learner(ORG, "job1", chloe.learner_id)
    assert (gone.record.first_name, gone.record.national_id, gone.active) == ("(anonymisé)", None, False)
    assert learner_of_account(ORG, "u-chloe") is None  # unlinked
    assert learner_page(ORG, search="chloe").rows == []
    with pytest.raises(NotFound):
        reconcile_account(ORG, "u-chloe", Claim(date(2011, 3, 14), "Chloé", "Lefèvre"), no_logins)
    import_job.write_list(request("job2", "siecle"), [pupil("070000001AA"), pupil("070000002BB", "Hugo")])
    relisted = current(memory)["INE:070000001AA"]
    assert relisted.learner_id != chloe.learner_id and relisted.active
    with pytest.raises(NotFound):
        anonymise(ORG, "no-such-learner")


def test_an_import_that_read_the_list_before_an_anonymisation_is_refused(memory):
    from chalicelib.orga.service_learners import anonymise

    import_job.write_list(request("job1"), [student("1"), student("2")])
    victim = current(memory)["SN:1"].learner_id
    original_head = memory.head

    def head_then_anonymise(organization_id):
        seen = original_head(organization_id)
        memory.head = original_head
        anonymise(ORG, victim)
        return seen

    memory.head = head_then_anonymise
    with pytest.raises(Conflict):
        import_job.write_list(request("job2"), [student("3")])
    assert memory.head(ORG).generation == "job1" and memory.head(ORG).version == 1
    assert current(memory)[f"ANON:{victim}"].record.student_number is None
