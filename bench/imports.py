"""How long reading, checking and importing a learner list takes, and how much memory it needs.

    python -m bench.imports [--sizes 1000,10000,50000] [--no-moto] [--json FILE]

Generates SIECLE exports (XML in ISO-8859-15, and the same zipped) and SUP CSV files (UTF-8 with BOM) of
each size with invented French names, then for each: the file's size, the parse + validate time (best
of 3, without tracing), the peak of Python allocations while checking (tracemalloc, source bytes
included), and the largest file that fits one Lambda run of 15 minutes at 1,769 MB (one full vCPU) by
linear extrapolation from the largest size, next to the 20 MB upload limit.

Then the import itself on moto in-process (the store's real code, PynamoDB's batch writer): a first import
of each file into an empty list, then the same file again in replace mode (reads the previous list,
writes the next generation, deletes the previous one; by default only for the smallest size, as moto's
deletes slow down with the table's size), with the DynamoDB calls and items written counted from
botocore's events. moto's time is not DynamoDB's (no network, one process): the counts are the cost.

Timings are this machine's (one core of a shared development machine): a Lambda vCPU at 1,769 MB is of
the same order, so the extrapolation is an estimate with a wide margin, not a promise.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import random
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

os.environ.update({
    "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_DEFAULT_REGION": "eu-west-3",
    "AWS_REGION": "eu-west-3", "STAGE": "bench", "TABLE_PREFIX": "pix-bench",
    "JWT_SECRET": "bench-secret-with-enough-length-for-hs256", "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
})
os.environ.pop("AWS_ENDPOINT_URL", None)

from chalicelib.orga import imports  # noqa: E402  (after the environment: settings are read on import)

LAMBDA_SECONDS = 15 * 60
LAMBDA_MB = 1769
RUNTIME_MB = 150  # the Python runtime, boto3 and the app's modules, measured cold in a function of this kind
UPLOAD_LIMIT = 20 * 1024 * 1024
TODAY = date(2026, 12, 2)
UAI = "0751234A"

FIRST = ["Léa", "Chloé", "Emma", "Inès", "Zoë", "Maëlys", "Anaïs", "Clémence", "Jade", "Louise", "Hugo", "Gaël",
         "Théo", "Noé", "Lucas", "Mathéo", "Raphaël", "Yanis", "Moussa", "Linh", "Élise", "Côme", "Aurélie",
         "Jérôme", "François", "Bérénice", "Maïwenn", "Loïc", "Adèle", "Timothée"]
LAST = ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux", "Fournier", "Bonnet",
        "Lambert", "Fontaine", "Rousseau", "Chevalier", "N'Diaye", "Nguyen", "García", "Œuvray", "Benali",
        "Lacroix", "Gauthier", "Perrin", "Marchand", "Dubois-Rochard", "Le Gall", "Müller", "Da Silva",
        "Brunet", "Faure", "Mercier"]
CITIES = [("75056", "075", "PARIS"), ("69123", "069", "LYON"), ("13055", "013", "MARSEILLE"),
          ("35238", "035", "RENNES"), ("2A004", "02A", "AJACCIO"), ("59350", "059", "LILLE")]
DIPLOMAS = ["Licence", "Master", "BUT", "Lisence", "Doctorat", "Diplôme d'ingénieur", ""]
SCHEMES = ["Formation initiale", "Formation continue", "Apprentissage", ""]


def _birth(rng: random.Random, first_year: int, years: int) -> date:
    return date(first_year + rng.randrange(years), rng.randint(1, 12), rng.randint(1, 28))


def siecle_xml(count: int, seed: int = 2026) -> bytes:
    """A SIECLE export of `count` pupils in classes, plus 3 % who left (skipped, as in real exports)."""
    rng = random.Random(seed)
    eleves, structures = [], []
    for n in range(count + count * 3 // 100):
        born = _birth(rng, 2008, 8)
        city_code, department, city = rng.choice(CITIES)
        left = f"\n        <DATE_SORTIE>{rng.randint(1, 28):02d}/10/2026</DATE_SORTIE>" if n >= count else ""
        second = f"\n        <PRENOM2>{rng.choice(FIRST)}</PRENOM2>" if rng.random() < 0.4 else ""
        eleves.append(
            f'      <ELEVE ELEVE_ID="{100000 + n}" ELENOET="{n}">\n'
            f"        <ID_NATIONAL>{n:09d}{chr(65 + n % 26)}{chr(65 + n // 26 % 26)}</ID_NATIONAL>\n"
            f"        <NOM_DE_FAMILLE>{rng.choice(LAST)}</NOM_DE_FAMILLE>\n"
            f"        <PRENOM>{rng.choice(FIRST)}</PRENOM>{second}\n"
            f"        <DATE_NAISS>{born:%d/%m/%Y}</DATE_NAISS>\n"
            f"        <CODE_SEXE>{rng.choice('12')}</CODE_SEXE>\n"
            f"        <CODE_PAYS>100</CODE_PAYS>\n"
            f"        <CODE_DEPARTEMENT_NAISS>{department}</CODE_DEPARTEMENT_NAISS>\n"
            f"        <CODE_COMMUNE_INSEE_NAISS>{city_code}</CODE_COMMUNE_INSEE_NAISS>\n"
            f"        <VILLE_NAISS>{city}</VILLE_NAISS>\n"
            f"        <CODE_MEF>10310019110</CODE_MEF>\n"
            f"        <CODE_STATUT>ST</CODE_STATUT>{left}\n"
            f"      </ELEVE>")
        structures.append(
            f'      <STRUCTURES_ELEVE ELEVE_ID="{100000 + n}">\n'
            f"        <STRUCTURE>\n          <CODE_STRUCTURE>{rng.randint(3, 6)}{'ABCDEF'[n % 6]}</CODE_STRUCTURE>\n"
            f"          <TYPE_STRUCTURE>D</TYPE_STRUCTURE>\n        </STRUCTURE>\n      </STRUCTURES_ELEVE>")
    text = ('<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.1">\n  <PARAMETRES>\n'
            f"    <UAJ>{UAI}</UAJ>\n  </PARAMETRES>\n  <DONNEES>\n    <ELEVES>\n" + "\n".join(eleves)
            + "\n    </ELEVES>\n    <STRUCTURES>\n" + "\n".join(structures)
            + "\n    </STRUCTURES>\n  </DONNEES>\n</BEE_ELEVES>\n")
    return text.encode("iso-8859-15")


def zipped(xml: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ElevesSansAdresses.xml", xml)
    return buffer.getvalue()


def sup_csv(count: int, seed: int = 2026) -> bytes:
    rng = random.Random(seed)
    lines = ["Premier prénom*;Deuxième prénom;Troisième prénom;Nom de famille*;Nom d'usage;"
             "Date de naissance (jj/mm/aaaa)*;Email;Numéro étudiant*;Composante;Équipe pédagogique;Groupe;"
             "Diplôme;Régime"]
    for n in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"etu{n}@univ.exemple.fr" if rng.random() < 0.7 else ""
        lines.append(f"{first};;;{last};;{_birth(rng, 1995, 10):%d/%m/%Y};{email};2026-{n:06d};UFR Sciences;"
                     f"Informatique;Groupe {n % 40};{rng.choice(DIPLOMAS)};{rng.choice(SCHEMES)}")
    return b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8")


@dataclass
class Row:
    format: str
    learners: int
    file_mb: float
    check_s: float
    peak_mb: float
    errors: int
    warnings: int


def measure(name: str, fmt: imports.Format, data: bytes, expected: int) -> Row:
    def run() -> imports.Report:
        return imports.check(fmt, data, uai=UAI if fmt == "siecle" else None, today=TODAY)

    best = float("inf")
    report = run()
    assert len(report.learners) == expected, (name, len(report.learners), report.errors[:3])
    for _ in range(3):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    gc.collect()
    tracemalloc.start()
    copy = bytes(bytearray(data))  # the source is in memory in the function too: count it
    imports.check(fmt, copy, uai=UAI if fmt == "siecle" else None, today=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Row(name, expected, len(data) / 2**20, best, peak / 2**20, len(report.errors), len(report.warnings))


def fits(row: Row) -> dict[str, int]:
    """Learners per file at each limit, by linear extrapolation of this row."""
    per_learner_s = row.check_s / row.learners
    per_learner_mb = row.peak_mb / row.learners
    return {
        "time": int(LAMBDA_SECONDS / per_learner_s),
        "memory": int((LAMBDA_MB - RUNTIME_MB) / per_learner_mb),
        "upload": int(UPLOAD_LIMIT / (row.file_mb * 2**20 / row.learners)),
    }


class Meter:
    """DynamoDB calls, and the put/delete requests inside batch writes, from botocore's events."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.puts = 0
        self.deletes = 0
        self.largest_item = 0

    def before_parameter_build(self, params: dict[str, Any], model: Any, **_: object) -> None:
        self.calls[model.name] += 1
        for requests in params.get("RequestItems", {}).values():
            for request in requests:
                if "PutRequest" in request:
                    self.puts += 1
                    self.largest_item = max(self.largest_item, len(json.dumps(request["PutRequest"]["Item"])))
                elif "DeleteRequest" in request:
                    self.deletes += 1


