"""Attachments of competence 2.4 (S'insérer dans le monde numérique).

- c24-photo-plage.jpg: a holiday photo whose EXIF data reveal the date and place of the shot;
- c24-export-publications.csv: a (fictional) export of one's publications on a social network;
- c24-dossier-demarche.zip: the documents gathered for an online administrative procedure;
- c24-revenus-application.xlsx: the yearly revenue of a (fictional) free mobile application.

Every file is written deterministically: fixed dates, no randomness, no current time.
"""
import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from contentbuild import pictures as pic

FIXED = dt.datetime(2025, 3, 10, 9, 30, 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an Office (zip) file with fixed entry dates so that it is byte-identical run after run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 3, 10, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the current time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2025-03-10T09:30:00Z\g<2>", data)
            dst.writestr(info, data)
    return out.getvalue()


def _photo(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (640, 427), (135, 190, 235))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 230, 640, 330], fill=(30, 110, 170))      # sea
    draw.rectangle([0, 330, 640, 427], fill=(236, 214, 160))     # sand
    draw.ellipse([500, 40, 580, 120], fill=(255, 220, 90))       # sun
    for x in range(40, 640, 120):                                # waves
        draw.arc([x, 250, x + 60, 280], 200, 340, fill=(230, 240, 250), width=3)
    draw.polygon([(120, 330), (160, 250), (200, 330)], fill=(200, 60, 60))  # parasol
    draw.line([(160, 250), (160, 380)], fill=(90, 60, 30), width=4)

    exif = Image.Exif()
    exif[0x010F] = "Fotonix"                 # Make
    exif[0x0110] = "FX-200"                  # Model
    exif[0x0132] = "2024:07:14 18:32:05"     # DateTime
    exif[0x0131] = "Fotonix Mobile 3.1"      # Software
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2024:07:14 18:32:05"      # DateTimeOriginal
    sub[0x9004] = "2024:07:14 18:32:05"      # DateTimeDigitized
    gps = exif.get_ifd(0x8825)
    gps[0x0000] = b"\x02\x03\x00\x00"        # GPSVersionID
    gps[0x0001] = "N"
    gps[0x0002] = (43.0, 17.0, 47.4)         # 43.2965 N
    gps[0x0003] = "E"
    gps[0x0004] = (5.0, 22.0, 11.3)          # 5.3698 E : Marseille, Vieux-Port
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


# (date, type, visibility, text): a fixed, hand-written list.
_POSTS = [
    ("2016-09-03", "Photo", "Public", "Rentrée au lycée, nouvelle année !"),
    ("2016-11-20", "Statut", "Amis", "Quelqu'un a les notes du cours d'histoire ?"),
    ("2017-02-14", "Photo", "Public", "Soirée crêpes avec la bande"),
    ("2017-06-30", "Vidéo", "Public", "Dernier jour de cours, on a fêté ça"),
    ("2017-12-24", "Photo", "Moi uniquement", "Réveillon en famille"),
    ("2018-03-08", "Statut", "Public", "Franchement ce prof est nul"),
    ("2018-07-21", "Photo", "Amis", "Vacances au camping"),
    ("2018-10-02", "Lien", "Public", "Article intéressant sur les métiers du numérique"),
    ("2019-01-15", "Statut", "Public", "Encore en retard à cause du bus…"),
    ("2019-04-27", "Photo", "Amis", "Anniversaire de Léa"),
    ("2019-08-11", "Vidéo", "Public", "Festival de l'été, ambiance de folie"),
    ("2019-12-31", "Photo", "Moi uniquement", "Bonne année à tous"),
    ("2020-01-01", "Statut", "Public", "Mes bonnes résolutions pour 2020"),
    ("2020-05-09", "Lien", "Amis", "Recette du pain maison"),
    ("2020-11-23", "Photo", "Public", "Premier stage en entreprise !"),
    ("2021-03-17", "Statut", "Amis", "Quelqu'un pour réviser le code de la route ?"),
    ("2021-09-06", "Photo", "Public", "Diplôme obtenu, merci à tous"),
    ("2022-02-02", "Lien", "Public", "Mon portfolio en ligne"),
    ("2022-10-19", "Vidéo", "Amis", "Concert du week-end"),
    ("2023-04-04", "Statut", "Public", "Je recherche une alternance en communication"),
    ("2023-12-12", "Photo", "Moi uniquement", "Nouvel appartement"),
    ("2024-06-21", "Vidéo", "Public", "Fête de la musique"),
]


