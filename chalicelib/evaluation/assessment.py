"""The rules of a competence evaluation that need no storage: an answer's result, checkpoints, scores.

Pure functions over the content, the engine and plain values; the service stores what they return.
"""

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from chalicelib.content.api import Challenge
from chalicelib.engine import scoring
from chalicelib.engine.bank import Bank, skill_name
from chalicelib.engine.checking import AnswerShapeError, AnswerStatus, check_answer
from chalicelib.engine.knowledge import DIRECT, CompetenceKnowledge, KnowledgeElement, from_json, to_json

# Network and rendering time a timed challenge allows beyond its timer before the answer is late.
TIMER_GRACE = timedelta(seconds=5)
CHECKPOINT_EVERY = 5

Answer = tuple[str, str]  # (challenge_id, result)


def answer_result(
    challenge: Challenge, payload: object, *, skipped: bool, served_at: datetime, now: datetime
) -> AnswerStatus:
    """The result of an answer: skipped is `aband`; on a timed challenge, no answer (the page sends none
    when its timer runs out) or a late one is `timedout`; else the answer is checked.

    A malformed payload raises AnswerShapeError even when late: the client has a bug to see.
    """
    if skipped:
        return AnswerStatus.ABAND
    if payload is None:
        if challenge.timer:
            return AnswerStatus.TIMEDOUT
        raise AnswerShapeError("Donnez une réponse, ou passez la question avec « Je passe ».")
    status = check_answer(challenge.solution, payload)
    if challenge.timer and now > served_at + timedelta(seconds=challenge.timer) + TIMER_GRACE:
        return AnswerStatus.TIMEDOUT
    return status


def prior_knowledge(knowledge: CompetenceKnowledge, started_at: datetime) -> CompetenceKnowledge:
    """The knowledge the assessment started from: every element dated before it began.

    Elements of this assessment are dated by its answers, hence never before its start; keeping the
    prior this way spares storing a second copy of the knowledge.
    """
    start = started_at.replace(microsecond=0)
    kept: dict[str, dict[int, KnowledgeElement]] = {}
    for tube, level, element in knowledge.elements():
        if element.at < start:
            kept.setdefault(tube, {})[level] = element
    last = max((e.at for levels in kept.values() for e in levels.values()), default=None)
    return CompetenceKnowledge(knowledge.competence, kept, last)


def checkpoint(answers: Sequence[Answer], completed: bool) -> list[Answer] | None:
    """The answers to review at this point: the last 5 every 5 answers, and the rest at the end."""
    count = len(answers)
    if count and (count % CHECKPOINT_EVERY == 0 or completed):
        return list(answers[(count - 1) // CHECKPOINT_EVERY * CHECKPOINT_EVERY :])
    return None


def competence_score(bank: Bank, knowledge: CompetenceKnowledge, max_level: int) -> tuple[int, int]:
    """(pix, level) of a competence from its validated skills."""
    pix = scoring.competence_pix(
        bank.pix[skill.name] for tube, level in knowledge.validated() if (skill := bank.skill_at(tube, level))
    )
    return pix, scoring.competence_level(pix, max_level)


def assessed_share(bank: Bank, knowledge: CompetenceKnowledge) -> float:
    """Share of the competence's skills the learner has a knowledge element on (0 to 1)."""
    skills = [s for s in bank.skills.values() if s.competence == knowledge.competence]
    if not skills:
        return 0.0
    assessed = sum(1 for s in skills if knowledge.element(s.tube, s.level) is not None)
    return round(assessed / len(skills), 3)


def failed_skills(knowledges: Iterable[CompetenceKnowledge]) -> list[str]:
    """Names of the skills the learner failed on a direct answer, most recently failed first: what
    tutorial recommendations start from."""
    failed = [
        (element.at, skill_name(tube, level))
        for knowledge in knowledges
        for tube, level, element in knowledge.elements()
        if not element.validated and element.source == DIRECT
    ]
    return [skill for _, skill in sorted(failed, key=lambda pair: (-pair[0].timestamp(), pair[1]))]


def dump_knowledge(knowledge: CompetenceKnowledge) -> str:
    return json.dumps(to_json(knowledge), separators=(",", ":"))


def load_knowledge(text: str) -> CompetenceKnowledge:
    return from_json(json.loads(text))
