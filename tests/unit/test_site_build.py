"""The static site's build: catalogs merged per section and checked per locale, every page of every section
built in every locale, and every link of the site's own pages leading to a page it built."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("site_build", ROOT / "static_site" / "build.py")
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

SECTION_NAMES = tuple(s.name for s in build.SECTIONS)


def write_catalogs(i18n: Path, catalogs: dict[str, dict[str, dict[str, str]]]) -> None:
    for folder, locales in catalogs.items():
        (i18n / folder).mkdir(parents=True)
        for locale, messages in locales.items():
            (i18n / folder / f"{locale}.json").write_text(json.dumps(messages))


def good_catalogs() -> dict[str, dict[str, dict[str, str]]]:
    return {
        "common": {"fr": {"skip": "Aller au contenu", "err_X": "Erreur"}, "en": {"skip": "Skip", "err_X": "Error"}},
        "orga": {"fr": {"home_title": "Pix Orga"}, "en": {"home_title": "Pix Orga"}},
    }


def test_the_catalogs_of_every_section_load():
    catalogs = build.load_catalogs(build.I18N, SECTION_NAMES)
    assert set(catalogs) == {"common", "learner", "orga", "certif", "admin"}
    for folder in catalogs.values():
        assert set(folder) == set(build.LOCALES)


def test_a_page_sees_the_common_catalog_and_its_sections_only(tmp_path):
    write_catalogs(tmp_path, good_catalogs())
    catalogs = build.load_catalogs(tmp_path, ("orga",))
    assert build.messages_for(catalogs, "orga", "en") == {"skip": "Skip", "err_X": "Error", "home_title": "Pix Orga"}
    real = build.load_catalogs(build.I18N, SECTION_NAMES)
    assert "profile_title" in build.messages_for(real, "learner", "fr")
    assert "profile_title" not in build.messages_for(real, "orga", "fr")


@pytest.mark.parametrize("folder, locale", [("common", "en"), ("orga", "en"), ("orga", "fr")])
def test_a_key_missing_in_one_locale_fails(tmp_path, folder, locale):
    catalogs = good_catalogs()
    catalogs["orga"]["fr"]["home_lead"] = catalogs["orga"]["en"]["home_lead"] = "…"
    key = next(iter(catalogs[folder][locale]))
    del catalogs[folder][locale][key]
    write_catalogs(tmp_path, catalogs)
    with pytest.raises(build.CatalogError, match=rf"i18n/{folder}/{locale}\.json lacks: {key}"):
        build.load_catalogs(tmp_path, ("orga",))


def test_a_section_may_not_redefine_a_common_key(tmp_path):
    catalogs = good_catalogs()
    for locale in ("fr", "en"):
        catalogs["orga"][locale]["skip"] = "…"
    write_catalogs(tmp_path, catalogs)
    with pytest.raises(build.CatalogError, match="orga/fr.json redefines common keys: skip"):
        build.load_catalogs(tmp_path, ("orga",))


def test_error_messages_belong_to_the_common_catalog(tmp_path):
    catalogs = good_catalogs()
    for locale in ("fr", "en"):
        catalogs["orga"][locale]["err_ONLY_ORGA"] = "…"
    write_catalogs(tmp_path, catalogs)
    with pytest.raises(build.CatalogError, match="orga/fr.json holds error messages.*: err_ONLY_ORGA"):
        build.load_catalogs(tmp_path, ("orga",))


def test_a_section_without_its_catalog_fails(tmp_path):
    write_catalogs(tmp_path, good_catalogs())
    with pytest.raises(build.CatalogError, match="certif/fr.json is missing"):
        build.load_catalogs(tmp_path, ("orga", "certif"))


def test_a_script_reading_a_key_its_pages_lack_fails(tmp_path):
    write_catalogs(tmp_path / "i18n", good_catalogs())
    catalogs = build.load_catalogs(tmp_path / "i18n", ("orga",))
    js = tmp_path / "assets" / "js"
    (js / "orga").mkdir(parents=True)
    (js / "common.js").write_text('box.textContent = messages.skip;')
    (js / "orga" / "home.js").write_text('h("h1", null, t("home_title")); h("p", null, messages.skip);')
    build.check_scripts(js, catalogs, ("orga",))  # common keys and the section's own: fine
    (js / "common.js").write_text('box.textContent = messages.home_title;')  # a section's key in a common script
    with pytest.raises(build.CatalogError, match=r"js/common\.js reads keys not in i18n/common: home_title"):
        build.check_scripts(js, catalogs, ("orga",))
    (js / "common.js").write_text("")
    (js / "orga" / "home.js").write_text('t("home_lead", { n: 1 });')
    with pytest.raises(build.CatalogError, match=r"orga/home\.js reads keys not in .*i18n/orga: home_lead"):
        build.check_scripts(js, catalogs, ("orga",))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("site") / "dist"
    build.build(dist)
    return dist


def test_every_section_has_its_home_in_every_locale(site):
    for section in build.SECTIONS:
        for prefix in build.LOCALES.values():
            page = (site / prefix / section.prefix / "index.html").read_text()
            assert f'src="/assets/js/{section.name}/' in page or section.name == "learner"
            assert 'id="messages"' in page


def test_the_learner_pages_keep_their_addresses(site):
    for folder in ("", "inscription/", "connexion/", "mon-compte/", "mot-de-passe-oublie/",
                   "mot-de-passe-oublie/nouveau/", "profil/", "competence/", "evaluation/", "mes-tutos/"):
        for prefix in ("", "en/"):
            assert (site / prefix / folder / "index.html").is_file(), f"/{prefix}{folder}"


def test_every_link_and_script_of_the_site_leads_somewhere(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 * sum(len(s.pages) for s in build.SECTIONS) + 1
    for page in pages:
        for target in re.findall(r'(?:href|src)="(/[^"?#]*)', page.read_text()):
            path = site / target.lstrip("/")
            assert (path / "index.html" if target.endswith("/") else path).is_file(), f"{page}: {target}"


def test_the_header_names_the_product_and_offers_the_others(site):
    page = (site / "en" / "certif" / "index.html").read_text()
    assert '<a href="/en/certif/" class="brand">Pix Certif</a>' in page
    assert '<a href="/en/certif/" aria-current="true">Pix Certif</a>' in page
    assert '<li data-when="operator" hidden><a href="/en/admin/">Pix Admin</a></li>' in page
    assert '<a href="/en/">Pix</a>' in page and '<a href="/en/orga/">Pix Orga</a>' in page
