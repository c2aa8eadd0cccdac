"""Build the content release: generate attachments, validate the sources, write release.json.

    python -m contentbuild.build            # build/attachments/ and chalicelib/content/release.json
    python -m contentbuild.build --check    # validate only, write nothing
    python -m contentbuild.build --strict   # also require a complete référentiel (counts)

Exits non-zero when there is an error, after printing all of them (file, id, reason), then a
summary table of the content per competence. The output is deterministic: same sources, same bytes.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from chalicelib.content.model import Status
from chalicelib.content.release import RELEASE_PATH, canonical_json, content_checksum
from chalicelib.engine.checking import ChallengeType
from contentbuild.balance import balance, balance_problems, balance_table
from contentbuild.report import coverage, coverage_table, overlap_list, tutorial_table
from contentbuild.source import Problem, Sources, display_path, read_sources
from contentbuild.validate import check_completeness, validate

CONTENT_DIR = Path("content")
ATTACHMENTS_DIR = Path("build/attachments")
# Libraries such as openpyxl and python-docx stamp files with the current time; the build pins
# their clocks to this instant (2025-01-01 00:00:00 UTC) so the same sources give the same bytes.
PINNED_TIME = 1735689600.0


@dataclass(slots=True)
class BuildResult:
    problems: list[Problem] = field(default_factory=list)
    document: dict[str, Any] | None = None  # None when there are errors
    summary: str = ""
    balance: str = ""  # where right answers are and how long, per competence (balance.py)
    coverage: str = ""  # challenges per skill, levels, overlap pairs per competence (report.py)
    tutorials: str = ""  # tutorials by kind of source, per competence (report.py)
    overlaps: str = ""  # every overlap pair
    completeness_gaps: int = 0  # what --strict would report, counted when not strict

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def build(
    content_dir: Path = CONTENT_DIR,
    release_path: Path | None = RELEASE_PATH,
    attachments_dir: Path | None = ATTACHMENTS_DIR,
    strict: bool = False,
) -> BuildResult:
    """Validate the sources and, when there is no error and paths are given, write the outputs."""
    result = BuildResult()
    sources, result.problems = read_sources(content_dir)
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        produced, problems = generate_attachments(content_dir / "attachments", Path(first))
        result.problems += problems
        result.problems += _determinism_problems(
            content_dir / "attachments", produced, Path(first), Path(second)
        )
        result.problems += validate(sources, produced)
        gaps = check_completeness(sources)
        if strict:
            result.problems += gaps
        else:
            result.completeness_gaps = len(gaps)
        result.summary = summary_table(sources)
        covered = coverage(sources)
        result.coverage = coverage_table(covered)
        result.tutorials = tutorial_table(covered)
        result.overlaps = overlap_list(sources)
        rows = balance(sources)
        result.balance = balance_table(rows)
        result.problems += balance_problems(sources, rows, strict)
        if result.errors:
            return result
        hashes = {name: _sha256(Path(first) / name) for name in sorted(produced)}
        result.document = release_document(sources, hashes, content_dir)
        if attachments_dir is not None:
            _publish_attachments(Path(first), sorted(produced), attachments_dir)
        if release_path is not None:
            _write_atomically(release_path, canonical_json(result.document).encode())
    return result


# --- attachments ------------------------------------------------------------------------------


def generate_attachments(modules_dir: Path, out_dir: Path) -> tuple[dict[str, str], list[Problem]]:
    """Run every content/attachments/c*.py writer into out_dir; returns {file name: module}."""
    produced: dict[str, str] = {}
    problems: list[Problem] = []
    for module_path, writers in _attachment_modules(modules_dir, problems):
        module = display_path(module_path)
        prefix = "c" + module_path.stem[1:].replace("_", "") + "-"  # c1_1.py writes c11-…
        for name, writer in writers.items():
            if not isinstance(name, str) or "/" in name or "\\" in name or not name.startswith(prefix):
                problems.append(
                    Problem(
                        module,
                        str(name),
                        f"an attachment of this module is a file name starting with {prefix}",
                    )
                )
                continue
            if name in produced:
                problems.append(
                    Problem(module, name, f"this file name is already produced by {produced[name]}")
                )
                continue
            if reason := _run_writer(writer, out_dir / name):
                problems.append(Problem(module, name, reason))
                continue
            produced[name] = module
    return produced, problems


def _attachment_modules(modules_dir: Path, problems: list[Problem]) -> Iterator[tuple[Path, dict[Any, Any]]]:
    for path in sorted(modules_dir.glob("c*.py")):
        spec = importlib.util.spec_from_file_location(f"content_attachments_{path.stem}", path)
        assert spec is not None and spec.loader is not None  # a .py file always has a loader
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # noqa: BLE001 — an author's module may fail in any way; report it
            problems.append(Problem(display_path(path), "-", f"the module fails to import: {error!r}"))
            continue
        writers = getattr(module, "ATTACHMENTS", None)
        if not isinstance(writers, dict) or not all(callable(w) for w in writers.values()):
            problems.append(
                Problem(
                    display_path(path),
                    "ATTACHMENTS",
                    "the module must define ATTACHMENTS = {file name: writer}",
                )
            )
            continue
        yield path, writers


def _run_writer(writer: Callable[[Path], None], path: Path) -> str | None:
    """Run one writer; the reason it failed, or None."""
    try:
        with _pinned_clocks():
            writer(path)
    except Exception as error:  # noqa: BLE001 — report the author's error, keep building the rest
        return f"the writer failed: {error!r}"
    if not path.is_file() or path.stat().st_size == 0:
        return "the writer did not write this file (or wrote it empty)"
    return None


def _pinned_now(tz: datetime.tzinfo | None = None) -> datetime.datetime:
    moment = datetime.datetime.fromtimestamp(PINNED_TIME, datetime.UTC)
    return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)


# The clocks that libraries read behind the writer's back, as (module, attribute, stand-in):
# zipfile stamps entries (openpyxl, python-docx and zip writers), openpyxl's save() overwrites the
# workbook's "modified" property, python-docx fills missing core properties.
_CLOCKS = [
    (
        "zipfile",
        "time",
        SimpleNamespace(time=lambda: PINNED_TIME, localtime=lambda _=None: time.gmtime(PINNED_TIME)),
    ),
    (
        "openpyxl.writer.excel",
        "datetime",
        SimpleNamespace(datetime=SimpleNamespace(now=_pinned_now), timezone=datetime.timezone),
    ),
    (
        "docx.opc.parts.coreprops",
        "dt",
        SimpleNamespace(datetime=SimpleNamespace(now=_pinned_now), timezone=datetime.timezone),
    ),
]


@contextmanager
def _pinned_clocks() -> Iterator[None]:
    """Like SOURCE_DATE_EPOCH for the libraries writers use: the same sources give the same bytes."""
    saved = []
    for module_name, attribute, stand_in in _CLOCKS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue  # a library no writer can use
        saved.append((module, attribute, getattr(module, attribute)))
        setattr(module, attribute, stand_in)
    try:
        yield
    finally:
        for module, attribute, original in saved:
            setattr(module, attribute, original)


def _determinism_problems(
    modules_dir: Path, produced: dict[str, str], first: Path, second: Path
) -> list[Problem]:
    """Generate everything a second time: a file whose bytes change would change the release."""
    again, _ = generate_attachments(modules_dir, second)
    return [
        Problem(
            module,
            name,
            "the writer is not deterministic: two runs give different bytes (fix dates, seeds, order)",
        )
        for name, module in sorted(produced.items())
        if name in again and (first / name).read_bytes() != (second / name).read_bytes()
    ]


def _publish_attachments(generated: Path, names: list[str], target: Path) -> None:
    """Copy the generated files into build/attachments/, removing files no module produces anymore."""
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        _write_atomically(target / name, (generated / name).read_bytes())
    for stale in set(p.name for p in target.iterdir()) - set(names):
        if (target / stale).is_file():
            (target / stale).unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    # Several authors may build at once: readers see the old file or the new one, never half of one.
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as tmp:
        tmp.write(data)
    os.chmod(tmp.name, 0o644)  # the Lambda runtime reads the package as another user
    os.replace(tmp.name, path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the release document ---------------------------------------------------------------------


def release_document(sources: Sources, attachments: dict[str, str], content_dir: Path) -> dict[str, Any]:
    """The release as a JSON-ready dict, with its version and checksum."""
    tutorials = {t.id: t for _, t in sources.tutorials}
    document: dict[str, Any] = {
        "levels": [_plain(d) for d in sorted(sources.levels, key=lambda d: d.level)],
        "domains": [_plain(d) for d in sources.domains],
        "competences": [_plain(c) for c in sorted(sources.competences.values(), key=lambda c: c.code)],
        "tubes": [_plain(t) for _, t in sources.tubes],
        "skills": [_plain(s) for _, s in sources.skills],
        "challenges": [_plain(c) for _, c in sources.challenges],
        "tutorials": [_plain(t) for t in tutorials.values()],
        "attachments": attachments,
    }
    checksum = content_checksum(document)
    document["checksum"] = checksum
    document["version"] = f"{sources.version}-{checksum[:8]}"
    document["built_from"] = {
        "files": [
            {"path": path.relative_to(content_dir).as_posix(), "sha256": _sha256(path)}
            for path in [*sources.files, *sorted((content_dir / "attachments").glob("c*.py"))]
            if path.is_file()
        ]
    }
    return document


def _plain(value: Any) -> Any:
    """A content-model object as JSON values: dataclasses as dicts, sets sorted, enums as text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


