"""A campaign in real Chromium, on the seeded stack: a learner opens the campaign's link, logs in, gives the
external id, takes the test (and reloads in the middle: it resumes), sees mastery and stage, shares; a member
of the organisation sees the result and downloads the export, which parses as the expected CSV.

The seeded campaign (local/seed_orga.py's assessment in the demo company) and its code, read from the
stack's output (it prints every demo campaign's code once); the admin reaches it from Pix Orga's home.
"""

from __future__ import annotations

import csv
import io
import re
import time

import pytest

from chalicelib.engine.checking import right_answer
from local.seed_campaigns import DEMO_PASSWORD
from local.seed_orga import DEMO_CAMPAIGNS, ORGA_ADMIN, PRO
from tests.e2e.conftest import OUTPUT, axe_violations
from tests.e2e.test_learner_app import current, fill, plain, press, section, wait_after

pytestmark = pytest.mark.e2e

CAMPAIGN = DEMO_CAMPAIGNS[0]  # an assessment asking for a matricule


def seeded(name: str) -> str:
    """The code of a seeded campaign, from the stack's log (printed just after its address)."""
    for _ in range(50):
        log = (OUTPUT / "stack.log").read_text()
        if "Ctrl-C" in log:  # the last line the stack prints
            break
        time.sleep(0.1)
    found = re.findall(rf"- ([A-Z]{{6}}[0-9]{{3}})  \({re.escape(name)}\)", log)
    assert len(found) == 1, "the stack did not print the seeded campaign's code, once"
    return found[0]


def log_in(page, stack_url: str, login: str) -> None:
    page.get_by_label("Adresse e-mail ou identifiant").fill(login)
    page.get_by_label("Mot de passe", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= 375 + 1"), f"{name} scrolls sideways at 375 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(OUTPUT / f"campaign-{name}.png"), full_page=True)


def test_a_learner_shares_and_a_member_exports(stack_url, page):
    code = seeded(CAMPAIGN.name)
    page.goto(f"{stack_url}campagnes/")
    page.get_by_label("Code du parcours").fill(code.lower())
    press(page, "Accéder au parcours")
    page.wait_for_url(f"**/campagnes/{code}/")
    page.get_by_role("heading", name=CAMPAIGN.title).wait_for()
    assert "bases du numérique" in page.inner_text("#landing-text")
    check(page, "landing")
    page.get_by_role("link", name="Se connecter pour commencer").click()
    log_in(page, stack_url, "camille.martin@example.org")
    page.wait_for_url(f"**/campagnes/{code}/")
    page.get_by_label(CAMPAIGN.external_id_label or "").wait_for()
    press(page, "Je commence")  # without the matricule: the form says so
    page.get_by_text("Ce champ est obligatoire.").wait_for()
    page.get_by_label(CAMPAIGN.external_id_label or "").fill("M-E2E-001")
    press(page, "Je commence")
    page.wait_for_url("**/evaluation/?campagne=*")

    answered, reloaded = 0, False
    while (where := section(page)) != "results":
        if where == "checkpoint":
            page.locator("#checkpoint-continue").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("() => document.getElementById('checkpoint').hidden")
            continue
        challenge = current(page)
        if answered == 3 and not reloaded:
            page.reload()
            assert current(page).id == challenge.id  # the test resumes where it was left
            reloaded = True
        if challenge.level <= 2:
            fill(page, challenge, right_answer(challenge.solution))
            press(page, "Je valide")
        else:
            press(page, "Je passe")
        answered += 1
        wait_after(page, challenge.id)
        assert answered < 80, "the test never ended"
    page.locator("#results-campaign").click()
    page.wait_for_url("**/campagnes/resultats/?participation=*")
    page.locator("#result:not([hidden])").wait_for()
    mastery = plain(page.inner_text("#result-mastery"))
    assert re.fullmatch(r"Vous maîtrisez \d+ % des acquis testés\.", mastery), mastery
    assert page.locator("#result-stage .star").count() >= 1  # the stage, as stars with their text
    assert re.search(r"Palier \d+ sur \d+", page.inner_text("#result-stage"))
    check(page, "result")
    press(page, "J'envoie mes résultats")
    page.get_by_text("C'est envoyé").wait_for()
    assert page.get_by_role("button", name="J'envoie mes résultats").is_hidden()
    rate = int(re.search(r"(\d+) %", mastery)[1])

    page.evaluate("localStorage.clear()")
    page.goto(f"{stack_url}orga/")
    log_in(page, stack_url, ORGA_ADMIN[2])
    page.wait_for_url("**/orga/")
    page.get_by_label("Organisation", exact=True).select_option(label=str(PRO["name"]))
    page.locator("#to-campaigns").click()
    page.get_by_role("link", name=CAMPAIGN.name).click()
    page.wait_for_url("**/orga/campagnes/campagne/?*")
    page.get_by_role("heading", name=CAMPAIGN.name).wait_for()
    assert page.inner_text("#campaign-code") == code
    check(page, "orga-details")
    page.get_by_role("tab", name="Activité").click()
    page.locator("#activity-days tr").first.wait_for()
    check(page, "orga-activity")
    page.get_by_role("tab", name="Participants").click()
    page.get_by_role("button", name="Martin Camille").click()
    summary = page.locator("#participant-summary")
    summary.wait_for()
    assert f"Maîtrise {rate} %" in plain(summary.inner_text())
    check(page, "orga-participants")
    page.get_by_role("tab", name="Analyse").click()
    page.locator("#analysis-tubes li").first.wait_for()
    page.get_by_role("tab", name="Export").click()
    press(page, "Exporter les résultats")
    page.get_by_role("button", name="Télécharger le fichier").wait_for(timeout=60_000)
    with page.expect_download() as download:
        press(page, "Télécharger le fichier")
    assert re.fullmatch(r"Resultats-.+\.csv", download.value.suggested_filename)
    text = download.value.path().read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    heading, rows = table[0], table[1:]
    assert heading[:4] == ["Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne"]
    mine = [dict(zip(heading, row, strict=True)) for row in rows if "M-E2E-001" in row]
    assert len(mine) == 1 and mine[0]["Partage (O/N)"] == "Oui" and mine[0]["Code"] == code
    assert mine[0]["Nom du Participant"] == "Martin" and mine[0]["Prénom du Participant"] == "Camille"
    assert round(100 * float(mine[0]["% maîtrise de l'ensemble des acquis du profil"].replace(",", "."))) == rate
    assert len(rows) >= 3  # the seeded participants too
