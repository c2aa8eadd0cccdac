"""Demo target profiles, built from the release's tubes through the operators' use cases (idempotent: a
profile whose id exists is left as it is).

Six profiles a content team would offer, each with stages and at least one badge. `BENCH_PROFILE` has 30
skills: the campaign benchmark measures how many answers settle its mastery.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.content.api import get_release
from chalicelib.orga import schemas_target_profiles as schemas
from chalicelib.orga import service_target_profiles as service
from chalicelib.orga.store.target_profiles import get_store


@dataclass(frozen=True)
class DemoProfile:
    id: str
    name: str
    category: str
    description: str
    tubes: dict[str, int]  # tube → cap
    stage_kind: str
    stages: list[tuple[int, str, str, str | None]]  # threshold, title, message, for the organisation
    badges: list[dict[str, object]]
    resettable: bool = False
    comment: str | None = None


MASTERY_STAGES = [
    (0, "Premiers pas", "Vous avez commencé : chaque question vous a appris quelque chose. Continuez à pratiquer !",
     "Débutant"),
    (30, "En progression", "Vous maîtrisez déjà une partie des acquis. Les tutoriels proposés vous aideront à "
     "aller plus loin.", "En progression"),
    (60, "Bonne maîtrise", "Vous maîtrisez la plupart des acquis de ce parcours. Bravo !", "Autonome"),
    (85, "Expert", "Vous maîtrisez presque tous les acquis de ce parcours : vous pouvez aider les autres.",
     "Expert"),
]


def _criterion_tubes(tubes: dict[str, int]) -> list[dict[str, object]]:
    return [{"tube_id": t, "level": level} for t, level in tubes.items()]


def _bases_tubes() -> dict[str, int]:
    """Every tube of the 16 competences that starts at level 1 or 2, capped at 2."""
    release = get_release()
    return {t.name: 2 for code in release.competences for t in release.tubes_of(code)
            if min(s.level for s in release.skills_of_tube(t.name)) <= 2}


CYBER = {
    "hameconnageIndice": 5, "authentificationForte": 5, "protectionLogicielle": 3, "chiffrementUsage": 4,
    "identifierDonneePerso": 4, "reglagesConfidentialite": 3, "majMaintenance": 4, "sauvegardeStrategie": 4,
    "courrielEntetes": 4,
}  # 30 skills

BENCH_PROFILE = "tp-cybersecurite-travail"


def demo_profiles() -> list[DemoProfile]:
    return [
        DemoProfile(
            "tp-culture-numerique-bases", "Culture numérique – bases", "PREDEFINED",
            "Les bases de la culture numérique dans les 16 compétences du référentiel, aux niveaux 1 et 2 : "
            "un premier positionnement pour tous les publics.",
            _bases_tubes(), "mastery", MASTERY_STAGES,
            [{"key": "BASES_NUMERIQUES", "title": "Bases du numérique acquises",
              "message": "Vous maîtrisez les bases du numérique dans l'ensemble des compétences.",
              "always_visible": True, "criteria": [{"kind": "campaign", "threshold": 70}]},
             {"key": "BASES_SECURITE", "title": "Réflexes de sécurité",
              "message": "Vous avez les bons réflexes face à l'hameçonnage et pour protéger vos comptes.",
              "criteria": [{"kind": "campaign", "threshold": 40},
                           {"kind": "tubes", "threshold": 75, "name": "Sécurité",
                            "tubes": _criterion_tubes({"hameconnageIndice": 2, "authentificationForte": 2})}]}],
            resettable=True,
        ),
        DemoProfile(
            "tp-donnees-personnelles", "Protection des données personnelles", "SUBJECT",
            "Reconnaître une donnée personnelle, régler la confidentialité de ses comptes, maîtriser ses traces "
            "et exercer ses droits (RGPD).",
            {"identifierDonneePerso": 4, "reglagesConfidentialite": 4, "cookiesTraceurs": 4, "traceMetadonnees": 4,
             "droitsRgpd": 4, "profilIdentiteNumerique": 3, "metadonneeFichier": 3},
            "mastery", MASTERY_STAGES,
            [{"key": "DONNEES_PERSO", "title": "Gardien de ses données",
              "message": "Vous savez protéger vos données personnelles et faire valoir vos droits.",
              "criteria": [{"kind": "campaign", "threshold": 65}]},
             {"key": "DROITS_RGPD", "title": "Mes droits RGPD",
              "message": "Vous connaissez vos droits sur vos données et savez les exercer.",
              "criteria": [{"kind": "tubes", "threshold": 70, "name": "Droits RGPD",
                            "tubes": _criterion_tubes({"droitsRgpd": 4})}]}],
        ),
        DemoProfile(
            "tp-bureautique", "Bureautique", "SUBJECT",
            "Traitement de texte, tableur et diaporama au quotidien : mettre en forme, structurer, calculer, "
            "présenter et partager ses documents.",
            {"miseEnFormeTexte": 4, "stylesTitres": 4, "tableauxImagesDocument": 4, "diaporamaPresentation": 3,
             "tableurFormule": 4, "tableurTriFiltre": 3, "graphiqueChoix": 3, "fichierArborescence": 3,
             "formatExtension": 3, "exportFinalite": 3},
            "mastery", MASTERY_STAGES,
            [{"key": "TABLEUR", "title": "À l'aise avec le tableur",
              "message": "Formules, tris, filtres et graphiques n'ont plus de secret pour vous.",
              "criteria": [{"kind": "tubes", "threshold": 70, "name": "Tableur",
                            "tubes": _criterion_tubes({"tableurFormule": 4, "tableurTriFiltre": 3,
                                                       "graphiqueChoix": 3})}]},
             {"key": "BUREAUTIQUE", "title": "Bureautique maîtrisée",
              "message": "Vous produisez des documents soignés et bien structurés.",
              "criteria": [{"kind": "campaign", "threshold": 75}]}],
        ),
        DemoProfile(
            "tp-recherche-information", "Recherche d'information", "COMPETENCES",
            "Formuler une requête, lire une page de résultats, évaluer la fiabilité d'une source, organiser une "
            "veille et réutiliser ce qu'on trouve en respectant les droits.",
            {"rechercheRequete": 5, "rechercheResultats": 4, "sourceFiabilite": 5, "veilleFlux": 4,
             "reutilisationDroits": 3, "licenceReutilisation": 3},
            "mastery", MASTERY_STAGES,
            [{"key": "ESPRIT_CRITIQUE", "title": "Esprit critique",
              "message": "Vous savez juger de la fiabilité d'une source avant de la citer.",
              "always_visible": True,
              "criteria": [{"kind": "tubes", "threshold": 60, "name": "Fiabilité des sources",
                            "tubes": _criterion_tubes({"sourceFiabilite": 5})}]}],
        ),
        DemoProfile(
            BENCH_PROFILE, "Cybersécurité au travail", "SUBJECT",
            "Les bons réflexes au bureau : déjouer l'hameçonnage, protéger ses comptes et ses données, chiffrer, "
            "sauvegarder et tenir son poste à jour.",
            CYBER, "mastery", MASTERY_STAGES,
            [{"key": "CYBER_REFLEXES", "title": "Cyber-réflexes",
              "message": "Vous repérez les tentatives d'hameçonnage et protégez vos comptes.",
              "criteria": [{"kind": "campaign", "threshold": 50},
                           {"kind": "tubes", "threshold": 80, "name": "Hameçonnage et mots de passe",
                            "tubes": _criterion_tubes({"hameconnageIndice": 3, "authentificationForte": 3})}]}],
            resettable=True,
            comment="30 acquis : le profil du banc d'essai des campagnes (python -m bench.campaigns).",
        ),
        DemoProfile(
            "tp-entree-lycee", "Entrée au lycée", "PREDEFINED",
            "Ce qu'un élève entrant en seconde sait faire avec le numérique : chercher, communiquer, produire, "
            "programmer un peu et se protéger en ligne. Paliers par niveau.",
            {"rechercheRequete": 3, "sourceFiabilite": 3, "fichierArborescence": 3, "formatExtension": 2,
             "tableurFormule": 2, "courrielDestinataires": 3, "messageInstantane": 2, "responsabilitePublication": 3,
             "coEditionEnLigne": 2, "profilIdentiteNumerique": 3, "citoyenneteEnLigne": 2, "miseEnFormeTexte": 3,
             "diaporamaPresentation": 2, "algoConsigne": 3, "variableValeur": 2, "baliseHtml": 2,
             "hameconnageIndice": 2, "authentificationForte": 2, "identifierDonneePerso": 3,
             "reglagesConfidentialite": 2, "cyberharcelementReagir": 3, "usagesEquilibre": 2, "depannageMethode": 2,
             "notionsSysteme": 2},
            "level",
            [(0, "Découverte", "Vous découvrez ces compétences : le lycée sera l'occasion de les développer.",
              "À accompagner"),
             (1, "Niveau 1 atteint", "Vous avez les premiers repères attendus en entrant au lycée.", "Repères"),
             (2, "Niveau 2 atteint", "Vous êtes à l'aise avec l'essentiel des usages attendus en seconde.",
              "À l'aise"),
             (3, "Niveau 3 atteint", "Vous dépassez ce qui est attendu à l'entrée au lycée. Bravo !", "Avancé")],
            [{"key": "PRET_POUR_LE_LYCEE", "title": "Prêt pour le lycée",
              "message": "Vous avez les compétences numériques attendues pour bien commencer la seconde.",
              "criteria": [{"kind": "campaign", "threshold": 60}]},
             {"key": "CITOYEN_NUMERIQUE", "title": "Citoyen numérique",
              "message": "Vous savez vous protéger et réagir face au cyberharcèlement.",
              "criteria": [{"kind": "tubes", "threshold": 70, "name": "Se protéger en ligne",
                            "tubes": _criterion_tubes({"cyberharcelementReagir": 3, "identifierDonneePerso": 3,
                                                       "reglagesConfidentialite": 2})}]}],
        ),
    ]


def seed_target_profiles(actor_id: str) -> list[tuple[str, str]]:
    """Create the demo profiles that do not exist yet (public, with stages and badges); return (id, name)."""
    made = []
    for demo in demo_profiles():
        if get_store().get(demo.id) is None:
            service.create(actor_id, schemas.TargetProfileIn.model_validate({
                "name": demo.name, "category": demo.category, "description": demo.description,
                "comment": demo.comment, "resettable": demo.resettable,
                "tubes": [{"tube_id": t, "level": level} for t, level in demo.tubes.items()],
            }), profile_id=demo.id)
            service.set_stages(actor_id, demo.id, schemas.StagesIn.model_validate({
                "kind": demo.stage_kind,
                "stages": [{"threshold": t, "title": title, "message": message, "prescriber_title": prescriber}
                           for t, title, message, prescriber in demo.stages]}))
            service.set_badges(actor_id, demo.id, schemas.BadgesIn.model_validate({"badges": demo.badges}))
            service.set_public(actor_id, demo.id, True)
        made.append((demo.id, demo.name))
    return made
