"""Issue reports: what a centre writes about a candidate at finalisation (PRODUCTS.md "Finalisation, incidents,
scoring"). Pure: the categories and subcategories, their French labels, and the checks of one report.

In-challenge reports name the question (its number in the order asked, from 1); scoring resolves some of them
automatically (`scoring.resolve`), the others wait for the jury.
"""

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    CANDIDATE_INFORMATION_CHANGE = "CANDIDATE_INFORMATION_CHANGE"
    IN_CHALLENGE = "IN_CHALLENGE"
    FRAUD = "FRAUD"
    NON_BLOCKING_CANDIDATE_ISSUE = "NON_BLOCKING_CANDIDATE_ISSUE"
    NON_BLOCKING_TECHNICAL_ISSUE = "NON_BLOCKING_TECHNICAL_ISSUE"
    SIGNATURE_ISSUE = "SIGNATURE_ISSUE"


class Subcategory(StrEnum):
    # candidate information change
    NAME_OR_BIRTHDATE = "NAME_OR_BIRTHDATE"
    EXTRA_TIME_PERCENTAGE = "EXTRA_TIME_PERCENTAGE"
    # in-challenge
    IMAGE_NOT_DISPLAYING = "IMAGE_NOT_DISPLAYING"
    EMBED_NOT_WORKING = "EMBED_NOT_WORKING"
    FILE_NOT_OPENING = "FILE_NOT_OPENING"
    WEBSITE_UNAVAILABLE = "WEBSITE_UNAVAILABLE"
    WEBSITE_BLOCKED = "WEBSITE_BLOCKED"
    EXTRA_TIME_EXCEEDED = "EXTRA_TIME_EXCEEDED"
    SOFTWARE_NOT_WORKING = "SOFTWARE_NOT_WORKING"
    UNINTENTIONAL_FOCUS_OUT = "UNINTENTIONAL_FOCUS_OUT"
    SKIP_ON_OOPS = "SKIP_ON_OOPS"
    ACCESSIBILITY_ISSUE = "ACCESSIBILITY_ISSUE"


SUBCATEGORIES: dict[Category, tuple[Subcategory, ...]] = {
    Category.CANDIDATE_INFORMATION_CHANGE: (Subcategory.NAME_OR_BIRTHDATE, Subcategory.EXTRA_TIME_PERCENTAGE),
    Category.IN_CHALLENGE: (
        Subcategory.IMAGE_NOT_DISPLAYING,
        Subcategory.EMBED_NOT_WORKING,
        Subcategory.FILE_NOT_OPENING,
        Subcategory.WEBSITE_UNAVAILABLE,
        Subcategory.WEBSITE_BLOCKED,
        Subcategory.EXTRA_TIME_EXCEEDED,
        Subcategory.SOFTWARE_NOT_WORKING,
        Subcategory.UNINTENTIONAL_FOCUS_OUT,
        Subcategory.SKIP_ON_OOPS,
        Subcategory.ACCESSIBILITY_ISSUE,
    ),
    Category.FRAUD: (),
    Category.NON_BLOCKING_CANDIDATE_ISSUE: (),
    Category.NON_BLOCKING_TECHNICAL_ISSUE: (),
    Category.SIGNATURE_ISSUE: (),
}

CATEGORY_LABELS: dict[Category, str] = {
    Category.CANDIDATE_INFORMATION_CHANGE: "Changement d'informations sur le candidat",
    Category.IN_CHALLENGE: "Problème pendant une question",
    Category.FRAUD: "Soupçon de fraude",
    Category.NON_BLOCKING_CANDIDATE_ISSUE: "Incident lié au candidat, sans blocage du test",
    Category.NON_BLOCKING_TECHNICAL_ISSUE: "Incident technique, sans blocage du test",
    Category.SIGNATURE_ISSUE: "Problème de signature sur la feuille d'émargement",
}

SUBCATEGORY_LABELS: dict[Subcategory, str] = {
    Subcategory.NAME_OR_BIRTHDATE: "Nom, prénom ou date de naissance à corriger",
    Subcategory.EXTRA_TIME_PERCENTAGE: "Temps majoré à ajouter ou corriger",
    Subcategory.IMAGE_NOT_DISPLAYING: "L'image de la question ne s'affichait pas",
    Subcategory.EMBED_NOT_WORKING: "L'application intégrée à la question ne fonctionnait pas",
    Subcategory.FILE_NOT_OPENING: "Le fichier joint ne s'ouvrait pas",
    Subcategory.WEBSITE_UNAVAILABLE: "Le site à consulter était indisponible",
    Subcategory.WEBSITE_BLOCKED: "Le site à consulter était bloqué par le réseau de l'établissement",
    Subcategory.EXTRA_TIME_EXCEEDED: "Le minuteur de la question n'a pas tenu compte du temps majoré",
    Subcategory.SOFTWARE_NOT_WORKING: "Le logiciel nécessaire ne fonctionnait pas sur l'ordinateur",
    Subcategory.UNINTENTIONAL_FOCUS_OUT: "Le candidat a quitté la page malgré lui (question surveillée)",
    Subcategory.SKIP_ON_OOPS: "Une page d'erreur a obligé le candidat à passer la question",
    Subcategory.ACCESSIBILITY_ISSUE: "La question n'était pas accessible au candidat",
}


@dataclass(frozen=True, slots=True)
class IssueReport:
    category: Category
    subcategory: Subcategory | None = None
    question_number: int | None = None  # in-challenge only: the question in the order asked, from 1
    description: str = ""


def report_problems(report: IssueReport) -> list[str]:
    """What is wrong with a report, in French (empty when it is well formed)."""
    problems = []
    allowed = SUBCATEGORIES[report.category]
    if allowed and report.subcategory is None:
        problems.append("Précisez le type de problème.")
    elif report.subcategory is not None and report.subcategory not in allowed:
        problems.append("Ce type de problème n'appartient pas à cette catégorie.")
    if report.category is Category.IN_CHALLENGE:
        if report.question_number is None or report.question_number < 1:
            problems.append("Indiquez le numéro de la question concernée (à partir de 1).")
    elif report.question_number is not None:
        problems.append("Seul un problème pendant une question porte un numéro de question.")
    return problems
