"""Attachments of competence 1.2 (gérer des données).

An association's folder tree in a zip archive, office documents and a photo whose metadata hold the
answer, and a workbook of two linked tables (clients and orders). Every writer is deterministic:
fixed dates inside the files and on every zip entry (xlsx and docx are zip packages too).
"""
import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter
from PIL import Image, ImageDraw
from PIL.TiffImagePlugin import IFDRational

from contentbuild import pictures as pic

_ZIP_DATE = (2025, 1, 6, 9, 0, 0)


def _freeze_zip(path: Path) -> None:
    """Rewrite a zip package with a fixed date on every entry (openpyxl and python-docx use the clock)."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_DATE), data, zipfile.ZIP_DEFLATED)


def _save_workbook(wb: Workbook, path: Path) -> None:
    """Save without openpyxl's save_workbook, which stamps the current time as the modification date."""
    ExcelWriter(wb, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)).save()
    _freeze_zip(path)


def _small_pdf(title: str) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2025, 1, 6, 9, 0, 0, tzinfo=dt.UTC))
    pdf.set_author("Association Les Jardins partagés")
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    pdf.multi_cell(0, 7, "Association Les Jardins partagés - document d'exemple.")
    return bytes(pdf.output())


def _small_image(color: tuple[int, int, int], fmt: str) -> bytes:
    img = Image.new("RGB", (160, 120), color)
    ImageDraw.Draw(img).ellipse([40, 20, 120, 100], fill=(250, 250, 240))
    buffer = io.BytesIO()
    img.save(buffer, fmt)
    return buffer.getvalue()


_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        '<circle cx="50" cy="50" r="40" fill="#3a7d44"/></svg>\n')

_ROOT = "Association-Les-Jardins"


def _association_files() -> list[tuple[str, bytes]]:
    def pdf(title):
        return _small_pdf(title)

    def text(content):
        return content.encode("utf-8")

    return [
        ("Administratif/statuts-2023.pdf", pdf("Statuts de l'association")),
        ("Administratif/reglement-interieur.pdf", pdf("Règlement intérieur")),
        ("Administratif/Assemblees/2024-06-15_AG_proces-verbal.pdf", pdf("Procès-verbal de l'AG 2024")),
        ("Administratif/Assemblees/2024-06-15_AG_notes.txt", text("Notes prises pendant l'assemblée générale.\n")),
        ("Administratif/Assemblees/2025-06-14_AG_convocation.pdf", pdf("Convocation à l'AG 2025")),
        ("Comptabilite/2024/budget-2024.csv", text("Poste;Montant\nGraines;320\nOutils;540\n")),
        ("Comptabilite/2024/factures/facture-001.pdf", pdf("Facture 001")),
        ("Comptabilite/2024/factures/facture-002.pdf", pdf("Facture 002")),
        ("Comptabilite/2024/factures/facture-003.jpg", _small_image((200, 200, 190), "JPEG")),
        ("Comptabilite/2025/budget-2025.csv", text("Poste;Montant\nGraines;350\nArrosage;410\n")),
        ("Comptabilite/2025/factures/facture-004.pdf", pdf("Facture 004")),
        ("Communication/affiche-fete-des-plantes.png", _small_image((120, 180, 90), "PNG")),
        ("Communication/flyer.pdf", pdf("Flyer de présentation")),
        ("Communication/logo.svg", text(_SVG)),
        ("Communication/comment-creer-un-pdf.txt", text("Astuce : Fichier > Exporter au format PDF.\n")),
        ("Communication/Photos/IMG_0412.jpg", _small_image((90, 140, 200), "JPEG")),
        ("Communication/Photos/IMG_0413.jpg", _small_image((200, 120, 90), "JPEG")),
        ("Adherents/liste-adherents-2025.csv", text("Nom;Prénom;Parcelle\nMartin;Lucie;A3\nNguyen;Bao;B1\n")),
        ("Adherents/bulletin-adhesion.pdf", pdf("Bulletin d'adhésion")),
    ]


def _association_archive(path: Path) -> None:
    files = _association_files()
    folders = sorted({f"{_ROOT}/" + "/".join(name.split("/")[:i]) + "/"
                      for name, _ in files for i in range(1, name.count("/") + 1)} | {f"{_ROOT}/"})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in folders:
            archive.writestr(zipfile.ZipInfo(folder, date_time=_ZIP_DATE), b"")
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(f"{_ROOT}/{name}", date_time=_ZIP_DATE), data, zipfile.ZIP_DEFLATED)


