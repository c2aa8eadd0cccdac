"""Attachments of competence 4.3 (Protéger la santé, le bien-être et l'environnement).

- c43-temps-ecran.csv: one week of a teenager's screen time, in minutes per application and per day;
- c43-consommation-appareils.xlsx: a household's digital devices with their power when on and on
  standby and their daily hours, to compute each one's yearly energy use (standby makes the difference);
- c43-page-accessibilite.html: a town's web page whose images have good, empty (decorative) or missing
  text alternatives;
- c43-formulaire-inscription.html: a sign-up form where some fields have a proper label and others only
  a placeholder, a stray text or a label pointing to the wrong id.

Every writer is deterministic: fixed texts, fixed dates, no randomness.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from contentbuild import pictures as pic

_FIXED = dt.datetime(2024, 10, 7, 9, 0, 0)

# --- screen time -----------------------------------------------------------------------------------

SCREEN_APPS = ["VidéoCourte", "Discussions", "Jeu de blocs", "Actualités", "Navigateur"]

# minutes per day, in the order of SCREEN_APPS
SCREEN_WEEK = [
    ("Lundi 30/09", [55, 48, 20, 5, 30]),
    ("Mardi 01/10", [40, 62, 35, 0, 25]),
    ("Mercredi 02/10", [95, 50, 90, 10, 20]),
    ("Jeudi 03/10", [35, 70, 15, 5, 40]),
    ("Vendredi 04/10", [60, 85, 25, 0, 35]),
    ("Samedi 05/10", [120, 55, 110, 15, 15]),
    ("Dimanche 06/10", [104, 67, 72, 8, 12]),
]


def _screen_time(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Jour", *[f"{app} (min)" for app in SCREEN_APPS]])
        for day, minutes in SCREEN_WEEK:
            writer.writerow([day, *minutes])


# --- energy of the household's devices ------------------------------------------------------------------

# device, power when on (W), hours on per day, standby power (W), hours on standby per day
DEVICES = [
    ("Téléviseur", 95, 3, 0.5, 21),
    ("Box Internet", 12, 24, 0, 0),
    ("Ordinateur de bureau et écran", 85, 4, 2, 20),
    ("Console de jeux (veille active)", 140, 2, 12, 22),
    ("Ordinateur portable", 40, 5, 0.5, 19),
    ("Imprimante", 300, 0.1, 4, 23.9),
    ("Enceinte connectée", 4, 2, 2.5, 22),
]


def yearly_kwh(power_on: float, hours_on: float, power_standby: float, hours_standby: float) -> float:
    return (power_on * hours_on + power_standby * hours_standby) * 365 / 1000


def _energy(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Appareils"
    ws.append([
        "Appareil",
        "Puissance en marche (W)",
        "Durée de marche par jour (h)",
        "Puissance en veille (W)",
        "Durée de veille par jour (h)",
    ])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in DEVICES:
        ws.append(list(row))
    ws.append([])
    ws.append(["Rappel : énergie (Wh) = puissance (W) × durée (h) ; 1 kWh = 1 000 Wh. Une année compte 365 jours."])
    ws.column_dimensions["A"].width = 34
    for column in "BCDE":
        ws.column_dimensions[column].width = 26
    wb.properties.creator = "Foyer Martin"
    wb.properties.title = "Consommation des appareils numériques"
    wb.properties.created = _FIXED
    wb.properties.modified = _FIXED
    buffer = io.BytesIO()
    wb.save(buffer)
    _restamp_zip(buffer.getvalue(), path, (2024, 10, 7, 9, 0, 0))


def _restamp_zip(data: bytes, path: Path, date_time: tuple[int, int, int, int, int, int]) -> None:
    """Rewrite an Office zip with fixed dates: on every entry and in the "modified" core property,
    which the library sets to the current time when it saves."""
    stamp = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*date_time)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>", text
                )
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)


# --- a web page and its images ----------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Fête de la rivière - Ville de Saint-Aubin</title>
</head>
<body>
  <header>
    <img src="images/logo-saint-aubin.png" alt="Ville de Saint-Aubin - accueil">
    <img src="images/bandeau-vagues.png">
  </header>
  <main>
    <h1>Fête de la rivière : samedi 14 juin</h1>
    <p>Descente en canoë, pêche pour les enfants et concert au bord de l'eau.</p>
    <img src="images/affiche-fete-riviere.jpg">
    <h2>Plan d'accès</h2>
    <img src="images/plan-acces.png" alt="Plan : le site de la fête se trouve au parc des Saules, à 400 mètres de la gare, parking rue du Moulin">
    <h2>Programme</h2>
    <ul>
      <li>10 h : ouverture et initiation au canoë</li>
      <li>14 h : concours de pêche pour les 6-12 ans</li>
      <li>20 h : concert sur la grande pelouse</li>
    </ul>
    <img src="images/separateur-fleur.png" alt="">
    <p>Renseignements à l'accueil de la mairie.</p>
    <img src="images/horaires-navettes.png">
    <img src="images/photo-edition-precedente.jpg" alt="Des familles pique-niquent au bord de la rivière lors de l'édition précédente">
  </main>
</body>
</html>
"""


