"""What other rooms may use of the content room: the release and its read-only objects, and the views
of a challenge that are safe to show a learner (before answering: no solution; after), in the order
shown to that learner, with the mapping of their answer back to the content's indexes."""

from chalicelib.content.model import Challenge, Competence, Release, Status
from chalicelib.content.release import get_release
from chalicelib.content.view import (
    answer_for_display,
    answer_for_learner,
    answer_from_display,
    challenge_for_learner,
    solution_for_learner,
    stored_answer,
)

__all__ = [
    "Challenge",
    "Competence",
    "Release",
    "Status",
    "answer_for_display",
    "answer_for_learner",
    "answer_from_display",
    "challenge_for_learner",
    "get_release",
    "solution_for_learner",
    "stored_answer",
]
