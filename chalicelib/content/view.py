"""What a learner may see of a challenge, in the order it is shown to them, and how their answer maps back.

The proposals of a QCU/QCM and the options of a drop-down are shown in an order drawn per learner and per
assessment. `seed` is the assessment id (one per learner and assessment); the order is drawn from a keyed
hash of it and of the challenge id (and of the field, for a drop-down), so that:
- the same assessment shows the same order again (a reload, a resume) and the answer maps back to it;
- nothing the browser receives tells the authored order, in which right answers used to come first: the
  view holds texts only (no index, no stable id), and the key is a server secret, so knowing the
  assessment id and this source is not enough to undo the shuffle.
A challenge may keep its order (`shuffle: false`, an ordered scale) or its last proposals in place
(`fixed_last`, "Aucune de ces réponses"). See docs/content-format.md, "The order shown to the learner".

Positions are 1-based everywhere, like the content's `answer` indexes: `order[k - 1]` is the content index
of the proposal shown at position k.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

from chalicelib.content.model import Challenge, Field
from chalicelib.engine.checking import CHOICE_TYPES, ChallengeType, right_answer
from chalicelib.settings import derived_key

# The orders are keyed by a key derived from the signing secret (settings.derived_key). Changing the secret
# changes every order: a page shown before the change and answered after it would map to another proposal
# (documented, rare).
_ORDER_LABEL = "content-display-order"


def _draws(seed: str, challenge_id: str, what: str) -> Iterator[int]:
    """An endless stream of 64-bit numbers, a function of the key, the seed, the challenge and what is shuffled."""
    key = derived_key(_ORDER_LABEL)
    message = "\x1f".join((str(seed), challenge_id, what)).encode()
    block = 0
    while True:
        digest = hmac.new(key, message + block.to_bytes(4, "big"), hashlib.sha256).digest()
        for offset in range(0, len(digest), 8):
            yield int.from_bytes(digest[offset : offset + 8], "big")
        block += 1


def shuffled_order(count: int, fixed_last: int, draws: Iterator[int]) -> tuple[int, ...]:
    """1..count in an order drawn by Fisher–Yates, the last `fixed_last` left in place."""
    order = list(range(1, count + 1))
    for i in range(count - fixed_last - 1, 0, -1):
        j = next(draws) % (i + 1)  # 64-bit draws: the modulo bias is below 2**-59
        order[i], order[j] = order[j], order[i]
    return tuple(order)


def choice_order(challenge: Challenge, seed: str) -> tuple[int, ...]:
    """The content's 1-based indexes of the proposals, in the order shown for `seed` (empty without proposals)."""
    count = len(challenge.choices)
    if not challenge.shuffle:
        return tuple(range(1, count + 1))
    return shuffled_order(count, challenge.fixed_last, _draws(seed, challenge.id, "choices"))


def option_order(challenge: Challenge, seed: str, field: Field) -> tuple[int, ...]:
    """The 1-based indexes of a drop-down's options, in the order shown for `seed` (empty for a text field)."""
    count = len(field.options)
    if not challenge.shuffle:
        return tuple(range(1, count + 1))
    return shuffled_order(count, challenge.fixed_last, _draws(seed, challenge.id, f"field:{field.id}"))


# --- what the browser receives ------------------------------------------------------------------------


def challenge_for_learner(challenge: Challenge, seed: str) -> dict[str, Any]:
    """What the learner's browser may see of a challenge, in the order shown for `seed`: never its solution.

    Built field by field from the presentation attributes only; the Solution is not read here, so nothing
    of it can leak by accident. Proposals and options are texts in the shown order, nothing more.
    Attachments and illustration are file names: the caller turns them into URLs.
    """
    view: dict[str, Any] = {
        "id": challenge.id,
        "type": str(challenge.type),
        "instruction": challenge.instruction,
        "attachments": list(challenge.attachments),
        "illustration": (
            {"file": challenge.illustration.file, "alt": challenge.illustration.alt}
            if challenge.illustration
            else None
        ),
        "timer": challenge.timer,
        "focused": challenge.focused,
        "locale": challenge.locale,
    }
    if challenge.choices:
        view["choices"] = [challenge.choices[i - 1] for i in choice_order(challenge, seed)]
    if challenge.fields:
        view["fields"] = [
            {
                "id": f.id,
                "label": f.label,
                "number": f.number,
                "options": [f.options[i - 1] for i in option_order(challenge, seed, f)],
            }
            for f in challenge.fields
        ]
    return view


