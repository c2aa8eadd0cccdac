"""The campaign CSV exports: cells, columns and the streamed file, as PRODUCTS.md ("CSV exports") states them."""

from __future__ import annotations

import csv
import io
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from chalicelib.orga import exports
from chalicelib.orga.exports import Area, Header, Row

WINTER = datetime(2026, 1, 15, 8, 5, tzinfo=UTC)  # 09:05 in Paris
SUMMER = datetime(2026, 7, 14, 22, 30, tzinfo=UTC)  # 00:30 the next day in Paris


@pytest.mark.parametrize(("value", "written"), [
    ("Dupont", "Dupont"),
    ("=1+1", "'=1+1"),
    ("+33 6 12", "'+33 6 12"),
    ("-2", "'-2"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("a=b", "a=b"),
    ("", ""),
    (None, "NA"),
])
def test_text_cells_escape_formulas(value: str | None, written: str) -> None:
    assert exports.text(value) == written


@pytest.mark.parametrize(("value", "written"), [
    (0.69, "0,69"), (0.5, "0,5"), (1.0, "1"), (0.0, "0"), (2 / 3, "0,67"), (0.005, "0,01"), (None, "NA"),
])
def test_decimals_use_a_comma(value: float | None, written: str) -> None:
    assert exports.decimal(value) == written


@pytest.mark.parametrize(("value", "written"), [
    (WINTER, "15/01/2026 09:05"), (SUMMER, "15/07/2026 00:30"), (None, "NA"),
])
def test_dates_are_written_in_paris_time(value: datetime | None, written: str) -> None:
    assert exports.date_time(value) == written


@pytest.mark.parametrize(("value", "written"), [(True, "Oui"), (False, "Non"), (None, "NA")])
def test_yes_no(value: bool | None, written: str) -> None:
    assert exports.yes_no(value) == written


@pytest.mark.parametrize(("name", "expected"), [
    ("Rentrée 2026 – 2nde", "Resultats-Rentree_2026_2nde-c42-2026-01-15-0905.csv"),
    ("../../etc/passwd", "Resultats-etc_passwd-c42-2026-01-15-0905.csv"),
    ("¤¤", "Resultats-campagne-c42-2026-01-15-0905.csv"),
])
def test_file_name(name: str, expected: str) -> None:
    assert exports.file_name(name, "c42", WINTER) == expected


COMPETENCES = (Area("1.1", "Mener une recherche", 4), Area("1.2", "Gérer des données", 2),
               Area("2.1", "Interagir", 3))
DOMAINS = (Area("1", "Informations et données", 6), Area("2", "Communication et collaboration", 3))
DOMAIN_OF = {"1.1": "1", "1.2": "1", "2.1": "2"}


def assessment_header(org_type: str = "SCO", external: str | None = "Identifiant ENT") -> Header:
    return Header(type=exports.ASSESSMENT, organization_name="Lycée Voltaire", organization_type=org_type,
                  campaign_id="c42", campaign_code="QWERTY123", campaign_name="Rentrée", target_profile_name=
                  "Culture numérique", external_id_label=external, stage_count=4, badges=("Expert", "=Hack"),
                  competences=COMPETENCES, domains=DOMAINS, domain_of=DOMAIN_OF)


def parse(text: str) -> list[list[str]]:
    assert text.startswith(exports.BOM)
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_assessment_export_columns_and_a_shared_row() -> None:
    shared = Row(last_name="Martin", first_name="Léa", division="2nde A", external_id="=cmd", started_at=WINTER,
                 progress=1.0, shared_at=SUMMER, mastery_rate=5 / 9, stage=2, badges=frozenset({"Expert"}),
                 validated_by_competence={"1.1": 3, "1.2": 1, "2.1": 1})
    table = parse("".join(exports.lines(assessment_header(), [shared])))
    heading, row = table
    assert heading[:14] == [
        "Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne", "Parcours", "Nom du Participant",
        "Prénom du Participant", "Classe", "Identifiant ENT", "% de progression", "Date de début",
        "Partage (O/N)", "Date du partage", "Palier obtenu (/3)"]
    assert heading[14:17] == ["Expert obtenu (O/N)", "'=Hack obtenu (O/N)",
                              "% maîtrise de l'ensemble des acquis du profil"]
    assert len(heading) == 17 + 3 * 3 + 3 * 2 == len(row)
    assert row[:17] == ["Lycée Voltaire", "c42", "QWERTY123", "Rentrée", "Culture numérique", "Martin", "Léa",
                        "2nde A", "'=cmd", "1", "15/01/2026 09:05", "Oui", "15/07/2026 00:30", "2", "Oui", "Non",
                        "0,56"]
    assert row[17:] == ["0,75", "4", "3", "0,5", "2", "1", "0,33", "3", "1",  # competences
                        "0,67", "6", "4", "0,33", "3", "1"]  # domains


def test_a_participation_not_shared_shows_NA_but_the_profile_sizes() -> None:
    started = Row(last_name="Petit", first_name="Noé", started_at=WINTER, progress=0.4)
    row = parse("".join(exports.lines(assessment_header(), [started])))[1]
    assert row[7:17] == ["NA", "NA", "0,4", "15/01/2026 09:05", "Non", "NA", "NA", "NA", "NA", "NA"]
    assert row[17:20] == ["NA", "4", "NA"]


@pytest.mark.parametrize(("org_type", "columns"), [
    ("SCO", ["Classe"]), ("SUP", ["Groupe", "Numéro Étudiant"]), ("PRO", []),
])
def test_the_organisation_type_chooses_the_learner_columns(org_type: str, columns: list[str]) -> None:
    heading = exports.headings(assessment_header(org_type, external=None))
    assert heading[7:7 + len(columns)] == columns
    assert heading[7 + len(columns)] == "% de progression"


def test_no_stage_column_without_stages() -> None:
    header = Header(type=exports.ASSESSMENT, organization_name="O", organization_type="PRO", campaign_id="c",
                    campaign_code="C", campaign_name="N", target_profile_name="P")
    assert exports.headings(header)[-1] == "% maîtrise de l'ensemble des acquis du profil"
    assert not any(h.startswith("Palier") for h in exports.headings(header))


def collection_header() -> Header:
    return Header(type=exports.PROFILES_COLLECTION, organization_name="ACME", organization_type="SUP",
                  campaign_id="c7", campaign_code="ABCDEF234", campaign_name="Profils",
                  external_id_label="Matricule", competences=COMPETENCES)


def test_profiles_collection_export() -> None:
    sent = Row(last_name="Durand", first_name="Ali", group="L1", student_number="123", external_id="M-1",
               started_at=WINTER, progress=1.0, shared_at=WINTER, pix_total=96, certifiable=False,
               levels={"1.1": 2, "1.2": 1, "2.1": 0}, pix_by_competence={"1.1": 60, "1.2": 30, "2.1": 6})
    waiting = Row(last_name="Roux", first_name="Éva", started_at=WINTER, progress=0.0)
    heading, row, other = parse("".join(exports.lines(collection_header(), [sent, waiting])))
    assert heading == [
        "Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne", "Nom du Participant",
        "Prénom du Participant", "Groupe", "Numéro Étudiant", "Matricule", "Envoi (O/N)", "Date de l'envoi",
        "Nombre de pix total", "Certifiable (O/N)", "Nombre de compétences certifiables",
        "Niveau pour la compétence 1.1 Mener une recherche", "Nombre de pix pour la compétence 1.1 Mener une recherche",
        "Niveau pour la compétence 1.2 Gérer des données", "Nombre de pix pour la compétence 1.2 Gérer des données",
        "Niveau pour la compétence 2.1 Interagir", "Nombre de pix pour la compétence 2.1 Interagir"]
    assert row == ["ACME", "c7", "ABCDEF234", "Profils", "Durand", "Ali", "L1", "123", "M-1", "Oui",
                   "15/01/2026 09:05", "96", "Non", "2", "2", "60", "1", "30", "0", "6"]
    assert other[9:] == ["Non", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA", "NA"]


def test_cells_with_separators_quotes_or_line_breaks_are_quoted() -> None:
    tricky = Row(last_name='Le "Grand"; fils', first_name="A\nB", started_at=WINTER, progress=0.0)
    text = "".join(exports.lines(assessment_header("PRO", None), [tricky]))
    assert '"Le ""Grand""; fils"' in text
    assert parse(text)[1][5:7] == ['Le "Grand"; fils', "A\nB"]


def test_the_file_is_streamed_in_bounded_memory() -> None:
    def many(n: int) -> Iterator[Row]:
        for i in range(n):
            yield Row(last_name=f"Nom{i}", first_name="P", started_at=WINTER, progress=1.0, shared_at=WINTER,
                      mastery_rate=0.5, stage=1, validated_by_competence={"1.1": 2})

    stream = exports.lines(assessment_header(), many(20_000))
    first = next(stream)
    assert first.startswith(exports.BOM)
    tracemalloc.start()
    count = sum(1 for _ in stream)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 20_000
    assert peak < 200_000  # a few lines' worth, not the 20,000 rows