def _school_minutes(path: Path) -> None:
    doc = Document()
    doc.add_heading("Compte rendu du conseil d'école", level=1)
    doc.add_paragraph("École élémentaire Jules-Ferry - séance du 14 novembre 2024")
    doc.add_paragraph(
        "Présents : la directrice, huit enseignants, six représentants des parents d'élèves, "
        "l'adjointe au maire chargée de l'éducation."
    )
    doc.add_paragraph("1. Bilan de la rentrée : 212 élèves répartis en neuf classes.")
    doc.add_paragraph("2. Projet d'école : jardin pédagogique et correspondance avec une école de Montréal.")
    doc.add_paragraph("3. Sécurité : exercice d'évacuation réalisé le 8 octobre.")
    doc.add_paragraph("Le secrétaire de séance : Julien Roux")
    props = doc.core_properties
    props.author = "Nadia Benali"
    props.last_modified_by = "Nadia Benali"
    props.title = "Conseil d'école du 14 novembre"
    props.subject = ""
    props.keywords = "école; conseil"
    props.created = dt.datetime(2024, 11, 18, 10, 0, 0)
    props.modified = dt.datetime(2024, 11, 18, 10, 0, 0)
    props.last_printed = dt.datetime(2024, 11, 18, 10, 0, 0)
    props.revision = 3
    doc.save(str(path))
    _freeze_zip(path)


def _shared_budget(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Poste", "Prévu (€)", "Réalisé (€)"])
    for row in [("Location de salle", 1200, 1150), ("Matériel", 800, 915), ("Communication", 300, 240),
                ("Goûter", 150, 180)]:
        ws.append(row)
    wb.properties.creator = "Sophie Martin"
    wb.properties.lastModifiedBy = "Karim Haddad"
    wb.properties.title = "Budget de la fête de quartier"
    wb.properties.created = dt.datetime(2025, 2, 3, 9, 15, 0)
    wb.properties.modified = dt.datetime(2025, 3, 21, 17, 40, 0)
    _save_workbook(wb, path)


def _dms(value: float) -> tuple:
    degrees = int(value)
    minutes_float = (value - degrees) * 60
    minutes = int(minutes_float)
    seconds = round((minutes_float - minutes) * 60, 2)
    return (IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(int(round(seconds * 100)), 100))


def _holiday_photo(path: Path) -> None:
    width, height = 640, 480
    img = Image.new("RGB", (width, height), (135, 190, 235))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 330, width, height], fill=(200, 110, 90))
    draw.rectangle([270, 160, 370, 330], fill=(90, 70, 50))
    draw.ellipse([255, 110, 385, 200], fill=(110, 150, 110))
    draw.rectangle([60, 220, 200, 330], fill=(235, 225, 200))
    draw.rectangle([440, 200, 600, 330], fill=(235, 215, 190))
    exif = Image.Exif()
    exif[0x010F] = "Fairphone"
    exif[0x0110] = "FP4"
    exif[0x0132] = "2023:05:23 15:42:10"
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = "2023:05:23 15:42:10"
    exif_ifd[0x9004] = "2023:05:23 15:42:10"
    gps = exif.get_ifd(0x8825)
    gps[0x0000] = b"\x02\x03\x00\x00"
    gps[0x0001] = "N"
    gps[0x0002] = _dms(45.7578)
    gps[0x0003] = "E"
    gps[0x0004] = _dms(4.8320)
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


_CLIENTS = [
    ("C01", "Boulangerie Lemaire", "Lille"),
    ("C02", "Garage Duval", "Arras"),
    ("C03", "Fleurs de Sophie", "Lille"),
    ("C04", "Pharmacie du Centre", "Douai"),
    ("C05", "Librairie Page 9", "Roubaix"),
    ("C06", "Atelier Vélo Nord", "Lille"),
    ("C07", "Café des Arts", "Arras"),
    ("C08", "Cabinet Morel", "Lens"),
]

_ORDERS = [
    (1041, "2025-01-06", "C02", 184.50),
    (1042, "2025-01-09", "C01", 96.00),
    (1043, "2025-01-13", "C05", 412.80),
    (1044, "2025-01-15", "C03", 58.90),
    (1045, "2025-01-20", "C07", 230.00),
    (1046, "2025-01-22", "C06", 1275.40),
    (1047, "2025-01-27", "C04", 349.99),
    (1048, "2025-02-03", "C01", 120.00),
    (1049, "2025-02-05", "C08", 87.35),
    (1050, "2025-02-10", "C03", 143.20),
    (1051, "2025-02-12", "C02", 66.00),
    (1052, "2025-02-17", "C06", 310.00),
    (1053, "2025-02-19", "C05", 25.60),
    (1054, "2025-02-24", "C07", 198.75),
]


