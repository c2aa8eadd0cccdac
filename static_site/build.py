"""Build the static site: jinja2 templates × locales → static_site/dist/.

French pages live at the root, English ones under /en/. Every learner-facing string comes from
i18n/<locale>.json, so a missing translation fails the build instead of showing French in English.
"""

import json
import shutil
import sys
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"
LOCALES = {"fr": "", "en": "en/"}

# page template → output folder (same path in every locale)
PAGES = {
    "home.html": "",
    "signup.html": "inscription/",
    "login.html": "connexion/",
    "account.html": "mon-compte/",
    "forgot.html": "mot-de-passe-oublie/",
    "reset.html": "mot-de-passe-oublie/nouveau/",
    "profile.html": "profil/",
    "competence.html": "competence/",
    "evaluation.html": "evaluation/",
    "tutorials.html": "mes-tutos/",
}


def load_catalogs() -> dict[str, dict[str, str]]:
    catalogs = {loc: json.loads((HERE / "i18n" / f"{loc}.json").read_text()) for loc in LOCALES}
    reference = set(catalogs["fr"])
    for loc, catalog in catalogs.items():
        missing = reference - set(catalog)
        if missing:
            sys.exit(f"i18n/{loc}.json lacks: {', '.join(sorted(missing))}")
    return catalogs


def build() -> None:
    catalogs = load_catalogs()
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined
    )
    if DIST.exists():
        shutil.rmtree(DIST)
    assets = DIST / "assets"
    shutil.copytree(HERE / "assets", assets)
    shutil.copy(ROOT / "node_modules/@picocss/pico/css/pico.min.css", assets / "pico.min.css")
    for locale, prefix in LOCALES.items():
        for template, folder in PAGES.items():
            out = DIST / prefix / folder / "index.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            alternates = {loc: f"/{p}{folder}" for loc, p in LOCALES.items()}
            out.write_text(
                env.get_template(template).render(
                    t=catalogs[locale], lang=locale, root=f"/{prefix}", alternates=alternates,
                    page=folder,
                )
            )
    (DIST / "404.html").write_text(
        env.get_template("404.html").render(
            t=catalogs["fr"], lang="fr", root="/", alternates={"fr": "/", "en": "/en/"}, page="404"
        )
    )


if __name__ == "__main__":
    build()
    print(f"site built in {DIST.relative_to(ROOT)}")
