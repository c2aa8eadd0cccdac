"""Check a learner list exactly as the import does, without importing (for support staff).

    python -m chalicelib.orga.check_list --format {siecle,sco-csv,sup-csv} FILE [--uai UAI]

Prints one JSON object: {"format", "learners" (how many would be imported), "warnings", "errors"}, each
problem as {"line", "column", "code", "message"}. Exit status: 0 the file would import, 1 it would not
(errors), 2 it cannot be read at all (then "errors" holds why).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from chalicelib.orga import imports

WOULD_IMPORT, REFUSED, UNREADABLE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.orga.check_list", description=__doc__.split("\n")[0])
    parser.add_argument("--format", required=True, choices=imports.FORMATS)
    parser.add_argument("--uai", help="the organisation's UAI, which a SIECLE file must name")
    parser.add_argument("file")
    args = parser.parse_args(argv)
    result: dict[str, object]
    try:
        with open(args.file, "rb") as source:
            report = imports.check(args.format, source, uai=args.uai)
    except OSError as error:
        result = {"format": args.format, "learners": 0, "warnings": [],
                  "errors": [{"line": None, "column": None, "code": "FILE_NOT_FOUND",
                              "message": f"Le fichier ne peut pas être ouvert : {error.strerror}."}]}
        status = UNREADABLE
    except imports.Unreadable as unreadable:
        result = {"format": args.format, "learners": 0, "warnings": [], "errors": [unreadable.problem.as_dict()]}
        status = UNREADABLE
    else:
        result = report.as_dict()
        status = WOULD_IMPORT if report.importable else REFUSED
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