def solution_for_learner(challenge: Challenge, seed: str) -> dict[str, Any]:
    """The right answer to display after the learner answered, in the order they were shown.

    QCU/QCM: the right proposals as {"index": position shown (1-based), "text"}, in the shown order.
    Fields: one right value each, the first accepted variant (for QROCM-dep, the first variant of one
    distinct group per field); a drop-down's value is its option's text, the same in any order.
    """
    solution = challenge.solution
    if challenge.type in CHOICE_TYPES:
        order = choice_order(challenge, seed)
        positions = sorted(order.index(i) + 1 for i in solution.answer)
        return {"choices": [{"index": p, "text": challenge.choices[order[p - 1] - 1]} for p in positions]}
    values = right_answer(solution)
    assert isinstance(values, dict)  # the field types' right answer is {field id: text}
    return {"fields": [{"id": f.id, "label": f.label, "value": values[f.id]} for f in challenge.fields]}


def answer_for_learner(challenge: Challenge, seed: str, answer: object) -> dict[str, Any] | None:
    """A learner's own answer, given in the content's indexes (or {field id: text}), in the shape of
    `solution_for_learner` and the order shown for `seed`: to show it beside the right one.

    None when there is nothing to show (no answer, or a value of another shape than the challenge's).
    """
    if challenge.type in CHOICE_TYPES:
        chosen = [answer] if challenge.type is ChallengeType.QCU else answer
        if not isinstance(chosen, list) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 1 <= i <= len(challenge.choices) for i in chosen
        ):
            return None
        order = choice_order(challenge, seed)
        positions = sorted(order.index(i) + 1 for i in set(chosen))
        return {"choices": [{"index": p, "text": challenge.choices[order[p - 1] - 1]} for p in positions]}
    if not isinstance(answer, dict):
        return None
    return {
        "fields": [
            {"id": f.id, "label": f.label, "value": answer[f.id] if isinstance(answer.get(f.id), str) else ""}
            for f in challenge.fields
        ]
    }


# --- answers ------------------------------------------------------------------------------------------


def answer_from_display(challenge: Challenge, seed: str, payload: object) -> object:
    """The browser's payload (QCU: the position shown, QCM: the positions ticked, 1-based) as the content's
    own indexes, ready for `check_answer`; a QCM's list comes back sorted.

    Field payloads pass unchanged: a drop-down sends its option's text, which the order does not change.
    A payload of the wrong shape passes unchanged as well, for `check_answer` to refuse (AnswerShapeError).
    """
    if challenge.type not in CHOICE_TYPES:
        return payload
    return _mapped(payload, challenge.type, choice_order(challenge, seed))


def answer_for_display(challenge: Challenge, seed: str, answer: object) -> object:
    """The inverse of `answer_from_display`: an answer in the content's indexes as the positions shown for
    `seed` (to show the learner their own answer beside the right one)."""
    if challenge.type not in CHOICE_TYPES:
        return answer
    order = choice_order(challenge, seed)
    inverse = tuple(order.index(position) + 1 for position in range(1, len(order) + 1))
    return _mapped(answer, challenge.type, inverse)


def stored_answer(challenge: Challenge, seed: str, payload: object) -> dict[str, Any]:
    """What to store of an answer (JSON-ready), unambiguous without the seed or the key.

    {"answer": the payload in the content's indexes (as `answer_from_display`), "shown": the content
    indexes of the proposals in the order shown}; "shown" only for QCU/QCM. Field answers are texts
    (a drop-down's option text included), the same in any order.
    """
    record: dict[str, Any] = {"answer": answer_from_display(challenge, seed, payload)}
    if challenge.type in CHOICE_TYPES:
        record["shown"] = list(choice_order(challenge, seed))
    return record


def _mapped(payload: object, kind: ChallengeType, order: tuple[int, ...]) -> object:
    """Each well-formed position p becomes order[p - 1]; anything else is left for the checker to refuse."""

    def one(value: object) -> object:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(order):
            return order[value - 1]
        return value

    if kind is ChallengeType.QCU:
        return one(payload)
    if not isinstance(payload, list):
        return payload
    mapped = [one(value) for value in payload]
    positions = [v for v in mapped if isinstance(v, int) and not isinstance(v, bool)]
    return sorted(positions) if len(positions) == len(mapped) else mapped

