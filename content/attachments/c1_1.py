"""Attachments of competence 1.1 (recherche et veille d'information).

A page of search results to read, a PDF and a photo whose metadata betray their origin, an RSS feed
to sort by date, and a list of images with their licences. Every writer is deterministic: fixed
dates, fixed drawing, no current time.
"""
import csv
import datetime as dt
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

from contentbuild import pictures as pic

_RESULTS = [
    ("Annonce", "www.promo-composteurs.com", "Composteur d'appartement : -30 % cette semaine",
     "Livraison offerte dès 49 €. Large choix de composteurs et lombricomposteurs pour la maison."),
    ("Sponsorisé", "www.bricodeal.fr", "Lombricomposteur 3 plateaux - Prix imbattable",
     "Achetez votre lombricomposteur en ligne. Retrait en magasin en 2 h."),
    ("", "www.reseau-compost-citoyen.org", "Composter en appartement : le guide pas à pas",
     "Lombricompostage, bokashi, composteur collectif : quelle solution choisir quand on n'a pas de jardin ?"),
    ("Annonce", "www.jardinerie-express.fr", "Composteurs - Jusqu'à -50 %",
     "Profitez de nos soldes sur tout le rayon jardin."),
    ("", "www.mairie-exemple.fr", "Compostage partagé : les sites de quartier",
     "La ville met à disposition des composteurs collectifs au pied des immeubles. Carte des sites."),
    ("", "forum.maison-ecolo.net", "Lombricomposteur en appartement, ça sent mauvais ?",
     "Bonjour à tous, je me lance dans le lombricompostage et j'ai quelques questions…"),
]


def _search_results(path: Path) -> None:
    items = []
    for label, site, title, snippet in _RESULTS:
        tag = f'<span class="ad">{label}</span> ' if label else ""
        items.append(
            f'<div class="result">{tag}<span class="url">https://{site}</span>\n'
            f'<h3><a href="https://{site}/">{title}</a></h3>\n<p>{snippet}</p></div>'
        )
    html = (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        "<title>composteur appartement - Recherche</title>\n"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#222}"
        ".query{border:1px solid #999;border-radius:2em;padding:.5em 1em;margin-bottom:1.5em}"
        ".result{margin:1.2em 0}.result h3{margin:.2em 0;font-size:1.1em}"
        ".url{color:#1a6b2c;font-size:.85em}.ad{font-size:.75em;font-weight:bold;color:#444}"
        "a{color:#1a0dab}</style>\n</head>\n<body>\n"
        '<div class="query">composteur appartement</div>\n'
        "<p>Environ 1 240 000 résultats</p>\n" + "\n".join(items) + "\n</body>\n</html>\n"
    )
    path.write_text(html, encoding="utf-8")


