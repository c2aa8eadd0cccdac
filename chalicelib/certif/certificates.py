"""A Pix certificate and its PDF attestation (PRODUCTS.md "Jury, publication, certificates"). Pure: no storage.

A `Certificate` is what a published, validated certification proves: the person (names, birth date and place),
the certification (number, date, centre), the pix score and the maximum reachable then, the level of each of the
16 competences grouped by the 5 domains (titles as in the release of the day: a certificate is a snapshot), the
jury's comment for the candidate, the verification code, when it was issued; valid 3 years from the test.

`attestation_pdf(certificates, site_url)` draws one A4 page per certificate with fpdf2 (a session's or a class's
attestations are one document of several pages), in French, with a QR code (segno) of the public verification
page `<site>/verification/?code=P-XXXXXXXX` (the code is no personal data). The PDF states its language, title
and author, draws all text as text (readable by a screen reader and by pypdf), the QR code has an alternative
text, and the table of levels has header cells. The standard Helvetica font is used (no font file to ship):
it covers French; a character outside Latin-1 in a name is written with its closest Latin-1 spelling
(`œ` → `oe`, `’` → `'`, `Ł` → `L`).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote

import segno
from fpdf import FPDF
from fpdf.fonts import FontFace

VALIDITY_YEARS = 3
PIX_PER_LEVEL = 8
NOT_CERTIFIED = -1
VALIDATED = "validated"
STATUS_LABELS = {"validated": "Validée", "rejected": "Rejetée", "cancelled": "Annulée"}
VERIFICATION_PATH = "/verification/"


@dataclass(frozen=True, slots=True)
class CompetenceLevel:
    code: str  # "1.1"
    title: str
    level: int  # NOT_CERTIFIED (-1) when not certified

    @property
    def label(self) -> str:
        return f"Niveau {self.level}" if self.level > 0 else ("Niveau 0" if self.level == 0 else "Non certifiée")


@dataclass(frozen=True, slots=True)
class DomainLevels:
    code: str  # "1"
    title: str
    competences: tuple[CompetenceLevel, ...]


@dataclass(frozen=True, slots=True)
class Certificate:
    verification_code: str
    certification_id: str  # the certification's number
    user_id: str
    session_id: str
    centre_id: str
    centre_name: str
    first_name: str
    last_name: str
    birth_date: date
    birthplace: str
    taken_on: date  # the day of the test (Paris)
    status: str  # validated (only validated certifications get a certificate)
    pix: int
    max_reachable_level: int
    domains: tuple[DomainLevels, ...]
    issued_at: datetime
    comment_for_candidate: str | None = None
    class_name: str | None = None  # a pupil's class (division), for the per-class document

    @property
    def max_pix(self) -> int:
        """The highest score reachable on the day: 8 pix per level up to the reachable level, per competence."""
        return PIX_PER_LEVEL * self.max_reachable_level * sum(len(d.competences) for d in self.domains)

    @property
    def valid_until(self) -> date:
        return add_years(self.taken_on, VALIDITY_YEARS)

    def levels(self) -> dict[str, int]:
        return {c.code: c.level for d in self.domains for c in d.competences}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def domains_from(titles: Sequence[tuple[str, str, Sequence[tuple[str, str]]]],
                 levels: Mapping[str, int]) -> tuple[DomainLevels, ...]:
    """The domains as the release gives them — (code, title, [(competence code, title), …]) — with the
    certified levels (a competence missing from `levels` is not certified)."""
    return tuple(
        DomainLevels(code, title, tuple(CompetenceLevel(c, t, int(levels.get(c, NOT_CERTIFIED))) for c, t in comps))
        for code, title, comps in titles
    )


def verification_url(site_url: str, code: str) -> str:
    return f"{site_url.rstrip('/')}{VERIFICATION_PATH}?code={quote(code)}"


def file_name(certificate: Certificate) -> str:
    """`attestation-pix-<date of the test>.pdf`: no name in it (a file name travels in mails and logs)."""
    return f"attestation-pix-{certificate.taken_on.isoformat()}.pdf"


def french_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- the PDF ------------------------------------------------------------------------------------------------

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
    heading = FontFace(emphasis="BOLD", fill_color=HEADER_FILL, color=INK)
    domain_face = FontFace(emphasis="BOLD", color=ACCENT)
    with pdf.table(col_widths=(14, 124, 36), text_align=("LEFT", "LEFT", "RIGHT"), line_height=4.6,
                   headings_style=heading, borders_layout="HORIZONTAL_LINES", padding=(0.8, 1)) as table:
        table.row(("Code", latin1("Compétence"), latin1("Niveau certifié")))
        for domain in c.domains:
            row = table.row(style=domain_face)
            row.cell(latin1(f"{domain.code}. {domain.title}"), colspan=3)
            for competence in domain.competences:
                table.row((competence.code, latin1(competence.title), latin1(competence.label)))
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
