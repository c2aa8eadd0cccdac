"""Certificates on moto, through the real app: publication's job signs every attestation into S3 (idempotent),
the learner lists and downloads theirs, anyone verifies one from its code (rate-limited), a centre member gets
the session's and classes' documents."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import boto3
import pytest
import requests
from pypdf import PdfReader

from chalicelib.certif import api as certif
from chalicelib.certif import credentials, keys, signing
from chalicelib.certif.models.certificates import CertificateRecord
from chalicelib.certif.service_certificates import VERIFICATIONS_PER_WINDOW
from chalicelib.settings import get_settings
from tests.integration.test_evaluation_api import sign_up

LEVELS = {"1.1": 3, "1.2": 2, "2.1": 4, "3.1": 1, "4.2": 2, "5.1": 5}


def result(user_id: str, number: str, first: str, status: str = "validated", class_name: str | None = "3e A",
           levels: dict[str, int] | None = None) -> certif.CertificationResult:
    levels = levels or LEVELS
    return certif.CertificationResult(
        certification_id=number, user_id=user_id, first_name=first, last_name="Roux", birth_date=date(2010, 5, 4),
        birthplace="Nantes", status=status, pix=sum(8 * v for v in levels.values()), levels=levels,
        comment_for_candidate=None, class_name=class_name)


def session_of(*results: certif.CertificationResult, session_id: str = "s-100") -> certif.SessionCertificates:
    return certif.SessionCertificates(session_id=session_id, centre_id="centre-target",
                                      centre_name="Collège Anne Frank", taken_on=date(2026, 11, 12),
                                      max_reachable_level=7, results=results)


def code_items() -> list[CertificateRecord]:
    return [r for r in CertificateRecord.scan() if r.pk.startswith("code#")]


@pytest.fixture
def published(api, deliver):
    token, user_id = sign_up(api, "lea.roux@example.org")
    session = session_of(result(user_id, "5001", "Léa"), result("other-user", "5002", "Tom", class_name="3e B"),
                         result("third-user", "5003", "Zoé", status="rejected"))
    job = certif.publish_certificates("operator-1", session)
    assert deliver() >= 1
    return {"token": token, "user_id": user_id, "session": session, "job": job}


def test_the_job_signs_each_validated_attestation_and_the_learner_downloads_it(api, published):
    status, page, _ = api.call("GET", "/api/me/certificates", token=published["token"])
    assert status == 200 and len(page["certificates"]) == 1
    mine = page["certificates"][0]
    code = mine["verification_code"]
    assert code.startswith("P-") and mine["pix"] == 136 and mine["max_pix"] == 896
    assert mine["verification_url"].endswith(f"/verification/?code={code}")

    status, link, _ = api.call("GET", f"/api/me/certificates/{code}/attestation", token=published["token"])
    assert status == 200 and link["file_name"] == "attestation-pix-2026-11-12.pdf"
    assert published["user_id"] not in link["url"] and "roux" not in link["url"].lower()
    pdf = requests.get(link["url"], timeout=10).content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert code in text and "Léa Roux" in text
    assert any(line.startswith("1.1 ") and line.endswith("Niveau 3") for line in text.splitlines())
    assert any(line.startswith("5.1 ") and line.endswith("Niveau 5") for line in text.splitlines())
    assert signing.check_pdf(pdf, keys.current().pdf_certificates).valid

    status, signed, _ = api.call("GET", f"/api/me/certificates/{code}/credential", token=published["token"])
    assert status == 200 and signed["file_name"].endswith(".jwt")
    status, key_set, _ = api.call("GET", "/api/certificates/issuer-keys")
    assert status == 200
    verified = credentials.verify(signed["jwt"], key_set)
    assert verified["credentialSubject"]["identifier"][0]["identityHash"] == "Léa Roux"
    assert {k: v for k, v in signed["credential"].items() if k not in ("iss", "jti", "nbf", "iat", "exp")} == verified


def test_a_second_publication_and_a_duplicate_event_make_no_duplicate(api, deliver, published):
    before = {r.certification_id: r.code for r in code_items()}
    assert sorted(before) == ["5001", "5002"]  # the rejected certification has no certificate
    # the same event delivered again: the job claimed its object once
    from chalicelib.jobs import service as jobs_service
    from chalicelib.jobs.job import source_key

    key = source_key("certificates", published["job"].id, "json")
    s3 = boto3.client("s3")
    head = s3.head_object(Bucket=get_settings().uploads_bucket, Key=key)
    assert jobs_service.object_created(get_settings().uploads_bucket, key, head["ETag"].strip('"'),
                                       head["ContentLength"]) == "duplicate"
    # published again (after a correction of a name): same codes, one item each, the new name
    corrected = session_of(result(published["user_id"], "5001", "Léah"), result("other-user", "5002", "Tom"))
    certif.publish_certificates("operator-1", corrected)
    deliver()
    after = {r.certification_id: r.code for r in code_items()}
    assert after == before
    status, page, _ = api.call("GET", f"/api/certificates/verification/{before['5001']}")
    assert status == 200 and page["first_name"] == "Léah"


def test_anyone_verifies_a_certificate_from_its_code_and_a_wrong_code_says_so(api, published):
    (code,) = [r.code for r in code_items() if r.certification_id == "5001"]
    status, shown, _ = api.call("GET", f"/api/certificates/verification/{code}")
    assert status == 200
    assert (shown["first_name"], shown["last_name"], shown["status"]) == ("Léa", "Roux", "validated")
    assert shown["valid"] is True and shown["valid_until"] == "2029-11-12"
    levels = {c["code"]: c["level"] for d in shown["domains"] for c in d["competences"]}
    assert levels["1.1"] == 3 and levels["1.3"] == -1 and len(levels) == 16
    lower = code.lower().replace("-", "")
    assert api.call("GET", f"/api/certificates/verification/{lower}")[0] == 200  # as typed
    status, error, _ = api.call("GET", "/api/certificates/verification/P-22222222")
    assert status == 404 and error["error"]["code"] == "CERTIFICATE_NOT_FOUND"
    assert api.call("GET", "/api/certificates/verification/nimportequoi")[0] == 404


def test_look_ups_from_one_address_are_limited(api, published):
    for _ in range(VERIFICATIONS_PER_WINDOW):
        assert api.call("GET", "/api/certificates/verification/P-22222222")[0] == 404
    status, error, headers = api.call("GET", "/api/certificates/verification/P-22222222")
    assert status == 429 and error["error"]["code"] == "TOO_MANY_VERIFICATIONS"
    assert int(headers["Retry-After"]) > 0


def test_a_withdrawn_certificate_is_no_longer_shown(api, published):
    (code,) = [r.code for r in code_items() if r.certification_id == "5001"]
    assert certif.withdraw_certificates(["5001", "unknown"]) == 1
    assert api.call("GET", f"/api/certificates/verification/{code}")[0] == 404
    assert api.call("GET", "/api/me/certificates", token=published["token"])[1]["certificates"] == []


def test_a_rejected_certification_shows_in_its_holders_list_without_certificate(api, deliver):
    token, user_id = sign_up(api, "zoe.roux@example.org")
    session = session_of(replace(result(user_id, "6001", "Zoé", status="rejected"),
                                 comment_for_candidate="Téléphone consulté pendant le test"))
    certif.publish_certificates("operator-1", session)
    assert deliver() >= 1
    status, page, _ = api.call("GET", "/api/me/certificates", token=token)
    assert status == 200 and page["next_cursor"] is None
    (mine,) = page["certificates"]
    assert (mine["status"], mine["centre_name"], mine["certification_date"]) == (
        "rejected", "Collège Anne Frank", "2026-11-12")
    assert mine["comment_for_candidate"] == "Téléphone consulté pendant le test"
    assert mine["verification_code"] is None and mine["verification_url"] is None and mine["pix"] is None
    assert code_items() == []  # no code was drawn
    assert certif.withdraw_certificates(["6001"]) == 1  # unpublished: it leaves the list
    assert api.call("GET", "/api/me/certificates", token=token)[1]["certificates"] == []


def test_someone_elses_certificate_cannot_be_downloaded(api, published):
    (code,) = [r.code for r in code_items() if r.certification_id == "5002"]
    status, error, _ = api.call("GET", f"/api/me/certificates/{code}/attestation", token=published["token"])
    assert status == 404 and error["error"]["code"] == "CERTIFICATE_NOT_FOUND"
    assert api.call("GET", f"/api/me/certificates/{code}/credential", token=published["token"])[0] == 404


def test_session_and_class_documents_hold_their_pages(published):
    from chalicelib.certif import service_certificates

    documents = service_certificates.session_documents("centre-target", "s-100")
    assert [name for name, _, _ in documents] == [None, "3e A", "3e B"]
    pages = [len(PdfReader(io.BytesIO(requests.get(url, timeout=10).content)).pages) for _, url, _ in documents]
    assert pages == [2, 1, 1]
    with pytest.raises(Exception) as refused:
        service_certificates.session_documents("centre-other", "s-100")
    assert getattr(refused.value, "code", "") == "SESSION_CERTIFICATES_NOT_FOUND"


def test_the_demo_certificate_is_seeded_once(api):
    from local.seed import seed_certificate

    _, user_id = sign_up(api, "camille.demo@example.org")
    code = seed_certificate(user_id)
    assert seed_certificate(user_id) == code
    assert len(code_items()) == 1
    status, shown, _ = api.call("GET", f"/api/certificates/verification/{code}")
    assert status == 200 and shown["first_name"] == "Camille"


def test_the_dynamodb_store_draws_again_when_a_code_is_taken(aws):
    from chalicelib.certif.store.certificates import DynamoCertificateStore

    draws = iter(["P-22222222", "P-22222222", "P-33333333"])
    store = DynamoCertificateStore(draw=lambda: next(draws))
    assert store.reserve_code("c-1") == "P-22222222"
    assert store.reserve_code("c-2") == "P-33333333"  # P-22222222 was taken: drawn again
    assert store.reserve_code("c-1") == "P-22222222"  # a certification keeps its code
    assert {r.pk for r in CertificateRecord.scan()} == {
        "certification#c-1", "certification#c-2", "code#P-22222222", "code#P-33333333"}