@dataclass
class ImportRow:
    format: str
    learners: int
    run: str
    seconds: float
    calls: dict[str, int]
    items_put: int
    items_deleted: int
    largest_item_bytes: int


def measure_imports(sizes: list[int], again_up_to: int) -> list[ImportRow]:
    import pynamodb.connection.base as pynamodb_base
    from botocore.session import get_session

    from bench.requests import in_process_moto

    meter = Meter()

    def metered_session() -> Any:
        session = get_session()
        session.register("before-parameter-build.dynamodb", meter.before_parameter_build)
        return session

    pynamodb_base.get_session = metered_session  # PynamoDB builds its sessions with this function
    rows: list[ImportRow] = []
    with in_process_moto():
        from chalicelib.orga import import_job
        from chalicelib.orga.learners import ImportRequest
        from local import resources

        resources.create_all()
        for size in sizes:
            for name, fmt, data, mode in (("SIECLE", "siecle", siecle_xml(size), "replace"),
                                          ("SUP", "sup-csv", sup_csv(size), "replace")):
                report = imports.check(fmt, data, uai=UAI if fmt == "siecle" else None, today=TODAY)
                organization = f"{name}-{size}"
                for run in ("first import", "same file again")[: 2 if size <= again_up_to else 1]:
                    meter.__init__()  # type: ignore[misc]
                    started = time.perf_counter()
                    request = ImportRequest(f"{run[:5]}-{organization}", organization, fmt, mode)  # type: ignore[arg-type]
                    import_job.write_list(request, report.learners)
                    rows.append(ImportRow(name, size, run, time.perf_counter() - started, dict(meter.calls),
                                          meter.puts, meter.deletes, meter.largest_item))
                    print(f"| {name} | {size:,} | {run} | {rows[-1].seconds:.1f} | "
                          f"{', '.join(f'{k} {v}' for k, v in sorted(meter.calls.items()))} | {meter.puts:,} | "
                          f"{meter.deletes:,} | {meter.largest_item} |", flush=True)
    return rows


