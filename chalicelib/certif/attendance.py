"""The attendance sheet of a session (feuille d'émargement), as a PDF drawn with fpdf2.

No I/O: a session, its centre and its candidates in, the PDF's bytes out. Columns, as Pix prints them:
birth name, first name, birth date, class (typed at enrolment, or the pupil's in the school's list when the
centre picked them from it), local id, signature. The PDF's core fonts speak Latin-1: French
letters outside it (œ, Œ, ’, …) are written with their nearest Latin-1 spelling.
"""

from __future__ import annotations

import unicodedata

from fpdf import FPDF

from chalicelib.certif.candidates import Candidate
from chalicelib.certif.centres import Centre
from chalicelib.certif.sessions import Session

COLUMNS = (("Nom de naissance", 48), ("Prénom", 40), ("Date de naissance", 28), ("Classe", 18),
           ("Identifiant local", 28), ("Signature", 115))
_SPELLINGS = {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
              "\u202f": " ", "\u00a0": " "}


def _latin1(text: str) -> str:
    out = []
    for char in text:
        char = _SPELLINGS.get(char, char)
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
            out.append(plain or "?")
    return "".join(out)


def file_name(session: Session) -> str:
    return f"feuille-emargement-session-{session.id}.pdf"


def render(centre: Centre, session: Session, candidates: list[Candidate]) -> bytes:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(_latin1(f"Feuille d'émargement - session {session.id}"))
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, _latin1("Feuille d'émargement - certification Pix"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    d = session.details
    facts = (
        ("Centre", centre.name), ("Session n°", session.id),
        ("Date et heure", f"{d.date.strftime('%d/%m/%Y')} à {d.time.strftime('%H:%M')}"),
        ("Site", d.address), ("Salle", d.room), ("Surveillant(s)", d.examiners),
    )
    for label, value in facts:
        pdf.cell(0, 6, _latin1(f"{label} : {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    with pdf.table(col_widths=tuple(width for _, width in COLUMNS), line_height=11,
                   text_align="LEFT", first_row_as_headings=True) as table:
        header = table.row()
        for label, _ in COLUMNS:
            header.cell(_latin1(label))
        for candidate in sorted(candidates, key=lambda c: (c.last_name.upper(), c.first_name.upper())):
            row = table.row()
            for value in (candidate.last_name, candidate.first_name, candidate.birth_date.strftime("%d/%m/%Y"),
                          candidate.division or "", candidate.external_id or "", ""):
                row.cell(_latin1(value))
    pdf.ln(4)
    pdf.set_font("Helvetica", "I", 9)
    pdf.cell(0, 6, _latin1(f"{len(candidates)} candidat(s) inscrit(s)."), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
