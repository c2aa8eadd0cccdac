"""Attachments of competence 1.3 (traiter des données).

Spreadsheets and CSV files to compute on, sort, filter and clean, and a bar chart to read. Every
writer is deterministic: fixed data, fixed dates in the files and on every zip entry of the xlsx.
"""
import csv
import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter
from PIL import Image, ImageDraw, ImageFont

_ZIP_DATE = (2025, 1, 6, 9, 0, 0)


def _save_workbook(wb: Workbook, path: Path) -> None:
    """Save with fixed dates: openpyxl's save_workbook stamps the current time, and zip entries carry the clock."""
    ExcelWriter(wb, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data, zipfile.ZIP_DEFLATED)


def _set_properties(wb: Workbook, title: str) -> None:
    wb.properties.creator = "Pix"
    wb.properties.title = title
    wb.properties.created = dt.datetime(2025, 3, 3, 9, 0, 0)
    wb.properties.modified = dt.datetime(2025, 3, 3, 9, 0, 0)


BOOKSHOP_SALES = [
    ("2025-03-01", "Le Petit Prince", "Jeunesse", 3, 8.90),
    ("2025-03-01", "Astérix - Le Tour de Gaule", "Bande dessinée", 2, 10.95),
    ("2025-03-03", "Les Misérables (poche)", "Roman", 1, 9.50),
    ("2025-03-04", "Cuisine du marché", "Pratique", 2, 24.00),
    ("2025-03-05", "Le Chat qui voulait voler", "Jeunesse", 4, 12.50),
    ("2025-03-06", "Blacksad - Tome 1", "Bande dessinée", 1, 15.95),
    ("2025-03-08", "L'Étranger (poche)", "Roman", 3, 7.20),
    ("2025-03-10", "Jardiner sans pesticides", "Pratique", 1, 19.90),
    ("2025-03-11", "Astérix - Le Tour de Gaule", "Bande dessinée", 3, 10.95),
    ("2025-03-12", "Le Petit Prince", "Jeunesse", 2, 8.90),
    ("2025-03-14", "Madame Bovary (poche)", "Roman", 2, 6.80),
    ("2025-03-15", "Les Vieux Fourneaux - Tome 1", "Bande dessinée", 2, 12.00),
    ("2025-03-17", "Mon premier atlas", "Jeunesse", 1, 16.50),
    ("2025-03-19", "Réparer son vélo", "Pratique", 2, 14.90),
    ("2025-03-20", "Le Horla (poche)", "Roman", 5, 3.50),
    ("2025-03-22", "Blacksad - Tome 1", "Bande dessinée", 2, 15.95),
    ("2025-03-24", "Le Chat qui voulait voler", "Jeunesse", 1, 12.50),
    ("2025-03-26", "Cuisine du marché", "Pratique", 1, 24.00),
    ("2025-03-28", "Germinal (poche)", "Roman", 2, 8.10),
    ("2025-03-29", "Les Vieux Fourneaux - Tome 1", "Bande dessinée", 1, 12.00),
]


