"""Attachments of competence 5.2 (Évoluer dans un environnement numérique).

Every file is written deterministically: fixed dates, fixed contents, never the current time.
"""
from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from contentbuild import pictures as pic

_FIXED = datetime(2025, 4, 7, 9, 30, 0)

# --------------------------------------------------------------------------------------------
# c52-comparatif-ordinateurs.xlsx: laptops to compare.
# Answers: cheapest with >= 16 Go RAM and SSD >= 512 Go -> "Delta 15" (749 €);
# weight <= 1,5 kg, battery >= 10 h and RAM >= 16 Go -> 2 models, the cheapest "Cimo 13".
# --------------------------------------------------------------------------------------------

_LAPTOPS = [
    # model, cores, RAM (Go), storage type, capacity (Go), screen (in), weight (kg), battery (h), price (€)
    ("Alto 14", 4, 8, "SSD", 256, 14.0, 1.40, 10, 549),
    ("Brio 15", 4, 16, "HDD", 1000, 15.6, 2.10, 6, 599),
    ("Cimo 13", 8, 16, "SSD", 512, 13.3, 1.20, 12, 899),
    ("Delta 15", 6, 16, "SSD", 512, 15.6, 1.80, 8, 749),
    ("Echo 14", 8, 32, "SSD", 1000, 14.0, 1.50, 9, 1199),
    ("Fado 15", 4, 8, "SSD", 512, 15.6, 1.90, 7, 629),
    ("Gala 14", 8, 16, "SSD", 1000, 14.0, 1.35, 11, 979),
    ("Iris 11", 2, 4, "eMMC", 64, 11.6, 1.10, 9, 279),
]


