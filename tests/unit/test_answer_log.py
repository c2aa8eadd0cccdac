"""The answer log for calibration: every answer once, learners pseudonymised, readable as JSON lines."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.content.api import get_release
from chalicelib.evaluation import store
from chalicelib.evaluation.domain import RecordedAnswer
from chalicelib.evaluation.store_memory import InMemoryEvaluationStore
from contentbuild.answer_log import KEY_VARIABLE, export, main

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def memory():
    fake = InMemoryEvaluationStore()
    store.use_store(fake)
    yield fake
    store.use_store(None)


def _answers(memory: InMemoryEvaluationStore) -> list[RecordedAnswer]:
    """Two learners: one with 3 answers in 1.1, one with 2 in 4.1 and an answer to a removed challenge."""
    release = get_release()
    by_competence = {
        code: [c.id for c in release.challenges.values() if c.competence == code][:3] for code in ("1.1", "4.1")
    }
    rows = [
        ("alice@example.org", "1.1", "as-1", by_competence["1.1"]),
        ("bob-0042", "4.1", "as-2", [*by_competence["4.1"][:2], "c41-retire9-z"]),
    ]
    answers = []
    for user, competence, assessment, challenges in rows:
        for number, challenge in enumerate(challenges, 1):
            answer = RecordedAnswer(
                user_id=user, competence=competence, assessment_id=assessment, number=number,
                challenge_id=challenge, result="ok" if number % 2 else "ko", value={"answer": 1},
                focused_out=False, time_spent_ms=1000 * number, answered_at=T0 + timedelta(minutes=number),
            )  # fmt: skip
            memory.answers_[(user, competence, assessment, number)] = answer
            answers.append(answer)
    return answers


def _read(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_answer_is_exported_once_with_its_skill_and_a_pseudonym(memory, tmp_path):
    answers = _answers(memory)
    out = tmp_path / "answers.jsonl"
    assert export(out, b"k" * 32) == len(answers)
    lines = _read(out)
    text = out.read_text(encoding="utf-8")
    assert "alice" not in text and "bob-0042" not in text and "as-1" not in text  # pseudonymised
    assert '"answer"' not in text  # the learner's answer itself stays in the room
    release = get_release()
    by_challenge = {line["challenge"]: line for line in lines}
    for answer in answers:
        line = by_challenge[answer.challenge_id]
        assert set(line) == {"user", "challenge", "skill", "competence", "assessment", "result", "answered_at",
                             "time_spent_ms"}  # fmt: skip
        challenge = release.challenges.get(answer.challenge_id)  # c41-retire9-z is no longer in the release
        assert line["skill"] == (challenge.skill if challenge else None)
        assert (line["result"], line["answered_at"]) == (answer.result, answer.answered_at.isoformat())
    users = {line["competence"]: line["user"] for line in lines}
    assert len({line["user"] for line in lines}) == 2 and users["1.1"] != users["4.1"]


def test_the_same_key_links_exports_and_another_key_does_not(memory, tmp_path):
    _answers(memory)
    first, second, third = tmp_path / "1.jsonl", tmp_path / "2.jsonl", tmp_path / "3.jsonl"
    export(first, b"same key")
    export(second, b"same key")
    export(third, b"other key")
    assert _read(first) == _read(second)
    assert {line["user"] for line in _read(first)}.isdisjoint({line["user"] for line in _read(third)})


def test_the_parts_of_a_parallel_scan_make_the_whole(memory, tmp_path):
    answers = _answers(memory)
    parts = []
    for segment in range(3):
        out = tmp_path / f"part{segment}.jsonl"
        export(out, b"key", segment, 3)
        parts += _read(out)
    assert len(parts) == len(answers)
    assert sorted(p["challenge"] for p in parts) == sorted(a.challenge_id for a in answers)


def test_the_command_writes_the_file_with_the_key_of_the_environment(memory, tmp_path, monkeypatch, capsys):
    _answers(memory)
    monkeypatch.setenv(KEY_VARIABLE, "clé de l'export")
    out = tmp_path / "answers.jsonl"
    assert main(["--out", str(out)]) == 0
    assert len(_read(out)) == 6
    assert "6 answers written" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--out", str(out), "--segment", "2", "--segments", "2"])