# --- the summary ------------------------------------------------------------------------------

_TYPE_COLUMNS = [
    (ChallengeType.QCU, "QCU"),
    (ChallengeType.QCM, "QCM"),
    (ChallengeType.QROC, "QROC"),
    (ChallengeType.QROCM_IND, "ind"),
    (ChallengeType.QROCM_DEP, "dep"),
]


def summary_table(sources: Sources) -> str:
    """Counts per competence as a Markdown table (validated challenges only)."""
    header = ["comp.", "tubes", "skills", *(f"L{n}" for n in range(1, 9)), "chall.",
              *(name for _, name in _TYPE_COLUMNS), "attach.", "timed", "focused"]  # fmt: skip
    rows = [_summary_row(sources, code) for code in sorted(sources.competence_files)]
    rows.append(_summary_row(sources, None))
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _summary_row(sources: Sources, code: str | None) -> list[object]:
    """The counts of one competence, or of the whole release when code is None."""
    tubes = sum(1 for _, t in sources.tubes if code in (None, t.competence))
    levels = Counter(s.level for _, s in sources.skills if code in (None, s.competence))
    served = [
        c for _, c in sources.challenges if code in (None, c.competence) and c.status is Status.VALIDATED
    ]
    types = Counter(c.type for c in served)
    return [
        code or "total", tubes, sum(levels.values()), *(levels[n] for n in range(1, 9)), len(served),
        *(types[kind] for kind, _ in _TYPE_COLUMNS),
        sum(1 for c in served if c.attachments),
        sum(1 for c in served if c.timer),
        sum(1 for c in served if c.focused),
    ]  # fmt: skip


