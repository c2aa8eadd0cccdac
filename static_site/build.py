"""Build the static site: jinja2 templates × locales → static_site/dist/.

One site, a section per product: the learner at the root, then Pix Orga, Pix Certif and Pix Admin, each
under its own folder. French pages live at the root, English ones under /en/ (`/orga/`, `/en/orga/`).

Sources follow one rule: the top of each folder is common, a subfolder per section holds what is its own.
- templates/: base.html (the one layout), macros.html, the common pages; templates/<section>/ its pages.
- assets/js/: api.js (the one API client) and the common modules; assets/js/<section>/ its scripts.
- i18n/common/<locale>.json, with every error message (err_<CODE>); i18n/<section>/<locale>.json.

A section is one line of SECTIONS below: its pages (template → folder), its header links, who is offered it.

A page sees the common catalog merged with its section's. The build fails when a catalog lacks a key another
locale has (no French left in an English page), or a section redefines a common key (one meaning per key).
"""

import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"
I18N = HERE / "i18n"
LOCALES = {"fr": "", "en": "en/"}
COMMON = "common"


@dataclass(frozen=True)
class Section:
    """A product of the site. Its name is its folder in templates/, assets/js/ and i18n/."""

    name: str
    prefix: str  # its URL folder below the locale's root ("" for the learner)
    pages: dict[str, str]  # template (path under templates/) → its folder below the section's prefix
    nav: tuple[tuple[str, str], ...] = ()  # its header links for signed-in people: (catalog key, folder)
    audience: str = "member"  # who is offered it in the header's product switcher: member | operator


SECTIONS = (
    Section("learner", "", {
        "learner/home.html": "",
        "learner/signup.html": "inscription/",
        "learner/login.html": "connexion/",
        "learner/account.html": "mon-compte/",
        "learner/email.html": "mon-compte/adresse/",
        "learner/cgu.html": "conditions-utilisation/",
        "learner/forgot.html": "mot-de-passe-oublie/",
        "learner/reset.html": "mot-de-passe-oublie/nouveau/",
        "learner/profile.html": "profil/",
        "learner/competence.html": "competence/",
        "learner/evaluation.html": "evaluation/",
        "learner/tutorials.html": "mes-tutos/",
        "learner/campaigns.html": "campagnes/",
        "learner/campaign_result.html": "campagnes/resultats/",
        "learner/join.html": "rejoindre/",
        "learner/reconcile.html": "rattachement/",
        "learner/certificates.html": "mes-certifications/",
        "learner/verification.html": "verification/",
        "learner/certification.html": "certification/",
        "learner/certification_test.html": "certification/epreuve/",
    }, nav=(("nav_profile", "profil/"), ("nav_tutorials", "mes-tutos/"), ("nav_campaigns", "campagnes/"),
            ("nav_certification", "certification/"), ("nav_certificates", "mes-certifications/"))),
    # The professional products share one first page; their texts and scripts are their own.
    Section("orga", "orga/", {
        "orga/home.html": "",
        "members.html": "membres/",  # common to Orga and Certif: its script is the section's
        "orga/campaigns.html": "campagnes/",
        "orga/campaign_form.html": "campagnes/nouvelle/",
        "orga/campaign.html": "campagnes/campagne/",  # its details and its follow-up tabs (results, export…)
        "orga/learners.html": "eleves/",
        "orga/learner.html": "eleves/fiche/",
    }, nav=(("org_campaigns_title", "campagnes/"), ("org_learners_nav", "eleves/"), ("members_title", "membres/"))),
    Section("certif", "certif/", {
        "product_home.html": "",
        "certif/sessions.html": "sessions/",
        "certif/session_form.html": "sessions/nouvelle/",
        "certif/session.html": "sessions/session/",
        "certif/supervision.html": "surveillance/",
        "certif/finalisation.html": "sessions/finalisation/",
        "certif/results.html": "resultats/",
        "members.html": "membres/",
    }, nav=(("sessions_title", "sessions/"), ("members_title", "membres/"))),
    # Pix Admin: its own layout (the tools each role may use, the search box); other rooms add their pages here.
    Section("admin", "admin/", {
        "admin/home.html": "",
        "admin/users.html": "utilisateurs/",
        "admin/user.html": "utilisateurs/fiche/",
        "admin/team.html": "equipe/",
        "admin/search.html": "recherche/",
        "admin/target_profiles.html": "profils-cibles/",
        "admin/target_profile_new.html": "profils-cibles/nouveau/",
        "admin/target_profile.html": "profils-cibles/profil/",
        "admin/centres.html": "centres/",
        "admin/centre.html": "centres/centre/",
        "admin/organizations.html": "organisations/",
        "admin/organization_new.html": "organisations/nouvelle/",
        "admin/organization.html": "organisations/organisation/",
        "admin/jury_sessions.html": "sessions/",
        "admin/jury_session.html": "sessions/session/",
        "admin/jury_certification.html": "sessions/certification/",
    }, audience="operator"),
)


