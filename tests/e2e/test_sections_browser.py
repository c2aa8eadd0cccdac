"""The four products in real Chromium: each section's first page in French and English, accessible and fit
for a phone; the header names the product and leads to the others the person may use; a product's page asks
a visitor to log in and brings them back."""

import re

import pytest

from tests.e2e.conftest import OUTPUT, axe_violations, watch_console
from tests.e2e.test_learner_app import new_learner

pytestmark = pytest.mark.e2e

OPERATOR = ("admin@example.org", "Demo2026!")  # local/seed.py: a super admin
HOMES = {  # path → what its first heading says, in French and English
    "": ("Mesurez vos compétences numériques", "Measure your digital skills"),
    "orga/": ("Pix Orga : suivez", "Pix Orga: follow"),
    "certif/": ("Pix Certif : organisez", "Pix Certif: run"),
    "admin/": ("Pix Admin : l'outil", "Pix Admin: the tool"),
}


def switcher(page):
    return page.get_by_role("navigation", name=("Your spaces" if "/en/" in page.url else "Vos espaces"))


def log_in_through_the_form(page, login: str, password: str) -> None:
    page.get_by_label("Adresse e-mail ou identifiant").fill(login)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_each_section_home_in_both_languages_is_accessible(stack_url, browser):
    learner = new_learner(stack_url)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = watch_console(page)
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
        "access_token": learner["access_token"], "refresh_token": learner["refresh_token"],
        "roles": learner["user"]["roles"],
    })
    for locale, prefix in ((0, ""), (1, "en/")):
        for path, headings in HOMES.items():
            page.goto(stack_url + prefix + path)
            page.get_by_role("heading", level=1, name=headings[locale]).wait_for()
            if path:  # a product's page says what the person can do there once the API has answered
                page.locator("#today:not([hidden])").wait_for()
                assert "Léa Martin" in page.inner_text("#who")
            page.wait_for_load_state("networkidle")
            shot = f"375-section-{prefix.strip('/') or 'fr'}-{path.strip('/') or 'learner'}.png"
            page.screenshot(path=str(OUTPUT / shot), full_page=True)
            assert axe_violations(page) == [], prefix + path
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, prefix + path
    assert errors == []
    context.close()


def test_the_header_leads_from_product_to_product(stack_url, page):
    learner = new_learner(stack_url)
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
        "access_token": learner["access_token"], "refresh_token": learner["refresh_token"],
        "roles": learner["user"]["roles"],
    })
    page.goto(stack_url + "orga/")
    products = switcher(page)
    assert products.get_by_role("link", name="Pix Orga").get_attribute("aria-current") == "true"
    assert not products.get_by_role("link", name="Pix Admin").is_visible()  # not an operator
    page.get_by_text("Vous n'êtes membre d'aucune organisation").wait_for()
    products.get_by_role("link", name="Pix Certif").click()
    page.wait_for_url("**/certif/")
    page.get_by_text("Vous n'êtes membre d'aucun centre de certification").wait_for()
    assert page.locator("a.brand").inner_text() == "Pix Certif"
    switcher(page).get_by_role("link", name="Pix", exact=True).click()
    page.wait_for_url(stack_url)
    assert page.locator("a.brand").inner_text() == "Pix"
    page.get_by_role("link", name="Mon profil").click()
    page.wait_for_url("**/profil/")
    switcher(page).get_by_role("link", name="Pix Orga").click()
    page.wait_for_url("**/orga/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/orga/")
    switcher(page).get_by_role("link", name="Pix Certif").click()
    page.wait_for_url("**/en/certif/")
    # Pix Admin, opened by its address, tells a learner it is not for them.
    page.goto(stack_url + "admin/")
    page.get_by_text("Votre compte n'a aucun rôle d'administration").wait_for()
    assert page.console_errors == []


def test_an_operator_logs_in_from_pix_admin_and_comes_back_to_it(stack_url, page):
    page.goto(stack_url + "admin/")
    page.wait_for_url(re.compile(r"/connexion/\?retour=%2Fadmin%2F$"))
    log_in_through_the_form(page, *OPERATOR)
    page.wait_for_url("**/admin/")
    page.get_by_text("Super administrateur : toutes les actions").wait_for()
    products = switcher(page)
    assert products.get_by_role("link", name="Pix Admin").get_attribute("aria-current") == "true"
    products.get_by_role("link", name="Pix Orga").click()
    page.wait_for_url("**/orga/")
    switcher(page).get_by_role("link", name="Pix Admin").click()
    page.wait_for_url("**/admin/")
    page.get_by_role("heading", name="Ce que vous pouvez faire aujourd'hui").wait_for()
    assert page.console_errors == []


def test_the_return_address_never_leaves_the_site(stack_url, page):
    page.goto(stack_url + "connexion/?retour=//example.org/")
    log_in_through_the_form(page, *OPERATOR)
    page.wait_for_url("**/profil/")
    assert page.url.startswith(stack_url)