# --- command line -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m contentbuild.build", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument(
        "--strict", action="store_true", help="also require the counts of a complete référentiel"
    )
    parser.add_argument(
        "--content", type=Path, default=CONTENT_DIR, help="the content directory (default: content)"
    )
    parser.add_argument("--out", type=Path, default=RELEASE_PATH, help="the release file to write")
    parser.add_argument(
        "--attachments", type=Path, default=ATTACHMENTS_DIR, help="where to write attachments"
    )
    args = parser.parse_args(argv)
    result = build(
        args.content,
        release_path=None if args.check else args.out,
        attachments_dir=None if args.check else args.attachments,
        strict=args.strict,
    )
    for problem in sorted(result.problems, key=lambda p: p.warning):
        print(problem)
    print()
    print(result.summary)
    print()
    print("Right answers: where they are written and how long they are (validated QCU and QCM)")
    print()
    print(result.balance)
    print()
    print("Coverage: validated challenges per skill, levels present, overlap pairs")
    print()
    print(result.coverage)
    print()
    print("Tutorials by kind of source (distinct tutorials of each competence's skills)")
    print()
    print(result.tutorials)
    print()
    print("Overlap pairs (never served in one test)")
    print()
    print(result.overlaps)
    print()
    if result.completeness_gaps:
        print(f"{result.completeness_gaps} completeness gap(s) remain: run with --strict to list them.")
    warnings = len(result.problems) - len(result.errors)
    if result.errors:
        print(f"FAILED: {len(result.errors)} error(s), {warnings} warning(s). Nothing written.")
        return 1
    assert result.document is not None  # no error means a document
    written = "checked (nothing written)" if args.check else f"written to {display_path(args.out)}"
    print(f"OK: release {result.document['version']}, {warnings} warning(s), {written}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
