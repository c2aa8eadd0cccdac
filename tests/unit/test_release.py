"""The release loader: what learners see never holds a solution; indexes agree; load time."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from chalicelib.content import release as release_module
from chalicelib.content.model import Status
from chalicelib.content.release import RELEASE_PATH, content_checksum, get_release, load_release
from chalicelib.content.view import answer_from_display, challenge_for_learner, solution_for_learner
from chalicelib.engine.checking import AnswerStatus, ChallengeType, check_answer
from contentbuild.build import build

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "content"
LEARNER_KEYS = {
    "id",
    "type",
    "instruction",
    "choices",
    "fields",
    "attachments",
    "illustration",
    "timer",
    "focused",
    "locale",
}
FIELD_KEYS = {"id", "label", "number", "options"}
SECRET_KEYS = {"accept", "answer", "groups", "solution", "tolerances", "skill", "tube", "level", "difficulty"}


@pytest.fixture(scope="module", params=["fixture", "real"])
def release_file(request, tmp_path_factory) -> Path:
    """The fixture release, and the real one (built from content/ when release.json is missing)."""
    if request.param == "real" and RELEASE_PATH.exists():
        return RELEASE_PATH
    content = FIXTURE if request.param == "fixture" else ROOT / "content"
    target = tmp_path_factory.mktemp(request.param) / "release.json"
    result = build(content, release_path=target, attachments_dir=None)
    assert result.errors == [], "\n".join(map(str, result.errors))
    return target


@pytest.fixture(scope="module")
def release(release_file):
    return load_release(release_file)


def _keys(value) -> set[str]:
    """Every key of every mapping inside a JSON value."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_no_challenge_shows_its_solution_to_the_learner(release):
    for challenge in release.challenges.values():
        view = challenge_for_learner(challenge, "u1.assessment")
        assert set(view) <= LEARNER_KEYS, challenge.id
        assert not _keys(view) & SECRET_KEYS, challenge.id
        for field in view.get("fields", []):
            assert set(field) == FIELD_KEYS, challenge.id
        text = json.dumps(view, ensure_ascii=False)
        for word in ("accept", "answer", "groups"):
            assert f'"{word}"' not in text, (challenge.id, word)


def test_the_solution_shown_after_answering_is_right(release):
    seed = "u1.assessment"
    for challenge in release.challenges.values():
        shown = solution_for_learner(challenge, seed)
        if challenge.type in (ChallengeType.QCU, ChallengeType.QCM):
            positions = [c["index"] for c in shown["choices"]]
            payload = positions[0] if challenge.type is ChallengeType.QCU else positions
            displayed = challenge_for_learner(challenge, seed)["choices"]
            assert [c["text"] for c in shown["choices"]] == [displayed[p - 1] for p in positions]
        else:
            payload = {f["id"]: f["value"] for f in shown["fields"]}
        answer = answer_from_display(challenge, seed, payload)
        assert check_answer(challenge.solution, answer) is AnswerStatus.OK, challenge.id


def test_the_checksum_matches_the_content(release_file):
    document = json.loads(release_file.read_bytes())
    assert content_checksum(document) == document["checksum"]
    assert document["version"].endswith(document["checksum"][:8])


def test_the_indexes_agree(release):
    for code, competence in release.competences.items():
        assert competence.code == code
        for tube in release.tubes_of(code):
            assert tube.competence == code and tube.theme in competence.themes
            skills = release.skills_of_tube(tube.name)
            assert [s.level for s in skills] == sorted(s.level for s in skills)
            assert all(s.tube == tube.name for s in skills)
    assert sum(len(release.skills_of_competence(c)) for c in release.competences) == len(release.skills)
    served = 0
    for name, skill in release.skills.items():
        challenges = release.challenges_of(name)
        assert challenges, f"{name} has no challenge to serve"
        assert all(
            c.skill == name and c.status is Status.VALIDATED and c.level == skill.level for c in challenges
        )
        assert all(t.id in release.tutorials for t in release.tutorials_of(name))
        served += len(challenges)
    assert served == sum(1 for c in release.challenges.values() if c.status is Status.VALIDATED)
    for challenge in release.challenges.values():
        assert set(challenge.attachments) <= set(release.attachments)
        assert challenge.skill in release.skills


def test_each_level_of_a_competence_is_worth_eight_pix_at_most_four_per_skill(release):
    for code in release.competences:
        for level in range(1, 9):
            values = [s.pix_value for s in release.skills_of_competence(code) if s.level == level]
            assert all(v <= 4 for v in values)
            assert sum(values) == pytest.approx(min(8, 4 * len(values)))


def test_the_release_is_immutable(release):
    challenge = next(iter(release.challenges.values()))
    with pytest.raises(AttributeError):
        challenge.instruction = "autre"  # type: ignore[misc]
    with pytest.raises(TypeError):
        release.challenges["x"] = challenge  # type: ignore[index]


def test_load_time_is_measured(release_file, release):
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        load_release(release_file)
        runs.append(time.perf_counter() - start)
    best = min(runs) * 1000
    print(f"\nload_release({release_file.name}): {len(release.challenges)} challenges, best {best:.1f} ms")


def test_get_release_loads_once(release_file, monkeypatch):
    monkeypatch.setattr(release_module, "RELEASE_PATH", release_file)
    get_release.cache_clear()
    try:
        assert get_release() is get_release()
    finally:
        get_release.cache_clear()


def test_the_loader_does_not_need_yaml():
    code = "import sys, chalicelib.content.release; assert 'yaml' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_overlap_pairs_are_symmetric_and_the_known_ones_are_recorded(release):
    for challenge in release.challenges.values():
        for other in challenge.excludes:
            assert challenge.id in release.challenges[other].excludes
            assert release.challenges[other].competence == challenge.competence
    if "c11-rechercheRequete3-a" in release.challenges:  # the real release: 1.1's search operators
        assert "c11-rechercheRequete3-c" in release.excluded_by(["c11-rechercheRequete3-a"])  # both ask site:
        minus_and_quotes = release.excluded_by(["c11-rechercheRequete2-c"])
        assert {"c11-rechercheRequete2-a", "c11-rechercheRequete2-b"} <= minus_and_quotes
