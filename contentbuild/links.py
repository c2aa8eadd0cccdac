"""Check every link of the content: tutorial URLs, links written in challenges, and attachment files.

    python -m contentbuild.links                 # check, print one line per problem and a summary
    python -m contentbuild.links --all           # also print the links that answer
    python -m contentbuild.links --timeout 10 --workers 8

Run it where there is a connection (it is not part of `make content`, which must build offline). Without a
network, web links are reported "not checked", which is not a failure: the command exits 1 only when a link
is known broken (an HTTP error, a host that does not exist while the network works) or an attachment file is
missing or differs from the release. Attachments are checked on disk (build/attachments/, written by
`make content`) against the sha256 the release records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from chalicelib.content.release import RELEASE_PATH
from contentbuild.source import Sources, read_sources

CONTENT_DIR = Path("content")
ATTACHMENTS_DIR = Path("build/attachments")
USER_AGENT = "pix-content-link-checker/1.0 (+https://pix.fr)"
# Hosts tried to tell "no network here" from "this host does not exist".
PROBES = ("fr.wikipedia.org", "www.service-public.fr")
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\((https://[^)\s]+)\)")


class Outcome(StrEnum):
    OK = "ok"
    BROKEN = "broken"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True, slots=True)
class Checked:
    target: str  # a URL, or an attachment file name
    outcome: Outcome
    detail: str
    where: tuple[str, ...]  # what uses it: "tutorial of @skill", "challenge c11-…"


# What fetches a URL: returns the HTTP status, or raises urllib's errors (a test passes its own).
Fetch = Callable[[str, float], int]


def web_links(sources: Sources) -> dict[str, list[str]]:
    """Every https URL of the content (tutorials, Markdown links of challenges) with where it is used."""
    links: dict[str, list[str]] = {}
    for _, tutorial in sources.tutorials:
        places = links.setdefault(tutorial.url, [])
        if f"tutorial « {tutorial.title} »" not in places:
            places.append(f"tutorial « {tutorial.title} »")
    for _, challenge in sources.challenges:
        texts = [challenge.instruction, *challenge.choices, challenge.explanation or ""]
        for url in _MARKDOWN_LINK.findall("\n".join(texts)):
            links.setdefault(url, []).append(f"challenge {challenge.id}")
    return dict(sorted(links.items()))


def fetch(url: str, timeout: float) -> int:
    """The HTTP status of a URL: HEAD first, GET when the server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — https only
                return int(response.status)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code
    return 0  # unreachable: GET returns or raises


def network_available(probes: Iterable[str] = PROBES) -> bool:
    """Whether names resolve here at all (a machine without internet resolves none of the probes)."""
    for host in probes:
        try:
            socket.getaddrinfo(host, 443)
            return True
        except OSError:
            continue
    return False


def check_url(url: str, where: list[str], online: bool, timeout: float, fetcher: Fetch) -> Checked:
    if not online:
        return Checked(url, Outcome.NOT_CHECKED, "no network on this machine", tuple(where))
    try:
        status = fetcher(url, timeout)
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, socket.gaierror):
            return Checked(url, Outcome.BROKEN, f"the host does not resolve ({reason})", tuple(where))
        return Checked(url, Outcome.NOT_CHECKED, f"no answer ({reason})", tuple(where))
    except (TimeoutError, OSError) as error:
        return Checked(url, Outcome.NOT_CHECKED, f"no answer ({error!r})", tuple(where))
    if 200 <= status < 400:
        return Checked(url, Outcome.OK, f"HTTP {status}", tuple(where))
    return Checked(url, Outcome.BROKEN, f"HTTP {status}", tuple(where))


def check_attachments(sources: Sources, attachments_dir: Path, hashes: dict[str, str] | None) -> list[Checked]:
    """Every attachment and illustration a challenge names: present on disk, with the release's bytes."""
    used: dict[str, list[str]] = {}
    for _, challenge in sources.challenges:
        names = [*challenge.attachments, *([challenge.illustration.file] if challenge.illustration else [])]
        for name in names:
            used.setdefault(name, []).append(f"challenge {challenge.id}")
    checked = []
    for name, where in sorted(used.items()):
        path = attachments_dir / name
        if not path.is_file():
            outcome, detail = Outcome.BROKEN, f"missing from {attachments_dir} (run make content)"
        elif hashes is not None and hashes.get(name) != hashlib.sha256(path.read_bytes()).hexdigest():
            outcome, detail = Outcome.BROKEN, "differs from the release (run make content)"
        else:
            outcome, detail = Outcome.OK, "present"
        checked.append(Checked(name, outcome, detail, tuple(where)))
    return checked


def check_all(
    sources: Sources,
    attachments_dir: Path,
    hashes: dict[str, str] | None,
    timeout: float = 10.0,
    workers: int = 8,
    fetcher: Fetch = fetch,
    online: bool | None = None,
) -> list[Checked]:
    links = web_links(sources)
    online = network_available() if online is None else online
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda item: check_url(item[0], item[1], online, timeout, fetcher), links.items()))
    return results + check_attachments(sources, attachments_dir, hashes)


def _release_hashes() -> dict[str, str] | None:
    if not RELEASE_PATH.exists():
        return None
    return dict(json.loads(RELEASE_PATH.read_bytes())["attachments"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contentbuild.links", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="the content directory")
    parser.add_argument("--attachments", type=Path, default=ATTACHMENTS_DIR, help="the generated attachments")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    parser.add_argument("--workers", type=int, default=8, help="requests at once")
    parser.add_argument("--all", action="store_true", help="also list what is fine")
    args = parser.parse_args(argv)
    sources, problems = read_sources(args.content)
    if any(not p.warning for p in problems):
        print("The content does not read: run make content first.")
        return 2
    hashes = _release_hashes() if args.content == CONTENT_DIR else None
    results = check_all(sources, args.attachments, hashes, args.timeout, args.workers)
    for result in results:
        if args.all or result.outcome is not Outcome.OK:
            print(f"{result.outcome}: {result.target}: {result.detail} — {', '.join(result.where[:3])}")
    counts = {outcome: sum(1 for r in results if r.outcome is outcome) for outcome in Outcome}
    print(
        f"{len(results)} links and files: {counts[Outcome.OK]} ok, {counts[Outcome.BROKEN]} broken,"
        f" {counts[Outcome.NOT_CHECKED]} not checked"
        + (" (no network: run this where there is a connection)" if counts[Outcome.NOT_CHECKED] else "")
    )
    return 1 if counts[Outcome.BROKEN] else 0


if __name__ == "__main__":
    sys.exit(main())
