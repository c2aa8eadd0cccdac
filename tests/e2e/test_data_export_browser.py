"""A learner asks for all their data on "Mon compte" in real Chromium, follows its preparation and
downloads the file: the request travels S3 → EventBridge → the jobs room's handler in the local stack."""

import json
import uuid
import zipfile

import pytest

from tests.e2e.conftest import OUTPUT, axe_violations

pytestmark = pytest.mark.e2e


def test_a_learner_downloads_all_their_data(stack_url, page):
    email = f"ines-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(stack_url + "inscription/")
    page.get_by_label("Prénom").fill("Inès")
    page.get_by_label("Nom", exact=True).fill("Garnier")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill("Bienvenue2026")
    page.get_by_label("J'accepte les conditions d'utilisation de Pix.").check()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/profil/")
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("heading", name="Mes données").wait_for()

    page.get_by_role("button", name="Demander mes données").click()
    download_button = page.get_by_role("button", name="Télécharger mes données")
    download_button.wait_for(timeout=30_000)  # the stack forwards the event within a second or two
    assert "prêtes" in page.get_by_role("status").inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as caught:
        download_button.click()
    download = caught.value
    assert download.suggested_filename == "mes-donnees-pix.zip"
    saved = OUTPUT / "mes-donnees-pix.zip"
    download.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        data = json.loads(archive.read("mes-donnees.json"))
        readme = archive.read("LISEZMOI.txt").decode()
    assert data["compte"]["email"] == email and data["compte"]["first_name"] == "Inès"
    assert set(data["evaluation"]) == {
        "competences", "campaign_assessments", "answers", "saved_tutorials", "problem_reports"}
    assert "Vos données personnelles sur Pix" in readme
    page.screenshot(path=str(OUTPUT / "mon-compte-donnees.png"), full_page=True)

    # After a reload the page finds the export again, and a second request right away is refused.
    page.reload()
    page.get_by_role("button", name="Télécharger mes données").wait_for()
    page.get_by_role("button", name="Demander mes données").click()
    page.get_by_text("patientez quelques minutes").wait_for()
    assert page.console_errors == []