def _page(path: Path) -> None:
    path.write_text(_PAGE, encoding="utf-8", newline="\n")


# --- a sign-up form --------------------------------------------------------------------------------------

_FORM = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Inscription à l'atelier numérique - Association Les Clés du Quartier</title>
</head>
<body>
  <h1>Inscription à l'atelier numérique</h1>
  <form action="/inscription" method="post">
    <p>
      <label for="nom">Nom</label>
      <input type="text" id="nom" name="nom">
    </p>
    <p>
      <label>Prénom <input type="text" name="prenom"></label>
    </p>
    <p>
      <input type="email" id="courriel" name="courriel" placeholder="Adresse e-mail">
    </p>
    <p>
      <label for="telephone">Téléphone</label>
      <input type="tel" id="tel" name="tel">
    </p>
    <p>
      <span>Date de naissance</span>
      <input type="date" id="naissance" name="naissance">
    </p>
    <p>
      <label for="commune">Commune</label>
      <input type="text" id="commune" name="commune">
    </p>
    <p>
      Atelier choisi :
      <select id="atelier" name="atelier">
        <option>Débuter avec la tablette</option>
        <option>Démarches en ligne</option>
        <option>Photos et vidéos</option>
      </select>
    </p>
    <p>
      <textarea id="besoins" name="besoins" rows="4" aria-label="Vos besoins particuliers (accessibilité, horaires)"></textarea>
    </p>
    <p>
      <input type="checkbox" id="lettre" name="lettre">
      <label for="lettre">Recevoir la lettre d'information de l'association</label>
    </p>
    <p>
      <button type="submit">Envoyer mon inscription</button>
    </p>
  </form>
</body>
</html>
"""


def _form(path: Path) -> None:
    path.write_text(_FORM, encoding="utf-8", newline="\n")


# --- illustrations drawn with contentbuild.pictures (the alt text is in 4.3.yaml) ------------------


def _posture(path: Path) -> None:
    """A side view of a person at a desk, looking down at a laptop screen set low on the desk."""
    img, draw = pic.canvas(560, 400)
    ink = (40, 40, 40)
    draw.line([20, 380, 540, 380], fill=(150, 150, 150), width=2)  # floor
    draw.rectangle([300, 240, 520, 252], fill=(170, 130, 90))  # desk top
    draw.line([505, 252, 505, 380], fill=(170, 130, 90), width=8)
    # laptop: base on the desk, screen opened
    draw.line([330, 238, 410, 238], fill=ink, width=5)
    draw.line([410, 238, 432, 170], fill=ink, width=5)
    # chair
    draw.line([120, 270, 230, 270], fill=(90, 90, 140), width=8)
    draw.line([120, 270, 118, 150], fill=(90, 90, 140), width=8)
    draw.line([175, 274, 175, 350], fill=(90, 90, 140), width=6)
    draw.line([140, 365, 210, 365], fill=(90, 90, 140), width=6)
    # person: hips, bent back, head pushed forward and down
    hip, shoulder, neck = (150, 258), (205, 150), (232, 132)
    draw.line([hip, shoulder], fill=ink, width=7)
    draw.line([shoulder, neck], fill=ink, width=6)
    draw.ellipse([226, 112, 266, 152], outline=ink, width=4)  # head, tilted down
    draw.line([252, 148, 330, 232], fill=(120, 120, 200), width=1)  # line of sight (dotted look)
    draw.line([shoulder, (250, 215)], fill=ink, width=6)  # upper arm
    draw.line([(250, 215), (335, 236)], fill=ink, width=6)  # forearm to the keyboard
    draw.line([hip, (255, 262)], fill=ink, width=7)  # thigh
    draw.line([(255, 262), (262, 375)], fill=ink, width=6)  # shin
    draw.line([(262, 375), (290, 375)], fill=ink, width=6)  # foot flat on the floor
    pic.text(draw, (20, 16), "Poste de travail vu de côté", 16, bold=True)
    pic.save(img, path)


ATTACHMENTS = {
    "c43-temps-ecran.csv": _screen_time,
    "c43-consommation-appareils.xlsx": _energy,
    "c43-page-accessibilite.html": _page,
    "c43-formulaire-inscription.html": _form,
    "c43-posture-ecran.png": _posture,
}
