"""Pix Admin in real Chromium on the local stack, with the keyboard only: a support operator finds a blocked
user by e-mail and unblocks them, who then logs in; a content operator cannot reach user pages; a super
admin adds a team member; the trail shows each action; every page is axe clean, also at 375 px."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, watch_console
from tests.e2e.test_stack_http import call

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "Demo2026!"  # local/seed.py
PASSWORD = "Bienvenue2026"


def _new_account(stack_url: str, first: str, last: str) -> tuple[str, str]:
    email = f"admin-e2e-{uuid.uuid4().hex[:8]}@example.org"
    status, session = call(stack_url, "POST", "/api/users", {
        "first_name": first, "last_name": last, "email": email, "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    return email, session["user"]["id"]


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until `locator` has the focus: it is reachable with the keyboard, in the page's order."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(node) => document.activeElement === node", target):
            return
    raise AssertionError(f"{locator} cannot be reached with Tab")


def type_into(page, locator, text: str) -> None:
    tab_to(page, locator)
    page.keyboard.type(text)


def log_in(page, stack_url: str, login: str, password: str, back_to: str) -> None:
    page.goto(f"{stack_url}connexion/?retour=/{back_to}")
    type_into(page, page.get_by_label("Adresse e-mail ou identifiant"), login)
    type_into(page, page.get_by_label("Mot de passe", exact=True), password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{back_to}")


def assert_accessible(page) -> None:
    assert axe_violations(page) == [], page.url
    assert page.console_errors == []


@pytest.fixture
def operator(browser):
    """A page in a narrow window (375 px): operators use phones too."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 900})
    page = context.new_page()
    page.console_errors = watch_console(page)
    yield page
    context.close()


def test_support_finds_a_blocked_user_by_email_unblocks_them_and_they_log_in(stack_url, operator, page):
    email, _ = _new_account(stack_url, "Bérénice", "Verrou")
    for _ in range(6):
        call(stack_url, "POST", "/api/token", {"login": email, "password": "pas-le-bon"})
    assert call(stack_url, "POST", "/api/token", {"login": email, "password": PASSWORD})[0] == 429

    log_in(operator, stack_url, "support@example.org", DEMO_PASSWORD, "admin/")
    nav = operator.get_by_role("navigation", name="Outils d'administration")
    expect(nav.get_by_role("link", name="Utilisateurs")).to_be_visible()
    expect(nav.get_by_role("link", name="Équipe Pix Admin")).to_be_hidden()
    assert_accessible(operator)

    type_into(operator, operator.get_by_role("searchbox", name="Rechercher dans Pix Admin"), email)
    operator.keyboard.press("Enter")
    operator.wait_for_url("**/admin/recherche/")
    assert email not in operator.url
    result = operator.get_by_role("link", name="Bérénice Verrou")
    result.wait_for()
    assert_accessible(operator)
    tab_to(operator, result)
    operator.keyboard.press("Enter")
    operator.wait_for_url(re.compile(r"/admin/utilisateurs/fiche/\?id="))
    operator.get_by_text("bloquée jusqu'au").wait_for()
    assert_accessible(operator)
    tab_to(operator, operator.get_by_role("button", name="Débloquer la connexion"))
    operator.keyboard.press("Enter")
    expect(operator.locator("#action-status")).to_have_text(re.compile("La connexion est débloquée"))
    expect(operator.get_by_text("non bloquée")).to_be_visible()
    trail = operator.locator("#trail")
    expect(trail.get_by_text("Connexion débloquée")).to_be_visible()
    expect(trail.get_by_text("par Sofiane Benali")).to_be_visible()

    log_in(page, stack_url, email, PASSWORD, "profil/")


def test_a_content_operator_cannot_reach_user_pages(stack_url, operator):
    _, user_id = _new_account(stack_url, "Octave", "Caché")
    log_in(operator, stack_url, "metier@example.org", DEMO_PASSWORD, "admin/")
    nav = operator.get_by_role("navigation", name="Outils d'administration")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Utilisateurs")).to_be_hidden()
    type_into(operator, operator.get_by_role("searchbox", name="Rechercher dans Pix Admin"), "Octave")
    operator.keyboard.press("Enter")
    expect(operator.get_by_text("Rien trouvé parmi ce que vos rôles ouvrent.")).to_be_visible()
    operator.goto(f"{stack_url}admin/utilisateurs/fiche/?id={user_id}")
    expect(operator.locator("#user-status")).to_have_text("Vous n'avez pas accès à cette ressource.")
    expect(operator.get_by_text("Octave")).to_have_count(0)
    assert axe_violations(operator) == []


def test_a_super_admin_adds_a_team_member_and_the_trail_shows_it(stack_url, operator):
    email, _ = _new_account(stack_url, "Noémie", "Recrue")
    log_in(operator, stack_url, "admin@example.org", DEMO_PASSWORD, "admin/equipe/")
    operator.get_by_role("cell", name="Sofiane Benali", exact=True).wait_for()
    assert_accessible(operator)
    type_into(operator, operator.get_by_label("Adresse e-mail du compte"), email)
    tab_to(operator, operator.get_by_label("Rôle", exact=True))
    operator.keyboard.press("ArrowDown")  # Support → Contenu (métier)
    tab_to(operator, operator.get_by_role("button", name="Ajouter à l'équipe"))
    operator.keyboard.press("Enter")
    expect(operator.locator("article:has(#add-form) .form-status")).to_have_text(
        "Noémie Recrue fait maintenant partie de l'équipe.")
    row = operator.get_by_role("row").filter(has_text=email)
    expect(row.get_by_role("combobox")).to_have_value("METIER")
    tab_to(operator, row.get_by_role("button", name="Journal de Noémie Recrue"))
    operator.keyboard.press("Enter")
    section = operator.locator("#member-trail-section")
    expect(section.get_by_text("Ajout à l'équipe")).to_be_visible()
    expect(section.get_by_text("par Inès Lefèvre")).to_be_visible()
    assert_accessible(operator)
