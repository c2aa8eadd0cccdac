"""The link checker: offline it reports "not checked" and succeeds; online it tells broken links from good ones."""

import socket
import urllib.error
from pathlib import Path

import pytest

from contentbuild import links
from contentbuild.build import build
from contentbuild.links import Outcome, check_all, main, web_links
from contentbuild.source import read_sources

FIXTURE = Path(__file__).parents[1] / "fixtures" / "content"


@pytest.fixture
def attachments(tmp_path: Path) -> Path:
    target = tmp_path / "attachments"
    result = build(FIXTURE, release_path=None, attachments_dir=target)
    assert result.errors == []
    return target


def _offline(*_args, **_kwargs):
    raise socket.gaierror(-2, "Name or service not known")


def test_offline_every_web_link_is_not_checked_and_the_command_succeeds(monkeypatch, attachments, capsys):
    monkeypatch.setattr(socket, "getaddrinfo", _offline)  # as on a machine without internet
    code = main(["--content", str(FIXTURE), "--attachments", str(attachments), "--timeout", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "not checked: https://fr.wikipedia.org/wiki/Moteur_de_recherche: no network" in out
    assert "0 broken" in out and "(no network: run this where there is a connection)" in out


def test_the_fixture_links_are_its_tutorials():
    sources, _ = read_sources(FIXTURE)
    found = web_links(sources)
    assert found and all(url.startswith("https://") for url in found)
    assert all(place.startswith("tutorial « ") for places in found.values() for place in places)


def test_online_links_are_classified_by_their_answer(attachments):
    sources, _ = read_sources(FIXTURE)
    urls = sorted(web_links(sources))
    assert len(urls) >= 2
    answers: dict[str, object] = {
        urls[0]: 200,
        urls[1]: 404,
    }

    def fake_fetch(url: str, timeout: float) -> int:
        answer = answers.get(url, urllib.error.URLError(TimeoutError("timed out")))
        if isinstance(answer, Exception):
            raise answer
        return int(answer)  # type: ignore[call-overload]

    results = {r.target: r for r in check_all(sources, attachments, None, fetcher=fake_fetch, online=True)}
    assert results[urls[0]].outcome is Outcome.OK
    assert results[urls[1]].outcome is Outcome.BROKEN and results[urls[1]].detail == "HTTP 404"
    assert all(results[u].outcome is Outcome.NOT_CHECKED for u in urls[2:])
    assert results["c11-logo.png"].outcome is Outcome.OK


def test_a_host_that_does_not_resolve_while_online_is_broken():
    error = urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    def fetcher(url: str, timeout: float) -> int:
        raise error

    checked = links.check_url("https://nexiste-pas.example", ["tutorial « x »"], True, 1.0, fetcher)
    assert checked.outcome is Outcome.BROKEN


def test_a_missing_attachment_is_broken_and_fails_the_command(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(socket, "getaddrinfo", _offline)
    code = main(["--content", str(FIXTURE), "--attachments", str(tmp_path / "empty")])
    out = capsys.readouterr().out
    assert code == 1
    assert "broken: c11-logo.png: missing from" in out
