"""Certificates use cases on the in-memory store (S3 replaced by a dict): issuing is idempotent, codes are
unique even when the draw collides, the public look-up is limited per address, withdrawal hides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from chalicelib import clock
from chalicelib.certif import files, service_certificates
from chalicelib.certif.service_certificates import CertificationResult, SessionCertificates
from chalicelib.certif.store import certificates as store
from chalicelib.errors import NotFound, TooManyAttempts


@pytest.fixture
def memory(monkeypatch):
    written: dict[str, bytes] = {}
    monkeypatch.setattr(files, "put_pdf", lambda key, body: written.__setitem__(key, body))
    draws = iter(["P-22222222", "P-22222222", "P-33333333", "P-44444444", "P-66666666", "P-77777777"])
    twin = store.InMemoryCertificateStore(draw=lambda: next(draws))
    store.use_store(twin)
    yield twin, written
    store.use_store(None)


def result(number: str, user: str, status: str = "validated", class_name: str = "4e C") -> CertificationResult:
    return CertificationResult(certification_id=number, user_id=user, first_name="Noé", last_name="Petit",
                               birth_date=date(2012, 1, 2), birthplace="Brest", status=status, pix=40,
                               levels={"1.1": 2, "2.2": 3}, class_name=class_name)


SESSION = SessionCertificates("s-1", "c-1", "Collège Victor Hugo", date(2026, 11, 12), 7,
                              (result("1", "u1"), result("2", "u2", class_name="4e D"), result("3", "u3", "cancelled")))


def test_issuing_twice_keeps_one_code_per_certification_and_draws_again_on_a_collision(memory):
    twin, written = memory
    first = service_certificates.issue_session(SESSION)
    assert first.codes == {"1": "P-22222222", "2": "P-33333333"} and first.skipped == 1  # P-2… was taken
    again = service_certificates.issue_session(SESSION)
    assert again.codes == first.codes and len(twin.certificates) == 2
    assert sorted(written) == ["certificates/P-22222222.pdf", "certificates/P-33333333.pdf",
                               "sessions/s-1/attestations.pdf", "sessions/s-1/classes/1.pdf",
                               "sessions/s-1/classes/2.pdf"]
    assert [name for name, _ in twin.sessions["s-1"].classes] == ["4e C", "4e D"]


def test_the_request_travels_as_json_and_back():
    assert service_certificates.parse_request(service_certificates.request_body(SESSION)) == SESSION


def test_the_public_look_up_is_limited_per_address_and_hides_withdrawn(memory, monkeypatch):
    service_certificates.issue_session(SESSION)
    assert service_certificates.verify("p 2222 2222", "10.0.0.1").first_name == "Noé"
    with pytest.raises(NotFound):
        service_certificates.verify("P-99999999", "10.0.0.1")
    for _ in range(service_certificates.VERIFICATIONS_PER_WINDOW - 2):
        with pytest.raises(NotFound):
            service_certificates.verify("P-99999999", "10.0.0.1")
    with pytest.raises(TooManyAttempts):
        service_certificates.verify("P-22222222", "10.0.0.1")
    assert service_certificates.verify("P-22222222", "10.0.0.2").pix == 40  # another address
    later = clock.now() + service_certificates.VERIFICATION_WINDOW + timedelta(seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)  # a new window
    assert service_certificates.verify("P-22222222", "10.0.0.1").pix == 40
    assert service_certificates.withdraw_certificates(["1"]) == 1
    with pytest.raises(NotFound):
        service_certificates.verify("P-22222222", "10.0.0.3")


def test_the_learner_sees_only_their_own(memory):
    service_certificates.issue_session(SESSION)
    mine, more = service_certificates.mine("u1", None, 20)
    assert [s.certificate.verification_code for s in mine] == ["P-22222222"] and more is None
    with pytest.raises(NotFound):
        service_certificates.credential_of("u1", "P-33333333")



def test_a_certification_without_certificate_shows_its_outcome_until_withdrawn_and_its_holder_anonymised(memory):
    twin, _ = memory
    rejected = SessionCertificates("s-2", "c-1", "Collège Victor Hugo", date(2026, 11, 20), 7,
                                   (replace(result("4", "u1", "rejected"), comment_for_candidate="Fraude avérée"),))
    service_certificates.issue_session(SESSION)
    clock_later = clock.now() + timedelta(days=9)
    with pytest.MonkeyPatch.context() as later:
        later.setattr(clock, "now", lambda: clock_later)
        issued = service_certificates.issue_session(rejected)
    assert issued.codes == {} and issued.skipped == 1
    mine, more = service_certificates.mine("u1", None, 20)
    assert more is None and [type(s).__name__ for s in mine] == ["Outcome", "StoredCertificate"]  # newest first
    outcome = mine[0]
    assert (outcome.status, outcome.centre_name, outcome.taken_on, outcome.comment_for_candidate) == (
        "rejected", "Collège Victor Hugo", date(2026, 11, 20), "Fraude avérée")
    assert service_certificates.mine("u1", None, 1)[1] is not None  # a page of one: the certificate comes next
    assert [s.status for s in service_certificates.mine("u3", None, 20)[0]] == ["cancelled"]

    assert service_certificates.withdraw_certificates(["4"]) == 1  # unpublished: hidden, then shown again
    assert [type(s).__name__ for s in service_certificates.mine("u1", None, 20)[0]] == ["StoredCertificate"]
    service_certificates.issue_session(rejected)
    assert len(service_certificates.mine("u1", None, 20)[0]) == 2

    deleted: list[str] = []
    with pytest.MonkeyPatch.context() as s3:
        s3.setattr(files, "delete", deleted.append)
        service_certificates.erase_holder("u1")
    assert service_certificates.mine("u1", None, 20)[0] == [] and "4" not in twin.outcomes
    assert "certificates/P-22222222.pdf" in deleted
