"""The session results CSV as French Excel opens it."""

import csv
import io
from datetime import UTC, date, datetime

from chalicelib.certif import results_csv
from chalicelib.certif.results_csv import ResultRow, birthplace_label

COMPETENCES = [f"{d}.{c}" for d, n in ((1, 3), (2, 4), (3, 4), (4, 3), (5, 2)) for c in range(1, n + 1)]
TAKEN = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # 3 March in Paris


def row(**changes):
    base = dict(
        certification_number="1234", first_name="Léa", last_name="Dupont", birth_date=date(2010, 4, 5),
        birthplace="Saint-Étienne", status="validated", session_id="42", centre_name="Collège Jean Moulin",
        taken_at=TAKEN, external_id="INE-1", pix=120, levels={"1.1": 3, "1.2": -1, "5.2": 0},
        jury_comment_for_organization="RAS",
    )
    return ResultRow(**(base | changes))


def parse(data: bytes):
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n")  # records end with CRLF (a quoted cell may hold a line break)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_heading_is_products_columns_with_the_16_competences():
    [heading] = parse(results_csv.document(COMPETENCES, []))
    assert heading == [
        "Numéro de certification", "Prénom", "Nom", "Date de naissance", "Lieu de naissance", "Identifiant Externe",
        "Statut", "Nombre de Pix", "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "5.1", "5.2", "Commentaire jury pour l'organisation", "Session",
        "Centre de certification", "Date de passage de la certification",
    ]


def test_a_validated_certification_shows_pix_and_levels():
    _, line = parse(results_csv.document(COMPETENCES, [row()]))
    cells = dict(zip(results_csv.heading(COMPETENCES), line, strict=True))
    assert cells["Numéro de certification"] == "1234" and cells["Prénom"] == "Léa"
    assert cells["Date de naissance"] == "05/04/2010"
    assert cells["Statut"] == "Validée" and cells["Nombre de Pix"] == "120"
    assert (cells["1.1"], cells["1.2"], cells["5.2"], cells["3.3"]) == ("3", "-", "0", "-")
    assert cells["Date de passage de la certification"] == "03/03/2026"
    assert cells["Commentaire jury pour l'organisation"] == "RAS" and cells["Identifiant Externe"] == "INE-1"


def test_other_statuses_show_no_result():
    for status, label in [("rejected", "Rejetée"), ("cancelled", "Annulée"), ("error", "En erreur"),
                          ("started", "Démarrée")]:
        _, line = parse(results_csv.document(COMPETENCES, [row(status=status)]))
        cells = dict(zip(results_csv.heading(COMPETENCES), line, strict=True))
        assert cells["Statut"] == label
        assert cells["Nombre de Pix"] == "-" and all(cells[c] == "-" for c in COMPETENCES)


def test_people_typed_text_cannot_run_a_formula_and_separators_are_quoted():
    data = results_csv.document(COMPETENCES, [row(
        first_name="=HYPERLINK(\"x\")", last_name="+33", external_id="@id",
        jury_comment_for_organization="-1; a\nb", centre_name="Lycée; \"Les Pins\"",
    )])
    _, line = parse(data)
    cells = dict(zip(results_csv.heading(COMPETENCES), line, strict=True))
    assert cells["Prénom"] == "'=HYPERLINK(\"x\")" and cells["Nom"] == "'+33"
    assert cells["Identifiant Externe"] == "'@id"
    assert cells["Commentaire jury pour l'organisation"] == "'-1; a\nb"
    assert cells["Centre de certification"] == "Lycée; \"Les Pins\""


def test_missing_optional_cells_are_empty():
    _, line = parse(results_csv.document(COMPETENCES, [row(external_id=None, jury_comment_for_organization=None)]))
    cells = dict(zip(results_csv.heading(COMPETENCES), line, strict=True))
    assert cells["Identifiant Externe"] == "" and cells["Commentaire jury pour l'organisation"] == ""


def test_lines_stream_one_row_at_a_time():
    produced = results_csv.lines(COMPETENCES, (row(certification_number=str(n)) for n in range(3)))
    first = next(produced)
    assert first.startswith("\ufeffNuméro de certification;") and first.endswith("\r\n")
    assert [line.split(";")[0] for line in produced] == ["0", "1", "2"]


def test_birthplace_label():
    assert birthplace_label("Saint-Étienne", "FRANCE", "99100") == "Saint-Étienne"
    assert birthplace_label("London", "ROYAUME-UNI", "99132") == "London (ROYAUME-UNI)"
