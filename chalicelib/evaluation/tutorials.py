"""Tutorials use cases: those recommended from the skills a learner failed, and those they saved."""

from chalicelib import clock, pagination
from chalicelib.content.api import get_release
from chalicelib.errors import NotFound
from chalicelib.evaluation import assessment, presenters
from chalicelib.evaluation import schemas as out
from chalicelib.evaluation.bank import competence_of
from chalicelib.evaluation.domain import SavedTutorial
from chalicelib.evaluation.store import get_store

RECOMMENDED_LIMIT = 30


def recommended_tutorials(user_id: str, competence: str | None = None) -> out.Tutorials:
    """Tutorials of the skills the learner failed (of one competence when given), the most recently failed
    first, without repeats, at most 30."""
    if competence is None:
        known = [p.knowledge for p in get_store().competences(user_id)]
    else:
        competence_of(competence)
        progress = get_store().competence(user_id, competence)
        known = [progress.knowledge] if progress else []
    release = get_release()
    found = dict.fromkeys(t.id for skill in assessment.failed_skills(known) if skill in release.skills
                          for t in release.tutorials_of(skill))
    return presenters.tutorials(list(found)[:RECOMMENDED_LIMIT], saved_ids(user_id))


def saved_tutorials(user_id: str, limit: int, cursor: str | None) -> out.TutorialsPage:
    """A page of the learner's saved tutorials, in id order; `cursor` continues the previous page."""
    scope = f"saved-tutorials:{user_id}"  # a cursor serves this learner's list only
    start = pagination.decode_cursor(cursor, scope=scope)
    page, after = get_store().saved_tutorials_page(user_id, limit, start["after"] if start else None)
    known = [s.tutorial_id for s in page if s.tutorial_id in get_release().tutorials]
    return out.TutorialsPage(
        tutorials=presenters.tutorials(known, set(known)).tutorials,
        next_cursor=pagination.encode_cursor({"after": after} if after else None, scope=scope),
    )


def saved_tutorial(user_id: str, tutorial_id: str) -> out.TutorialOut:
    _tutorial(tutorial_id)
    if get_store().saved_tutorial(user_id, tutorial_id) is None:
        raise NotFound("TUTORIAL_NOT_SAVED", "Vous n'avez pas enregistré ce tutoriel.")
    return presenters.tutorial(tutorial_id, {tutorial_id})


def save_tutorial(user_id: str, tutorial_id: str) -> out.TutorialOut:
    """Put a tutorial aside; saving it again changes nothing."""
    _tutorial(tutorial_id)
    get_store().save_tutorial(user_id, SavedTutorial(tutorial_id, clock.now()))
    return presenters.tutorial(tutorial_id, {tutorial_id})


def unsave_tutorial(user_id: str, tutorial_id: str) -> None:
    _tutorial(tutorial_id)
    if not get_store().unsave_tutorial(user_id, tutorial_id):
        raise NotFound("TUTORIAL_NOT_SAVED", "Vous n'avez pas enregistré ce tutoriel.")


def saved_ids(user_id: str) -> set[str]:
    return {s.tutorial_id for s in get_store().saved_tutorials(user_id)}


def _tutorial(tutorial_id: str) -> None:
    if tutorial_id not in get_release().tutorials:
        raise NotFound("TUTORIAL_NOT_FOUND", "Ce tutoriel n'existe pas.")
