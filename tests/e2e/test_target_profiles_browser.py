"""Pix Admin's target profiles in real Chromium: an operator lists the seeded profiles, builds one by picking
tubes and levels, sets its stages and a badge, copies and outdates it — accessible, at 375 px, by keyboard."""

import re

import pytest

from tests.e2e.conftest import OUTPUT, axe_violations
from tests.e2e.test_learner_app import api

pytestmark = pytest.mark.e2e

OPERATOR = ("admin@example.org", "Demo2026!")  # local/seed.py: a super admin


def sign_in(page, stack_url: str) -> None:
    session = api(stack_url, "/api/token", {"login": OPERATOR[0], "password": OPERATOR[1]})
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
        "access_token": session["access_token"], "refresh_token": session["refresh_token"],
        "roles": session["user"]["roles"]})


def check(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUTPUT / f"375-admin-{name}.png"), full_page=True)
    assert axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, name


def test_an_operator_builds_a_target_profile(stack_url, browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    sign_in(page, stack_url)

    page.goto(stack_url + "admin/profils-cibles/")
    page.get_by_role("link", name="Culture numérique – bases").wait_for()
    assert page.get_by_role("link", name="Cybersécurité au travail").is_visible()
    # on the admin layout, like the other admin pages: the operator's tools, this one current
    tools = page.get_by_role("navigation", name="Outils d'administration")
    tools.get_by_role("link", name="Profils cibles").wait_for()
    assert tools.get_by_role("link", name="Profils cibles").get_attribute("aria-current") == "page"
    check(page, "target-profiles")

    page.get_by_role("link", name="Créer un profil cible").click()
    page.get_by_text("Sujets et niveaux").wait_for()
    page.locator("#new-profile:not([hidden])").wait_for()
    page.get_by_label("Nom", exact=True).fill("Veille et fiabilité")
    page.get_by_label("Catégorie", exact=True).select_option("SUBJECT")
    page.get_by_text("1.1 Mener une recherche").click()  # opens the competence
    page.get_by_label("Évaluer la fiabilité d'une source").select_option("4")
    page.get_by_label("Organiser une veille d'information").select_option("4")
    assert page.inner_text("#selection") == "Sélection : 2 sujet(s), 5 acquis."
    check(page, "target-profile-new")
    page.get_by_role("button", name="Créer le profil cible").click()

    page.wait_for_url(re.compile(r".*/admin/profils-cibles/profil/\?id=tp"))
    page.get_by_role("heading", level=1, name="Veille et fiabilité").wait_for()
    # Stages, by keyboard: add two, fill them, save.
    page.get_by_role("button", name="Ajouter un palier").click()
    page.keyboard.type("0")
    page.keyboard.press("Tab")
    page.keyboard.type("Premiers pas")
    page.keyboard.press("Tab")
    page.keyboard.type("Vous débutez.")
    page.get_by_role("button", name="Ajouter un palier").click()
    rows = page.locator("#stage-rows > li")
    rows.nth(1).get_by_label("Seuil").fill("50")
    rows.nth(1).get_by_label("Titre pour le participant").fill("À mi-chemin")
    rows.nth(1).get_by_label("Message pour le participant").fill("Continuez ainsi.")
    page.get_by_role("button", name="Enregistrer les paliers").click()
    page.get_by_text("Les paliers sont enregistrés.").wait_for()

    page.get_by_role("button", name="Ajouter un badge").click()
    badge = page.locator("#badge-rows > fieldset").last
    badge.get_by_label("Clé").fill("VEILLEUR")
    badge.get_by_label("Titre", exact=True).fill("Veilleur")
    badge.get_by_label("Porte sur").select_option("tubes")
    badge.get_by_label(re.compile("Organiser une veille")).check()
    badge.get_by_label("Taux de maîtrise minimum (%)").fill("60")
    page.get_by_role("button", name="Enregistrer les badges").click()
    page.get_by_text("Les badges sont enregistrés.").wait_for()
    # The tubes again: the picker opens on the profile's caps; one more tube.
    page.get_by_role("button", name="Modifier les sujets").click()
    editor = page.locator("#tubes-form")
    assert editor.get_by_label("Organiser une veille d'information").input_value() == "4"
    editor.get_by_text("1.1 Mener une recherche").click()  # it opened on the profile's competence: close…
    editor.get_by_text("1.1 Mener une recherche").click()  # …and open again
    editor.get_by_label("Formuler une requête de recherche").select_option("2")
    assert editor.locator("#tube-selection").inner_text() == "Sélection : 3 sujet(s), 7 acquis."
    page.get_by_role("button", name="Enregistrer les sujets").click()
    page.get_by_text("Les sujets sont enregistrés.").wait_for()
    assert page.locator("#tubes-rows tr").count() == 3
    page.get_by_label("Identifiants d'organisation").fill("org-demo-1, org démo")
    page.get_by_role("button", name="Rattacher").click()
    page.get_by_text("Un identifiant d'organisation ne contient que").first.wait_for()
    assert page.get_by_label("Identifiants d'organisation").get_attribute("aria-invalid") == "true"
    page.get_by_label("Identifiants d'organisation").fill("org-demo-1, org-demo-2")
    page.get_by_role("button", name="Rattacher").click()
    page.get_by_role("button", name="Détacher l'organisation org-demo-2").wait_for()
    trail = page.locator("#trail")
    trail.get_by_text("Organisations rattachées").wait_for()
    assert trail.get_by_text("Création", exact=True).is_visible()
    assert "Inès Lefèvre" in trail.inner_text()
    check(page, "target-profile")

    # A broken rule is said in French, beside the stages.
    page.locator("#stage-rows > li").first.get_by_role("button", name="Retirer ce palier").click()
    page.get_by_role("button", name="Enregistrer les paliers").click()
    page.get_by_text("Le palier zéro est obligatoire.").first.wait_for()

    page.get_by_role("button", name="Copier").click()
    page.get_by_role("heading", level=1, name="[Copie] Veille et fiabilité").wait_for()
    page.get_by_role("button", name="Rendre obsolète").click()
    page.get_by_role("button", name="Confirmer").click()
    page.get_by_text("Le profil cible est obsolète.").wait_for()
    assert page.get_by_role("button", name="Enregistrer les paliers").is_disabled()
    context.close()
