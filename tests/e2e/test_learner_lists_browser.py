"""Learner lists in real Chromium, on the local stack (seeded: a school and a university, local/seed.py).

The school's admin uploads a SIECLE zip (posted by the browser straight to S3, followed as a job); the
university's admin uploads a Windows-1252 CSV with errors, reads each error and the warning with its line,
uploads the fixed file and sees the list. A teacher of the school creates a pupil's account and downloads
the CSV to hand out; the pupil logs in with it and must choose a password first. axe finds no serious or
critical issue."""

import csv
import io
import re
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, watch_console
from tests.e2e.test_stack_http import call

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
DEMO_PASSWORD = "Demo2026!"
ADMIN = "orga.admin@example.org"  # local/seed_orga.py: admin of the school and (seed.py) the university
TEACHER = "orga.membre@example.org"  # member of the school (seed.py)
SCHOOL_UAI = "0750654D"  # the demo school's (local/seed_orga.py)

HEADER = ("Premier prénom*;Deuxième prénom;Troisième prénom;Nom de famille*;Nom d'usage;"
          "Date de naissance (jj/mm/aaaa)*;Email;Numéro étudiant*;Composante;Équipe pédagogique;Groupe;Diplôme;Régime")
FIXED_SUP = HEADER + """
Côme;;;Leroy;;12/04/2003;come.leroy@etu.exemple.fr;2026-00131;UFR Lettres;;;Licence;Formation initiale
Bérénice;;;Roche;;30/04/2003;;2026-00132;UFR Lettres;;;Licence;Formation initiale
Anaïs;;;Masson;;12/04/2003;;2026-00133;UFR Lettres;;;Licence;Formation initiale
Hélène;;;Brunet;;12/04/2003;;2026-00134;UFR Lettres;;;Licence;Formation initiale
Gaëtan;;;Colin;;28/02/2003;;2026-00135;UFR Lettres;;;Licence;Formation initiale
Maïwenn;;;Lefort;;12/04/2003;;2026-00136;UFR Lettres;;;Mastre;Formation initiale
"""


def _session(stack_url, login, password=DEMO_PASSWORD):
    status, session = call(stack_url, "POST", "/api/token", {"login": login, "password": password})
    assert status == 200, session
    return session


def _organizations(stack_url, session) -> dict[str, str]:
    status, mine = call(stack_url, "GET", "/api/me/organizations", token=session["access_token"])
    assert status == 200, mine
    return {o["type"]: o["id"] for o in mine["organizations"]}


def _page(browser, stack_url, session, width=1280):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console_errors = watch_console(page)
    page.on("dialog", lambda dialog: dialog.accept())
    if session:
        page.goto(stack_url)
        page.evaluate("s => localStorage.setItem('pix.session', JSON.stringify(s))", {
            "access_token": session["access_token"], "refresh_token": session["refresh_token"], "roles": []})
    return page


def _school_zip(tmp_path: Path) -> Path:
    """The sample export, for the demo school's UAI (the file must name the organisation's)."""
    with zipfile.ZipFile(FIXTURES / "siecle_sample.zip") as source:
        (name,) = source.namelist()
        xml = source.read(name).replace(b"<UAJ>0751234A</UAJ>", f"<UAJ>{SCHOOL_UAI}</UAJ>".encode())
    target = tmp_path / "export-siecle.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr(name, xml)
    return target


def _import(page, format_label: str, file: Path):
    page.get_by_label("Type de fichier").select_option(label=format_label)
    page.get_by_label("Fichier", exact=True).set_input_files(str(file))
    page.get_by_role("button", name="Importer").click()


