"""Attachments of competence 2.3 (Collaborer): a meeting report reviewed with tracked changes
(docx), the results of a date poll and a project task list (xlsx), and the archive of a shared
folder whose file dates tell which version is the latest (zip).

Every file is written deterministically: fixed dates in the documents, in their properties and
in the archive entries.
"""
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from contentbuild import pictures as pic

_FIXED = dt.datetime(2026, 1, 9, 17, 30, 0)


def _normalise_office_zip(path: Path) -> None:
    """Rewrite a docx/xlsx package so that it is byte-identical from one run to the next:
    openpyxl stamps the save time into docProps/core.xml, and both libraries give every zip
    entry the current time. Entries keep their order and content; only those dates change."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    modified = _FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + modified + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=_FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())

# --------------------------------------------------------------------------- tracked changes

_REVISION_ID = [100]


def _run(text: str, deleted: bool = False):
    run = OxmlElement("w:r")
    node = OxmlElement("w:delText" if deleted else "w:t")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    return run


def _change(kind: str, text: str, author: str, date: str):
    _REVISION_ID[0] += 1
    element = OxmlElement(f"w:{kind}")
    element.set(qn("w:id"), str(_REVISION_ID[0]))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    element.append(_run(text, deleted=(kind == "del")))
    return element


def _paragraph(document, parts) -> None:
    """parts: plain strings, or (kind, text, author, date) tuples with kind 'ins' or 'del'."""
    paragraph = document.add_paragraph()
    for part in parts:
        if isinstance(part, str):
            paragraph._p.append(_run(part))
        else:
            paragraph._p.append(_change(*part))


LEA, MARC, SAMIA = "Léa Fournier", "Marc Dubois", "Samia Benhamou"
D1, D2, D3 = "2026-01-09T10:12:00Z", "2026-01-09T14:40:00Z", "2026-01-09T16:05:00Z"


def _reviewed_report(path: Path) -> None:
    _REVISION_ID[0] = 100
    document = Document()
    document.add_heading("Compte rendu de la réunion du comité des fêtes du 8 janvier 2026", level=1)
    _paragraph(document, ["Présents : Inès, Hugo, Amel, Bastien, Léa, Marc et Samia."])
    _paragraph(document, [
        "La fête de printemps aura lieu le samedi ",
        ("del", "11 avril", LEA, D1),
        ("ins", "18 avril", LEA, D1),
        " sur la place de la mairie.",
    ])
    _paragraph(document, [
        "Le budget prévisionnel s'élève à ",
        ("del", "1 200 €", MARC, D2),
        ("ins", "1 500 €", MARC, D2),
        ", financé par la subvention municipale",
        ("ins", " et par la buvette", LEA, D1),
        ".",
    ])
    _paragraph(document, [
        "Bastien se charge de l'affiche.",
        ("del", " Amel contactera la fanfare.", MARC, D2),
    ])
    _paragraph(document, [
        "Prochaine réunion : jeudi 5 février 2026 à 18 h.",
        ("ins", " Lieu : salle des associations.", SAMIA, D3),
    ])
    properties = document.core_properties
    properties.author = "Inès Garnier"
    properties.last_modified_by = SAMIA
    properties.title = "Compte rendu du comité des fêtes"
    properties.created = dt.datetime(2026, 1, 8, 20, 0, 0)
    properties.modified = _FIXED
    properties.revision = 4
    document.save(path)
    _normalise_office_zip(path)


# --------------------------------------------------------------------------- date poll

_SLOTS = ["Lun. 12/01 18 h", "Mar. 13/01 18 h", "Mer. 14/01 12 h", "Jeu. 15/01 18 h", "Sam. 17/01 10 h"]
_ANSWERS = {
    # O = Oui, S = Si nécessaire, N = Non
    "Inès (animatrice)": "OONOS",
    "Hugo (trésorier)": "OSONN",
    "Amel": "NOOOO",
    "Bastien": "OSNOS",
    "Chloé": "OOSON",
    "David": "SSOOO",
    "Emma": "OONOS",
    "Farid": "NSOOO",
    "Gaëlle": "OOSON",
}
_WORDS = {"O": "Oui", "S": "Si nécessaire", "N": "Non"}
_FILLS = {"O": "C6EFCE", "S": "FFEB9C", "N": "FFC7CE"}


def _fix_workbook(workbook: Workbook, title: str) -> None:
    workbook.properties.creator = "Inès Garnier"
    workbook.properties.lastModifiedBy = "Inès Garnier"
    workbook.properties.title = title
    workbook.properties.created = _FIXED
    workbook.properties.modified = _FIXED


def _poll(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Réponses"
    sheet.append(["Participant"] + _SLOTS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for name, answers in _ANSWERS.items():
        sheet.append([name] + [_WORDS[a] for a in answers])
        row = sheet.max_row
        for column, answer in enumerate(answers, start=2):
            sheet.cell(row=row, column=column).fill = PatternFill("solid", fgColor=_FILLS[answer])
    sheet.column_dimensions["A"].width = 20
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 17
    _fix_workbook(workbook, "Sondage : réunion de préparation de la fête de printemps")
    workbook.save(path)
    _normalise_office_zip(path)


# --------------------------------------------------------------------------- project plan

_TASKS = [
    ("A", "Cadrage du projet", 3, ""),
    ("B", "Recensement des besoins", 5, "A"),
    ("C", "Choix de l'outil collaboratif", 2, "A"),
    ("D", "Rédaction du cahier des charges", 4, "B"),
    ("E", "Configuration de l'espace partagé", 3, "C"),
    ("F", "Formation des bénévoles", 2, "D, E"),
    ("G", "Migration des documents", 5, "E"),
    ("H", "Lancement officiel", 1, "F, G"),
]


def _plan(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tâches"
    sheet.append(["Code", "Tâche", "Durée (jours ouvrés)", "Tâches qui doivent être terminées avant"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for task in _TASKS:
        sheet.append(list(task))
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 20
    sheet.column_dimensions["D"].width = 40
    _fix_workbook(workbook, "Projet : nouvel espace de travail partagé de l'association")
    workbook.save(path)
    _normalise_office_zip(path)


# --------------------------------------------------------------------------- shared folder archive

_FOLDER = [
    ("dossier-equipe/rapport-final.txt", (2025, 11, 3, 9, 15, 0), "Rapport d'activité 2025 - première version complète."),
    ("dossier-equipe/rapport-final-v2.txt", (2025, 11, 10, 16, 42, 0), "Rapport d'activité 2025 - version 2, chiffres mis à jour."),
    ("dossier-equipe/rapport-final-relu.txt", (2025, 11, 18, 11, 5, 0), "Rapport d'activité 2025 - version relue par le bureau."),
    ("dossier-equipe/rapport-final-v3.txt", (2025, 11, 14, 8, 30, 0), "Rapport d'activité 2025 - version 3, nouvelle conclusion."),
    ("dossier-equipe/rapport-final-v3 (copie en conflit).txt", (2025, 11, 14, 8, 31, 0), "Rapport d'activité 2025 - version 3 modifiée hors ligne."),
    ("dossier-equipe/budget-2026.txt", (2025, 11, 20, 14, 0, 0), "Budget prévisionnel 2026 - brouillon."),
    ("dossier-equipe/photos/assemblee-generale.txt", (2025, 10, 12, 18, 0, 0), "Liste des photos de l'assemblée générale."),
]


def _shared_folder(path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, date_time, text in _FOLDER:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (text + "\r\n").encode("utf-8"))
    path.write_bytes(buffer.getvalue())


# --- illustrations drawn with contentbuild.pictures (the alt text is in 2.3.yaml) ------------------

_BUREAU_SLOTS = ["Lun. 10 mars 18 h", "Mar. 11 mars 18 h", "Jeu. 13 mars 12 h", "Ven. 14 mars 18 h"]
_BUREAU_ANSWERS = [
    ("Amandine", ["Oui", "Oui", "Non", "Oui"]),
    ("Bruno", ["Oui", "Si besoin", "Oui", "Oui"]),
    ("Chloé", ["Non", "Oui", "Oui", "Oui"]),
    ("David", ["Oui", "Oui", "Oui", "Non"]),
    ("Emma", ["Oui", "Si besoin", "Oui", "Oui"]),
]
_ANSWER_COLOURS = {"Oui": (198, 239, 206), "Non": (255, 199, 206), "Si besoin": (255, 235, 156)}


def _poll_grid(path: Path) -> None:
    """The answers of a date poll: one line per participant, one column per slot."""
    img, draw = pic.canvas(760, 300)
    pic.text(draw, (20, 14), "Réunion du bureau de l'association : vos disponibilités", 16, bold=True)
    x0, y0, first, col, row = 20, 50, 130, 150, 36
    for j, slot in enumerate(_BUREAU_SLOTS):
        x = x0 + first + j * col
        draw.rectangle([x, y0, x + col, y0 + row], fill=(235, 235, 240), outline=(200, 200, 200))
        pic.text(draw, (x + col / 2, y0 + 11), slot, 13, bold=True, anchor="m")
    for i, (name, answers) in enumerate(_BUREAU_ANSWERS):
        y = y0 + row * (i + 1)
        draw.rectangle([x0, y, x0 + first, y + row], fill="white", outline=(200, 200, 200))
        pic.text(draw, (x0 + 10, y + 10), name, 14)
        for j, answer in enumerate(answers):
            x = x0 + first + j * col
            draw.rectangle([x, y, x + col, y + row], fill=_ANSWER_COLOURS[answer], outline=(200, 200, 200))
            pic.text(draw, (x + col / 2, y + 10), answer, 14, anchor="m")
    pic.save(img, path)


ATTACHMENTS = {
    "c23-compte-rendu-relu.docx": _reviewed_report,
    "c23-sondage-reunion.xlsx": _poll,
    "c23-planning-projet.xlsx": _plan,
    "c23-dossier-equipe.zip": _shared_folder,
    "c23-sondage-bureau.png": _poll_grid,
}
