"""The Orga and Certif person hooks' use cases on the in-memory stores: an anonymised person's learners are
detached and anonymised (their ids stay), their participations lose the participant's identity, their
candidacies and certificates their identity; a certificate whose holder was anonymised is never issued
again, its PDF and the session's documents are gone; every hook is idempotent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from chalicelib.certif import candidates, files, service_certificates, service_people
from chalicelib.certif import store as certif_store
from chalicelib.certif.candidates import Birthplace, Candidate
from chalicelib.certif.store import certificates as certificate_store
from chalicelib.certif.store.memory import MemoryCertifStore
from chalicelib.errors import NotFound
from chalicelib.orga import import_job
from chalicelib.orga import service_people as orga_people
from chalicelib.orga.imports import ImportedLearner
from chalicelib.orga.learners import ANONYMISED, ImportRequest
from chalicelib.orga.participations import Participation
from chalicelib.orga.store import campaigns, learners, organizations, participations
from chalicelib.orga.store.campaigns_memory import MemoryCampaigns
from chalicelib.orga.store.learners_memory import MemoryLearners
from chalicelib.orga.store.organizations_memory import MemoryOrganizations
from chalicelib.orga.store.participations_memory import MemoryParticipations

ORG = "org-1"
NOW = datetime(2026, 11, 12, 9, tzinfo=UTC)


@pytest.fixture
def orga():
    twins = MemoryLearners(), MemoryParticipations()
    previous = (learners.use(twins[0]), participations.use(twins[1]), campaigns.use(MemoryCampaigns()),
                organizations.use(MemoryOrganizations()))
    yield twins
    learners.use(previous[0])
    participations.use(previous[1])
    campaigns.use(previous[2])
    organizations.use(previous[3])


def student(number: str, last: str) -> ImportedLearner:
    return ImportedLearner(line=2, first_name="Camille", last_name=last, birth_date=date(2001, 2, 3),
                           student_number=number, email=f"{last.lower()}@example.org")


def test_the_persons_learners_are_detached_and_anonymised_and_their_participations_forgotten(orga):
    lists, taken = orga
    import_job.write_list(ImportRequest("job1", ORG, "sup-csv", "add"), [student("1", "Morel"), student("2", "Roux")])
    head = lists.head(ORG)
    by_name = {learner.record.last_name: learner for learner in lists.learners(ORG, head.generation)}
    assert lists.link(ORG, by_name["Morel"].learner_id, "u-1", NOW) and lists.link(ORG, by_name["Roux"].learner_id,
                                                                                      "u-2", NOW)
    taken.start(Participation("u-1.1.c-1", "c-1", ORG, "u-1", 1, "SHARED", NOW, "Camille", "Morel", "M-7",
                              student_number="1", division="L1"), None)

    orga_people.anonymise("u-1")
    orga_people.anonymise("u-1")  # idempotent

    assert lists.linked_to("u-1") == [] and lists.linked_to("u-2") == [(ORG, by_name["Roux"].learner_id)]
    after = {learner.learner_id: learner for learner in lists.learners(ORG, lists.head(ORG).generation)}
    morel = after[by_name["Morel"].learner_id]  # the same id: their participations keep counting
    assert (morel.record.last_name, morel.active, morel.key.startswith("ANON:")) == (ANONYMISED, False, True)
    assert after[by_name["Roux"].learner_id].record.last_name == "Roux"
    [kept] = taken.of_user("u-1")
    assert (kept.first_name, kept.last_name, kept.external_id, kept.student_number) == (ANONYMISED, ANONYMISED,
                                                                                        None, None)
    assert (kept.status, kept.division) == ("SHARED", "L1")  # statistics kept
    assert orga_people.personal_data("u-1")["learners"] == []


@pytest.fixture
def certif(monkeypatch):
    written: dict[str, bytes] = {}
    monkeypatch.setattr(files, "put_pdf", lambda key, body: written.__setitem__(key, body))
    monkeypatch.setattr(files, "delete", lambda key: written.pop(key, None))
    sessions = MemoryCertifStore()
    previous = certif_store.use(sessions)
    twin = certificate_store.InMemoryCertificateStore()
    certificate_store.use_store(twin)
    yield sessions, twin, written
    certificate_store.use_store(None)
    certif_store.use(previous)


def result(number: str, user: str, last: str) -> service_certificates.CertificationResult:
    return service_certificates.CertificationResult(
        certification_id=number, user_id=user, first_name="Noé", last_name=last, birth_date=date(2012, 1, 2),
        birthplace="Brest", status="validated", pix=40, levels={"1.1": 2}, class_name="4e C")


def test_candidacies_and_certificates_lose_their_person_and_are_never_issued_again(certif):
    sessions, twin, written = certif
    enrolled = Candidate("cand-1", "s-1", "Petit", "Noé", "M", date(2012, 1, 2), Birthplace("99100", "Brest"),
                         NOW, email="noe@example.org", external_id="X-1", user_id="u-1")
    sessions._candidates["s-1"] = {"cand-1": enrolled}
    session = service_certificates.SessionCertificates("s-1", "c-1", "Collège", date(2026, 11, 12), 7,
                                                       (result("1", "u-1", "Petit"), result("2", "u-2", "Grand")))
    codes = service_certificates.issue_session(session).codes
    assert f"certificates/{codes['1']}.pdf" in written and "sessions/s-1/attestations.pdf" in written
    earlier = replace(session, session_id="s-0", results=(replace(result("0", "u-1", "Petit"), status="rejected"),))
    service_certificates.issue_session(earlier)  # a certification rejected: its outcome is theirs, in their data
    assert [o["status"] for o in service_people.personal_data("u-1")["certifications_without_certificate"]] == [
        "rejected"]

    service_people.anonymise("u-1")
    service_people.anonymise("u-1")  # idempotent

    [left] = sessions.candidates("s-1")
    assert left == candidates.anonymised(enrolled) and left.user_id is None and left.email is None
    assert sessions.candidacies_of("u-1") == []
    assert f"certificates/{codes['1']}.pdf" not in written and "sessions/s-1/attestations.pdf" not in written
    with pytest.raises(NotFound):
        service_certificates.verify(codes["1"], "10.0.0.1")
    assert service_certificates.verify(codes["2"], "10.0.0.1").last_name == "Grand"  # someone else's stays
    assert twin.erased_codes[codes["1"]].pix == 40 and twin.erased_codes[codes["1"]].last_name == ANONYMISED
    assert service_certificates.mine("u-1", None, 10) == ([], None)

    again = service_certificates.issue_session(replace(session, results=(
        result("1", "u-1", ANONYMISED), result("2", "u-2", "Grand"))))  # a later publication of the session
    assert again.codes == {"2": codes["2"]} and f"certificates/{codes['1']}.pdf" not in written
    assert "sessions/s-1/attestations.pdf" in written  # drawn again, without them
    service_certificates.issue_session(replace(earlier, results=(replace(result("0", "u-1", ANONYMISED),
                                                                         status="rejected"),)))
    assert service_people.personal_data("u-1") == {"candidacies": [], "certificates": [],
                                                   "certifications_without_certificate": []}


def test_the_search_box_hooks_answer_support_only(certif, orga):
    assert service_people.admin_search("12345678", frozenset({"METIER"})) == []
    assert orga_people.admin_search("ABCDEF123", frozenset({"CERTIF"})) == []
    assert orga_people.admin_search("ABCDEF123", frozenset({"SUPPORT"})) == []
    assert service_people.admin_search("12345678", frozenset({"SUPPORT"})) == []
