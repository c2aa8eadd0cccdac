"""Attachments of competence 4.2 (Protéger les données personnelles et la vie privée).

- c42-cookies.csv: the cookies a shop's website sets, with their domain, purpose and lifetime
  (first-party and third-party cookies, some kept longer than 13 months);
- c42-page-article.html: a local news article whose source loads scripts, a frame and a tracking pixel
  from third-party domains (all under the reserved .example TLD);
- c42-compte-rendu.docx: a meeting report whose properties hold two people's names (author and last
  editor) that appear nowhere in its text;
- c42-export-compte.json: the archive of a social network account (right of access): log-ins, one from
  an unusual city, advertising interests inferred by the platform, imported contacts;
- c42-politique-confidentialite.pdf: the privacy policy of a running app: data, purposes, legal bases,
  recipients, retention periods, rights and the DPO's address.

Every writer is deterministic: fixed texts, fixed dates, no randomness.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

from contentbuild import pictures as pic

_FIXED = dt.datetime(2024, 3, 18, 9, 30, 0)

# --- the cookie list -------------------------------------------------------------------------------

_SITE = "www.boutique-jardin.example"

COOKIES = [
    # name, domain, purpose, lifetime
    ("session_id", _SITE, "Maintien de votre connexion à votre compte", "Fin de session"),
    ("panier", _SITE, "Mémorisation du contenu de votre panier", "1 mois"),
    ("choix_cookies", _SITE, "Mémorisation de vos choix sur les cookies", "6 mois"),
    ("langue", _SITE, "Langue d'affichage du site", "12 mois"),
    ("test_ab", _SITE, "Comparaison de deux versions d'une page", "3 mois"),
    ("reco_produits", _SITE, "Recommandations de produits personnalisées", "18 mois"),
    ("pub_id", "ads.regiepub.example", "Publicité ciblée selon votre navigation", "24 mois"),
    ("pub_sync", "sync.regiepub.example", "Synchronisation d'identifiants publicitaires entre partenaires", "13 mois"),
    ("partage_social", "widgets.reseau-social.example", "Boutons de partage vers un réseau social", "12 mois"),
    ("video_pref", "lecteur.video-hebergeur.example", "Préférences du lecteur vidéo intégré", "6 mois"),
    ("profil_interets", "data.courtier-donnees.example", "Constitution d'un profil de centres d'intérêt", "36 mois"),
    ("mesure_visites", _SITE, "Mesure d'audience anonymisée des pages vues", "13 mois"),
]


def _cookies(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Nom du cookie", "Domaine qui le dépose", "Finalité", "Durée de conservation"])
        writer.writerows(COOKIES)


# --- the news article ---------------------------------------------------------------------------------

_ARTICLE = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Le marché couvert rouvre ses portes - L'Écho du Val</title>
  <link rel="stylesheet" href="https://www.echo-du-val.example/css/site.css">
  <script src="https://www.echo-du-val.example/js/menu.js"></script>
  <script src="https://cdn.mesure-audience.example/tag.js" async></script>
  <script src="https://ads.regiepub.example/affichage.js" async></script>
</head>
<body>
  <header>
    <a href="https://www.echo-du-val.example/">L'Écho du Val</a>
    <nav>
      <a href="https://www.echo-du-val.example/actualites/">Actualités</a>
      <a href="https://www.echo-du-val.example/sports/">Sports</a>
      <a href="https://www.echo-du-val.example/agenda/">Agenda</a>
    </nav>
  </header>
  <main>
    <article>
      <h1>Le marché couvert rouvre ses portes</h1>
      <p>Après huit mois de travaux, les commerçants ont retrouvé leurs étals samedi matin.</p>
      <img src="https://www.echo-du-val.example/images/marche-couvert.jpg"
           alt="Les allées du marché couvert le jour de la réouverture">
      <p>La charpente métallique a été entièrement restaurée et l'éclairage remplacé.</p>
      <iframe src="https://lecteur.video-hebergeur.example/embed/7Hq2marche"
              title="Reportage vidéo sur la réouverture" width="560" height="315"></iframe>
      <p>Le marché est ouvert du mardi au dimanche, de 7 h à 13 h.</p>
      <div class="partage">
        <script src="https://widgets.reseau-social.example/boutons-partage.js"></script>
      </div>
    </article>
    <aside>
      <script src="https://ads.regiepub.example/encart.js"></script>
      <img src="https://www.echo-du-val.example/images/logo-petit.png" alt="">
    </aside>
  </main>
  <footer>
    <p>L'Écho du Val - tous droits réservés</p>
    <a href="https://www.echo-du-val.example/mentions-legales/">Mentions légales</a>
    <img src="https://pixel.suivi-lecteurs.example/p.gif?article=4471&amp;source=accueil"
         width="1" height="1" alt="" style="border:0">
  </footer>
</body>
</html>
"""


