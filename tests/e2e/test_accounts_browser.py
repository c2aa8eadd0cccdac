"""A person signs up, logs out and logs in again in real Chromium; pages are accessible."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OUTPUT, axe_violations, watch_console

pytestmark = pytest.mark.e2e

PAGES = ["", "inscription/", "connexion/", "mot-de-passe-oublie/", "en/", "en/inscription/"]


def test_sign_up_log_out_log_in(stack_url, page):
    email = f"nina-{uuid.uuid4().hex[:8]}@example.org"
    page.goto(stack_url)
    page.get_by_role("link", name="Créer mon compte").click()
    page.get_by_label("Prénom").fill("Nina")
    page.get_by_label("Nom", exact=True).fill("Roux")
    page.get_by_label("Adresse e-mail", exact=True).fill(email)
    page.get_by_label("Mot de passe", exact=True).fill("faible")
    page.get_by_label("J'accepte les conditions d'utilisation de Pix.").check()
    page.get_by_role("button", name="Créer mon compte").click()
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert "majuscule" in alert.inner_text()
    assert page.get_by_label("Mot de passe", exact=True).get_attribute("aria-invalid") == "true"
    page.get_by_label("Mot de passe", exact=True).fill("Bienvenue2026")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/profil/")
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("heading", name="Bonjour Nina !").wait_for()
    assert email in page.inner_text("main")
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(stack_url)
    page.get_by_role("link", name="Se connecter").first.click()
    page.get_by_label("Adresse e-mail ou identifiant").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill("Bienvenue2026")
    expect(page.get_by_role("button", name="Se connecter")).to_be_enabled()
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/")
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("heading", name="Bonjour Nina !").wait_for()
    assert page.console_errors == []


def test_wrong_password_is_announced(stack_url, page):
    page.goto(stack_url + "connexion/")
    page.get_by_label("Adresse e-mail ou identifiant").fill("camille.martin@example.org")
    page.get_by_label("Mot de passe", exact=True).fill("PasLeBon2026")
    page.get_by_role("button", name="Se connecter").click()
    assert "incorrect" in page.get_by_role("alert").inner_text()


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_accessible_and_fit_a_phone(stack_url, browser, path):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = watch_console(page)
    page.goto(stack_url + path)
    page.wait_for_load_state("networkidle")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"375-{path.replace('/', '_') or 'home'}.png"), full_page=True)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert errors == []
    context.close()


# Recorded from the first script of each document (an init script, which the page's CSP does not govern).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (event) => window.__violations.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`));
"""


def test_pages_work_under_the_content_security_policy(stack_url, page):
    page.add_init_script(RECORD_VIOLATIONS)
    for path in ["", "connexion/", "inscription/", "mot-de-passe-oublie/", "en/", "404-absente/"]:
        page.goto(stack_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
    # The policy is in force: an inline script is refused, and reported.
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = true";
      document.head.append(script);
    }""")
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran === undefined")
    assert page.evaluate("window.__violations")[0].startswith("script-src")
