"""Attachments of competence 3.1 (Développer des documents textuels).

- c31-lettre-information.docx: a letter whose body text uses a given font and size (Normal style);
- c31-rapport-stage.docx: a report mixing real heading styles and manually formatted "titles";
- c31-plaquette-accueil.docx: a leaflet with four pictures, one of them without alternative text;
- c31-compte-rendu-reunion.docx: minutes whose document properties name the author and last editor;
- c31-note-relue.docx: a note with reviewers' comments;
- c31-contrat-revise.docx: a contract with tracked changes (insertions and deletions) by two reviewers.

Every file is written deterministically: fixed dates, fixed zip entry dates, no current time.
"""
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from contentbuild import pictures as pic

FIXED = dt.datetime(2025, 2, 3, 10, 15, 0, tzinfo=dt.UTC)
_ZIP_DATE = (2025, 2, 3, 10, 15, 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite an Office (zip) file with fixed entry dates so that it is byte-identical run after run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2025-02-03T10:15:00Z\g<2>", data)
            dst.writestr(info, data)
    return out.getvalue()


def _new_document(author: str, title: str, last_modified_by: str | None = None):
    from docx import Document

    doc = Document()
    cp = doc.core_properties
    cp.author = author
    cp.title = title
    cp.last_modified_by = last_modified_by or author
    cp.created = FIXED.replace(tzinfo=None)
    cp.modified = FIXED.replace(tzinfo=None)
    cp.revision = 3
    cp.comments = ""
    cp.subject = ""
    cp.keywords = ""
    return doc


def _save(doc, path: Path) -> None:
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# ---------------------------------------------------------------------------
def _lettre(path: Path) -> None:
    from docx.shared import Pt

    doc = _new_document("Médiathèque des Tilleuls", "Lettre d'information")
    normal = doc.styles["Normal"]
    normal.font.name = "Georgia"
    normal.font.size = Pt(10.5)
    title = doc.add_paragraph()
    run = title.add_run("Médiathèque des Tilleuls : lettre d'information de mars")
    run.font.name = "Arial"
    run.font.size = Pt(16)
    run.bold = True
    for text in [
        "Madame, Monsieur,",
        "Nous avons le plaisir de vous annoncer l'ouverture d'un atelier d'initiation au numérique "
        "chaque mercredi après-midi, de 14 h à 16 h, dans la salle multimédia.",
        "Les ateliers sont gratuits et ouverts à tous les adhérents, sur inscription à l'accueil. "
        "Les places sont limitées à huit personnes par séance.",
        "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
        "L'équipe de la médiathèque",
    ]:
        doc.add_paragraph(text)
    _save(doc, path)


# ---------------------------------------------------------------------------
def _rapport(path: Path) -> None:
    from docx.shared import Pt, RGBColor

    doc = _new_document("Inès Carpentier", "Rapport de stage")
    doc.add_paragraph("Rapport de stage", style="Title")
    doc.add_paragraph("Stage d'observation de trois semaines à la librairie Le Marque-Page.")

    def fake_title(text: str, size: int, color: RGBColor) -> None:
        p = doc.add_paragraph()
        r = p.add_run(text)
        r.bold = True
        r.font.size = Pt(size)
        r.font.color.rgb = color
        p.paragraph_format.space_before = Pt(24 if size >= 14 else 10)

    body = "Ce paragraphe présente le contenu de la partie, en quelques phrases rédigées."
    doc.add_heading("Introduction", level=1)
    doc.add_paragraph(body)
    doc.add_heading("Présentation de l'entreprise", level=1)
    doc.add_paragraph(body)
    doc.add_heading("Historique", level=2)
    doc.add_paragraph(body)
    doc.add_heading("Organisation", level=2)
    doc.add_paragraph(body)
    fake_title("Missions réalisées", 14, RGBColor(0x36, 0x5F, 0x91))
    doc.add_paragraph(body)
    doc.add_heading("Accueil du public", level=2)
    doc.add_paragraph(body)
    doc.add_heading("Gestion des stocks", level=2)
    doc.add_paragraph(body)
    fake_title("Communication", 13, RGBColor(0x4F, 0x81, 0xBD))
    doc.add_paragraph(body)
    doc.add_heading("Bilan", level=1)
    doc.add_paragraph(body)
    doc.add_heading("Compétences acquises", level=2)
    doc.add_paragraph(body)
    doc.add_heading("Conclusion", level=1)
    doc.add_paragraph(body)
    _save(doc, path)


# ---------------------------------------------------------------------------
def _picture(kind: str) -> io.BytesIO:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (400, 260), (255, 255, 255))
    d = ImageDraw.Draw(img)
    if kind == "logo":
        d.ellipse([140, 50, 260, 170], fill=(40, 120, 90))
        d.rectangle([170, 90, 230, 130], fill=(255, 255, 255))
        d.text((150, 190), "Les Tilleuls", fill=(40, 120, 90))
    elif kind == "photo":
        d.rectangle([0, 180, 400, 260], fill=(120, 170, 90))
        d.rectangle([80, 70, 320, 180], fill=(200, 180, 150))
        d.polygon([(70, 70), (200, 20), (330, 70)], fill=(150, 60, 50))
        for x in (110, 170, 230, 280):
            d.rectangle([x, 100, x + 25, 130], fill=(90, 140, 200))
    elif kind == "plan":
        d.rectangle([0, 0, 400, 260], fill=(235, 235, 225))
        d.line([(0, 130), (400, 130)], fill=(160, 160, 160), width=14)
        d.line([(200, 0), (200, 260)], fill=(160, 160, 160), width=14)
        d.rectangle([230, 60, 290, 110], fill=(40, 120, 90))
        d.text((20, 140), "Rue des Écoles", fill=(60, 60, 60))
    else:  # chart
        for i, h in enumerate([60, 90, 120, 100, 150, 180]):
            d.rectangle([40 + i * 55, 230 - h, 80 + i * 55, 230], fill=(70, 110, 180))
        d.line([(30, 230), (380, 230)], fill=(0, 0, 0), width=2)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    buf.seek(0)
    return buf