GENERATORS: dict[str, tuple[imports.Format, Callable[[int], bytes]]] = {
    "SIECLE xml": ("siecle", siecle_xml),
    "SIECLE zip": ("siecle", lambda n: zipped(siecle_xml(n))),
    "SUP csv": ("sup-csv", sup_csv),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--no-moto", action="store_true", help="only parse and validate")
    parser.add_argument("--again-up-to", type=int, default=1000,
                        help="re-import (replace) only files this large at most: moto's deletes grow slow")
    parser.add_argument("--json", help="write the rows here too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows: list[Row] = []
    print("| format | learners | file MB | parse+validate s | µs/learner | peak MB | errors | warnings |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        for name, (fmt, generate) in GENERATORS.items():
            row = measure(name, fmt, generate(size), size)
            rows.append(row)
            print(f"| {row.format} | {row.learners:,} | {row.file_mb:.2f} | {row.check_s:.2f} | "
                  f"{row.check_s / row.learners * 1e6:.0f} | {row.peak_mb:.1f} | {row.errors} | {row.warnings} |",
                  flush=True)
    print()
    print(f"Largest file fitting one Lambda run ({LAMBDA_SECONDS // 60} min, {LAMBDA_MB} MB), extrapolated "
          f"from {max(sizes):,} learners, and the {UPLOAD_LIMIT // 2**20} MB upload limit:")
    print()
    print("| format | by time | by memory | by upload size | binding |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        if row.learners != max(sizes):
            continue
        limits = fits(row)
        binding = min(limits, key=lambda k: limits[k])
        print(f"| {row.format} | {limits['time']:,} | {limits['memory']:,} | {limits['upload']:,} | {binding} |")
    imported: list[ImportRow] = []
    if not args.no_moto:
        print()
        print("Import on moto in-process (items ≤ 1 kB: one write unit each):")
        print()
        print("| format | learners | run | seconds (moto) | DynamoDB calls | items put | items deleted | "
              "largest item (bytes) |")
        print("|---|---:|---|---:|---|---:|---:|---:|")
        imported = measure_imports(sizes, args.again_up_to)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"check": [{**asdict(r), "fits": fits(r)} for r in rows],
                       "import": [asdict(r) for r in imported]}, out, indent=2)


if __name__ == "__main__":
    main()
