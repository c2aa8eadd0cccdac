"""Pix Certif in real Chromium on the local stack: the operator creates a centre; the demo centre's admin
creates a session, sees its invigilator password once, and imports candidates from an .xlsx, then from a CSV
whose errors are reported by line (nothing imported); keyboard-only tabs, axe clean, usable at 375 px."""

import io
import re
import uuid
from datetime import date

import openpyxl
import pytest

from chalicelib.certif import candidate_file
from tests.e2e.conftest import OUTPUT, axe_violations

pytestmark = pytest.mark.e2e

PASSWORD = "Demo2026!"


def _log_in(page, stack_url: str, login: str, back: str) -> None:
    page.goto(f"{stack_url}connexion/?retour=/{back}")
    page.get_by_label("Adresse e-mail ou identifiant").fill(login)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "connexion" not in url and url.endswith(f"/{back}"))


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([header for _, header, _, billing in candidate_file.COLUMNS if not billing])
    sheet.append(["Roux", "Léa", "E1", 30, date(2009, 5, 17), None, None, "69123", None, None, None, "F"])
    sheet.append(["Petit", "Hugo", "E2", None, "02/01/2009", "Lyon", "69001", None, None, None, None, "M"])
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


@pytest.fixture
def page(page, request):
    """The page, photographed when the test fails (test-output/<test>.png)."""
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        page.screenshot(path=str(OUTPUT / f"{request.node.name}.png"), full_page=True)


def _wider_than_the_screen(page) -> list[str]:
    """The elements sticking out on the right (none: the page reads without sideways scrolling)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
        .map((e) => e.tagName + '#' + e.id + '.' + e.className)""")


