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

from contentbuild import pictures as pic

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


# --- illustrations drawn with contentbuild.pictures (the alt text is in 1.3.yaml) ------------------


def _bar_axis(draw, left: int, right: int, top: int, bottom: int, low: float, high: float, step: float,
              unit: str) -> None:
    value = low
    while value <= high + 1e-9:
        y = bottom - (value - low) / (high - low) * (bottom - top)
        draw.line([left, y, right, y], fill=(225, 225, 225))
        pic.text(draw, (left - 8, y - 8), f"{value:g}{unit}".replace(".", ","), 13, anchor="r")
        value += step
    draw.line([left, top, left, bottom], fill="black", width=2)
    draw.line([left, bottom, right, bottom], fill="black", width=2)


_SUCCESS = [("Lycée Jean-Moulin", 91), ("Lycée Camille-Claudel", 94)]


def _truncated_chart(path: Path) -> None:
    """A bar chart whose vertical axis starts at 90 %: a 3-point gap looks fourfold."""
    img, draw = pic.canvas(600, 420)
    pic.text(draw, (300, 18), "Taux de réussite au baccalauréat 2025", 18, bold=True, anchor="m")
    left, right, top, bottom, low, high = 80, 570, 70, 360, 90, 95
    _bar_axis(draw, left, right, top, bottom, low, high, 1, " %")
    for i, (name, value) in enumerate(_SUCCESS):
        x0 = left + 70 + i * 230
        y = bottom - (value - low) / (high - low) * (bottom - top)
        draw.rectangle([x0, y, x0 + 130, bottom], fill=(52, 101, 164))
        pic.text(draw, (x0 + 65, bottom + 12), name, 14, anchor="m")
    pic.save(img, path)


_POOL = [("S1", 840), ("S2", 910), ("S3", 880), ("S4", 1020), ("S5", 760), ("S6", 690), ("S7", 930), ("S8", 970)]


def _pool_chart(path: Path) -> None:
    """A line chart of weekly entries at a swimming pool, each point labelled."""
    img, draw = pic.canvas(640, 400)
    pic.text(draw, (320, 18), "Entrées à la piscine municipale par semaine", 18, bold=True, anchor="m")
    left, right, top, bottom = 70, 610, 60, 340
    _bar_axis(draw, left, right, top, bottom, 0, 1200, 200, "")
    slot = (right - left) / len(_POOL)
    points = []
    for i, (week, value) in enumerate(_POOL):
        x = left + slot * (i + 0.5)
        y = bottom - value / 1200 * (bottom - top)
        points.append((x, y))
        pic.text(draw, (x, bottom + 10), week, 13, anchor="m")
    draw.line(points, fill=(200, 80, 30), width=3)
    for (x, y), (_, value) in zip(points, _POOL, strict=True):
        draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=(200, 80, 30))
        pic.text(draw, (x, y - 26), str(value), 13, anchor="m")
    pic.text(draw, (340, 372), "Semaines (S1 = première semaine de juin)", 13, (90, 90, 90), anchor="m")
    pic.save(img, path)


_PRICES = [("Article", "Prix HT", "Prix TTC"), ("Cahier", "2,50", "3,00"), ("Stylo", "1,20", "1,44"),
           ("Classeur", "4,00", "4,80"), ("Trousse", "6,50", "7,80"), ("Règle", "0,90", "1,08")]


def _formula_bar(path: Path) -> None:
    """A spreadsheet excerpt: C2 is selected and the formula bar shows its formula."""
    img, draw = pic.canvas(640, 300, (245, 245, 245))
    draw.rectangle([0, 0, 640, 40], fill="white")
    draw.rectangle([8, 8, 78, 32], outline=(170, 170, 170), fill="white")
    pic.text(draw, (16, 12), "C2", 14)
    pic.text(draw, (92, 11), "fx", 14, (90, 90, 90))
    draw.rectangle([118, 8, 630, 32], outline=(170, 170, 170), fill="white")
    pic.text(draw, (126, 12), "=B2*(1+$G$1)", 14)
    cols = [("", 40), ("A", 120), ("B", 90), ("C", 90), ("D", 70), ("E", 70), ("F", 60), ("G", 70)]
    xs = [0]
    for _, w in cols:
        xs.append(xs[-1] + w)
    row_h, y0 = 30, 50
    for r in range(8):
        y = y0 + r * row_h
        for c, (name, _) in enumerate(cols):
            box = [xs[c], y, xs[c + 1], y + row_h]
            header = r == 0 or c == 0
            draw.rectangle(box, fill=(230, 230, 230) if header else "white", outline=(200, 200, 200))
            if r == 0:
                pic.text(draw, ((box[0] + box[2]) / 2, y + 8), name, 13, anchor="m")
            elif c == 0:
                pic.text(draw, ((box[0] + box[2]) / 2, y + 8), str(r), 13, anchor="m")
            else:
                content = ""
                if r <= len(_PRICES) and c <= 3:
                    content = _PRICES[r - 1][c - 1]
                if (r, c) == (1, 6):
                    content = "TVA"
                if (r, c) == (1, 7):
                    content = "20 %"
                if content:
                    bold = r == 1 and c <= 3
                    numeric = content[0].isdigit() and c != 1
                    if numeric:
                        pic.text(draw, (box[2] - 6, y + 8), content, 13, anchor="r")
                    else:
                        pic.text(draw, (box[0] + 6, y + 8), content, 13, bold=bold)
    # C2 selected
    draw.rectangle([xs[3], y0 + 2 * row_h, xs[4], y0 + 3 * row_h], outline=(33, 115, 70), width=3)
    pic.save(img, path)


ATTACHMENTS = {
    "c13-ventes-librairie.xlsx": _bookshop,
    "c13-randonnees.csv": _hikes,
    "c13-temps-trajet.xlsx": _commute,
    "c13-inscriptions-tournoi.csv": _registrations,
    "c13-consommation-energie.csv": _energy,
    "c13-graphique-prets.png": _loans_chart,
    "c13-graphique-baccalaureat.png": _truncated_chart,
    "c13-graphique-piscine.png": _pool_chart,
    "c13-barre-formule.png": _formula_bar,
}
