"""A campaign's test in Chromium on the local stack: the organisation's side starts it (evaluation.api, run
in the stack's environment), the learner takes it on the test page at 375 px with the keyboard: a
checkpoint after 5 answers, a reload that resumes, the end with the share mastered and the way to the
campaign's result page; axe finds nothing serious."""

import json
import urllib.request

import pytest

from tests.e2e.conftest import axe_violations, run_in_stack

pytestmark = pytest.mark.e2e
PARTICIPATION = "e2e-participation-1"

START = """
import json, sys
from chalicelib.evaluation import api
from tests.unit.test_campaign_assessment import profile
state = api.start_campaign_assessment(sys.argv[1], sys.argv[2], profile())
print(json.dumps({"assessment_id": state.assessment_id, "remaining": state.progress.estimated_remaining}))
"""


def call(stack_url: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(stack_url + path.lstrip("/"), data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def start_campaign_test(user_id: str) -> dict:
    """What the participation page does when the learner starts: in the stack's environment, on its moto."""
    return json.loads(run_in_stack(START, user_id, PARTICIPATION).strip().splitlines()[-1])


def test_a_learner_takes_a_campaign_test_with_checkpoint_resume_and_end(stack_url, browser):
    session = call(stack_url, "/api/users", {
        "first_name": "Inès", "last_name": "Parcours", "email": "ines.parcours@example.org",
        "password": "Bonjour2026!x", "cgu_accepted": True,
    })
    started = start_campaign_test(session["user"]["id"])
    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    missing = []  # content files the release names but the local bucket lacks (not this page's concern)
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))",
                  {"access_token": session["access_token"], "refresh_token": session["refresh_token"]})
    page.goto(stack_url + f"evaluation/?campagne={PARTICIPATION}")
    page.locator("#challenge:not([hidden])").wait_for()
    assert page.inner_text("#eval-competence") == "Parcours de campagne"
    assert page.get_attribute("#challenge", "data-assessment-id") == started["assessment_id"]
    assert axe_violations(page) == []
    for n in range(1, 6):  # "Je passe" with the keyboard
        page.locator("#skip").focus()
        page.keyboard.press("Enter")
        if n < 5:
            page.wait_for_function("n => document.getElementById('challenge-title').textContent.includes(n)",
                                   arg=str(n + 1))
    page.locator("#checkpoint:not([hidden])").wait_for()
    assert page.locator("#checkpoint-answers > li").count() == 5
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    page.locator("#checkpoint-continue").focus()
    page.keyboard.press("Enter")
    page.locator("#challenge:not([hidden])").wait_for()
    shown = page.get_attribute("#challenge", "data-challenge-id")
    page.reload()
    page.locator("#challenge:not([hidden])").wait_for()
    assert page.get_attribute("#challenge", "data-challenge-id") == shown, "a reload resumes at the same question"
    for _ in range(60):
        if page.is_visible("#results"):
            break
        if page.is_visible("#checkpoint"):
            page.click("#checkpoint-continue")
        else:
            before = page.inner_text("#challenge-title")
            page.click("#skip")
            page.wait_for_function(
                "t => document.getElementById('challenge').hidden"
                " || document.getElementById('challenge-title').textContent !== t", arg=before)
    page.locator("#results:not([hidden])").wait_for()
    assert "vous maîtrisez 0\u202f% des acquis visés (0 sur 30)" in page.inner_text("#results-summary")
    link = page.get_attribute("#results-campaign", "href")
    assert link == f"/campagnes/resultats/?participation={PARTICIPATION}"
    assert page.is_hidden("#results-answers-title") and page.is_hidden("#results-competence")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
    assert errors == []
    assert all("/fichiers/" in url for url in missing), missing
    context.close()
