"""Attachments of competence 2.2 (Partager et publier): an export of shared links from an
online storage space (CSV), the HTML page of an association and a photo whose EXIF metadata
hold its author and licence.

Every file is written deterministically: fixed content, fixed dates, fixed drawing.
"""
import csv
import io
from pathlib import Path

from PIL import Image, ImageDraw

from contentbuild import pictures as pic

_SHARES = [
    # file, link type, right, expiry (empty: none), personal data, views
    ("compte-rendu-AG-2025.pdf", "public", "lecture", "2026-01-31", "non", 45),
    ("liste-adherents-2025.xlsx", "public", "modification", "", "oui", 12),
    ("affiche-fete-jardins.png", "public", "lecture", "", "non", 230),
    ("planning-arrosage.ods", "public", "modification", "2025-12-31", "non", 18),
    ("budget-previsionnel.xlsx", "restreint", "modification", "", "non", 6),
    ("photos-atelier-enfants.zip", "public", "lecture", "", "oui", 64),
    ("statuts-association.pdf", "public", "lecture", "", "non", 102),
    ("fiches-inscription-scannees.pdf", "restreint", "lecture", "", "oui", 3),
    ("inventaire-outils.ods", "public", "modification", "", "non", 27),
    ("contacts-fournisseurs.csv", "public", "lecture", "2025-11-30", "oui", 9),
    ("guide-compostage.pdf", "public", "lecture", "", "non", 88),
    ("tableau-benevoles.ods", "restreint", "modification", "2026-03-01", "oui", 15),
]


def _shares_csv(path: Path) -> None:
    """Semicolon-separated UTF-8 with BOM, so that it opens cleanly in a French spreadsheet."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Fichier", "Type de lien", "Droit accordé", "Date d'expiration",
                     "Contient des données personnelles", "Nombre de consultations"])
    for row in _SHARES:
        writer.writerow(row)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Fête des jardins 2025 - Les Jardins partagés de Brive</title>
  <meta name="description" content="Le 14 juin 2025, les Jardins partagés de Brive ouvrent leurs parcelles : ateliers de compostage, troc de graines et goûter pour les familles.">
  <meta name="author" content="Association Les Jardins partagés de Brive">
  <meta name="robots" content="noindex, nofollow">
  <link rel="canonical" href="https://www.jardins-partages-brive.fr/actualites/fete-des-jardins-2025">
  <link rel="stylesheet" href="/styles/site.css">
</head>
<body>
  <header>
    <img src="/images/logo-jardins.png" alt="Logo des Jardins partagés de Brive">
    <nav>
      <a href="/">Accueil</a> | <a href="/actualites/">Actualités</a> | <a href="/contact/">Contact</a>
    </nav>
  </header>
  <main>
    <article>
      <h1>La fête des jardins revient le 14 juin !</h1>
      <p>Publié le <time datetime="2025-05-20">20 mai 2025</time></p>
      <p>Samedi 14 juin, de 10 h à 18 h, nos parcelles sont ouvertes à toutes et à tous.</p>
      <img src="/images/parcelles-vue-generale.jpg" alt="Vue d'ensemble des parcelles fleuries au printemps">
      <h2>Au programme</h2>
      <ul>
        <li>10 h : atelier de compostage</li>
        <li>14 h : troc de graines et de plants</li>
        <li>16 h 30 : goûter partagé</li>
      </ul>
      <img src="/images/atelier-compost.jpg">
      <img src="/images/troc-graines.jpg" alt="Table de troc couverte de sachets de graines">
      <img src="/images/plan-acces.png">
    </article>
  </main>
  <footer>
    <p>Textes sous licence CC BY-SA 4.0 - Association Les Jardins partagés de Brive</p>
  </footer>
</body>
</html>
"""


def _association_page(path: Path) -> None:
    path.write_bytes(_PAGE.encode("utf-8"))


def _market_photo(path: Path) -> None:
    """A simple drawn 'market' picture with EXIF author, copyright/licence and fixed dates."""
    width, height = 800, 533
    image = Image.new("RGB", (width, height), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 330, width, height], fill=(150, 150, 140))
    colours = [(200, 40, 40), (240, 200, 40), (40, 140, 70), (230, 120, 30), (90, 60, 160)]
    for index in range(5):
        left = 30 + index * 155
        draw.rectangle([left, 200, left + 130, 330], fill=(120, 80, 40))
        draw.polygon([(left - 10, 200), (left + 65, 150), (left + 140, 200)], fill=colours[index])
        for fruit in range(6):
            x = left + 12 + fruit * 19
            draw.ellipse([x, 210, x + 15, 225], fill=colours[(index + fruit) % 5])
    exif = Image.Exif()
    exif[0x010E] = "Marche de producteurs, place du Civoire"  # ImageDescription
    exif[0x010F] = "Exemple"                                   # Make
    exif[0x0110] = "Appareil-photo 24"                         # Model
    exif[0x0131] = "Editeur photo 3"                           # Software
    exif[0x0132] = "2024:06:15 10:32:00"                       # DateTime
    exif[0x013B] = "Paul Lefebvre"                             # Artist
    exif[0x8298] = "Paul Lefebvre - Licence CC BY-NC 4.0"      # Copyright
    image.save(path, format="JPEG", quality=85, exif=exif.tobytes())


# --- illustrations drawn with contentbuild.pictures (the alt text is in 2.2.yaml) ------------------


def _share_dialog(path: Path) -> None:
    """The sharing dialog of an online document, with its general access open to anyone with the link."""
    img, draw = pic.window(600, 430, "Partager « Adhérents 2025 - coordonnées »")
    draw.rounded_rectangle([24, 50, 576, 84], radius=6, outline=(170, 170, 170))
    pic.text(draw, (36, 59), "Ajouter des personnes ou des groupes", 14, (120, 120, 120))
    pic.text(draw, (24, 100), "Personnes ayant accès", 15, bold=True)
    for i, (name, role) in enumerate([("Vous (propriétaire)", "Propriétaire"), ("Omar Haddad", "Éditeur"),
                                      ("Léa Fournier", "Lecteur")]):
        y = 130 + i * 44
        draw.ellipse([24, y, 56, y + 32], fill=(110, 140, 190))
        pic.text(draw, (40, y + 8), name[0], 14, "white", bold=True, anchor="m")
        pic.text(draw, (68, y + 8), name, 14)
        pic.text(draw, (560, y + 8), role, 14, (60, 60, 60), anchor="r")
    pic.text(draw, (24, 276), "Accès général", 15, bold=True)
    draw.ellipse([24, 306, 56, 338], fill=(206, 234, 214))
    draw.ellipse([32, 314, 48, 330], outline=(20, 110, 50), width=2)
    draw.line([32, 322, 48, 322], fill=(20, 110, 50))
    pic.text(draw, (68, 304), "Tous les utilisateurs disposant du lien  v", 14, bold=True)
    pic.text(draw, (68, 324), "Toute personne sur Internet disposant du lien peut modifier", 13, (90, 90, 90))
    pic.text(draw, (560, 312), "Éditeur  v", 14, (60, 60, 60), anchor="r")
    pic.button(draw, (24, 376, 190, 410), "Copier le lien", 14, "white", (26, 90, 200), (26, 90, 200))
    pic.button(draw, (470, 376, 576, 410), "OK", 14, (26, 90, 200), "white", None, bold=True)
    pic.save(img, path)


ATTACHMENTS = {
    "c22-partages.csv": _shares_csv,
    "c22-page-fete-jardins.html": _association_page,
    "c22-photo-marche.jpg": _market_photo,
    "c22-partage-document.png": _share_dialog,
}
