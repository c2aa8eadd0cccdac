"""What `make content` reports beside the counts: coverage per skill, overlap pairs, tutorials by source.

Per competence: how many validated challenges each skill has (the fewest, and how many skills of levels 1–5
have fewer than TARGET_PER_SKILL, the number that lets the engine vary and certification avoid what a
candidate already saw), the levels present, the overlap pairs (challenges never served in one test), and
the tutorials its skills point to, by kind of source (a how-to of a public service teaches more than an
encyclopaedia article).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from chalicelib.content.model import Status
from contentbuild.source import Sources
from contentbuild.validate import overlap_pairs

# Skills of levels 1–5 should have at least this many validated challenges (a goal, reported, not enforced).
TARGET_PER_SKILL = 3
TARGET_LEVELS = range(1, 6)

# Kinds of tutorial source, by host (a host ends with one of the suffixes), in the order of the report.
SOURCE_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service-public", ("service-public.fr",)),
    ("CNIL", ("cnil.fr",)),
    (
        "ANSSI/cybermalveillance",
        ("ssi.gouv.fr", "cyber.gouv.fr", "cybermalveillance.gouv.fr", "secnumacademie.gouv.fr"),
    ),
    ("éducation", ("education.gouv.fr", "eduscol.education.fr", "clemi.fr", "lumni.fr", "reseau-canope.fr")),
    ("autre site public", ("gouv.fr", "inrs.fr")),
    ("aide LibreOffice", ("libreoffice.org",)),
    ("Mozilla", ("mozilla.org",)),
    ("W3C", ("w3.org",)),
    (
        "doc. logicielle",
        (
            "docs.python.org",
            "audacityteam.org",
            "support.google.com",
            "developers.google.com",
            "scratch.mit.edu",
            "support.microsoft.com",
            "support.apple.com",
            "doc.ubuntu-fr.org",
            "docs.gimp.org",
            "inkscape.org",
            "docs.kdenlive.org",
            "docs.nextcloud.com",
            "support.signal.org",
            "docs.framasoft.org",
        ),
    ),
    ("encyclopédie", ("wikipedia.org",)),
)
OTHER = "autre"
TYPE_NAMES = (*(name for name, _ in SOURCE_TYPES), OTHER)


def source_type(url: str) -> str:
    """The kind of source of a tutorial URL (its host), or "autre"."""
    host = (urlparse(url).hostname or "").lower()
    for name, suffixes in SOURCE_TYPES:
        if any(host == s or host.endswith("." + s) for s in suffixes):
            return name
    return OTHER


@dataclass(frozen=True, slots=True)
class Coverage:
    competence: str
    skills: int
    challenges: int
    min_per_skill: int
    below_target: int  # skills of levels 1–5 with fewer than TARGET_PER_SKILL validated challenges
    levels: tuple[int, ...]
    pairs: int
    tutorials: Counter[str]  # distinct tutorials of the competence's skills, by source type


def coverage(sources: Sources) -> list[Coverage]:
    """One row per competence with content, in code order, then the whole release's ("total")."""
    codes = sorted(sources.competence_files)
    rows = [_coverage(sources, code) for code in codes]
    return [*rows, _coverage(sources, None)]


def _coverage(sources: Sources, code: str | None) -> Coverage:
    skills = [s for _, s in sources.skills if code in (None, s.competence)]
    served = Counter(
        c.skill for _, c in sources.challenges if c.status is Status.VALIDATED and code in (None, c.competence)
    )
    tutorial_by_id = {t.id: t for _, t in sources.tutorials}
    tutorial_ids = {tid for s in skills for tid in s.tutorials}
    pairs = [p for p in overlap_pairs(sources) if code is None or _competence_of(sources, p[0]) == code]
    return Coverage(
        competence=code or "total",
        skills=len(skills),
        challenges=sum(served.values()),
        min_per_skill=min((served[s.name] for s in skills), default=0),
        below_target=sum(1 for s in skills if s.level in TARGET_LEVELS and served[s.name] < TARGET_PER_SKILL),
        levels=tuple(sorted({s.level for s in skills})),
        pairs=len(pairs),
        tutorials=Counter(source_type(tutorial_by_id[t].url) for t in tutorial_ids if t in tutorial_by_id),
    )


def _competence_of(sources: Sources, challenge_id: str) -> str | None:
    return next((c.competence for _, c in sources.challenges if c.id == challenge_id), None)


def _levels_text(levels: Iterable[int]) -> str:
    """1–6 for a run, 1–4, 6 with a gap."""
    runs: list[list[int]] = []
    for level in levels:
        if runs and level == runs[-1][-1] + 1:
            runs[-1].append(level)
        else:
            runs.append([level])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def coverage_table(rows: Iterable[Coverage]) -> str:
    """Skills and challenges per competence as a Markdown table."""
    header = ["comp.", "skills", "chall.", "min/skill", f"L1–5 < {TARGET_PER_SKILL}", "levels", "overlap pairs"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row.competence, row.skills, row.challenges, row.min_per_skill, row.below_target,
                 _levels_text(row.levels), row.pairs]  # fmt: skip
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def tutorial_table(rows: Iterable[Coverage]) -> str:
    """Distinct tutorials per competence by kind of source, as a Markdown table (a tutorial shared by two
    competences counts in each, once in the total)."""
    header = ["comp.", *TYPE_NAMES, "total"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [row.competence, *(row.tutorials[name] for name in TYPE_NAMES), sum(row.tutorials.values())]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def overlap_list(sources: Sources) -> str:
    """Every overlap pair, one per line."""
    return "\n".join(f"- {a} ↔ {b}" for a, b in overlap_pairs(sources)) or "(none)"
