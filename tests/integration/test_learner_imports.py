"""Learner list imports through S3 → EventBridge → the jobs handler, on moto: a SIECLE zip and a SUP CSV
imported, a file with errors refused line by line with nothing written, the same event delivered twice
importing once, and an import broken midway leaving the previous list intact."""

import itertools
from pathlib import Path

import pytest
import requests

from chalicelib.orga import import_job
from chalicelib.orga.models.learners import LearnerRecord
from chalicelib.orga.store import learners as store
from tests.integration.test_evaluation_api import sign_up
from tests.integration.test_jobs import Events, job, upload

ADMINS = itertools.count()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
ORG = "org-lycee"
UAI = "0751234A"


@pytest.fixture
def events(client):
    from app import app

    return Events(app)


def send(api, events, name: str, format, mode="add", *, zipped=False, content_type="text/csv",
         deliver=True) -> tuple[dict, str]:
    token, user_id = sign_up(api, f"admin{next(ADMINS)}@exemple.fr")
    ticket = import_job.start(user_id, ORG, format, mode, uai=UAI if format == "siecle" else None, zipped=zipped)
    assert upload(ticket.model_dump(), (FIXTURES / name).read_bytes(), content_type).status_code == 204
    if deliver:
        events.deliver_pending()
    return job(api, token, ticket.job.id), token


def listed() -> dict[str, store.Learner]:
    head = store.current().head(ORG)
    return {learner.key: learner for learner in store.current().learners(ORG, head.generation)} if head else {}


def items() -> int:
    """Learner items in the table, of every generation."""
    return sum(1 for _ in LearnerRecord.scan(LearnerRecord.sk.startswith("L#")))


def test_a_siecle_zip_is_imported_and_its_report_downloaded(api, events):
    done, _ = send(api, events, "siecle_sample.zip", "siecle", zipped=True, content_type="application/zip")
    assert done["state"] == "done", done["errors"]
    assert done["kind"] == "orga-learners-siecle-zip"
    assert done["progress"] == {"done": 6, "total": 6}
    pupils = listed()
    assert len(pupils) == 6 and all(p.active for p in pupils.values())
    assert pupils["INE:070123458AD"].record.first_names == ("Zoë", "Marie", "Hélène")
    assert pupils["INE:070123458AD"].record.division == "5B"
    head = store.current().head(ORG)  # the classes kept on the head, as DynamoDB lists
    assert head.divisions == tuple(sorted({p.record.division for p in pupils.values()})) and head.groups == ()
    report = requests.get(done["download_url"], timeout=10).content.decode("utf-8-sig")
    assert "Inscrits créés;6" in report


def test_a_windows_1252_file_with_errors_is_refused_line_by_line_and_nothing_is_written(api, events):
    failed, _ = send(api, events, "sup_errors_windows1252.csv", "sup-csv")
    assert failed["state"] == "failed"
    assert [(e["line"], e["code"]) for e in failed["errors"]] == [
        (3, "LEARNER_FILE_INVALID"), (4, "LEARNER_FILE_INVALID"), (5, "LEARNER_FILE_INVALID"),
        (5, "LEARNER_FILE_INVALID"), (6, "LEARNER_FILE_INVALID"), (6, "LEARNER_FILE_INVALID"),
        (7, "LEARNER_FILE_INVALID")]
    assert failed["errors"][0]["message"].startswith("Ligne 3, colonne « Date de naissance (jj/mm/aaaa)* »")
    assert "numéro étudiant 2026-00132" in failed["errors"][0]["message"]
    assert store.current().head(ORG) is None and items() == 0


def test_a_hostile_xml_is_refused_as_unreadable(api, events):
    failed, _ = send(api, events, "siecle_billion_laughs.xml", "siecle", content_type="text/xml")
    assert [e["code"] for e in failed["errors"]] == ["LEARNER_FILE_UNREADABLE"]


def test_the_same_event_delivered_twice_imports_once(api, events):
    token, user_id = sign_up(api, "admin@exemple.fr")
    ticket = import_job.start(user_id, ORG, "sup-csv", "add")
    upload(ticket.model_dump(), (FIXTURES / "sup_sample_utf8_bom.csv").read_bytes())
    (event,) = events.pending()
    events.deliver(event)
    first = store.current().head(ORG)
    events.deliver(event)  # EventBridge delivers at least once
    assert store.current().head(ORG) == first
    assert items() == first.learners == 4
    assert job(api, token, ticket.job.id)["state"] == "done"