class CatalogError(Exception):
    """A catalog is missing, unreadable, incomplete in a locale, or redefines a common key."""


def _read(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        raise CatalogError(f"{path.relative_to(path.parents[2])} is missing") from None
    except json.JSONDecodeError as error:
        raise CatalogError(f"{path.relative_to(path.parents[2])}: {error}") from None


def load_catalogs(i18n: Path, sections: tuple[str, ...]) -> dict[str, dict[str, dict[str, str]]]:
    """folder (common or a section) → locale → messages, every rule checked; raise CatalogError."""
    problems = []
    catalogs: dict[str, dict[str, dict[str, str]]] = {}
    for folder in (COMMON, *sections):
        catalogs[folder] = {loc: _read(i18n / folder / f"{loc}.json") for loc in LOCALES}
        every_key = set().union(*catalogs[folder].values())
        for loc, messages in catalogs[folder].items():
            missing = every_key - set(messages)
            if missing:
                problems.append(f"i18n/{folder}/{loc}.json lacks: {', '.join(sorted(missing))}")
    for section in sections:
        for loc in LOCALES:
            twice = set(catalogs[section][loc]) & set(catalogs[COMMON][loc])
            if twice:
                problems.append(f"i18n/{section}/{loc}.json redefines common keys: {', '.join(sorted(twice))}")
            errors = sorted(k for k in catalogs[section][loc] if k.startswith("err_"))
            if errors:  # any page may show any API error: they belong to the common catalog
                problems.append(f"i18n/{section}/{loc}.json holds error messages, their place is common: "
                                f"{', '.join(errors)}")
    if problems:
        raise CatalogError("\n".join(problems))
    return catalogs


def messages_for(catalogs: dict[str, dict[str, dict[str, str]]], section: str, locale: str) -> dict[str, str]:
    """What a page of `section` in `locale` can say: the common catalog and its section's."""
    return {**catalogs[COMMON][locale], **catalogs[section][locale]}


# A literal key a script reads: messages.key or t("key", …). Keys built at run time (err_<CODE>) are not seen.
SCRIPT_KEY = re.compile(r"\bmessages\.(\w+)|\bt\(\s*\"(\w+)\"")


def check_scripts(js: Path, catalogs: dict[str, dict[str, dict[str, str]]], sections: tuple[str, ...]) -> None:
    """Every literal key a script reads is in the catalogs its pages get (the common scripts: the common one);
    templates are checked by rendering them, scripts would show the bare key instead."""
    problems = []
    for folder, scripts in [(COMMON, sorted(js.glob("*.js")))] + [(s, sorted((js / s).glob("*.js"))) for s in sections]:
        known = messages_for(catalogs, folder, "fr") if folder != COMMON else catalogs[COMMON]["fr"]
        for script in scripts:
            used = {a or b for a, b in SCRIPT_KEY.findall(script.read_text())}
            if used - set(known):
                where = f"i18n/{folder}" if folder == COMMON else f"i18n/common or i18n/{folder}"
                problems.append(f"{script.relative_to(js.parent.parent)} reads keys not in {where}: "
                                f"{', '.join(sorted(used - set(known)))}")
    if problems:
        raise CatalogError("\n".join(problems))


def build(dist: Path = DIST) -> None:
    names = tuple(s.name for s in SECTIONS)
    catalogs = load_catalogs(I18N, names)
    check_scripts(HERE / "assets" / "js", catalogs, names)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined
    )
    if dist.exists():
        shutil.rmtree(dist)
    assets = dist / "assets"
    shutil.copytree(HERE / "assets", assets)
    shutil.copy(ROOT / "node_modules/@picocss/pico/css/pico.min.css", assets / "pico.min.css")

    def render(template: str, section: Section, locale: str, folder: str) -> str:
        return env.get_template(template).render(
            t=messages_for(catalogs, section.name, locale), lang=locale, root=f"/{LOCALES[locale]}",
            alternates={loc: f"/{p}{section.prefix}{folder}" for loc, p in LOCALES.items()},
            here=f"/{LOCALES[locale]}{section.prefix}{folder}", section=section, sections=SECTIONS,
        )

    for section in SECTIONS:
        for locale, prefix in LOCALES.items():
            for template, folder in section.pages.items():
                out = dist / prefix / section.prefix / folder / "index.html"
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(render(template, section, locale, folder))
    # The one error page CloudFront serves for every path: French, in the learner's section.
    (dist / "404.html").write_text(render("404.html", SECTIONS[0], "fr", ""))


if __name__ == "__main__":
    try:
        build()
    except CatalogError as error:
        sys.exit(str(error))
    print(f"site built in {DIST.relative_to(ROOT)}")