def _fake_note(path: Path) -> None:
    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2019, 3, 14, 10, 0, 0, tzinfo=dt.UTC))
    pdf.set_author("Thomas Garnier")
    pdf.set_title("Note piscine")
    pdf.set_creator("Traitement de texte")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "MAIRIE DE SAINT-AUBIN", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("helvetica", "", 12)
    pdf.cell(0, 8, "Note interne - Direction des sports", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(0, 8, "Saint-Aubin, le 15 janvier 2025", new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.ln(8)
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, "Objet : fermeture définitive de la piscine municipale", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(
        0, 7,
        "Pour des raisons budgétaires, la piscine municipale fermera définitivement ses portes "
        "le 1er mars 2025. Les créneaux des écoles et des clubs ne seront pas remplacés. "
        "Cette décision ne sera pas soumise au conseil municipal.\n\n"
        "Merci de ne pas diffuser cette note.",
    )
    pdf.ln(10)
    pdf.cell(0, 8, "Le maire", new_x="LMARGIN", new_y="NEXT", align="R")
    pdf.output(str(path))


def _storm_photo(path: Path) -> None:
    width, height = 640, 427
    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    for y in range(height):
        shade = 40 + y * 60 // height
        draw.line([(0, y), (width, y)], fill=(shade, shade + 5, shade + 20))
    draw.polygon([(0, 330), (120, 300), (260, 320), (400, 290), (640, 310), (640, 427), (0, 427)],
                 fill=(30, 45, 30))
    draw.line([(380, 40), (350, 120), (372, 122), (330, 230)], fill=(235, 235, 255), width=4)
    for x in range(0, width, 23):
        draw.line([(x, 0), (x - 30, 300)], fill=(120, 125, 140), width=1)
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 600D"
    exif[0x0132] = "2016:08:14 18:32:05"
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = "2016:08:14 18:32:05"
    exif_ifd[0x9004] = "2016:08:14 18:32:05"
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


_FEED_ITEMS = [
    ("Zones à faibles émissions : ce qui change au 1er avril", "Mon, 31 Mar 2025 17:40:00 +0200", "zfe-avril"),
    ("Pistes cyclables : le bilan de l'année 2024", "Fri, 14 Feb 2025 09:00:00 +0100", "bilan-pistes-2024"),
    ("Vélos en libre-service : la métropole étend son réseau", "Tue, 04 Mar 2025 08:15:00 +0100", "velos"),
    ("Covoiturage : une nouvelle aide pour les salariés", "Wed, 09 Apr 2025 07:30:00 +0200", "aide-covoiturage"),
    ("Trottinettes électriques : ce que dit la loi", "Thu, 20 Mar 2025 12:00:00 +0100", "trottinettes-loi"),
    ("Le train de nuit revient sur la ligne Paris-Nice", "Fri, 28 Feb 2025 18:30:00 +0100", "train-de-nuit"),
    ("Transports en commun : gratuité le week-end", "Sat, 01 Mar 2025 10:00:00 +0100", "gratuite-week-end"),
    ("Autopartage : trois nouvelles stations en centre-ville", "Wed, 02 Apr 2025 11:20:00 +0200", "autopartage"),
    ("Marche à pied : les rues scolaires se multiplient", "Mon, 17 Mar 2025 16:45:00 +0100", "rues-scolaires"),
]


def _feed(path: Path) -> None:
    base = "https://mobilites.exemple.org"
    items = "".join(
        f"    <item>\n      <title>{title}</title>\n      <link>{base}/articles/{slug}</link>\n"
        f"      <guid>{base}/articles/{slug}</guid>\n      <pubDate>{date}</pubDate>\n    </item>\n"
        for title, date, slug in _FEED_ITEMS
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        "    <title>Observatoire des mobilités - Actualités</title>\n"
        f"    <link>{base}</link>\n"
        "    <description>Les dernières actualités des mobilités durables</description>\n"
        "    <language>fr</language>\n" + items + "  </channel>\n</rss>\n"
    )
    path.write_text(xml, encoding="utf-8")


_IMAGES = [
    ("Vue du port au lever du soleil", "Claire Dubois", "CC BY 4.0"),
    ("Champ de lavande", "Marc Lefèvre", "CC BY-NC 4.0"),
    ("Marché couvert", "Anonyme", "CC0"),
    ("Pont suspendu", "Studio Horizon", "Tous droits réservés"),
    ("Forêt en automne", "Inès Moreau", "CC BY-SA 4.0"),
    ("Phare breton", "Yann Kerjean", "CC BY-ND 4.0"),
    ("Gravure de la cathédrale (1850)", "Gustave Leroy (1812-1879)", "Domaine public"),
    ("Ruelle fleurie", "Sofia Rossi", "CC BY-NC-SA 4.0"),
    ("Vignoble en été", "Paul Girard", "CC BY 4.0"),
    ("La ville de nuit", "Lina Haddad", "CC BY-NC-ND 4.0"),
    ("Cascade en montagne", "Hugo Petit", "CC0"),
    ("Gare ancienne", "Agence Rétro", "CC BY-ND 4.0"),
    ("Plage à marée basse", "Julie Bernard", "CC BY-SA 4.0"),
    ("Sommet enneigé", "Photo Alpes SARL", "Tous droits réservés"),
]


def _image_licences(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Numéro", "Titre", "Auteur", "Licence"])
        for number, (title, author, licence) in enumerate(_IMAGES, start=1):
            writer.writerow([number, title, author, licence])


# --- illustrations drawn with contentbuild.pictures (the alt text is in 1.1.yaml) ------------------

_CREPES = [
    (True, "www.farines-du-moulin.example", "Farine spéciale crêpes - Livraison offerte dès 30 €"),
    (False, "www.cuisine-facile.example/crepes", "Pâte à crêpes : la recette inratable (15 min)"),
    (True, "www.poeles-pro.example", "Poêle à crêpes en fonte - Promotion -20 %"),
    (False, "www.recettes-de-mamie.example", "Crêpes légères sans repos de la pâte"),
    (False, "fr.wikibooks.example/Crêpe", "Crêpe - Livre de cuisine"),
]


def _crepes_results(path: Path) -> None:
    """A results page where two of the five links are advertisements, marked discreetly."""
    img, draw = pic.browser(760, 520, "www.moteur-recherche.example/?q=recette+crepes", True, "Recherche")
    draw.rounded_rectangle([30, 96, 520, 130], radius=17, outline=(200, 200, 200))
    pic.text(draw, (48, 105), "recette crêpes", 15)
    y = 150
    for ad, address, title in _CREPES:
        x = 30
        if ad:
            x += pic.text(draw, (x, y), "Sponsorisé", 12, (60, 60, 60)) + 10
        pic.text(draw, (x, y), address, 13, (32, 33, 36))
        pic.text(draw, (30, y + 22), title, 17, (26, 13, 171))
        y += 72
    pic.save(img, path)


ATTACHMENTS = {
    "c11-resultats-composteur.html": _search_results,
    "c11-note-mairie.pdf": _fake_note,
    "c11-orage.jpg": _storm_photo,
    "c11-flux-mobilites.xml": _feed,
    "c11-images-licences.csv": _image_licences,
    "c11-resultats-crepes.png": _crepes_results,
}