def _publications(path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(["id", "date", "type", "visibilite", "texte"])
    for i, (date, kind, vis, text) in enumerate(_POSTS, start=1):
        writer.writerow([f"P{i:03d}", date, kind, vis, text])
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


# (name in the archive, size in bytes, header): sizes are far from the 2 Mo limit.
_DOSSIER = [
    ("piece-identite.jpg", 846_212, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
    ("justificatif-domicile.pdf", 1_204_880, b"%PDF-1.4\n"),
    ("avis-imposition.pdf", 3_412_045, b"%PDF-1.4\n"),
    ("photo-identite.heic", 612_300, b"\x00\x00\x00\x18ftypheic"),
    ("rib.png", 298_754, b"\x89PNG\r\n\x1a\n"),
    ("attestation-employeur.docx", 41_870, b"PK\x03\x04"),
    ("livret-famille.pdf", 1_530_112, b"%PDF-1.4\n"),
]


def _dossier(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        readme = (
            "Pièces à déposer sur le portail de la démarche.\n"
            "Rappel du portail : formats acceptés PDF ou JPG, 2 Mo maximum par fichier.\n"
        )
        info = zipfile.ZipInfo("dossier-demarche/LISEZMOI.txt", date_time=(2025, 3, 10, 9, 30, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, readme.encode("utf-8"))
        for name, size, header in _DOSSIER:
            data = header + b"\x00" * (size - len(header))
            info = zipfile.ZipInfo(f"dossier-demarche/{name}", date_time=(2025, 3, 10, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


# Revenue in euros per quarter; advertising = 550 000 of 1 250 000, i.e. exactly 44 %.
_REVENUS = [
    ("Publicité", [128_000, 131_000, 142_000, 149_000]),
    ("Abonnements premium", [95_000, 98_000, 104_000, 113_000]),
    ("Achats intégrés", [52_000, 49_000, 58_000, 61_000]),
    ("Commissions partenaires", [16_000, 17_000, 18_000, 19_000]),
]


def _revenus(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Revenus 2024"
    ws.append(["Application « Miam Planning » : chiffre d'affaires 2024 (en euros)"])
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["Source de revenus", "T1", "T2", "T3", "T4"])
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for source, values in _REVENUS:
        ws.append([source, *values])
    ws.column_dimensions["A"].width = 28
    for col in "BCDE":
        ws.column_dimensions[col].width = 12
    wb.properties.creator = "Service financier"
    wb.properties.title = "Revenus 2024"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.lastModifiedBy = "Service financier"
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# --- illustrations drawn with contentbuild.pictures (the alt text is in 2.4.yaml) ------------------

_RESULTS = [
    (True, "www.carte-grise-express.fr", "Carte grise en ligne en 2 minutes - Service rapide",
     "Dossier traité en priorité. Frais de service : 39,90 €. Paiement sécurisé."),
    (True, "www.immatriculation-facile.com", "Changement de titulaire - Démarche simplifiée",
     "Nous faisons la démarche à votre place. À partir de 29 €, sans file d'attente."),
    (False, "immatriculation.ants.gouv.fr", "Certificat d'immatriculation - ANTS",
     "Faire une demande de carte grise : changement d'adresse, de titulaire, duplicata..."),
    (False, "www.forum-automobile.example", "Carte grise pas chère ? Vos bons plans",
     "Discussion : j'ai trouvé un site qui fait tout pour 19 €, quelqu'un a testé ?"),
]


def _search_results(path: Path) -> None:
    """A results page for « carte grise changement de titulaire », ads first."""
    img, draw = pic.browser(780, 520, "www.moteur-recherche.example/?q=carte+grise", True, "Recherche")
    draw.rounded_rectangle([30, 96, 560, 130], radius=17, outline=(200, 200, 200))
    pic.text(draw, (48, 105), "carte grise changement de titulaire", 15)
    y = 150
    for ad, address, title, snippet in _RESULTS:
        x = 30
        if ad:
            x += pic.text(draw, (x, y), "Sponsorisé", 12, (20, 20, 20), bold=True) + 8
            pic.text(draw, (x - 4, y), "·", 12)
            x += 6
        pic.text(draw, (x, y), address, 13, (32, 33, 36))
        pic.text(draw, (30, y + 22), title, 17, (26, 13, 171))
        pic.text(draw, (30, y + 48), snippet, 13, (77, 81, 86))
        y += 90
    pic.save(img, path)


ATTACHMENTS = {
    "c24-photo-plage.jpg": _photo,
    "c24-export-publications.csv": _publications,
    "c24-dossier-demarche.zip": _dossier,
    "c24-revenus-application.xlsx": _revenus,
    "c24-resultats-carte-grise.png": _search_results,
}
