"""Pix Orga in real Chromium, on the local stack: the operator creates an organisation and invites its first
admin; she accepts from the e-mail, invites a member who accepts; the member creates a campaign and sees its
code on its page and in the list. axe finds no serious or critical issue on any of these pages."""

import re
import time
import uuid

from tests.e2e.conftest import axe_violations, watch_console
from tests.e2e.test_stack_http import call

OPERATOR = ("admin@example.org", "Demo2026!")  # local/seed.py: a super admin
PASSWORD = "Bienvenue2026"
CODE = re.compile(r"^[A-HJKMNP-Z]{6}[0-9]{3}$")


def _session(stack_url, login, password=PASSWORD):
    status, session = call(stack_url, "POST", "/api/token", {"login": login, "password": password})
    assert status == 200, session
    return session


def _person(stack_url, first_name):
    email = f"{first_name.lower()}-{uuid.uuid4().hex[:8]}@example.org"
    status, _ = call(stack_url, "POST", "/api/users", {"first_name": first_name, "last_name": "Orga", "email": email,
                                                       "password": PASSWORD, "cgu_accepted": True})
    assert status == 201
    return email


def _browser_page(browser, stack_url, session):
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.console_errors = watch_console(page)
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
        "access_token": session["access_token"], "refresh_token": session["refresh_token"],
        "roles": session["user"]["roles"]})
    return page


def _accessible(page):
    assert axe_violations(page) == [], page.url


def _follow_invitation(page, stack_url, to):
    deadline = time.monotonic() + 30
    while True:
        page.goto(stack_url + "_dev/mails")
        mail = page.locator("article").filter(has_text=f"À : {to}").filter(has_text="Invitation").first
        if mail.count() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    mail.get_by_role("link", name=re.compile("#code=")).click()
    page.wait_for_url("**/rejoindre/")  # the code left the address bar
    assert "#code=" not in page.url


def test_an_organisation_is_created_joined_and_runs_a_campaign(stack_url, browser):
    name = f"Association {uuid.uuid4().hex[:6]}"
    admin_email, member_email = _person(stack_url, "Alice"), _person(stack_url, "Bruno")

    operator = _browser_page(browser, stack_url, _session(stack_url, *OPERATOR))
    operator.goto(stack_url + "admin/organisations/nouvelle/")
    _accessible(operator)
    operator.get_by_label("Nom", exact=True).fill(name)
    operator.get_by_label("Type", exact=True).select_option("PRO")
    operator.get_by_label("Adresse de la première personne administratrice").fill(admin_email)
    operator.get_by_role("button", name="Créer une organisation").click()
    operator.get_by_text("L'organisation est créée").wait_for()
    operator.get_by_role("heading", name=name).wait_for()
    operator.get_by_text(f"{admin_email} (Administrateur)").wait_for()
    operator.get_by_label("Crédits achetés").fill("30")
    operator.get_by_role("button", name="Enregistrer l'achat").click()
    operator.get_by_text("Solde : 30 crédits").wait_for()
    trail = operator.locator("#trail")  # the operators' actions on the organisation, the newest first
    trail.get_by_text("Crédits achetés").wait_for()
    assert "Création de l'organisation" in trail.inner_text()
    _accessible(operator)
    operator.goto(stack_url + "admin/organisations/")
    operator.get_by_label("Rechercher").fill(name.lower())
    operator.get_by_role("button", name="Rechercher").click()
    operator.get_by_role("link", name=name).wait_for()
    _accessible(operator)
    assert operator.console_errors == []

    admin = _browser_page(browser, stack_url, _session(stack_url, admin_email))
    _follow_invitation(admin, stack_url, admin_email)
    admin.get_by_text(f"rejoindre « {name} » sur Pix Orga, en tant que administrateur").wait_for()
    _accessible(admin)
    admin.get_by_role("button", name="Accepter l'invitation").click()
    admin.get_by_text(f"Vous avez rejoint « {name} »").wait_for()
    admin.get_by_role("link", name="Y aller").click()
    admin.wait_for_url("**/orga/")
    admin.get_by_text("Vous en êtes administrateur").wait_for()
    admin.get_by_text("Crédits : 30 disponibles, 0 consommés").wait_for()
    _accessible(admin)
    admin.get_by_role("link", name="Membres").last.click()
    admin.get_by_role("heading", name="Inviter des membres").wait_for()
    admin.get_by_label("Adresses e-mail").fill(f" {member_email.upper()}, {member_email}")
    admin.get_by_role("button", name="Envoyer les invitations").click()
    admin.get_by_text("Invitations envoyées : 1.").wait_for()
    admin.get_by_role("cell", name=member_email, exact=True).wait_for()
    _accessible(admin)
    assert admin.console_errors == []

    member = _browser_page(browser, stack_url, _session(stack_url, member_email))
    _follow_invitation(member, stack_url, member_email)
    member.get_by_role("button", name="Accepter l'invitation").click()
    member.get_by_text(f"Vous avez rejoint « {name} » en tant que membre").wait_for()
    member.get_by_role("link", name="Y aller").click()
    member.get_by_text("Vous en êtes membre").wait_for()
    member.locator("#to-campaigns").click()
    member.get_by_role("link", name="Créer une campagne").click()
    member.get_by_label("Nom de la campagne").wait_for()
    _accessible(member)
    member.get_by_label("Nom de la campagne").fill("Bilan de rentrée")
    member.get_by_label("Profil cible").select_option(label="Culture numérique – bases")
    member.get_by_label("Titre affiché aux participants").fill("Bienvenue !")
    member.get_by_label("Texte du bouton").fill("Continuer")
    member.get_by_role("button", name="Enregistrer la campagne").click()
    member.get_by_text("Le bouton de la page de résultat a besoin d'un texte et d'une adresse").first.wait_for()
    member.get_by_label("Adresse du bouton (https://…)").fill("https://example.org/suite")
    member.get_by_role("button", name="Enregistrer la campagne").click()
    member.get_by_role("heading", name="Bilan de rentrée").wait_for()
    code = member.locator("#campaign-code").inner_text()
    assert CODE.match(code), code
    assert member.locator("#campaign-link").inner_text().endswith(f"/campagnes/{code}")
    _accessible(member)
    member.get_by_role("link", name="Retour aux campagnes").click()
    row = member.get_by_role("row").filter(has_text="Bilan de rentrée")
    row.get_by_text(code).wait_for()
    _accessible(member)
    assert member.console_errors == []
