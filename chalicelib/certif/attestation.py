"""The PDF attestation of certificates (fpdf2), not yet signed (`signing.sign_pdf` does that).

`attestation_pdf(certificates, site_url)` draws one A4 page per certificate (a session's or a class's
attestations are one document of several pages), in French, with a QR code (segno) of the public verification
page, e.g. `<site>/verification/?code=P-7BCH2KQX` (the code is no personal data). The PDF states its
language, title and author, draws all text as text (readable by a screen reader and by pypdf), the QR code
has an alternative text, and the table of levels has header cells. The standard Helvetica font is used (no font
file to ship): it covers French; a character outside Latin-1 in a name is written with its closest Latin-1 spelling
(`œ` → `oe`, `’` → `'`, `Ł` → `L`).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable

import segno
from fpdf import FPDF

from chalicelib.certif.certificates import (
    STATUS_LABELS,
    VERIFICATION_PATH,
    Certificate,
    french_date,
    verification_url,
)

# ------------------------------------------------------------------------------------------------

_REPLACEMENTS = {"œ": "oe", "Œ": "OE", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                 "\u202f": " ", "\u2009": " "}


def latin1(text: str) -> str:
    """`text` in the standard PDF fonts' Latin-1: accents of French kept, anything else spelt closest."""
    out = []
    for char in text:
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        try:
            char.encode("latin-1")
            out.append(char)
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFKD", char)
            kept = "".join(c for c in decomposed if not unicodedata.combining(c))
            try:
                out.append(kept.encode("latin-1").decode("latin-1") or "?")
            except UnicodeEncodeError:
                out.append({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ß": "ss"}.get(char, "?"))
    return "".join(out)


INK = (22, 26, 48)
ACCENT = (61, 68, 173)
MUTED = (88, 92, 110)
HEADER_FILL = (232, 234, 250)


class _Attestation(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, latin1("Document signé électroniquement par Pix : votre lecteur PDF indique s'il a été "
                               "modifié depuis sa signature."), align="C")


def attestation_pdf(certificates: Iterable[Certificate], site_url: str) -> bytes:
    """One A4 page per certificate, in one PDF (not signed: see `signing.sign_pdf`)."""
    pdf = _Attestation(format="A4", unit="mm")
    pdf.set_lang("fr-FR")
    pdf.set_title("Attestation de certification Pix")
    pdf.set_author("Pix")
    pdf.set_subject("Certification des compétences numériques")
    pdf.set_creator("Pix")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    drawn = list(certificates)
    if not drawn:
        raise ValueError("no certificate to draw")
    pdf.set_creation_date(max(c.issued_at for c in drawn))  # the same bytes for the same certificates
    for certificate in drawn:
        _page(pdf, certificate, site_url)
    return bytes(pdf.output())


QR_SIZE = 34.0
TEXT_WIDTH = 130.0  # beside the QR code


def _page(pdf: FPDF, c: Certificate, site_url: str) -> None:
    pdf.add_page()
    pdf.start_section(latin1(f"Attestation de {c.first_name} {c.last_name}"), level=0)
    url = verification_url(site_url, c.verification_code)
    # Top right: the QR code of the verification page and the code under it.
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=6, border=2)
    qr.seek(0)
    qr_x = pdf.w - pdf.r_margin - QR_SIZE
    pdf.image(qr, x=qr_x, y=pdf.t_margin, w=QR_SIZE, h=QR_SIZE,
              alt_text=latin1(f"QR code vers la page de vérification du certificat {c.verification_code}"))
    pdf.set_xy(qr_x - 4, pdf.t_margin + QR_SIZE + 1)
    pdf.set_text_color(*MUTED)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.cell(QR_SIZE + 8, 4.5, latin1("Code de vérification"), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Courier", "B", 13)
    pdf.cell(QR_SIZE + 8, 6, c.verification_code, align="C")

    pdf.set_xy(pdf.l_margin, pdf.t_margin)
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Helvetica", "B", 19)
    pdf.cell(TEXT_WIDTH, 10, "Attestation de certification Pix", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(TEXT_WIDTH, 6, latin1("Certification des compétences numériques"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(TEXT_WIDTH, 7, latin1(f"{c.first_name} {c.last_name}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    lines = [
        f"Né(e) le {french_date(c.birth_date)} à {c.birthplace}",
        f"Certification n° {c.certification_id}, passée le {french_date(c.taken_on)}",
        f"Centre de certification : {c.centre_name}",
        f"Statut : {STATUS_LABELS.get(c.status, c.status)}, valable jusqu'au {french_date(c.valid_until)} (3 ans)",
    ]
    for line in lines:
        pdf.multi_cell(TEXT_WIDTH, 5.2, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), pdf.t_margin + QR_SIZE + 12) + 2)
    pdf.set_font("Helvetica", "B", 12.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 7, latin1(f"Score : {c.pix} pix sur {c.max_pix} atteignables à cette date "
                          f"(niveau {c.max_reachable_level} au plus)"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)

    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "", 9.5)
    # The table of levels, drawn row by row with single-line cells (fpdf2's table lays every cell out twice:
    # 5 times slower, for titles that fit on one line anyway).
    widths = (14.0, 124.0, pdf.epw - 138.0)
    row_height = 5.6
    pdf.set_fill_color(*HEADER_FILL)
    pdf.set_font("Helvetica", "B", 9.5)
    for width, text, align in zip(widths, ("Code", "Compétence", "Niveau certifié"), ("L", "L", "R"), strict=True):
        pdf.cell(width, row_height + 0.6, latin1(text), align=align, fill=True)
    pdf.ln(row_height + 0.6)
    for domain in c.domains:
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, row_height + 0.8, latin1(f"{domain.code}. {domain.title}"), border="B",
                 new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.set_font("Helvetica", "", 9.5)
        for competence in domain.competences:
            pdf.cell(widths[0], row_height, competence.code)
            pdf.cell(widths[1], row_height, latin1(competence.title))
            pdf.cell(widths[2], row_height, latin1(competence.label), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    if c.comment_for_candidate:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5.5, "Commentaire du jury", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(0, 4.8, latin1(c.comment_for_candidate), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("Helvetica", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.6, latin1(
        f"Délivré le {french_date(c.issued_at.date())}. Vérifiez ce certificat sur {url} ou saisissez son code "
        f"sur {site_url.rstrip('/')}{VERIFICATION_PATH}"), new_x="LMARGIN", new_y="NEXT")


