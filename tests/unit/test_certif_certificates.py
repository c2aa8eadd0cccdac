"""Certificates: the PDF attestation's text, its PAdES signature and tamper detection, the Open Badges 3.0
credential (VC-JWT) and tamper detection."""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from chalicelib.certif import credentials, keys, signing
from chalicelib.certif.attestation import attestation_pdf, latin1
from chalicelib.certif.certificates import (
    Certificate,
    add_years,
    domains_from,
    file_name,
)
from chalicelib.content.api import get_release

SITE = "https://pix.example.org"


def titles():
    release = get_release()
    return [(d.code, d.title, [(c, release.competences[c].title) for c in d.competences]) for d in release.domains]


def make(code="P-7BCH2KQX", first="Camille", last="Martin", levels=None, **extra) -> Certificate:
    levels = levels if levels is not None else {"1.1": 3, "1.2": 2, "2.1": 4, "3.4": 1, "5.2": 5, "4.1": 0}
    values = dict(verification_code=code, certification_id="400123", user_id="u1", session_id="s1",
                  centre_id="c1", centre_name="Collège Jean Moulin", first_name=first, last_name=last,
                  birth_date=date(2008, 3, 12), birthplace="Lyon", taken_on=date(2026, 11, 12), status="validated",
                  pix=sum(8 * v for v in levels.values()), max_reachable_level=7,
                  domains=domains_from(titles(), levels), issued_at=datetime(2026, 11, 20, 9, tzinfo=UTC),
                  comment_for_candidate="Bravo.", class_name="3e B")
    values.update(extra)
    return Certificate(**values)


@pytest.fixture(scope="module")
def signing_keys() -> keys.SigningKeys:
    return keys.generate()


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_attestation_shows_identity_levels_score_and_code():
    certificate = make()
    text = text_of(attestation_pdf([certificate], SITE))
    assert "Camille Martin" in text
    assert "Né(e) le 12/03/2008 à Lyon" in text
    assert "Certification n° 400123, passée le 12/11/2026" in text
    assert "Collège Jean Moulin" in text
    assert "P-7BCH2KQX" in text
    assert "https://pix.example.org/verification/?code=P-7BCH2KQX" in text
    assert "valable jusqu'au 12/11/2029" in text
    assert f"Score : {certificate.pix} pix sur 896 atteignables" in text  # 16 × 8 × 7
    lines = text.splitlines()
    assert any(line.startswith("1.1 Mener une recherche") and line.endswith("Niveau 3") for line in lines)
    assert any(line.startswith("5.2 ") and line.endswith("Niveau 5") for line in lines)
    assert any(line.startswith("4.1 ") and line.endswith("Niveau 0") for line in lines)
    assert any(line.startswith("1.3 ") and line.endswith("Non certifiée") for line in lines)
    for domain in ("1. Information et données", "5. Environnement numérique"):
        assert domain in text
    assert len(PdfReader(io.BytesIO(attestation_pdf([certificate], SITE))).pages) == 1


def test_a_class_document_has_a_page_per_certificate_and_a_file_name_without_a_name():
    pdf = attestation_pdf([make(), make(code="P-2346789B", first="Léa", last="Dupont", levels={"2.2": 6})], SITE)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    assert "Léa Dupont" in pages[1].extract_text() and "P-2346789B" in pages[1].extract_text()
    assert file_name(make()) == "attestation-pix-2026-11-12.pdf"


def test_names_outside_latin1_are_spelt_closest_and_dates_roll_over_29_february():
    assert latin1("Œdipe Łukasz Jean’s") == "OEdipe Lukasz Jean's"
    text = text_of(attestation_pdf([make(first="Zoë", last="Cœur")], SITE))
    assert "Zoë Coeur" in text
    assert add_years(date(2028, 2, 29), 3) == date(2031, 2, 28)


def test_a_signed_attestation_checks_and_any_change_is_detected(signing_keys):
    pdf = signing.sign_pdf(attestation_pdf([make()], SITE), signing_keys)
    check = signing.check_pdf(pdf, signing_keys.pdf_certificates)
    assert check.valid and check.intact and check.trusted and check.whole_file
    assert "Niveau 3" in text_of(pdf)  # still a readable PDF

    # A byte changed inside the signed range (the document's title in its metadata): no longer intact.
    at = pdf.index(b"Attestation de certification Pix")
    tampered = pdf[:at] + b"Attestation de certification Pax" + pdf[at + 32:]
    assert not signing.check_pdf(tampered, signing_keys.pdf_certificates).intact

    # Something appended after the signature (an incremental update): the signature no longer covers the file.
    appended = pdf + b"\n% a later change\n"
    assert not signing.check_pdf(appended, signing_keys.pdf_certificates).valid

    # Signed by someone else's key: intact, but not trusted.
    other = keys.generate()
    assert not signing.check_pdf(pdf, other.pdf_certificates).trusted
    assert not signing.check_pdf(b"%PDF-1.4 not a pdf", signing_keys.pdf_certificates).signed


def test_the_credential_verifies_offline_and_a_changed_level_is_detected(signing_keys):
    document = credentials.credential(make(), SITE)
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["id"] == SITE + "/api/certificates/issuer"
    results = {r["resultDescription"].split("#")[1]: r["value"] for r in document["credentialSubject"]["result"]}
    assert results["1.1"] == "3" and results["pix"] == str(make().pix) and "1.3" not in results

    token = credentials.sign(document, signing_keys.credential_key)
    published = json.loads(json.dumps(keys.key_set(signing_keys)))  # as served
    verified = credentials.verify(token, published, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert verified == document

    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    for result in claims["credentialSubject"]["result"]:
        if result["resultDescription"].endswith("#1.1"):
            result["value"] = "7"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(credentials.CredentialError):
        credentials.verify(f"{header}.{forged}.{signature}", published, now=datetime(2027, 1, 1, tzinfo=UTC))

    with pytest.raises(credentials.CredentialError):  # another issuer's keys
        credentials.verify(token, keys.key_set(keys.generate()), now=datetime(2027, 1, 1, tzinfo=UTC))
    with pytest.raises(credentials.CredentialError):  # after its 3 years
        credentials.verify(token, published, now=datetime(2030, 1, 1, tzinfo=UTC))


def test_keys_round_trip_through_their_document_and_publish_only_public_parts(signing_keys):
    again = keys.from_document(keys.to_document(signing_keys))
    assert again.credential_kid == signing_keys.credential_kid
    published = json.dumps(keys.key_set(signing_keys))
    assert '"d"' not in published and "PRIVATE" not in published
    kinds = [k["kty"] for k in keys.key_set(signing_keys)["keys"]]
    assert kinds == ["RSA", "EC"]
