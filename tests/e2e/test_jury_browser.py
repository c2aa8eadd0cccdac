"""The certification jury in real Chromium on the local stack (the seed's finalised session: an in-challenge
report the rules neutralised, a fraud report awaiting the jury). The certification operator takes the session,
handles the fraud report, neutralises a question, publishes; the candidate sees her result and downloads the
PDF whose text holds the levels and the code; the public page shows the certificate from its code, a wrong code
says so; the results recipient's e-mail is on the local mail page and its link opens the results. Before that, the
jury sends the session the centre has just finalised back to it (unfinalisation)."""

import io
import re
import time

import pytest
from pypdf import PdfReader

from tests.e2e.conftest import OUTPUT, axe_violations
from tests.e2e.test_certif_sessions_browser import _log_in, page  # noqa: F401  (the page fixture, photographed)

pytestmark = pytest.mark.e2e

CANDIDATE = "jeanne.moreau@example.org"
RECIPIENT = "parents.moreau@example.org"


def _local(link: str, stack_url: str) -> str:
    return re.sub(r"^https?://[^/]+/", stack_url, link)


def test_the_centre_finalises_a_session_on_a_page_that_explains_itself(stack_url, page):  # noqa: F811
    """The seed's session of yesterday: Jeanne's test is still running; a reason is required, a report names
    question 2; once finalised, the page says so (and a second finalisation is refused by the API)."""
    page.on("dialog", lambda dialog: dialog.accept())
    _log_in(page, stack_url, "certif.admin@example.org", "certif/")
    page.get_by_role("link", name="Centre de certification de démonstration").click()
    page.get_by_role("tab", name="À finaliser").click()
    page.get_by_role("row").filter(has_text="Salle à finaliser").get_by_role("link").click()
    page.get_by_role("link", name="Finaliser la session").click()
    page.get_by_role("heading", name=re.compile(r"Finaliser la session n° \d{8}")).wait_for()
    how = page.locator("#how-title + ul").inner_text()
    assert "dans son encadré" in how and "n'y mettez pas le problème d'un candidat" in how
    page.get_by_text("Test encore en cours (3 questions").wait_for()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Finaliser la session", exact=True).click()
    page.get_by_text("Indiquez pour chaque test non terminé").first.wait_for()
    page.get_by_role("button", name="Ajouter un signalement").click()
    page.get_by_label("Catégorie").select_option("IN_CHALLENGE")
    page.get_by_label("Type de problème").select_option("WEBSITE_UNAVAILABLE")
    page.get_by_label("Numéro de la question").fill("2")
    page.get_by_label("À cause d'un problème technique").check()
    page.get_by_label("Un incident a eu lieu pendant la session").check()
    page.get_by_role("button", name="Finaliser la session", exact=True).click()
    page.get_by_text("Session finalisée le").wait_for()
    page.screenshot(path=str(OUTPUT / "finalisation.png"), full_page=True)
    page.reload()
    page.get_by_text("Session finalisée le").wait_for()
    assert page.console_errors == []


def test_the_jury_sends_the_session_back_to_its_centre(stack_url, page):  # noqa: F811
    """After the test above (its session is now to publish): the jury unfinalises it, the page says where it went,
    and the centre finds it again under « À finaliser », with its finalisation form."""
    number = re.search(r"À finaliser : session n° (\d{8})", (OUTPUT / "stack.log").read_text()).group(1)
    page.on("dialog", lambda dialog: dialog.accept())
    _log_in(page, stack_url, "certif@example.org", "admin/sessions/")
    page.locator("#loading").wait_for(state="hidden")
    page.locator("#rows").get_by_role("link", name=number, exact=True).click()
    page.get_by_role("heading", name=f"Session n° {number}").wait_for()
    page.get_by_role("button", name="Dé-finaliser").click()
    page.get_by_text("Session dé-finalisée : elle est revenue au centre").wait_for()
    assert not page.get_by_role("button", name="Publier").is_visible()
    assert axe_violations(page) == []
    assert page.console_errors == []

    centre = page.context.browser.new_context(locale="fr-FR").new_page()
    _log_in(centre, stack_url, "certif.admin@example.org", "certif/")
    centre.get_by_role("link", name="Centre de certification de démonstration").click()
    centre.get_by_role("tab", name="À finaliser").click()
    centre.get_by_role("row").filter(has_text="Salle à finaliser").get_by_role("link").click()
    centre.get_by_role("link", name="Finaliser la session").click()
    centre.get_by_role("heading", name=f"Finaliser la session n° {number}").wait_for()
    centre.context.close()


