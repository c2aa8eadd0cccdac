"""What other rooms may use of the content room: the release and its read-only objects, and the views
of a challenge that are safe to show a learner (before answering: no solution) or after."""

from chalicelib.content.model import Challenge, Competence, Release, Status
from chalicelib.content.release import challenge_for_learner, get_release, solution_for_learner

__all__ = [
    "Challenge",
    "Competence",
    "Release",
    "Status",
    "challenge_for_learner",
    "get_release",
    "solution_for_learner",
]