def _laptops(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Comparatif"
    headers = [
        "Modèle", "Processeur (cœurs)", "Mémoire vive (Go)", "Type de stockage", "Capacité de stockage (Go)",
        "Écran (pouces)", "Poids (kg)", "Autonomie annoncée (h)", "Prix TTC (€)",
    ]
    ws.append(headers)
    for row in _LAPTOPS:
        ws.append(list(row))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [12, 12, 12, 12, 14, 10, 10, 13, 12]
    for i, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    for row in ws.iter_rows(min_row=2):
        row[5].number_format = "0.0"
        row[6].number_format = "0.00"
        row[8].number_format = '#,##0 "€"'
    ws.freeze_panes = "A2"
    wb.properties.creator = "Équipe contenu Pix"
    wb.properties.lastModifiedBy = "Équipe contenu Pix"
    wb.properties.title = "Comparatif d'ordinateurs portables"
    wb.properties.created = _FIXED
    wb.properties.modified = _FIXED
    wb.save(path)
    _normalise_zip_dates(path)


def _normalise_zip_dates(path: Path) -> None:
    """openpyxl stamps the zip entries and dcterms:modified with the current time: rewrite them."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info.filename)) for info in src.infolist()]
    stamp = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    entries = [
        (info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data)
         if info.filename == "docProps/core.xml" else data)
        for info, data in entries
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 4, 7, 9, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)


# --------------------------------------------------------------------------------------------
# c52-infos-systeme.txt: system information of a classroom computer (Windows).
# Answers: 64 bits, 8 Go of RAM installed, 41,2 Go free on the disk.
# --------------------------------------------------------------------------------------------

def _system_info(path: Path) -> None:
    lines = [
        "Informations système (exportées le 12/05/2025 à 10:14)",
        "",
        "Nom de l'appareil ............ PC-SALLE-INFO-07",
        "Système d'exploitation ....... Windows 11 Famille",
        "Type du système .............. Système d'exploitation 64 bits, processeur x64",
        "Processeur ................... Intel(R) Core(TM) i5-1135G7 à 2,40 GHz (4 cœurs)",
        "Mémoire vive installée ....... 8,00 Go (7,79 Go utilisable)",
        "Stockage ..................... SSD 256 Go (C:) : 41,2 Go libres sur 237 Go",
        "Carte graphique .............. Intel(R) Iris(R) Xe Graphics (mémoire partagée)",
        "Écran ........................ 1920 x 1080 pixels",
        "Réseau ....................... Wi-Fi 6 (802.11ax), Ethernet 1 Gbit/s",
        "Connexion Internet ........... Oui",
        "",
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")


# --------------------------------------------------------------------------------------------
# c52-configuration-requise.pdf: requirements of a mapping software.
# Answers: minimum 8 Go of RAM, 50 Go of free disk space; the PC above lacks disk space.
# --------------------------------------------------------------------------------------------

_REQUIREMENTS = [
    ("Système d'exploitation", "Windows 10 ou 11 (64 bits), macOS 13 ou ultérieur, Linux 64 bits",
     "Windows 11 (64 bits), macOS 14, Linux 64 bits récent"),
    ("Processeur", "64 bits, 2 coeurs, 2 GHz", "64 bits, 4 coeurs ou plus"),
    ("Mémoire vive", "8 Go", "16 Go"),
    ("Espace disque libre", "50 Go (cartes incluses)", "100 Go sur un SSD"),
    ("Carte graphique", "Compatible OpenGL 4.5", "Carte dédiée avec 4 Go de mémoire"),
    ("Définition d'écran", "1366 x 768 pixels", "1920 x 1080 pixels"),
    ("Connexion Internet", "Nécessaire pour l'activation", "Haut débit pour les mises à jour de cartes"),
]


def _requirements(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED)
    pdf.set_author("Équipe contenu Pix")
    pdf.set_title("CartoPlan 6 - Configuration requise")
    pdf.set_subject("Configuration requise")
    pdf.set_creator("Pix contenu 5.2")
    pdf.set_producer("fpdf2")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 12, "CartoPlan 6", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 13)
    pdf.cell(0, 8, "Logiciel de cartographie - Configuration requise", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0, 5,
        "Avant l'installation, vérifiez que votre ordinateur dispose au moins de la configuration minimale. "
        "La configuration recommandée assure un affichage fluide des cartes en 3D.",
        new_x="LMARGIN", new_y="NEXT",
    )
    pdf.ln(4)
    widths = (45, 70, 75)
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_fill_color(221, 235, 247)
    for width, title in zip(widths, ("Élément", "Configuration minimale", "Configuration recommandée"), strict=True):
        pdf.cell(width, 8, title, border=1, fill=True)
    pdf.ln()
    pdf.set_font("Helvetica", "", 9)
    for row in _REQUIREMENTS:
        x0, y0 = pdf.get_x(), pdf.get_y()
        heights = []
        for width, text in zip(widths, row, strict=True):
            heights.append(len(pdf.multi_cell(width, 5, text, dry_run=True, output="LINES")) * 5)
        height = max(heights) + 2
        for width, text in zip(widths, row, strict=True):
            x, y = pdf.get_x(), pdf.get_y()
            pdf.rect(x, y, width, height)
            pdf.multi_cell(width, 5, text, border=0, new_x="RIGHT", new_y="TOP", padding=(1, 1, 1, 1))
            pdf.set_xy(x + width, y)
        pdf.set_xy(x0, y0 + height)
    pdf.ln(6)
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0, 5,
        "Les cartes hors ligne sont téléchargées pendant l'installation : l'espace disque indiqué doit "
        "être libre au moment de l'installation.",
        new_x="LMARGIN", new_y="NEXT",
    )
    pdf.output(str(path))


# --------------------------------------------------------------------------------------------
# c52-noteslibre-portable.zip: a portable application.
# Answers: languages other than French: anglais, allemand, espagnol, italien; settings are kept
# in the "Data" folder (LISEZMOI.txt); the biggest sub-folder of "App" is "plugins".
# --------------------------------------------------------------------------------------------

_README = """NotesLibre portable 3.2
=======================

NotesLibre est un logiciel libre de prise de notes (licence GNU GPL v3).
Cette version « portable » ne s'installe pas : décompressez l'archive où vous voulez
(par exemple sur une clé USB) et lancez l'application depuis le dossier App/bin.

Organisation des dossiers
-------------------------
- App    : le programme, ses modules (plugins) et ses traductions (lang) ;
- Data   : vos réglages et vos carnets de notes. Sauvegardez ce dossier pour garder
           vos réglages si vous changez d'ordinateur ;
- Other  : l'aide et la licence.

Pour mettre à jour NotesLibre, remplacez le dossier App par celui de la nouvelle
version, sans toucher au dossier Data.
"""

_LICENSE = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\n(texte complet : https://www.gnu.org/licenses/gpl-3.0.html)\n"


def _filler(name: str, size: int) -> bytes:
    """Deterministic, compressible content of exactly `size` bytes."""
    pattern = (name + "|").encode("ascii")
    return (pattern * (size // len(pattern) + 1))[:size]


_ZIP_FILES = [
    ("App/bin/noteslibre", 1_350_000),
    ("App/bin/libcore.bin", 620_000),
    ("App/plugins/export-pdf.plug", 410_000),
    ("App/plugins/export-odt.plug", 395_000),
    ("App/plugins/correcteur.plug", 600_000),
    ("App/plugins/dessin.plug", 455_000),
    ("App/plugins/synchronisation.plug", 330_000),
    ("App/lang/fr.lng", 84_000),
    ("App/lang/en.lng", 79_000),
    ("App/lang/de.lng", 86_000),
    ("App/lang/es.lng", 82_000),
    ("App/lang/it.lng", 81_000),
    ("App/icons/noteslibre.png", 46_000),
    ("Other/Help/aide-fr.html", 120_000),
    ("Other/Help/aide-en.html", 112_000),
]


def _portable_zip(path: Path) -> None:
    root = "NotesLibre-portable/"
    stamp = (2025, 3, 21, 14, 0, 0)
    entries: list[tuple[str, bytes]] = [
        ("LISEZMOI.txt", _README.encode("utf-8")),
        ("Data/settings.ini", b"[general]\nlangue=fr\ntheme=clair\nsauvegarde_auto=10\n"),
        ("Data/carnets/bienvenue.md", b"# Bienvenue\n\nVotre premier carnet de notes.\n"),
        ("Other/Licence/GPL-3.0.txt", _LICENSE.encode("utf-8")),
    ]
    entries += [(name, _filler(name, size)) for name, size in _ZIP_FILES]
    entries.sort(key=lambda item: item[0])
    folders = sorted({root + "/".join(name.split("/")[:i]) + "/"
                      for name, _ in entries for i in range(1, name.count("/") + 1)} | {root})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in folders:
            info = zipfile.ZipInfo(folder, date_time=stamp)
            info.external_attr = (0o40755 << 16) | 0x10
            archive.writestr(info, b"")
        for name, data in entries:
            info = zipfile.ZipInfo(root + name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


# --- illustrations drawn with contentbuild.pictures (the alt text is in 5.2.yaml) ------------------

_DRIVES = [
    ("Disque local (C:)", 12.6, 237),
    ("Données (D:)", 684, 931),
    ("Clé USB (E:)", 14.2, 14.9),
]


def _drives(path: Path) -> None:
    """The « Ce PC » view: each drive with its usage bar and its free space."""
    img, draw = pic.window(640, 300, "Ce PC")
    pic.text(draw, (30, 52), "Périphériques et lecteurs", 16, bold=True)
    for i, (name, free, total) in enumerate(_DRIVES):
        y = 92 + i * 66
        draw.rectangle([30, y + 4, 62, y + 36], fill=(200, 205, 215), outline=(120, 120, 130))
        draw.rectangle([36, y + 26, 56, y + 30], fill=(90, 180, 90))
        pic.text(draw, (78, y), name, 15)
        used = 1 - free / total
        draw.rectangle([78, y + 22, 378, y + 36], fill=(230, 230, 230), outline=(190, 190, 190))
        colour = (200, 40, 40) if used > 0.9 else (38, 160, 218)
        draw.rectangle([79, y + 23, 79 + 298 * used, y + 35], fill=colour)
        label = f"{free:g} Go libres sur {total:g} Go".replace(".", ",")
        pic.text(draw, (78, y + 40), label, 13, (90, 90, 90))
    pic.save(img, path)

ATTACHMENTS = {
    "c52-comparatif-ordinateurs.xlsx": _laptops,
    "c52-infos-systeme.txt": _system_info,
    "c52-configuration-requise.pdf": _requirements,
    "c52-noteslibre-portable.zip": _portable_zip,
    "c52-lecteurs.png": _drives,
}
