"""Certificates use cases on the in-memory store (S3 replaced by a dict): issuing is idempotent, codes are
unique even when the draw collides, the public look-up is limited per address, withdrawal hides."""

from __future__ import annotations

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

