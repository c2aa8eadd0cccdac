"""The release loader (what a learner may see of a challenge is in view.py).

`get_release()` reads chalicelib/content/release.json once per process (a Lambda container) into
indexed immutable objects. The file is built and validated by `python -m contentbuild.build`;
its checksum is verified by the tests, not at every cold start.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from chalicelib.content.model import (
    Challenge,
    Competence,
    Domain,
    Field,
    Illustration,
    LevelDescriptor,
    Release,
    Skill,
    Status,
    Tube,
    Tutorial,
    make_release,
)
from chalicelib.engine.checking import ChallengeType, FieldSolution, Solution, Tolerance

RELEASE_PATH = Path(__file__).with_name("release.json")
# The part of the document the checksum covers: the content, not its provenance.
CONTENT_KEYS = (
    "levels",
    "domains",
    "competences",
    "tubes",
    "skills",
    "challenges",
    "tutorials",
    "attachments",
)


def content_checksum(document: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of the content part of a release document."""
    content = {key: document[key] for key in CONTENT_KEYS}
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@cache
def get_release() -> Release:
    """The release packaged with the function, loaded on first use."""
    return load_release(RELEASE_PATH)


def load_release(path: Path) -> Release:
    return release_from_document(json.loads(path.read_bytes()))


def release_from_document(doc: dict[str, Any]) -> Release:
    return make_release(
        version=doc["version"],
        checksum=doc["checksum"],
        levels=(LevelDescriptor(**d) for d in doc["levels"]),
        domains=(Domain(d["code"], d["title"], tuple(d["competences"])) for d in doc["domains"]),
        competences=(Competence(**{**c, "themes": tuple(c["themes"])}) for c in doc["competences"]),
        tubes=(Tube(**{**t, "tutorials": tuple(t["tutorials"])}) for t in doc["tubes"]),
        skills=(Skill(**{**s, "tutorials": tuple(s["tutorials"])}) for s in doc["skills"]),
        challenges=(_challenge(c) for c in doc["challenges"]),
        tutorials=(Tutorial(**t) for t in doc["tutorials"]),
        attachments=doc["attachments"],
    )


def _challenge(c: dict[str, Any]) -> Challenge:
    s = c["solution"]
    illustration = c["illustration"]
    return Challenge(
        id=c["id"],
        skill=c["skill"],
        tube=c["tube"],
        competence=c["competence"],
        level=c["level"],
        type=ChallengeType(c["type"]),
        instruction=c["instruction"],
        choices=tuple(c["choices"]),
        fields=tuple(Field(f["id"], f["label"], f["number"], tuple(f["options"])) for f in c["fields"]),
        solution=Solution(
            type=ChallengeType(s["type"]),
            answer=tuple(s["answer"]),
            choice_count=s["choice_count"],
            fields=tuple(
                FieldSolution(f["id"], tuple(f["accept"]), f["number"], f["dropdown"]) for f in s["fields"]
            ),
            groups=tuple(tuple(g) for g in s["groups"]),
            tolerances=frozenset(Tolerance(t) for t in s["tolerances"]),
        ),
        difficulty=c["difficulty"],
        discrimination=c["discrimination"],
        attachments=tuple(c["attachments"]),
        illustration=Illustration(**illustration) if illustration else None,
        timer=c["timer"],
        focused=c["focused"],
        locale=c["locale"],
        status=Status(c["status"]),
        format=c["format"],
        shuffle=c["shuffle"],
        fixed_last=c["fixed_last"],
        explanation=c["explanation"],
        excludes=tuple(c.get("excludes", ())),
    )
