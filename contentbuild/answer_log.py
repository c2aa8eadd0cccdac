"""Export every answer of the competence tests for calibration, as JSON lines with pseudonymised learners.

    python -m contentbuild.answer_log --out answers.jsonl              # a fresh random key: unlinkable
    CALIBRATION_KEY=… python -m contentbuild.answer_log --out a.jsonl  # the same key links two exports
    python -m contentbuild.answer_log --out a.jsonl --segment 0 --segments 4   # one part of a parallel scan

One line per answer: `{"user", "challenge", "skill", "competence", "assessment", "result", "answered_at",
"time_spent_ms"}` (see docs/engine.md, "Calibration"). Learners and assessments are HMAC pseudonyms under
the key; the learner's answer itself is never exported. It reads the evaluation room through its api, with
the application's settings (the DynamoDB tables of the environment it runs in), never on a learner's request.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

from chalicelib.evaluation import api as evaluation

KEY_VARIABLE = "CALIBRATION_KEY"


def export(out: Path, key: bytes, segment: int = 0, segments: int = 1) -> int:
    """Write the answers of part `segment` of `segments` to `out` (replaced atomically); their number."""
    count = 0
    partial = out.with_name(f".{out.name}.partial")
    with partial.open("w", encoding="utf-8") as f:
        for entry in evaluation.answer_log(key, segment, segments):
            f.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    os.replace(partial, out)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contentbuild.answer_log", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the JSON lines file to write")
    parser.add_argument("--segment", type=int, default=0, help="which part of a parallel scan (0-based)")
    parser.add_argument("--segments", type=int, default=1, help="in how many parts the scan is split")
    args = parser.parse_args(argv)
    if not 0 <= args.segment < args.segments:
        parser.error("--segment must be between 0 and --segments - 1")
    secret = os.environ.get(KEY_VARIABLE)
    key = secret.encode() if secret else secrets.token_bytes(32)
    count = export(args.out, key, args.segment, args.segments)
    how = f"the key in {KEY_VARIABLE}" if secret else "a random key (unlinkable to any other export)"
    print(f"{count} answers written to {args.out}, learners pseudonymised with {how}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
