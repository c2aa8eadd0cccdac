"""The kinds of test the runner plays (docs/runner.md). Today: the competence evaluation.

A campaign assessment (a target profile's skills across competences) and a certification course (a fixed
list of challenges under a time limit) are the same interface; docs/runner.md says how each plugs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.content.api import Challenge
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import selection
from chalicelib.engine.bank import Bank
from chalicelib.engine.checking import AnswerStatus
from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.evaluation.assessment import competence_score, prior_knowledge
from chalicelib.evaluation.runner import Assessment


@dataclass(frozen=True, slots=True)
class CompetenceResult:
    level: int
    pix: int
    pix_gained: int  # beyond what the learner had when the assessment began


@dataclass(frozen=True, slots=True)
class CompetenceEvaluation:
    """One competence, adaptive: the engine chooses each challenge from the learner's knowledge of it, and
    the test ends when the engine is sure enough (or at its maximum length). Each answer updates the
    competence's knowledge; the end produces a level and pix."""

    bank: Bank
    competence: str
    max_level: int

    def in_scope(self, challenge_id: str) -> bool:
        item = self.bank.items.get(challenge_id)
        return item is not None and item.competence == self.competence

    def next_challenge(self, assessment: Assessment, learner: CompetenceKnowledge) -> str | None:
        # The seed is the assessment's (the engine mixes in the answer count): a replayed request meets the
        # same choice, and draws made once per assessment stay the same all test long.
        return selection.next_challenge(
            self.bank,
            self.competence,
            [selection.Answer(*a) for a in assessment.answers],
            self._known_before(assessment, learner),
            seed=assessment.id,
        )

    def remaining(self, assessment: Assessment, learner: CompetenceKnowledge) -> int:
        # The engine's expectation from the current doubt, under the same stop rule as `next_challenge`.
        if assessment.completed:
            return 0
        return selection.remaining(
            self.bank,
            self.competence,
            [selection.Answer(*a) for a in assessment.answers],
            self._known_before(assessment, learner),
        )

    def learn(
        self, learner: CompetenceKnowledge, challenge: Challenge, result: AnswerStatus, now: datetime
    ) -> CompetenceKnowledge:
        return knowledge_rules.apply_answer(
            learner, challenge.tube, challenge.level, self.bank.tube_levels(challenge.tube), result.value, now
        )

    def deadline(self, assessment: Assessment) -> datetime | None:
        return None

    def outcome(self, assessment: Assessment, learner: CompetenceKnowledge) -> CompetenceResult:
        pix, level = competence_score(self.bank, learner, self.max_level)
        prior_pix, _ = competence_score(self.bank, self.prior(assessment, learner), self.max_level)
        return CompetenceResult(level=level, pix=pix, pix_gained=max(0, pix - prior_pix))

    def _known_before(self, assessment: Assessment, learner: CompetenceKnowledge) -> CompetenceKnowledge:
        return self.prior(assessment, learner) if assessment.answers else learner

    @staticmethod
    def prior(assessment: Assessment, learner: CompetenceKnowledge) -> CompetenceKnowledge:
        """What the learner knew when the assessment began (not stored twice: the elements dated before)."""
        return prior_knowledge(learner, assessment.started_at)