def _plaquette(path: Path) -> None:
    from docx.shared import Cm

    doc = _new_document("Médiathèque des Tilleuls", "Plaquette d'accueil")
    doc.add_heading("Bienvenue à la médiathèque des Tilleuls", level=1)
    doc.add_paragraph("Cette plaquette présente nos services et nos horaires.")
    items = [
        ("logo", "Logo de la médiathèque des Tilleuls", "Figure 1 – Notre logo"),
        ("photo", "Façade de la médiathèque : bâtiment de briques à toit rouge, entouré d'une pelouse",
         "Figure 2 – Le bâtiment"),
        ("plan", None, "Figure 3 – Plan d'accès"),
        ("chart", "Graphique en barres : la fréquentation augmente chaque mois, de 600 visiteurs en janvier "
                  "à 1 800 en juin", "Figure 4 – Fréquentation du premier semestre"),
    ]
    for kind, alt, caption in items:
        shape = doc.add_picture(_picture(kind), width=Cm(8))
        docpr = shape._inline.docPr
        docpr.set("name", f"Image {kind}")
        if alt:
            docpr.set("descr", alt)
        elif "descr" in docpr.attrib:
            del docpr.attrib["descr"]
        doc.add_paragraph(caption)
    doc.add_paragraph("Horaires : du mardi au samedi, de 10 h à 18 h.")
    _save(doc, path)


# ---------------------------------------------------------------------------
def _compte_rendu(path: Path) -> None:
    doc = _new_document("Hélène Roussel", "Compte rendu du comité de pilotage", "Thomas Garnier")
    doc.core_properties.subject = "Projet de rénovation de la salle multimédia"
    doc.add_heading("Compte rendu du comité de pilotage", level=1)
    doc.add_paragraph("Rédigé par le secrétariat du service culturel.")
    doc.add_paragraph("Présents : les représentants des services culturel, technique et financier.")
    doc.add_paragraph("1. Le calendrier des travaux est validé : début en septembre, fin en décembre.")
    doc.add_paragraph("2. Le choix du mobilier sera arrêté lors de la prochaine réunion.")
    doc.add_paragraph("Prochaine réunion : le 17 mars à 10 h, en salle du conseil.")
    _save(doc, path)