def test_an_import_broken_midway_leaves_the_previous_list_intact(api, events, monkeypatch):
    send(api, events, "sup_sample_utf8_bom.csv", "sup-csv")
    before, head = listed(), store.current().head(ORG)
    original = store.DynamoLearners.write

    def cut_short(self, organization_id, generation, learners, progress=None):
        def some():
            for n, learner in enumerate(learners):
                if n == 1:
                    raise RuntimeError("the function was stopped")
                yield learner
        return original(self, organization_id, generation, some(), progress)

    monkeypatch.setattr(store.DynamoLearners, "write", cut_short)
    failed, _ = send(api, events, "sup_sample_macroman.csv", "sup-csv", "replace")
    assert failed["state"] == "failed" and failed["errors"][0]["code"] == "JOB_FAILED"
    assert store.current().head(ORG) == head
    assert listed() == before
    assert items() == 4  # the partial generation was deleted

    monkeypatch.setattr(store.DynamoLearners, "write", original)
    done, _ = send(api, events, "sup_sample_macroman.csv", "sup-csv", "replace")
    assert done["state"] == "done"
    after = listed()
    assert sum(learner.active for learner in after.values()) == 2 and len(after) == 6
    assert after["SN:2026-00121"].learner_id == before["SN:2026-00121"].learner_id
    assert after["SN:2026-00121"].active is False


def test_reconciliation_on_the_imported_list(api, events):
    from datetime import UTC, date, datetime

    from chalicelib.errors import Conflict
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_reconciliation import learner_of_account, reconcile_account

    send(api, events, "siecle_sample.zip", "siecle", zipped=True, content_type="application/zip")
    _, chloe_user = sign_up(api, "chloe@exemple.fr")
    chloe = reconcile_account(ORG, chloe_user, Claim(date(2011, 3, 14), "CHLOE", "lefevre"))
    assert chloe.first_name == "Chloé" and chloe.user_id == chloe_user
    _, intruder = sign_up(api, "intrus@exemple.fr")
    with pytest.raises(Conflict) as refused:
        reconcile_account(ORG, intruder, Claim(date(2011, 3, 14), "Chloé", "Lefèvre"))
    assert refused.value.code == "LEARNER_ALREADY_RECONCILED"
    assert "c***@exemple.fr" in refused.value.message
    db = store.current()
    assert db.link(ORG, "someone-else", chloe_user, datetime.now(UTC)) is False  # one learner per account
    db.unlink(ORG, chloe.learner_id)
    assert reconcile_account(ORG, intruder, Claim(date(2011, 3, 14), "Chloé", "Lefèvre")).user_id == intruder
    assert learner_of_account(ORG, intruder).learner_id == chloe.learner_id
    assert learner_of_account(ORG, chloe_user) is None


def test_the_generic_upload_route_refuses_learner_imports(api):
    token, _ = sign_up(api, "curieux@exemple.fr")
    status, body, _ = api.call("POST", "/api/jobs", {"kind": "orga-learners-sup-csv"}, token=token)
    assert status == 403, body  # the kind needs an organisation's admin: only the organisation's route may start it


def test_the_list_is_read_page_by_page_with_filters(api, events):
    from chalicelib.orga.service_learners import learner_page

    send(api, events, "siecle_sample.xml", "siecle", content_type="text/xml")
    seen, cursor = [], None
    while True:
        page = learner_page(ORG, limit=4, cursor=cursor)
        seen += [row.learner.key for row in page.rows]
        if (cursor := page.next_cursor) is None:
            break
    assert len(seen) == len(set(seen)) == 6
    assert sorted(r.learner.record.first_name for r in learner_page(ORG, division="5B").rows) == ["Linh", "Zoë"]
    assert [r.learner.record.last_name for r in learner_page(ORG, search="oeuvray").rows] == ["Œuvray"]
    assert [r.learner.record.first_name for r in learner_page(ORG, division="4A", search="ndiaye").rows] == [
        "Moussa"]


def test_a_learner_is_anonymised_in_place(api, events):
    from datetime import date

    from chalicelib.errors import NotFound
    from chalicelib.orga.reconciliation import Claim
    from chalicelib.orga.service_learners import anonymise, learner_page
    from chalicelib.orga.service_reconciliation import reconcile_account

    send(api, events, "siecle_sample.xml", "siecle", content_type="text/xml")
    head = store.current().head(ORG)
    chloe = listed()["INE:070123456AB"]
    anonymise(ORG, chloe.learner_id)
    assert store.current().head(ORG).version == head.version + 1
    assert "INE:070123456AB" not in listed() and len(listed()) == 6
    assert learner_page(ORG, search="chloe").rows == []
    _, user = sign_up(api, "chloe2@exemple.fr")
    with pytest.raises(NotFound):
        reconcile_account(ORG, user, Claim(date(2011, 3, 14), "Chloé", "Lefèvre"))
    again, _ = send(api, events, "siecle_sample.xml", "siecle", content_type="text/xml")
    assert again["state"] == "done" and len(listed()) == 7  # listed anew, the anonymised one kept
