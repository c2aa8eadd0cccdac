"""A certification the jury rejected, in Chromium on the local stack: its publication (the certificates job's
work, run in the stack's environment) gives its holder no certificate, and « Mes certifications » says so, with
the day, the centre and the jury's comment, and no code nor link to share; axe finds nothing serious, at 375 px."""

import pytest

from tests.e2e.conftest import OUTPUT, axe_violations, run_in_stack
from tests.e2e.test_campaign_assessment_browser import call

pytestmark = pytest.mark.e2e

PUBLISH = """
import sys
from datetime import date
from chalicelib.certif import service_certificates as job
result = job.CertificationResult(certification_id="e2e-rejected-1", user_id=sys.argv[1], first_name="Rémi",
                                 last_name="Refus", birth_date=date(2005, 3, 4), birthplace="Lyon", status="rejected",
                                 pix=0, levels={}, comment_for_candidate="Téléphone consulté pendant le test.")
print(job.issue_session(job.SessionCertificates("e2e-session-1", "e2e-centre", "Lycée Jean Moulin",
                                                date(2026, 11, 18), 5, (result,))))
"""


def test_a_rejected_certification_says_so_to_its_holder(stack_url, browser):
    session = call(stack_url, "/api/users", {"first_name": "Rémi", "last_name": "Refus",
                                              "email": "remi.refus@example.org", "password": "Bonjour2026!x",
                                              "cgu_accepted": True})
    run_in_stack(PUBLISH, session["user"]["id"])

    context = browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(stack_url)
    page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))",
                  {"access_token": session["access_token"], "refresh_token": session["refresh_token"]})
    page.goto(stack_url + "mes-certifications/")
    page.locator("#loading").wait_for(state="hidden")
    card = page.locator("#certificates article")
    card.get_by_text("Certification non obtenue").wait_for()
    text = card.inner_text()
    assert "Certification du 18 novembre 2026" in text and "Lycée Jean Moulin" in text
    assert "Commentaire du jury : Téléphone consulté pendant le test." in text
    assert page.get_by_label("Lien de vérification à partager").count() == 0
    assert page.get_by_role("button", name="Télécharger l'attestation (PDF)").count() == 0
    page.screenshot(path=str(OUTPUT / "certification-rejected.png"), full_page=True)
    assert axe_violations(page) == []
    assert errors == []
    context.close()
