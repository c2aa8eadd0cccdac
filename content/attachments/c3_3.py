"""Attachments of competence 3.3 (Adapter les documents à leur finalité).

- c33-guide-sentiers.pdf: a short hiking guide whose last page states its licence (CC BY-NC-SA 4.0);
- c33-flyer-fete-science.pdf: a two-page A5 landscape flyer (format, orientation, page count to read);
- c33-rapport-activite.docx: a report with 5 images (3 without alternative text) and 5 section titles
  (3 with a real heading style, 2 formatted by hand);
- c33-inscriptions.csv: a CSV export separated by semicolons, with decimal commas, 14 data rows.

Every writer is deterministic: fixed dates, no randomness, zip entries with a fixed date_time.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from contentbuild import pictures as pic

_FIXED = datetime(2024, 3, 15, 10, 0, 0, tzinfo=UTC)
_ZIP_DATE = (2024, 3, 15, 10, 0, 0)


def _normalize_zip(path: Path) -> None:
    """Rewrite an OOXML/zip file so that every entry carries a fixed date (byte-identical output)."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def _guide_sentiers(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED)
    pdf.set_title("Guide des sentiers du plateau")
    pdf.set_author("Association Pas à Pas")
    pdf.set_subject("Trois itinéraires de randonnée")
    pdf.set_creator("Association Pas à Pas")
    pdf.set_auto_page_break(True, margin=20)

    pdf.add_page()
    pdf.set_font("helvetica", "B", 22)
    pdf.cell(0, 14, "Guide des sentiers du plateau", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(
        0, 7,
        "Ce guide présente trois itinéraires balisés au départ du village. "
        "Les durées sont données pour un marcheur moyen, sans les pauses.",
    )
    pdf.ln(4)
    routes = [
        ("Le tour du lac", "5 km", "1 h 30", "facile",
         "Départ du parking de l'église. Suivre le balisage jaune jusqu'à la rive nord, "
         "puis longer le lac par le sentier des pêcheurs."),
        ("La crête des Aigles", "11 km", "4 h", "difficile",
         "Montée régulière par la forêt de sapins, passage en crête avec vue sur la vallée. "
         "Déconseillé par temps d'orage."),
        ("Le chemin des moulins", "8 km", "2 h 45", "moyen",
         "Boucle le long de la rivière, avec trois anciens moulins restaurés. "
         "Table d'orientation au point haut."),
    ]
    for name, length, duration, level, text in routes:
        pdf.set_font("helvetica", "B", 14)
        pdf.cell(0, 9, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "I", 11)
        pdf.cell(0, 6, f"Distance : {length} - Durée : {duration} - Niveau : {level}",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", "", 12)
        pdf.multi_cell(0, 7, text)
        pdf.ln(3)

    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 9, "Conseils avant de partir", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 12)
    pdf.multi_cell(
        0, 7,
        "Emportez de l'eau, une carte et un vêtement de pluie. Prévenez un proche de votre itinéraire. "
        "Respectez les clôtures et refermez les barrières derrière vous.",
    )
    pdf.ln(10)
    pdf.set_font("helvetica", "", 10)
    pdf.multi_cell(
        0, 6,
        "Textes et cartes : © 2023 Association Pas à Pas.\n"
        "Ce guide est mis à disposition selon les termes de la licence Creative Commons "
        "CC BY-NC-SA 4.0.\n"
        "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
    )
    pdf.output(str(path))


def _flyer(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format=(148, 210))  # A5
    pdf.set_creation_date(_FIXED)
    pdf.set_title("Fête de la science à la médiathèque")
    pdf.set_author("Médiathèque Jules-Verne")
    pdf.set_auto_page_break(False)

    pdf.add_page()
    pdf.set_fill_color(20, 60, 120)
    pdf.rect(0, 0, pdf.w, 40, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("helvetica", "B", 24)
    pdf.set_xy(10, 12)
    pdf.cell(0, 12, "Fête de la science", align="C")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("helvetica", "", 16)
    pdf.set_xy(10, 55)
    pdf.multi_cell(0, 9, "Samedi 12 octobre, de 10 h à 18 h\nMédiathèque Jules-Verne\nEntrée libre", align="C")
    pdf.set_font("helvetica", "I", 11)
    pdf.set_xy(10, 120)
    pdf.cell(0, 8, "Programme détaillé au verso", align="C")

    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.set_xy(10, 10)
    pdf.cell(0, 10, "Programme", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 13)
    for line in [
        "10 h - Atelier robots pour les 8-12 ans",
        "11 h 30 - Conférence : le ciel d'automne",
        "14 h - Escape game scientifique (sur inscription)",
        "16 h - Démonstrations de chimie amusante",
        "17 h 30 - Remise des prix du concours photo",
    ]:
        pdf.cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def _png(color: tuple[int, int, int], label_band: tuple[int, int, int]) -> io.BytesIO:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 140, 300, 180), fill=label_band)
    draw.ellipse((120, 30, 200, 110), outline=(255, 255, 255), width=6)
    stream = io.BytesIO()
    image.save(stream, format="PNG", optimize=False)
    stream.seek(0)
    return stream


