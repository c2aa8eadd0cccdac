"""The kinds of test the runner plays (docs/runner.md): the competence evaluation and the campaign
assessment (a target profile's skills across competences).

A certification course (a fixed list of challenges under a time limit) is the same interface;
docs/runner.md says how it plugs in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from chalicelib.content.api import Challenge
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import selection, targeting
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


@dataclass(frozen=True, slots=True)
class CampaignResult:
    """The target profile's skills the learner has been tested on, and those validated among them."""

    validated: frozenset[str]
    tested: frozenset[str]


@dataclass(frozen=True, slots=True)
class CampaignAssessment:
    """A target profile's skills across competences, adaptive (`engine.targeting`): the engine asks about
    the profile's skills still open, all competences mixed, from what the learner knew when the test
    began; each answer updates its competence's knowledge (a campaign's answers count in the profile);
    the test ends when every skill of the profile is known or none is left to ask. K: the learner's
    knowledge of every competence in scope (competence → knowledge; a missing one is empty)."""

    bank: Bank
    skills: frozenset[str]

    @property
    def known_skills(self) -> frozenset[str]:
        """The profile's skills the content has (a skill the release dropped is left out of the rate)."""
        return frozenset(name for name in self.skills if name in self.bank.skills)

    @property
    def competences(self) -> tuple[str, ...]:
        """The competences the profile's skills belong to (those K must hold)."""
        return tuple(sorted({s.competence for name in self.skills if (s := self.bank.skills.get(name))}))

    def in_scope(self, challenge_id: str) -> bool:
        item = self.bank.items.get(challenge_id)
        return item is not None and item.skill in self.skills

    def next_challenge(self, assessment: Assessment, learner: Mapping[str, CompetenceKnowledge]) -> str | None:
        return targeting.next_challenge(
            self.bank, self.skills, _answers(assessment), learner, self.prior(assessment, learner), seed=assessment.id
        )

    def remaining(self, assessment: Assessment, learner: Mapping[str, CompetenceKnowledge]) -> int:
        if assessment.completed:
            return 0
        return targeting.remaining(self.bank, self.skills, _answers(assessment), learner)

    def learn(
        self, learner: Mapping[str, CompetenceKnowledge], challenge: Challenge, result: AnswerStatus, now: datetime
    ) -> dict[str, CompetenceKnowledge]:
        competence = challenge.competence
        known = learner.get(competence) or knowledge_rules.empty(competence)
        updated = knowledge_rules.apply_answer(
            known, challenge.tube, challenge.level, self.bank.tube_levels(challenge.tube), result.value, now
        )
        return {**learner, competence: updated}

    def deadline(self, assessment: Assessment) -> datetime | None:
        return None

    def outcome(self, assessment: Assessment, learner: Mapping[str, CompetenceKnowledge]) -> CampaignResult:
        validated, tested = set(), set()
        for name in self.skills:
            skill = self.bank.skills.get(name)
            known = learner.get(skill.competence) if skill else None
            element = known.element(skill.tube, skill.level) if known and skill else None
            if element is not None:
                tested.add(name)
                if element.validated:
                    validated.add(name)
        return CampaignResult(frozenset(validated), frozenset(tested))

    def prior(
        self, assessment: Assessment, learner: Mapping[str, CompetenceKnowledge]
    ) -> dict[str, CompetenceKnowledge]:
        """What the learner knew when the assessment began (the elements dated before it)."""
        if not assessment.answers:
            return dict(learner)
        return {code: prior_knowledge(known, assessment.started_at) for code, known in learner.items()}


def _answers(assessment: Assessment) -> list[selection.Answer]:
    return [selection.Answer(*a) for a in assessment.answers]
