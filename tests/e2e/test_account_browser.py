""""Mon compte" in real Chromium on the local stack: names and language, password, e-mail change confirmed
from the local mailbox, deletion; the English reset flow; a pupil's sign-up; the demo learner's profile."""

import re
import time
import uuid

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.e2e.test_stack_http import call

pytestmark = pytest.mark.e2e

PASSWORD = "Bienvenue2026"


def _sign_up(stack_url: str, first_name: str, lang: str = "fr") -> str:
    email = f"{first_name.lower()}-{uuid.uuid4().hex[:8]}@example.org"
    assert call(stack_url, "POST", "/api/users", {
        "first_name": first_name, "last_name": "Roux", "email": email, "password": PASSWORD,
        "cgu_accepted": True, "lang": lang})[0] == 201
    return email


def status_of(page, form_id: str):
    """The status box of a form of "Mon compte" (each form has its own)."""
    return page.locator(f"article:has(#{form_id}) .form-status")


def _open_mail(page, stack_url: str, to: str, subject: str) -> None:
    """Open the local mailbox and follow the link of the latest e-mail `subject` sent to `to` (the reset
    e-mail leaves off the request path: the page is reloaded until it arrives)."""
    deadline = time.monotonic() + 30
    while True:
        page.goto(stack_url + "_dev/mails")
        mail = page.locator("article").filter(has_text=f"À : {to}").filter(has_text=subject).first
        if mail.count() or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    mail.get_by_role("link", name=re.compile("#token=")).click()


def test_account_changes_language_password_e_mail_then_deletion(stack_url, page):
    email = _sign_up(stack_url, "Nina")
    page.goto(stack_url + "connexion/")
    page.get_by_label("Adresse e-mail ou identifiant").fill(email)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/profil/")
    page.get_by_role("link", name="Mon compte").click()

    # Names and language: the site switches to English and stays signed in.
    page.get_by_label("Prénom").fill("Nina-Rose")
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/en/mon-compte/")
    page.get_by_role("heading", name="Hello Nina-Rose !").wait_for()
    expect(status_of(page, "profile-form")).to_have_text("Your details are saved.")
    assert axe_violations(page) == []

    # Password: every missing rule at once as one types, the server's reasons, then the change.
    new_password = page.locator("#new_password")
    new_password.fill("bonjour")
    expect(page.locator("#new_password-rules")).to_have_text("Missing: 8 characters, an upper-case letter, a digit.")
    page.locator("#current_password").fill(PASSWORD)
    new_password.fill("Password1")
    page.get_by_role("button", name="Change the password").click()
    expect(page.locator("#new_password-error")).to_have_text(
        "This password is too easy to guess: it is a very common password, or a variant of one.")
    new_password.fill("Printemps2027")
    page.get_by_role("button", name="Change the password").click()
    expect(status_of(page, "password-form")).to_contain_text("Your password is changed")

    # E-mail: a link to the new address, followed from the local mailbox; the confirmation page is English.
    address = f"nina.rose-{uuid.uuid4().hex[:8]}@example.org"
    page.locator("#new_email").fill(address)
    page.locator("#email_password").fill("Printemps2027")
    page.get_by_role("button", name="Send me the confirmation link").click()
    expect(status_of(page, "email-form")).to_contain_text(address)
    _open_mail(page, stack_url, address, "Confirm your new Pix e-mail address")
    page.wait_for_url("**/en/mon-compte/adresse/#token=*")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm my new address").click()
    expect(page.get_by_role("alert")).to_have_text(f"Done: your e-mail address is now {address}. Use it to log in.")
    assert "#token=" not in page.url

    # Deletion, with the password.
    page.goto(stack_url + "en/mon-compte/")
    page.locator("#delete_password").fill("Printemps2027")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("#account-status")).to_contain_text("Your account is deleted.")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()  # the header knows the session ended
    assert call(stack_url, "POST", "/api/token", {"login": address, "password": "Printemps2027"})[0] == 401
    assert page.console_errors == []


def test_the_reset_flow_in_english_ends_with_a_way_to_log_in(stack_url, page):
    email = _sign_up(stack_url, "Yanis", lang="fr")  # the page's language decides the e-mail's
    page.goto(stack_url + "en/mot-de-passe-oublie/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("alert")).to_contain_text("If an account exists with this address")
    _open_mail(page, stack_url, email, "Reset your Pix password")
    page.wait_for_url("**/en/mot-de-passe-oublie/nouveau/#token=*")
    link = page.url
    page.get_by_label("Password", exact=True).fill("Printemps2027")
    page.get_by_role("button", name="Save the password").click()
    expect(page.get_by_role("alert")).to_contain_text("Your password has been changed")
    page.get_by_role("link", name="Log in").last.click()
    page.wait_for_url("**/en/connexion/")
    page.get_by_label("E-mail address or username").fill(email)
    page.get_by_label("Password", exact=True).fill("Printemps2027")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/profil/")
    # The same link again: spent, and the page offers a new one.
    page.goto(link)
    page.get_by_label("Password", exact=True).fill("Automne2027x")
    page.get_by_role("button", name="Save the password").click()
    expect(page.get_by_role("alert")).to_contain_text("This link has expired or was already used")
    page.get_by_role("link", name="Send me a new link").click()
    page.wait_for_url("**/en/mot-de-passe-oublie/")
    assert page.console_errors == []


def test_a_pupil_signing_up_with_a_username_is_logged_in(stack_url, page):
    page.goto(stack_url + "inscription/")
    page.get_by_label("Prénom").fill("Zoé")
    suffix = uuid.uuid4().hex[:6].translate(str.maketrans("0123456789", "ghijklmnop"))  # a username keeps letters
    page.get_by_label("Nom", exact=True).fill(f"Petit{suffix}")
    page.get_by_label("Je n'ai pas d'adresse e-mail").check()
    page.get_by_label("Date de naissance").fill("2013-05-09")
    page.get_by_label("Mot de passe", exact=True).fill("Girafe2026")
    page.get_by_label("J'accepte les conditions d'utilisation de Pix.").check()
    page.get_by_role("button", name="Créer mon compte").click()
    heading = page.get_by_role("heading", name="Votre compte est créé")
    expect(heading).to_be_focused()
    # The focus moved for screen readers; no ring draws a selection box around the title.
    assert heading.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    assert re.fullmatch(rf"zoe\.petit{suffix}0905\d*", page.locator("#new-username").inner_text())
    expect(page.get_by_role("link", name="Mon compte")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Aller à mon profil").click()
    page.wait_for_url("**/profil/")
    page.get_by_role("heading", name="Votre profil").wait_for()
    expect(page.locator("#profile")).to_be_visible()
    assert page.console_errors == []


def test_the_demo_learner_has_a_real_profile(stack_url):
    status, session = call(stack_url, "POST", "/api/token",
                           {"login": "camille.martin@example.org", "password": "Demo2026!"})
    assert status == 200
    token = session["access_token"]
    profile = call(stack_url, "GET", "/api/profile", token=token)[1]
    states = [c["evaluation"] for c in profile["competences"]]
    assert states.count("completed") >= 3 and "started" in states
    assert len([c for c in profile["competences"] if c["pix"]]) >= 3
    assert call(stack_url, "GET", "/api/tutorials/saved", token=token)[1]["tutorials"]
