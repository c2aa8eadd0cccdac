"""A person signs up, logs out and logs in again in real Chromium; pages are accessible."""

import re
import time
import urllib.request
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OUTPUT, axe_violations, watch_console
from tests.e2e.test_stack_http import call

pytestmark = pytest.mark.e2e

PAGES = ["", "inscription/", "connexion/", "mot-de-passe-oublie/", "en/", "en/inscription/",
         "conditions-utilisation/", "en/conditions-utilisation/", "mon-compte/adresse/"]


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


def test_parallel_calls_after_expiry_share_one_refresh(stack_url, page):
    """Five calls fail together with an expired access token: one refresh serves them all, so the
    single-use refresh token is not spent twice (which would end the session)."""
    email = f"lina-{uuid.uuid4().hex[:8]}@example.org"
    status, session = call(stack_url, "POST", "/api/users", {
        "first_name": "Lina", "last_name": "Moreau", "email": email, "password": "Bienvenue2026",
        "cgu_accepted": True})
    assert status == 201
    refreshes = []
    page.on("request", lambda r: refreshes.append(r.url) if r.url.endswith("/api/token/refresh") else None)
    page.goto(stack_url)
    names = page.evaluate("""async (refresh) => {
        localStorage.setItem("pix.session", JSON.stringify({access_token: "expire", refresh_token: refresh}));
        const { api } = await import("/assets/js/api.js");
        const answers = await Promise.all([1, 2, 3, 4, 5].map(() => api("/api/me", { auth: true })));
        const after = await api("/api/me", { auth: true });
        return [...answers, after].map((me) => me.first_name);
    }""", session["refresh_token"])
    assert names == ["Lina"] * 6
    assert len(refreshes) == 1


def test_forgotten_password_by_email_in_the_local_stack(stack_url, page):
    """The reset e-mail is sent by the event handler, off the request path; the link sets a new password."""
    email = f"yanis-{uuid.uuid4().hex[:8]}@example.org"
    assert call(stack_url, "POST", "/api/users", {
        "first_name": "Yanis", "last_name": "Petit", "email": email, "password": "Bienvenue2026",
        "cgu_accepted": True})[0] == 201
    page.goto(stack_url + "mot-de-passe-oublie/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_role("button", name="Recevoir le lien").click()
    page.get_by_role("alert").wait_for()
    link = None
    deadline = time.monotonic() + 30
    while link is None and time.monotonic() < deadline:
        with urllib.request.urlopen(stack_url + "_dev/mails", timeout=10) as response:
            mails = response.read().decode()
        found = re.search(r"À : " + re.escape(email) + r".*?href=\"(http://[^\"]+#token=[\w-]+)\"", mails, re.S)
        link = found.group(1) if found else None
        time.sleep(0.5)
    assert link, "no reset e-mail reached the local mailbox"
    page.goto(link)
    page.get_by_label("Mot de passe", exact=True).fill("Printemps2027")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_role("alert")).to_contain_text("changé")
    assert call(stack_url, "POST", "/api/token", {"login": email, "password": "Printemps2027"})[0] == 200
    assert page.console_errors == []


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
