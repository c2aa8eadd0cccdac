"""The certification in real Chromium, on the local stack's demo data (local/seed.py): the demo learner enters
today's session with its code and waits; the invigilator, in another browser, opens the session with its
password and authorises her; she answers, reloads (her page is no longer authorised), enters again and resumes
after a new authorisation, reports a problem, and reaches the end with her certification number. The
invigilator ends another candidate's test (Léo Dubois, who entered through the API). axe clean, 375 px,
keyboard for the invigilator's actions."""

import re
from datetime import date

import pytest

from chalicelib.accounts.usernames import base_username
from tests.e2e.conftest import OUTPUT, axe_violations, watch_console
from tests.e2e.test_learner_app import api

pytestmark = pytest.mark.e2e

LEARNER = ("camille.martin@example.org", "Demo2026!")
SECOND = (base_username("Léo", "Dubois", date(2012, 3, 14)), "Demo2026!")
INVIGILATOR = ("certif.admin@example.org", "Demo2026!")


def demo_session() -> tuple[str, str, str]:
    """The session number, access code and invigilator password the stack printed."""
    log = (OUTPUT / "stack.log").read_text()
    found = re.findall(r"n° (\d{8}) : code d'accès (\w{6}), mot de passe surveillant (\S+)", log)
    assert found, "the stack did not print today's session"
    return found[-1]


def sign_in(page, stack_url: str, who: tuple[str, str]) -> str:
    session = api(stack_url, "/api/token", {"login": who[0], "password": who[1]})
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
        "access_token": session["access_token"], "refresh_token": session["refresh_token"],
        "roles": session["user"]["roles"]})
    return session["access_token"]


def check(page, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUTPUT / f"375-certification-{name}.png"), full_page=True)
    assert axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, name


def test_a_candidate_takes_the_certification_under_supervision(stack_url, browser):
    number, code, password = demo_session()
    candidate = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    invigilator = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    me, them = candidate.new_page(), invigilator.new_page()
    mine, theirs = watch_console(me), watch_console(them)
    sign_in(me, stack_url, LEARNER)
    sign_in(them, stack_url, INVIGILATOR)

    # The candidate: eligible, joins the session, a wrong code, the right one, waits.
    me.goto(stack_url + "certification/")
    me.get_by_text("Vous êtes éligible à la certification").wait_for()
    check(me, "eligibility")
    me.get_by_label("Numéro de session", exact=True).fill(number)
    me.get_by_label("Nom de naissance").fill("MARTIN")
    me.get_by_label("Prénom", exact=True).fill("camille")
    me.get_by_label("Date de naissance").fill("2009-05-17")
    me.get_by_role("button", name="Continuer").click()
    me.get_by_label("Code d'accès", exact=True).fill("BCDF22")
    me.get_by_role("button", name="Entrer dans la session").click()
    me.get_by_text("Ce code d'accès n'est pas celui de la session").first.wait_for()
    me.get_by_label("Code d'accès", exact=True).fill(code.lower())
    me.get_by_role("button", name="Entrer dans la session").click()
    me.get_by_role("heading", name="En attente du surveillant").wait_for()
    check(me, "waiting")

    # The invigilator opens the session with its password, by keyboard, and authorises her.
    them.goto(stack_url + "certif/surveillance/")
    them.get_by_label("Numéro de session", exact=True).fill(number)
    them.get_by_label("Mot de passe surveillant").fill(password)
    them.keyboard.press("Enter")
    them.get_by_role("heading", name=f"Session n° {number}").wait_for()
    them.get_by_text("En attente d'autorisation", exact=True).wait_for()
    check(them, "supervision")
    them.get_by_role("button", name="Autoriser Camille Martin à commencer").focus()
    them.keyboard.press("Enter")

    # The candidate's page notices (it asks every 3 s) and opens the test.
    me.wait_for_url(re.compile(r".*/certification/epreuve/#"), timeout=15000)
    me.get_by_role("heading", name=re.compile(r"Question 1 sur \d+")).wait_for()
    total = int(re.search(r"sur (\d+)", me.inner_text("#challenge-title")).group(1))
    check(me, "test")
    me.get_by_role("button", name="Je passe").click()
    me.get_by_role("heading", name=f"Question 2 sur {total}").wait_for()
    me.get_by_role("button", name="Signaler un problème").click()
    me.get_by_label("L'image ne s'affiche pas").check()
    me.get_by_role("button", name="Envoyer").click()
    me.get_by_text("Votre signalement a été transmis au surveillant").wait_for()

    # A reload is a new entry: refused until she types the code again and the invigilator lets her resume.
    me.reload()
    me.get_by_role("heading", name="Autorisation nécessaire").wait_for()
    me.get_by_role("link", name="Saisir le code d'accès").click()
    me.get_by_label("Code d'accès", exact=True).fill(code)
    me.get_by_role("button", name="Entrer dans la session").click()
    me.get_by_role("heading", name="En attente du surveillant").wait_for()
    them.get_by_role("button", name="Autoriser Camille Martin à reprendre").click(timeout=15000)
    me.wait_for_url(re.compile(r".*/certification/epreuve/#"), timeout=15000)
    me.get_by_role("heading", name=f"Question 2 sur {total}").wait_for()
    them.get_by_text("Signalements (1)").wait_for(timeout=15000)
    assert "Question 2 · L'image de la question ne s'affichait pas" in them.inner_text("#candidates")

    # Another candidate enters through the API; the invigilator authorises him, then ends his test.
    token = api(stack_url, "/api/token", {"login": SECOND[0], "password": SECOND[1]})["access_token"]
    state = api(stack_url, "/api/certification/courses", {"session_id": number, "last_name": "Dubois",
                                                           "first_name": "Léo", "birth_date": "2012-03-14"}, token)
    course = f"/api/certification/courses/{state['course_id']}"
    api(stack_url, course + "/entry", {"access_code": code}, token)
    them.get_by_role("button", name="Autoriser Léo Dubois à commencer").click(timeout=15000)
    them.get_by_text("Autorisé, va commencer", exact=True).wait_for()
    api(stack_url, course + "/start", {}, token)
    end = them.get_by_role("button", name="Terminer le test de Léo Dubois")
    end.wait_for(timeout=15000)
    end.focus()
    them.keyboard.press("Enter")
    them.get_by_role("button", name="Confirmer la fin du test de Léo Dubois").click()
    them.get_by_text("Terminé par le surveillant", exact=True).wait_for(timeout=15000)
    check(them, "supervision-ended")

    # She answers the rest (skipping) and reaches the end screen with her certification number.
    for n in range(2, total + 1):
        me.get_by_role("heading", name=f"Question {n} sur {total}").wait_for()
        me.get_by_role("button", name="Je passe").click()
    me.get_by_role("heading", name="Test terminé").wait_for()
    assert re.fullmatch(rf"{number}-[0-9a-f]+", me.inner_text("#end-number"))
    me.get_by_text("appelez le surveillant").wait_for()
    check(me, "end")
    assert mine == [] and theirs == []
    candidate.close()
    invigilator.close()
