"""What other rooms may use of the evaluation room.

Minimal version written on the `jobs` branch for the data export; the evaluation branch owns this module.
"""

from typing import Any

from chalicelib.errors import NotFound
from chalicelib.evaluation import service


def personal_data(user_id: str) -> dict[str, Any]:
    """The learner's profile, the last evaluation of each competence with every answer, and their saved
    tutorials (GDPR access)."""
    profile = service.profile(user_id)
    evaluations = []
    for competence in profile.competences:
        if competence.evaluation == "none":
            continue
        try:
            evaluations.append(service.results(user_id, competence.code).model_dump(mode="json"))
        except NotFound:  # reset since: nothing left to show
            continue
    return {
        "profile": profile.model_dump(mode="json"),
        "evaluations": evaluations,
        "saved_tutorials": service.saved_tutorials(user_id).model_dump(mode="json")["tutorials"],
    }