def test_the_operator_creates_a_centre(stack_url, page):
    _log_in(page, stack_url, "admin@example.org", "admin/")
    page.goto(stack_url + "admin/centres/")
    page.get_by_text("Créer un centre").click()
    name = f"Lycée Victor Hugo {uuid.uuid4().hex[:4]}"
    page.get_by_label("Nom", exact=True).fill(name)
    page.get_by_label("Type").select_option("SCO")
    page.get_by_label("E-mail de l'administrateur du centre").fill(f"chef-{uuid.uuid4().hex[:6]}@example.org")
    page.get_by_role("button", name="Créer le centre").click()
    page.get_by_role("heading", name=name).wait_for()
    page.locator("#trail").get_by_text("Création du centre").wait_for()  # the operators' actions on the centre
    assert axe_violations(page) == []
    page.goto(stack_url + "admin/centres/")
    page.get_by_label("Rechercher un centre").fill(name[:12].lower())
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name=name).wait_for()
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_a_centre_admin_creates_a_session_and_imports_candidates(stack_url, page):
    _log_in(page, stack_url, "certif.admin@example.org", "certif/")
    page.get_by_role("link", name="Centre de certification de démonstration").click()
    page.get_by_role("heading", name="Sessions de Centre de certification de démonstration").wait_for()
    # The tabs, by keyboard: today's demo session is upcoming; the arrows move to the other lists.
    page.get_by_role("tab", name="À venir").focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="À finaliser").get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowLeft")
    page.get_by_role("cell").first.wait_for()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Créer une session").click()
    page.get_by_label("Nom du site").fill("Lycée de démonstration, Lyon")
    page.get_by_label("Salle").fill("Salle C3")
    page.get_by_label("Date", exact=True).fill(date.today().isoformat())
    page.get_by_label("Heure de début").fill("14:00")
    page.get_by_label("Surveillant(s)").fill("Mme Lopez")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Enregistrer la session").click()
    page.get_by_role("heading", name="Mot de passe surveillant").wait_for()
    password = page.locator("#password").inner_text()
    assert len(password) == 14 and password.count("-") == 2
    assert "Session n°" in page.get_by_role("heading", level=1).inner_text()
    assert axe_violations(page) == []

    # An .xlsx of two candidates.
    xlsx = OUTPUT / "candidats.xlsx"
    xlsx.write_bytes(_xlsx())
    page.get_by_label("Fichier de candidats").set_input_files(str(xlsx))
    page.get_by_role("button", name="Importer").click()
    page.get_by_text("2 candidat(s) importé(s).").wait_for(timeout=30_000)
    page.get_by_role("cell", name="Roux", exact=True).wait_for()
    page.get_by_role("cell", name="Petit", exact=True).wait_for()

    # A CSV as Excel writes it (Windows-1252, semicolons) with two wrong lines: nothing is imported.
    csv = OUTPUT / "candidats.csv"
    csv.write_bytes((candidate_file.template_csv(False).decode().lstrip("\ufeff")
                     + "Martin;Zoé;;;17/05/2009;;;69123;;;;F\r\n"
                     + "Sans;Sexe;;;01/01/2009;;;69123;;;;\r\n"
                     + "Lieu;Inconnu;;;01/01/2009;;;99999;;;;M\r\n").encode("cp1252"))
    page.get_by_label("Fichier de candidats").set_input_files(str(csv))
    page.get_by_role("button", name="Importer").click()
    page.get_by_text("Rien n'a été importé : 2 erreur(s)").wait_for(timeout=30_000)
    errors = page.locator("#import-errors li").all_inner_texts()
    assert errors[0].startswith("Ligne 3 : le sexe est M ou F") and errors[1].startswith("Ligne 4 :")
    assert page.get_by_role("cell", name="Martin", exact=True).count() == 0
    assert axe_violations(page) == []

    # The demo centre is the demo school's (same UAI): it picks a pupil of class 4A from the school's list.
    page.get_by_text("Choisir des élèves dans la liste de l'établissement").click()
    page.get_by_label("Classe à afficher").select_option("4A")
    page.get_by_role("group", name="Élèves de la classe 4A").wait_for()
    page.get_by_role("checkbox", name=re.compile("^N'Diaye")).check()
    page.get_by_role("button", name="Inscrire les élèves cochés").click()
    page.get_by_text("1 élève(s) inscrit(s).").wait_for()
    page.get_by_role("cell", name="N'Diaye", exact=True).wait_for()
    pupil_row = page.locator("#candidate-rows tr", has=page.get_by_role("cell", name="N'Diaye", exact=True))
    assert page.get_by_role("columnheader", name="Classe").is_visible()
    assert pupil_row.get_by_role("cell", name="4A", exact=True).is_visible()  # the pupil keeps their class
    assert page.get_by_role("checkbox", name=re.compile("^N'Diaye")).is_disabled()  # enrolled: no longer pickable
    assert axe_violations(page) == []
    page.screenshot(path=str(OUTPUT / "certif-session.png"), full_page=True)

    # At 375 px the page still reads without sideways scrolling (tables scroll in their own region).
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.get_by_role("cell", name="Roux", exact=True).wait_for()
    assert _wider_than_the_screen(page) == []
    assert page.locator("#password-once").is_hidden(), "the password is shown once"
    assert page.console_errors == []


def test_a_centre_admin_sees_the_centres_members_and_invites(stack_url, page):
    _log_in(page, stack_url, "certif.admin@example.org", "certif/")
    page.get_by_role("link", name="Centre de certification de démonstration").click()
    page.get_by_role("heading", name="Sessions de Centre de certification de démonstration").wait_for()
    page.get_by_role("link", name="Membres").last.click()  # the header's link: the centre just opened
    page.get_by_role("heading", name="Inviter des membres").wait_for()
    assert "Centre de certification de démonstration" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("cell", name="certif.admin@example.org", exact=True).wait_for()
    email = f"surveillant-{uuid.uuid4().hex[:6]}@example.org"
    page.get_by_label("Adresses e-mail").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # keyboard only: the role stays "Membre", the button sends
    page.get_by_text("Invitations envoyées : 1.").wait_for()
    page.get_by_role("cell", name=email, exact=True).wait_for()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    page.get_by_role("cell", name=email, exact=True).wait_for()
    assert _wider_than_the_screen(page) == []
    assert page.console_errors == []