# ---------------------------------------------------------------------------
def _note(path: Path) -> None:
    doc = _new_document("Léo Fontaine", "Note de projet : atelier numérique")
    doc.add_heading("Note de projet : atelier numérique", level=1)
    paras = {}
    for key, text in [
        ("objectif", "Objectif. Proposer aux habitants un atelier hebdomadaire d'initiation au numérique."),
        ("public", "Public visé. Adultes et seniors de la commune, débutants ou peu à l'aise avec les outils."),
        ("budget", "Budget. L'achat de six ordinateurs portables est estimé à 3 600 euros."),
        ("calendrier", "Calendrier. Premier atelier prévu le premier mercredi d'octobre."),
    ]:
        paras[key] = doc.add_paragraph(text)
    comments = [
        ("public", "Préciser la tranche d'âge des seniors ?", "Julie Morel", "JM"),
        ("budget", "Montant à vérifier avec le service financier : le devis date de l'an dernier.",
         "Marc Lenoir", "ML"),
        ("calendrier", "Attention aux vacances d'automne.", "Julie Morel", "JM"),
        ("objectif", "Ajouter le nombre de participants attendus.", "Marc Lenoir", "ML"),
    ]
    for i, (key, text, author, initials) in enumerate(comments):
        c = doc.add_comment(paras[key].runs, text=text, author=author, initials=initials)
        c._comment_elm.date = FIXED + dt.timedelta(hours=i)
    _save(doc, path)