def _rapport(path: Path) -> None:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    props = doc.core_properties
    props.author = "Camille Rivière"
    props.last_modified_by = "Camille Rivière"
    props.title = "Rapport d'activité 2024"
    props.created = datetime(2024, 3, 15, 10, 0, 0)
    props.modified = datetime(2024, 3, 15, 10, 0, 0)
    props.last_printed = datetime(2024, 3, 15, 10, 0, 0)
    props.revision = 1

    def manual_title(text: str) -> None:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(16)

    def picture(color, band, alt: str | None) -> None:
        doc.add_picture(_png(color, band), width=Cm(8))
        if alt:
            doc.inline_shapes[-1]._inline.docPr.set("descr", alt)

    doc.add_heading("Rapport d'activité 2024", level=1)
    doc.add_paragraph(
        "L'association Cyclo'Ville aide les habitants à se déplacer à vélo : ateliers de réparation, "
        "balades accompagnées et prêt de vélos. Ce rapport résume l'année écoulée."
    )
    manual_title("Nos actions")
    doc.add_paragraph("Le nombre d'adhérents a fortement augmenté depuis 2020.")
    picture((40, 110, 60), (230, 230, 230),
            "Graphique : le nombre d'adhérents passe de 120 en 2020 à 310 en 2024.")
    doc.add_heading("Les ateliers de réparation", level=2)
    doc.add_paragraph("Quarante-huit ateliers ont eu lieu, dans trois quartiers de la ville.")
    picture((150, 80, 40), (250, 220, 120), None)
    picture((70, 70, 160), (200, 200, 250), "Photo : un bénévole montre comment changer une chambre à air.")
    manual_title("Nos partenaires")
    doc.add_paragraph("La mairie, deux écoles et un magasin de cycles nous ont soutenus cette année.")
    picture((120, 120, 120), (250, 250, 250), None)
    picture((180, 40, 90), (250, 200, 220), None)
    doc.add_heading("Perspectives 2025", level=2)
    doc.add_paragraph("Nous prévoyons d'ouvrir un second atelier et de proposer des balades pour les familles.")
    doc.save(str(path))
    _normalize_zip(path)


_INSCRIPTIONS = [
    ("Martin", "Élodie", "Lyon", "12,50"),
    ("Bernard", "Hugo", "Villeurbanne", "12,50"),
    ("Dubois", "Inès", "Lyon", "25,00"),
    ("Thomas", "Noé", "Bron", "12,50"),
    ("Robert", "Chloé", "Lyon", "8,75"),
    ("Richard", "Léa", "Vénissieux", "12,50"),
    ("Petit", "Gaël", "Lyon", "25,00"),
    ("Durand", "Zoé", "Caluire-et-Cuire", "8,75"),
    ("Leroy", "Maël", "Lyon", "12,50"),
    ("Moreau", "Anaïs", "Oullins", "12,50"),
    ("Simon", "Jérôme", "Lyon", "25,00"),
    ("Laurent", "Françoise", "Écully", "8,75"),
    ("Lefèvre", "Raphaël", "Lyon", "12,50"),
    ("Michel", "Hélène", "Bron", "12,50"),
]


def _inscriptions(path: Path) -> None:
    lines = ["nom;prénom;ville;cotisation_euros"]
    lines += [";".join(row) for row in _INSCRIPTIONS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# --- illustrations drawn with contentbuild.pictures (the alt text is in 3.3.yaml) ------------------

_BUTTONS = [("A", (255, 255, 255), (190, 190, 190)), ("B", (255, 255, 255), (255, 214, 0)),
            ("C", (0, 70, 140), (255, 255, 255))]


def _contrast_buttons(path: Path) -> None:
    """The same button in three colour schemes."""
    img, draw = pic.canvas(640, 200, (255, 255, 255))
    for i, (label, background, ink) in enumerate(_BUTTONS):
        x0 = 20 + i * 210
        pic.text(draw, (x0 + 95, 20), f"Bouton {label}", 16, (20, 20, 20), bold=True, anchor="m")
        draw.rounded_rectangle([x0, 60, x0 + 190, 130], radius=10, fill=background, outline=(215, 215, 215))
        pic.text(draw, (x0 + 95, 83), "S'inscrire", 20, ink, bold=True, anchor="m")
    pic.text(draw, (320, 160), "Les trois boutons sont posés sur une page blanche.", 13, (90, 90, 90), anchor="m")
    pic.save(img, path)


ATTACHMENTS = {
    "c33-guide-sentiers.pdf": _guide_sentiers,
    "c33-flyer-fete-science.pdf": _flyer,
    "c33-rapport-activite.docx": _rapport,
    "c33-inscriptions.csv": _inscriptions,
    "c33-boutons-contraste.png": _contrast_buttons,
}
