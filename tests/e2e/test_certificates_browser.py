"""The demo learner finds her certificate on "Mes certifications", downloads the signed PDF (its text holds the
levels and the code), and anyone checks it on the public page from its code; a wrong code says so."""

import io

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import OUTPUT, axe_violations

pytestmark = pytest.mark.e2e


def test_a_certificate_is_downloaded_and_checked_from_its_code(stack_url, page):
    page.goto(stack_url + "connexion/?retour=/mes-certifications/")
    page.get_by_label("Adresse e-mail ou identifiant").fill("camille.martin@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("Demo2026!")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/mes-certifications/")
    page.get_by_role("heading", name="Certification du 12 novembre 2026").wait_for()
    share = page.get_by_label("Lien de vérification à partager").input_value()
    code = share.split("code=")[1]
    assert code.startswith("P-") and len(code) == 10
    assert axe_violations(page) == []

    with page.expect_download() as caught:
        page.get_by_role("button", name="Télécharger l'attestation (PDF)").click()
    download = caught.value
    assert download.suggested_filename == "attestation-pix-2026-11-12.pdf"
    saved = OUTPUT / "attestation-pix.pdf"
    download.save_as(saved)
    text = PdfReader(io.BytesIO(saved.read_bytes())).pages[0].extract_text()
    assert code in text and "Camille Martin" in text
    assert any(line.startswith("1.1 ") and line.endswith("Niveau 3") for line in text.splitlines())

    visitor = page.context.browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    public = visitor.new_page()
    public.goto(share.replace("http://127.0.0.1:8000/", stack_url) if "127.0.0.1:8000" in share else share)
    public.get_by_role("heading", name="Certificat de Camille Martin").wait_for()
    assert "Niveau 3" in public.get_by_role("table").inner_text()
    assert axe_violations(public) == []
    public.screenshot(path=str(OUTPUT / "verification.png"), full_page=True)

    public.get_by_label("Code de vérification").fill("P-22222222")
    public.get_by_role("button", name="Vérifier").click()
    public.get_by_text("Aucun certificat ne correspond à ce code").wait_for()
    visitor.close()
    assert page.console_errors == []