# ---------------------------------------------------------------------------
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _contrat(path: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = _new_document("Cabinet Arnaud", "Contrat de maintenance")
    doc.add_heading("Contrat de maintenance informatique", level=1)
    rev_id = [100]

    def run(text: str, deleted: bool = False):
        r = OxmlElement("w:r")
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        return r

    def change(kind: str, text: str, author: str, when: dt.datetime):
        el = OxmlElement(f"w:{kind}")
        el.set(qn("w:id"), str(rev_id[0]))
        rev_id[0] += 1
        el.set(qn("w:author"), author)
        el.set(qn("w:date"), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        el.append(run(text, deleted=(kind == "del")))
        return el

    sm = "Sophie Marchand"
    pg = "Paul Girard"
    t1 = dt.datetime(2025, 1, 20, 9, 0, 0)
    t2 = dt.datetime(2025, 1, 22, 14, 30, 0)
    paragraphs = [
        [("Article 1 – Objet. Le prestataire assure la maintenance du parc informatique du client.",)],
        [("Article 2 – Durée. Le présent contrat est conclu pour une durée de ",),
         ("del", "deux", sm, t1), ("ins", "trois", sm, t1), (" ans à compter de sa signature.",)],
        [("Article 3 – Interventions. Le prestataire intervient sur site dans un délai de 48 heures ouvrées.",)],
        [("Article 4 – Paiement. Les factures sont payables sous trente jours",),
         ("ins", " à compter de leur réception", sm, t1), (".",)],
        [("Article 5 – Résiliation. Chaque partie peut résilier le contrat avec un préavis de ",),
         ("del", "un mois", pg, t2), ("ins", "trois mois", pg, t2),
         (", par lettre recommandée avec accusé de réception.",)],
    ]
    for parts in paragraphs:
        p = doc.add_paragraph()
        for part in parts:
            if len(part) == 1:
                p._p.append(run(part[0]))
            else:
                p._p.append(change(*part))
    _save(doc, path)


# --- illustrations drawn with contentbuild.pictures (the alt text is in 3.1.yaml) ------------------


def _navigation_pane(path: Path) -> None:
    """A word processor: the navigation pane lists the headings; one visible heading is missing from it,
    and the style box shows the style of the paragraph holding the cursor."""
    img, draw = pic.window(860, 500, "Rapport d'activité 2025.odt - Traitement de texte")
    # toolbar: style box, font, size
    draw.rectangle([1, 35, 858, 75], fill=(246, 246, 246))
    draw.rectangle([12, 43, 192, 67], fill="white", outline=(170, 170, 170))
    pic.text(draw, (20, 47), "Corps de texte", 14)
    pic.text(draw, (178, 47), "v", 12, (90, 90, 90))
    draw.rectangle([202, 43, 352, 67], fill="white", outline=(170, 170, 170))
    pic.text(draw, (210, 47), "Liberation Sans", 14)
    draw.rectangle([362, 43, 412, 67], fill="white", outline=(170, 170, 170))
    pic.text(draw, (370, 47), "16", 14)
    for i, label in enumerate(("G", "I", "S")):
        draw.rectangle([426 + i * 32, 43, 452 + i * 32, 67], fill=(230, 236, 246) if label == "G" else "white",
                       outline=(170, 170, 170))
        pic.text(draw, (439 + i * 32, 47), label, 14, bold=label == "G", anchor="m")
    # navigation pane
    draw.rectangle([1, 76, 230, 498], fill=(247, 247, 250))
    draw.line([230, 76, 230, 498], fill=(210, 210, 210))
    pic.text(draw, (14, 88), "Navigation", 14, bold=True)
    pic.text(draw, (14, 118), "Titres", 13, (90, 90, 90))
    for i, heading in enumerate(("1. Nos actions", "3. Nos projets pour 2026")):
        pic.text(draw, (28, 144 + i * 28), heading, 14)
    # the page
    draw.rectangle([231, 76, 858, 498], fill=(225, 225, 228))
    draw.rectangle([270, 90, 820, 498], fill="white")
    y = 112
    for kind, content in [
        ("h", "1. Nos actions"),
        ("p", "Cette année, l'association a accueilli 214 personnes lors de ses ateliers"),
        ("p", "d'initiation au numérique, dans trois quartiers de la ville."),
        ("h", "2. Nos partenaires"),
        ("p", "La médiathèque et le centre social nous prêtent leurs salles ; la mairie"),
        ("p", "a renouvelé sa subvention de fonctionnement pour deux ans."),
        ("h", "3. Nos projets pour 2026"),
        ("p", "Nous ouvrirons un atelier consacré aux démarches administratives en ligne."),
    ]:
        if kind == "h":
            y += 10
            width = pic.text(draw, (300, y), content, 19, bold=True)
            if content.startswith("2."):
                draw.line([300 + width + 2, y - 2, 300 + width + 2, y + 22], fill="black", width=2)  # cursor
            y += 36
        else:
            pic.text(draw, (300, y), content, 14)
            y += 22
    pic.save(img, path)


def _crowded_slide(path: Path) -> None:
    """A projected slide: a title, then a long paragraph in small pale characters."""
    img, draw = pic.canvas(800, 450, (60, 60, 64))
    draw.rectangle([40, 25, 760, 430], fill=(255, 255, 255))
    pic.text(draw, (400, 50), "Le tri des déchets au collège", 26, (30, 30, 30), bold=True, anchor="m")
    paragraph = [
        "Depuis la rentrée, le collège a installé dans chaque salle trois bacs de couleur : le jaune pour",
        "les emballages en plastique et en métal ainsi que les briques alimentaires, le bleu pour les",
        "papiers et les cartons, et le vert pour le verre, qui doit être déposé sans bouchon ni couvercle.",
        "Les restes de repas sont collectés à la cantine pour être transformés en compost, utilisé ensuite",
        "dans le potager de l'établissement. Les élèves délégués vérifient chaque vendredi le contenu des",
        "bacs et notent les erreurs de tri les plus fréquentes, qui sont présentées au conseil de vie",
        "collégienne. Au premier trimestre, le poids des déchets non triés a baissé de 18 %, mais des",
        "erreurs persistent : papiers gras dans le bac bleu, gobelets en carton plastifié dans le bac vert,",
        "et piles jetées avec les emballages alors qu'elles doivent être rapportées dans le point de",
        "collecte situé à l'accueil. Un atelier de sensibilisation sera proposé à chaque classe de sixième.",
    ]
    pic.lines(draw, (70, 110), paragraph, 13, (170, 170, 170), spacing=1.45)
    pic.text(draw, (740, 404), "3 / 12", 12, (170, 170, 170), anchor="r")
    pic.save(img, path)


ATTACHMENTS = {
    "c31-lettre-information.docx": _lettre,
    "c31-rapport-stage.docx": _rapport,
    "c31-plaquette-accueil.docx": _plaquette,
    "c31-compte-rendu-reunion.docx": _compte_rendu,
    "c31-note-relue.docx": _note,
    "c31-contrat-revise.docx": _contrat,
    "c31-volet-navigation.png": _navigation_pane,
    "c31-diapositive-chargee.png": _crowded_slide,
}