def test_admins_import_lists_a_teacher_creates_an_account_a_pupil_chooses_a_password(stack_url, browser, tmp_path):
    admin = _session(stack_url, ADMIN)
    ids = _organizations(stack_url, admin)
    page = _page(browser, stack_url, admin)

    # The school: a SIECLE zip, straight from the browser to S3.
    page.goto(f"{stack_url}orga/eleves/?organisation={ids['SCO']}")
    page.get_by_role("heading", name=re.compile("^Élèves")).wait_for()
    _import(page, "Export SIECLE (fichier .zip)", _school_zip(tmp_path))
    page.get_by_text("Import terminé : 6 inscrits dans la liste.").wait_for(timeout=60_000)
    assert page.locator("#job-progress").get_attribute("value") == "100"
    page.get_by_role("link", name="Nguyen Linh").wait_for()
    assert axe_violations(page) == []

    # The university: a Windows-1252 file with errors, each shown with its line, then the fixed file.
    page.goto(f"{stack_url}orga/eleves/?organisation={ids['SUP']}")
    page.get_by_role("heading", name=re.compile("^Étudiants")).wait_for()
    page.get_by_label("Remplacer la liste").check()
    _import(page, "Fichier CSV des étudiants", FIXTURES / "sup_errors_windows1252.csv")
    page.get_by_text(re.compile("Le fichier n'a pas été importé : 7 erreur")).wait_for(timeout=60_000)
    errors = page.locator("#job-errors li").all_inner_texts()
    assert [int(re.match(r"Ligne (\d+)", e).group(1)) for e in errors] == [3, 4, 5, 5, 6, 6, 7]
    assert "31/04/2003" in errors[0] and "2026-00132" in errors[0]
    warnings = page.locator("#job-warnings li").all_inner_texts()
    assert len(warnings) == 1 and warnings[0].startswith("Ligne 7") and "Mastre" in warnings[0]
    assert axe_violations(page) == []
    fixed = tmp_path / "etudiants.csv"
    fixed.write_bytes(FIXED_SUP.replace("\n", "\r\n").encode("cp1252"))
    _import(page, "Fichier CSV des étudiants", fixed)
    # The 6 students of the file, and the seeded ones absent from it, disabled (replace mode).
    page.get_by_text("Import terminé : 10 inscrits dans la liste.").wait_for(timeout=60_000)
    assert page.locator("#job-errors-part").is_hidden()
    page.get_by_role("link", name="Masson Anaïs").wait_for()
    page.get_by_label("Nom ou prénom").fill("berenice")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#learners-rows tr")).to_have_count(1)
    page.get_by_role("link", name="Roche Bérénice").wait_for()
    assert page.console_errors == []

    # A teacher of the school creates a pupil's account and downloads the list to hand out.
    teacher = _page(browser, stack_url, _session(stack_url, TEACHER), width=375)
    teacher.goto(f"{stack_url}orga/eleves/?organisation={ids['SCO']}")
    teacher.get_by_label("Sélectionner Nguyen Linh").check()
    teacher.get_by_role("button", name="Créer les comptes des élèves cochés").click()
    teacher.get_by_text("1 compte(s) créé(s)").wait_for()
    with teacher.expect_download() as download:
        teacher.get_by_role("button", name="Télécharger la liste (CSV pour Excel)").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][3:] == ["Identifiant", "Mot de passe provisoire"]
    username, password = rows[1][3], rows[1][4]
    assert username.startswith("linh.nguyen1709")
    assert axe_violations(teacher) == []
    assert teacher.console_errors == []

    # The pupil logs in with it: the temporary password opens no session until they choose theirs.
    pupil = _page(browser, stack_url, None, width=375)
    pupil.goto(f"{stack_url}connexion/")
    pupil.get_by_label("Adresse e-mail ou identifiant").fill(username)
    pupil.get_by_label("Mot de passe", exact=True).fill(password)
    pupil.get_by_role("button", name="Se connecter").click()
    pupil.get_by_text("Ce mot de passe est provisoire").wait_for()
    pupil.get_by_label("Votre nouveau mot de passe").fill("Tournesol-bleu-42")
    pupil.get_by_role("button", name="Se connecter").click()
    pupil.wait_for_url("**/profil/")
    assert _session(stack_url, username, "Tournesol-bleu-42")["user"]["username"] == username

    # The teacher sees the pupil's account on the pupil's page.
    teacher.get_by_role("link", name="Nguyen Linh").click()
    teacher.get_by_text(f"Rattaché au compte : {username}").wait_for()
    teacher.get_by_role("button", name="Donner un nouveau mot de passe provisoire").wait_for()
    assert axe_violations(teacher) == []
    assert teacher.console_errors == []


def test_a_pupil_links_their_account_to_the_school_list_before_a_reserved_campaign(stack_url, browser):
    admin = _session(stack_url, ADMIN)
    school = _organizations(stack_url, admin)["SCO"]
    status, campaign = call(stack_url, "POST", f"/api/organizations/{school}/campaigns",
                            {"name": "Rentrée des 4e", "type": "PROFILES_COLLECTION"}, token=admin["access_token"])
    assert status == 201, campaign
    email = f"moussa-{campaign['code'].lower()}@example.org"
    status, session = call(stack_url, "POST", "/api/users", {"first_name": "Moussa", "last_name": "N'Diaye",
                                                            "email": email, "password": "Tournesol-bleu-42",
                                                            "cgu_accepted": True})
    assert status == 201, session
    pupil = _page(browser, stack_url, session, width=375)
    pupil.goto(f"{stack_url}rattachement/?code={campaign['code']}")
    pupil.get_by_text("Cette campagne est réservée aux inscrits de Lycée Henri-IV (démo)").wait_for()
    assert axe_violations(pupil) == []
    pupil.get_by_label("Prénom").fill("Moussa")
    pupil.get_by_label("Nom", exact=True).fill("NDIAYE")
    pupil.get_by_label("Date de naissance").fill("2010-11-03")
    pupil.get_by_role("button", name="Me rattacher").click()
    pupil.get_by_text("Nous ne trouvons pas d'inscrit correspondant").wait_for()
    pupil.get_by_label("Date de naissance").fill("2010-11-02")
    pupil.get_by_role("button", name="Me rattacher").click()
    pupil.get_by_text("Votre compte est rattaché à Moussa N'Diaye").wait_for()
    assert pupil.get_by_role("link", name="Continuer vers la campagne").get_attribute("href").endswith(
        f"/campagnes/{campaign['code']}/")