def _orders_database(path: Path) -> None:
    wb = Workbook()
    clients = wb.active
    clients.title = "Clients"
    clients.append(["N° client", "Nom", "Ville"])
    for row in _CLIENTS:
        clients.append(row)
    orders = wb.create_sheet("Commandes")
    orders.append(["N° commande", "Date", "Client", "Montant (€)"])
    for number, day, client, amount in _ORDERS:
        orders.append([number, dt.datetime.strptime(day, "%Y-%m-%d").date(), client, amount])
        orders.cell(row=orders.max_row, column=2).number_format = "DD/MM/YYYY"
        orders.cell(row=orders.max_row, column=4).number_format = "#,##0.00"
    for sheet in (clients, orders):
        sheet.column_dimensions["B"].width = 24
        sheet.column_dimensions["D"].width = 14
    wb.properties.creator = "Service commercial"
    wb.properties.created = dt.datetime(2025, 2, 25, 8, 0, 0)
    wb.properties.modified = dt.datetime(2025, 2, 25, 8, 0, 0)
    _save_workbook(wb, path)


# --- illustrations drawn with contentbuild.pictures (the alt text is in 1.2.yaml) ------------------

_TREE = [(0, "Documents", False), (1, "Association", False), (2, "Comptes", False), (2, "Photos", False),
         (1, "Club de foot", False), (2, "Saison 2024", False), (2, "Saison 2025", True), (1, "École", False)]
_LISTING = [
    ("affiche-tournoi.pdf", "12/05/2025", "1,8 Mo"),
    ("budget-saison.xlsx", "03/04/2025", "24 Ko"),
    ("chant-supporters.mp3", "28/03/2025", "4,1 Mo"),
    ("compte-rendu-AG.docx", "15/06/2025", "36 Ko"),
    ("logo-club.png", "02/02/2025", "85 Ko"),
    ("photo-equipe.jpeg", "21/06/2025", "3,2 Mo"),
    ("sauvegarde-licences.zip", "30/06/2025", "2,4 Mo"),
    ("vacances-stage.jpg", "08/07/2025", "2,9 Mo"),
    ("video-finale.mp4", "22/06/2025", "148 Mo"),
]


def _folder_icon(draw, x: float, y: float) -> None:
    draw.rectangle([x, y + 3, x + 16, y + 14], fill=(230, 180, 60))
    draw.rectangle([x, y, x + 7, y + 3], fill=(230, 180, 60))


def _explorer(path: Path) -> None:
    """A file explorer: the folder tree on the left (one folder selected), its files on the right."""
    img, draw = pic.window(820, 420, "Explorateur de fichiers")
    draw.rectangle([1, 35, 230, 418], fill=(247, 247, 250))
    draw.line([230, 35, 230, 418], fill=(210, 210, 210))
    for i, (depth, name, selected) in enumerate(_TREE):
        y = 52 + i * 30
        x = 16 + depth * 22
        if selected:
            draw.rectangle([4, y - 5, 226, y + 21], fill=(204, 228, 247))
        _folder_icon(draw, x, y)
        pic.text(draw, (x + 24, y), name, 14)
    header = [("Nom", 246), ("Modifié le", 520), ("Taille", 700)]
    for label, x in header:
        pic.text(draw, (x, 48), label, 13, (90, 90, 90))
    draw.line([240, 70, 810, 70], fill=(220, 220, 220))
    for i, (name, date, size) in enumerate(_LISTING):
        y = 80 + i * 36
        draw.rectangle([246, y + 1, 260, y + 17], outline=(120, 120, 120), fill="white")
        pic.text(draw, (270, y + 2), name, 14)
        pic.text(draw, (520, y + 2), date, 14, (60, 60, 60))
        pic.text(draw, (780, y + 2), size, 14, (60, 60, 60), anchor="r")
    pic.save(img, path)


ATTACHMENTS = {
    "c12-association.zip": _association_archive,
    "c12-conseil-ecole.docx": _school_minutes,
    "c12-budget-fete.xlsx": _shared_budget,
    "c12-photo-vacances.jpg": _holiday_photo,
    "c12-clients-commandes.xlsx": _orders_database,
    "c12-explorateur-club.png": _explorer,
}