def test_the_jury_publishes_and_the_candidate_the_public_and_the_recipient_see_it(stack_url, page):  # noqa: F811
    _log_in(page, stack_url, "certif@example.org", "admin/sessions/")
    # The seeded session with a fraud report (the list also holds the one the test above finalised).
    number = re.search(r"Jury : session finalisée n° (\d{8})", (OUTPUT / "stack.log").read_text()).group(1)
    page.locator("#loading").wait_for(state="hidden")  # the page's script is ready: a click before it is lost
    page.get_by_role("button", name="Demandant une action").click()
    page.locator("#rows").get_by_role("link", name=number, exact=True).click()
    page.get_by_role("heading", name=f"Session n° {number}").wait_for()
    page.get_by_text(re.compile("Des signalements attendent encore une décision du jury|demande une action du jury")) \
        .first.wait_for()
    page.get_by_role("button", name="Prendre en charge").click()
    page.get_by_text("Session prise en charge.").wait_for()
    page.locator("#trail").get_by_text("Session prise en charge").wait_for()  # the jury's trail, with who did it
    assert "par Cyril Fontaine" in page.locator("#trail").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Moreau Jeanne").click()
    page.get_by_role("heading", name=re.compile("Certification de Jeanne Moreau")).wait_for()
    reports = page.locator("#reports")
    assert "question neutralisée automatiquement" in reports.inner_text()
    assert "Soupçon de fraude" in reports.inner_text() and "à examiner par le jury" in reports.inner_text()
    page.get_by_role("button", name="Marquer comme traité").click()
    page.get_by_text("traité par le jury").first.wait_for()
    page.get_by_role("button", name="Neutraliser la question 3").click()
    page.get_by_text("Question 3 neutralisée, certification notée de nouveau.").wait_for()
    page.locator("#trail").get_by_text("Question neutralisée").wait_for()
    assert page.get_by_role("button", name="Rétablir la question 3").is_visible()
    levels = dict(re.findall(r"(\d\.\d) : (\d)", page.locator("#f-levels").inner_text()))
    assert len(levels) >= 5, levels
    assert axe_violations(page) == []
    page.screenshot(path=str(OUTPUT / "jury-certification.png"), full_page=True)

    page.get_by_role("link", name="Retour à la session").click()
    page.get_by_role("heading", name=f"Session n° {number}").wait_for()
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Session publiée : 1 e-mail(s) envoyé(s)").wait_for()

    learner = page.context.browser.new_context(locale="fr-FR")
    mine = learner.new_page()
    _log_in(mine, stack_url, CANDIDATE, "mes-certifications/")
    deadline = time.monotonic() + 90  # the certificates job runs off the request (EventBridge → job)
    mine.locator("#loading").wait_for(state="hidden")  # counted once the page has drawn the list, not before
    while not mine.get_by_label("Lien de vérification à partager").count():
        assert time.monotonic() < deadline, "the certificate did not appear"
        mine.wait_for_timeout(2000)
        mine.reload()
        mine.locator("#loading").wait_for(state="hidden")
    share = mine.get_by_label("Lien de vérification à partager").input_value()
    code = share.split("code=")[1]
    assert re.fullmatch(r"P-[2346789BCDFGHJKMPQRTVWXY]{8}", code)
    with mine.expect_download() as caught:
        mine.get_by_role("button", name="Télécharger l'attestation (PDF)").click()
    saved = OUTPUT / "attestation-jury.pdf"
    caught.value.save_as(saved)
    text = PdfReader(io.BytesIO(saved.read_bytes())).pages[0].extract_text()
    assert code in text and "Jeanne Moreau" in text
    lines = text.splitlines()
    for competence, level in levels.items():
        assert any(line.startswith(f"{competence} ") and line.endswith(f"Niveau {level}") for line in lines), \
            (competence, level)
    learner.close()

    visitor = page.context.browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 800})
    public = visitor.new_page()
    public.goto(_local(share, stack_url))
    public.get_by_role("heading", name="Certificat de Jeanne Moreau").wait_for()
    public.get_by_label("Code de vérification").fill("P-22222222")
    public.get_by_role("button", name="Vérifier").click()
    public.get_by_text("Aucun certificat ne correspond à ce code").wait_for()

    public.goto(stack_url + "_dev/mails")
    mail = public.locator("article, li, section, div").filter(has_text=RECIPIENT).filter(
        has_text=f"n° {number}").last
    body = mail.inner_text()
    results_link = re.search(r"https?://\S+#jeton=\S+", body).group(0)
    assert RECIPIENT not in results_link
    public.goto(_local(results_link, stack_url))
    public.get_by_role("heading", name=f"Résultats de la session n° {number}").wait_for()
    row = public.locator("#rows tr").first.inner_text()
    assert "Moreau Jeanne" in row and "Validée" in row
    assert axe_violations(public) == []
    visitor.close()
    assert page.console_errors == []