def _article(path: Path) -> None:
    path.write_text(_ARTICLE, encoding="utf-8", newline="\n")


# --- the meeting report -----------------------------------------------------------------------------

REPORT_AUTHOR = "Mathilde Garnier"
REPORT_LAST_EDITOR = "Olivier Roche"


def _report(path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Compte rendu de réunion - Projet de jardin partagé", level=1)
    doc.add_paragraph("Réunion du 12 mars 2024, salle polyvalente.")
    doc.add_paragraph(
        "Présents : l'équipe municipale chargée des espaces verts et les représentants de trois "
        "associations de quartier."
    )
    doc.add_heading("Décisions", level=2)
    doc.add_paragraph("Le terrain situé derrière l'école est retenu pour accueillir le jardin.", style="List Bullet")
    doc.add_paragraph("Vingt parcelles seront attribuées par tirage au sort.", style="List Bullet")
    doc.add_paragraph("Un récupérateur d'eau de pluie sera installé avant l'été.", style="List Bullet")
    doc.add_heading("Prochaine étape", level=2)
    doc.add_paragraph("Envoi du règlement intérieur aux associations avant la prochaine réunion.")
    props = doc.core_properties
    props.author = REPORT_AUTHOR
    props.last_modified_by = REPORT_LAST_EDITOR
    props.title = "Compte rendu - jardin partagé"
    props.comments = ""
    props.created = dt.datetime(2024, 3, 12, 17, 5, 0)
    props.modified = dt.datetime(2024, 3, 14, 8, 47, 0)
    props.last_printed = dt.datetime(2024, 3, 14, 8, 50, 0)
    props.revision = 3
    buffer = io.BytesIO()
    doc.save(buffer)
    _restamp_zip(buffer.getvalue(), path, (2024, 3, 14, 8, 47, 0))


def _restamp_zip(data: bytes, path: Path, date_time: tuple[int, int, int, int, int, int]) -> None:
    """Rewrite an Office zip with a fixed date on every entry (the library stamps the current time)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))


# --- the account archive ------------------------------------------------------------------------------

_LOGINS = [
    ("2024-02-26T07:48:12", "Téléphone Android", "198.51.100.23", "Nantes"),
    ("2024-02-27T21:15:40", "Tablette iPad", "198.51.100.23", "Nantes"),
    ("2024-02-29T12:02:05", "Téléphone Android", "203.0.113.81", "Nantes"),
    ("2024-03-01T08:10:57", "Téléphone Android", "198.51.100.23", "Nantes"),
    ("2024-03-02T03:27:19", "Navigateur Firefox sous Windows", "192.0.2.144", "Lisbonne"),
    ("2024-03-02T19:44:31", "Tablette iPad", "198.51.100.23", "Nantes"),
    ("2024-03-04T07:51:02", "Téléphone Android", "198.51.100.23", "Nantes"),
    ("2024-03-05T22:08:45", "Tablette iPad", "198.51.100.23", "Nantes"),
]

AD_INTERESTS = [
    "Randonnée",
    "Matériel de camping",
    "Voyages en train",
    "Cuisine végétarienne",
    "Chiens",
    "Crédit immobilier",
    "Assurance habitation",
    "Parentalité",
    "Course à pied",
    "Jardinage",
    "Séries policières",
]


def _account(path: Path) -> None:
    archive = {
        "compte": {
            "pseudo": "lea_rando44",
            "adresse_email": "lea.moreau@messagerie.example",
            "date_de_creation": "2019-09-02",
            "telephone": "+33 6 00 00 00 00",
        },
        "historique_connexions": [
            {"date": date, "appareil": device, "adresse_ip": ip, "ville_estimee": city}
            for date, device, ip, city in _LOGINS
        ],
        "publicite": {
            "centres_interet_deduits": AD_INTERESTS,
            "annonceurs_ayant_importe_votre_email": 4,
        },
        "contacts_importes_depuis_le_telephone": {"nombre": 212, "date_import": "2021-06-14"},
        "localisations_recentes": [
            {"date": "2024-03-01", "lieu": "Nantes"},
            {"date": "2024-03-03", "lieu": "Clisson"},
        ],
    }
    path.write_text(json.dumps(archive, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")


# --- the privacy policy -------------------------------------------------------------------------------

POLICY_DPO = "dpo@foulee-app.example"
POLICY_HOST = "Nuagis Hébergement"

_POLICY = [
    ("Politique de confidentialité de l'application Foulée", None),
    (None, "Version applicable à compter du 1er mars 2024."),
    ("1. Qui est responsable du traitement ?", None),
    (None, "La société Foulée SAS, 12 rue des Coureurs, 69007 Lyon, éditrice de l'application de course à "
           "pied Foulée, est responsable des traitements décrits ci-dessous."),
    ("2. Quelles données collectons-nous ?", None),
    (None, "- Données de compte : nom, prénom, adresse e-mail, date de naissance.\n"
           "- Données d'activité : parcours GPS, distance, durée, allure et, si vous connectez une montre, "
           "fréquence cardiaque.\n"
           "- Données de paiement pour l'abonnement Premium (traitées par notre prestataire de paiement)."),
    ("3. Pourquoi et sur quelle base légale ?", None),
    (None, "- Fournir le service et enregistrer vos courses : exécution du contrat.\n"
           "- Établir des statistiques d'utilisation et améliorer l'application : intérêt légitime.\n"
           "- Vous envoyer notre lettre d'information : consentement, retirable à tout moment.\n"
           "- Conserver les factures : obligation légale."),
    ("4. Qui reçoit vos données ?", None),
    (None, "Vos données sont hébergées en France par notre sous-traitant Nuagis Hébergement SAS. "
           "Les paiements sont traités par la société PayVéloce. Nous ne transmettons vos données à des "
           "partenaires publicitaires qu'avec votre consentement préalable. Aucune donnée n'est transférée "
           "hors de l'Union européenne."),
    ("5. Combien de temps les conservons-nous ?", None),
    (None, "- Données de compte : pendant toute la durée du compte, puis 3 ans après votre dernière "
           "connexion si vous ne supprimez pas votre compte.\n"
           "- Parcours GPS et données d'activité : 24 mois à compter de leur enregistrement.\n"
           "- Fréquence cardiaque : 12 mois à compter de son enregistrement.\n"
           "- Factures : 10 ans, conformément au Code de commerce.\n"
           "- Cookies et traceurs soumis à votre consentement : 13 mois au maximum."),
    ("6. Quels sont vos droits ?", None),
    (None, "Vous disposez d'un droit d'accès, de rectification, d'effacement, de limitation, d'opposition "
           "et à la portabilité de vos données. Pour les exercer, écrivez à notre délégué à la protection "
           "des données : dpo@foulee-app.example (ou par courrier à l'adresse du siège). Pour toute autre "
           "question sur l'application : support@foulee-app.example. Si vous estimez, après nous avoir "
           "contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL."),
]


def _policy(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED)
    pdf.set_author("Foulée SAS")
    pdf.set_title("Politique de confidentialité - Foulée")
    pdf.set_creator("Foulée SAS")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    for heading, text in _POLICY:
        if heading is not None:
            size = 16 if heading.startswith("Politique") else 12
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        if text is not None:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))


# --- illustrations (contentbuild.pictures; the alt text is in 4.2.yaml) ---------------------------


def _post_audience(path: Path) -> None:
    """A social network post about to be published, with its audience selector open."""
    img, draw = pic.window(600, 420, "Créer une publication")
    draw.ellipse([24, 50, 64, 90], fill=(120, 160, 200))
    pic.text(draw, (76, 52), "Julie Perrin", 15, bold=True)
    draw.rounded_rectangle([76, 72, 196, 94], radius=5, fill=(228, 230, 235))
    draw.ellipse([83, 77, 95, 89], outline=(60, 60, 60), width=1)  # globe
    draw.line([83, 83, 95, 83], fill=(60, 60, 60))
    draw.ellipse([86, 77, 92, 89], outline=(60, 60, 60), width=1)
    pic.text(draw, (100, 76), "Public  v", 13)
    pic.lines(draw, (24, 112), [
        "Enfin en vacances ! Toute la famille part à Biarritz",
        "du 3 au 24 août. Rendez-vous à la rentrée, rue des Lilas !",
    ], 15)
    # the audience menu
    draw.rounded_rectangle([300, 150, 576, 396], radius=8, fill="white", outline=(170, 170, 170))
    pic.text(draw, (316, 162), "Qui peut voir votre publication ?", 14, bold=True)
    options = [("Public", "Tout le monde, sur ou hors du réseau", True),
               ("Amis", "Vos amis sur le réseau", False),
               ("Amis proches", "Une liste que vous choisissez", False),
               ("Moi uniquement", "Personne d'autre que vous", False)]
    for i, (label, detail, chosen) in enumerate(options):
        y = 194 + i * 48
        draw.ellipse([316, y + 6, 332, y + 22], outline=(90, 90, 90), width=2)
        if chosen:
            draw.ellipse([320, y + 10, 328, y + 18], fill=(24, 119, 242))
        pic.text(draw, (342, y), label, 14, bold=True)
        pic.text(draw, (342, y + 19), detail, 12, (90, 90, 90))
    pic.button(draw, (24, 356, 200, 392), "Publier", 15, (24, 119, 242), "white", None, bold=True)
    pic.save(img, path)


def _phone(title: str):
    img, draw = pic.canvas(360, 600, (40, 40, 45))
    draw.rounded_rectangle([10, 10, 350, 590], radius=30, fill=(245, 245, 247), outline=(20, 20, 20), width=4)
    pic.text(draw, (34, 28), "14:32", 13, (60, 60, 60))
    pic.text(draw, (30, 64), "<", 20, (26, 90, 200))
    pic.text(draw, (180, 66), title, 17, bold=True, anchor="m")
    return img, draw


_BUS_PERMISSIONS = [
    ("Position", "Toujours autoriser"),
    ("Contacts", "Autorisé"),
    ("Micro", "Refusé"),
    ("Appareil photo", "Refusé"),
    ("Notifications", "Autorisées"),
]


def _bus_permissions(path: Path) -> None:
    """The permissions screen of a bus timetable application."""
    img, draw = _phone("Bus Métropole")
    pic.text(draw, (30, 110), "AUTORISATIONS DE L'APPLICATION", 12, (90, 90, 90))
    draw.rounded_rectangle([24, 132, 336, 132 + 62 * len(_BUS_PERMISSIONS)], radius=12, fill="white")
    for i, (name, value) in enumerate(_BUS_PERMISSIONS):
        y = 132 + i * 62
        if i:
            draw.line([40, y, 336, y], fill=(225, 225, 225))
        pic.text(draw, (40, y + 12), name, 16)
        pic.text(draw, (40, y + 34), value, 13, (90, 90, 90))
        pic.text(draw, (316, y + 20), ">", 16, (160, 160, 160))
    pic.lines(draw, (30, 460), [
        "Bus Métropole affiche les horaires et les",
        "arrêts proches, et envoie des alertes",
        "en cas de retard sur vos lignes favorites.",
    ], 13, (90, 90, 90))
    pic.save(img, path)


_COOKIE_CATEGORIES = [
    ("Cookies nécessaires", "Connexion à votre compte, panier, sécurité", "locked"),
    ("Mesure d'audience", "Statistiques de fréquentation du site", "off"),
    ("Publicité personnalisée", "Annonces adaptées à votre navigation", "on"),
    ("Réseaux sociaux", "Boutons de partage et vidéos intégrées", "on"),
]


def _cookie_settings(path: Path) -> None:
    """The « Personnaliser » panel of a cookie banner, as it opens."""
    img, draw = pic.browser(760, 470, "www.meteo-vacances.example/previsions", True, "Météo Vacances")
    draw.rectangle([0, 83, 760, 470], fill=(120, 120, 125))
    draw.rounded_rectangle([110, 100, 650, 455], radius=10, fill="white")
    pic.text(draw, (136, 118), "Gérer mes préférences", 18, bold=True)
    for i, (name, detail, state) in enumerate(_COOKIE_CATEGORIES):
        y = 178 + i * 54
        pic.text(draw, (136, y), name, 15, bold=True)
        pic.text(draw, (136, y + 21), detail, 13, (90, 90, 90))
        on = state != "off"
        track = (20, 140, 60) if state == "on" else (150, 150, 150) if state == "off" else (160, 200, 170)
        draw.rounded_rectangle([560, y + 4, 610, y + 30], radius=13, fill=track)
        knob = 586 if on else 562
        draw.ellipse([knob, y + 6, knob + 22, y + 28], fill="white")
        pic.text(draw, (550, y + 8), "Activé" if on else "Désactivé", 13, (60, 60, 60), anchor="r")
        if state == "locked":
            pic.padlock(draw, 620, y + 6, (120, 120, 120))
    pic.button(draw, (136, 400, 370, 438), "Enregistrer mes choix", 15, (20, 140, 60), "white", None, bold=True)
    pic.button(draw, (390, 400, 624, 438), "Tout refuser", 15, "white", (20, 140, 60), (20, 140, 60),
               bold=True)
    pic.save(img, path)

ATTACHMENTS = {
    "c42-cookies.csv": _cookies,
    "c42-page-article.html": _article,
    "c42-compte-rendu.docx": _report,
    "c42-export-compte.json": _account,
    "c42-politique-confidentialite.pdf": _policy,
    "c42-publication-audience.png": _post_audience,
    "c42-autorisations-bus.png": _bus_permissions,
    "c42-preferences-cookies.png": _cookie_settings,
}
