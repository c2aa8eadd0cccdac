"""Our engine in the benchmark: a thin adapter over chalicelib.engine, the very code that serves learners.

One competence in the bank: a positioning test; several: a whole-framework test. The learner's seed
stands for the assessment's seed the API derives from the assessment id.
"""

from dataclasses import replace

from bench.synthetic import BankView
from chalicelib.engine import framework, selection
from chalicelib.engine.bank import Bank, Item, Skill


class Ours:
    name = "ours"
    rules = selection.POSITIONING  # positioning only; the framework test keeps its own

    def __init__(self, bank: BankView) -> None:
        self.bank = Bank(
            [Skill(s.tube, s.competence, s.level, s.threshold) for s in bank.skills],
            [
                Item(i.challenge_id, i.skill, i.tube, i.competence, i.level, i.difficulty, i.discrimination, i.timed)
                for i in bank.items
            ],
        )
        self.competences = bank.competences

    def start(self, learner_seed: int) -> None:
        self.learner = learner_seed
        self.answers: list[selection.Answer] = []

    def next(self) -> str | None:
        if len(self.competences) == 1:
            return selection.next_challenge(
                self.bank, self.competences[0], self.answers, seed=self.learner, rules=self.rules
            )
        return framework.next_challenge(self.bank, self.answers, seed=self.learner)

    def update(self, challenge_id: str, correct: bool) -> None:
        self.answers.append(selection.Answer(challenge_id, "ok" if correct else "ko"))

    def estimate(self) -> dict[str, tuple[int, int]]:
        if len(self.competences) == 1:
            found = selection.estimate(self.bank, self.competences[0], self.answers)
            return {self.competences[0]: (found.level, found.pix)}
        return {c: (e.level, e.pix) for c, e in framework.estimate(self.bank, self.answers).items()}


class OursWithoutStop(Ours):
    """The same positioning test run to the benchmark's budget: the accuracy curve beyond the stop."""

    name = "ours, no stop"
    rules = replace(selection.POSITIONING, min_length=30, max_length=30)