def _bookshop(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ventes mars"
    ws.append(["Date", "Titre", "Catégorie", "Quantité", "Prix unitaire (€)"])
    for day, title, category, quantity, price in BOOKSHOP_SALES:
        ws.append([dt.datetime.strptime(day, "%Y-%m-%d").date(), title, category, quantity, price])
        ws.cell(row=ws.max_row, column=1).number_format = "DD/MM/YYYY"
        ws.cell(row=ws.max_row, column=5).number_format = "0.00"
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 16
    ws.column_dimensions["E"].width = 18
    _set_properties(wb, "Ventes de mars")
    _save_workbook(wb, path)


HIKES = [
    ("Lac Vert", "Savoie", "8,4", 420, "Facile", "2,5"),
    ("Crête des Aiguilles", "Isère", "14,2", 1180, "Difficile", "6,5"),
    ("Gorges du Furon", "Isère", "9,6", 350, "Facile", "3"),
    ("Tour du mont Aiguille", "Isère", "18,5", 1050, "Difficile", "7"),
    ("Cascade du Rouget", "Haute-Savoie", "6,1", 280, "Facile", "2"),
    ("Plateau des Glières", "Haute-Savoie", "12,3", 540, "Moyenne", "4"),
    ("Col de la Croix", "Savoie", "11,0", 760, "Moyenne", "4,5"),
    ("Dent de Crolles", "Isère", "10,8", 1240, "Difficile", "6"),
    ("Sentier des Moines", "Drôme", "7,5", 310, "Facile", "2,5"),
    ("Forêt de Saoû", "Drôme", "10,0", 390, "Facile", "3,5"),
    ("Pas de l'Échelle", "Haute-Savoie", "13,7", 890, "Moyenne", "5"),
    ("Roc de Chère", "Haute-Savoie", "5,2", 190, "Facile", "1,5"),
    ("Vallon de la Jarjatte", "Drôme", "15,4", 980, "Difficile", "6"),
    ("Lac de la Thuile", "Savoie", "9,9", 240, "Facile", "3"),
    ("Mont Granier", "Savoie", "16,8", 1320, "Difficile", "7,5"),
    ("Chemin des Écoliers", "Isère", "4,8", 120, "Facile", "1,5"),
    ("Trois Becs", "Drôme", "12,9", 1010, "Difficile", "5,5"),
    ("Balcon de Belledonne", "Isère", "11,6", 680, "Moyenne", "4"),
    ("Lac de Lérié", "Isère", "10,4", 820, "Moyenne", "4"),
    ("Semnoz", "Haute-Savoie", "9,2", 610, "Moyenne", "3,5"),
    ("Marais de Chautagne", "Savoie", "12,0", 60, "Facile", "3"),
    ("Pointe de la Galoppaz", "Savoie", "13,1", 1150, "Difficile", "6"),
]


def _hikes(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Nom", "Département", "Distance (km)", "Dénivelé (m)", "Difficulté", "Durée (h)"])
        writer.writerows(HIKES)


COMMUTE_MINUTES = [
    25, 40, 12, 35, 18, 55, 22, 30, 28, 45, 15, 33, 20, 38, 27,
    50, 10, 24, 31, 42, 19, 26, 36, 66, 14, 29, 23, 34, 21, 32,
]


def _commute(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Trajets"
    ws.append(["Salarié", "Temps de trajet domicile-travail (min)"])
    for number, minutes in enumerate(COMMUTE_MINUTES, start=1):
        ws.append([f"S{number:02d}", minutes])
    ws.column_dimensions["B"].width = 38
    _set_properties(wb, "Enquête trajets")
    _save_workbook(wb, path)


REGISTRATIONS = [
    ("Martin", "Léa", "lea.martin@exemple.fr", "Junior"),
    ("Dubois", "Hugo", "hugo.dubois@exemple.fr", "Senior"),
    ("MARTIN", "Léa", "Lea.Martin@exemple.fr", "Junior"),
    ("Nguyen", "Bao", "bao.nguyen@exemple.fr", "Senior"),
    ("Petit", "Chloé", "chloe.petit@exemple.fr", "Junior"),
    (" Dubois", "Hugo ", "hugo.dubois@exemple.fr", "Senior"),
    ("Leroy", "Adam", "adam.leroy@exemple.fr", "Senior"),
    ("Martin", "Louis", "louis.martin@exemple.fr", "Junior"),
    ("Garcia", "Inès", "ines.garcia@exemple.fr", "Senior"),
    ("petit", "chloé", "CHLOE.PETIT@EXEMPLE.FR", "Junior"),
    ("Fontaine", "Jules", "jules.fontaine@exemple.fr", "Junior"),
    ("Nguyen", "Bao", "bao.nguyen@exemple.fr ", "Senior"),
    ("Roux", "Manon", "manon.roux@exemple.fr", "Senior"),
    ("Bertin", "Sacha", "sacha.bertin@exemple.fr", "Junior"),
    ("Garcia ", "Inès", "ines.garcia@exemple.fr", "Senior"),
    ("Moreau", "Zoé", "zoe.moreau@exemple.fr", "Junior"),
    ("Leroy", "Adam", "Adam.Leroy@exemple.fr", "Senior"),
    ("Lambert", "Nolan", "nolan.lambert@exemple.fr", "Senior"),
    ("Roux", "Manon", " manon.roux@exemple.fr", "Senior"),
    ("Chevalier", "Emma", "emma.chevalier@exemple.fr", "Junior"),
    ("MOREAU", "ZOÉ", "zoe.moreau@exemple.fr", "Junior"),
    ("Martin", "Léa", "lea.martin@exemple.fr", "Junior"),
]


def _registrations(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Nom", "Prénom", "E-mail", "Catégorie"])
        writer.writerows(REGISTRATIONS)


ENERGY_KWH = [
    ("2024-01", "412.6"), ("2024-02", "389.4"), ("2024-03", "341.8"), ("2024-04", "276.5"),
    ("2024-05", "215.3"), ("2024-06", "187.9"), ("2024-07", "176.2"), ("2024-08", "168.7"),
    ("2024-09", "204.1"), ("2024-10", "268.8"), ("2024-11", "352.4"), ("2024-12", "405.3"),
]


def _energy(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=",", lineterminator="\n")
        writer.writerow(["month", "consumption_kwh"])
        writer.writerows(ENERGY_KWH)


# Month names and title without accents: the font bundled with Pillow has no accented glyphs.
LOANS = [("Mars", 320), ("Avril", 410), ("Mai", 380), ("Juin", 520), ("Juillet", 470)]


def _loans_chart(path: Path) -> None:
    width, height = 640, 400
    left, bottom, top = 70, 340, 50
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=14)
    title_font = ImageFont.load_default(size=18)
    draw.text((width // 2, 20), "Nombre d'emprunts de livres par mois", fill="black",
              font=title_font, anchor="mm")
    scale = (bottom - top) / 600
    for value in range(0, 601, 100):
        y = bottom - value * scale
        draw.line([(left, y), (width - 30, y)], fill=(220, 220, 220))
        draw.text((left - 8, y), str(value), fill="black", font=font, anchor="rm")
    draw.line([(left, top), (left, bottom)], fill="black", width=2)
    draw.line([(left, bottom), (width - 30, bottom)], fill="black", width=2)
    slot = (width - 30 - left) / len(LOANS)
    for index, (month, value) in enumerate(LOANS):
        x0 = left + index * slot + slot * 0.2
        x1 = left + (index + 1) * slot - slot * 0.2
        y = bottom - value * scale
        draw.rectangle([x0, y, x1, bottom], fill=(52, 101, 164))
        draw.text(((x0 + x1) / 2, y - 4), str(value), fill="black", font=font, anchor="mb")
        draw.text(((x0 + x1) / 2, bottom + 8), month, fill="black", font=font, anchor="mt")
    img.save(path, "PNG")


ATTACHMENTS = {
    "c13-ventes-librairie.xlsx": _bookshop,
    "c13-randonnees.csv": _hikes,
    "c13-temps-trajet.xlsx": _commute,
    "c13-inscriptions-tournoi.csv": _registrations,
    "c13-consommation-energie.csv": _energy,
    "c13-graphique-prets.png": _loans_chart,
}
