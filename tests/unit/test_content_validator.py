"""The content build and validator: each kind of broken source fails, naming file, id and reason."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from contentbuild.build import build, main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "content"
COMPETENCE = "competences/1.1.yaml"
MODULE = "attachments/c1_1.py"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the fixture content, free to break."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "content"))


def edit_yaml(content: Path, change: Callable[[dict], None], file: str = COMPETENCE) -> None:
    doc = yaml.safe_load((content / file).read_text(encoding="utf-8"))
    change(doc)
    (content / file).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def challenge(doc: dict, cid: str) -> dict:
    for tube in doc["tubes"]:
        for skill in tube["skills"]:
            for item in skill["challenges"]:
                if item["id"] == cid:
                    return item
    raise KeyError(cid)


def tube(doc: dict, name: str) -> dict:
    return next(t for t in doc["tubes"] if t["name"] == name)


def test_the_fixture_content_is_valid(content):
    result = build(content, release_path=None, attachments_dir=None)
    assert [str(p) for p in result.problems] == []
    assert result.document is not None
    assert len(result.document["challenges"]) == 7


QCU_A, QCM_B, QROC_A, QROC_B = "c11-fixMotCle1-a", "c11-fixMotCle1-b", "c11-fixMotCle2-a", "c11-fixMotCle2-b"
IND, DEP = "c11-fixResultat2-a", "c11-fixResultat3-a"


def _set(cid: str, **values) -> Callable[[dict], None]:
    return lambda doc: challenge(doc, cid).update(values)


def _drop(cid: str, key: str) -> Callable[[dict], None]:
    return lambda doc: challenge(doc, cid).pop(key)


def _field(cid: str, index: int, **values) -> Callable[[dict], None]:
    return lambda doc: challenge(doc, cid)["fields"][index].update(values)


def _rename_tube(doc: dict) -> None:
    tube(doc, "fixResultat")["name"] = "fixMotCle"


def _second_level_one(doc: dict) -> None:
    tube(doc, "fixMotCle")["skills"][1]["level"] = 1


def _all_drafts(doc: dict) -> None:
    challenge(doc, IND)["status"] = "draft"


def _tutorial(**values) -> Callable[[dict], None]:
    return lambda doc: tube(doc, "fixMotCle")["tutorials"][0].update(values)


def _no_tutorial(doc: dict) -> None:
    del tube(doc, "fixResultat")["tutorials"]


BROKEN_YAML = [
    # (what is broken, the change, the id named, words of the reason)
    ("duplicate challenge id", _set(QCM_B, id=QCU_A), QCU_A, "already used"),
    ("duplicate tube name", _rename_tube, "tube fixMotCle", "already used"),
    ("two skills at one level", _second_level_one, "@fixMotCle1", "two skills at level 1"),
    ("id not matching skill", _set(QCU_A, id="c11-autre1-a"), "c11-autre1-a", "convention c11-fixMotCle1-"),
    ("QCU answer out of range", _set(QCU_A, answer=4), QCU_A, "not the number of a proposal"),
    ("QCU answer not a number", _set(QCU_A, answer="1"), QCU_A, "1-based index"),
    ("QCU wrong proposal passes", _set(QCU_A, choices=["Recette", "recette", "autre"]), QCU_A, "same text"),
    ("QCM one right answer", _set(QCM_B, answer=[1]), QCM_B, "at least 2 right"),
    ("QCM no wrong proposal", _set(QCM_B, answer=[1, 2, 3, 4]), QCM_B, "at least one wrong"),
    ("QCM answer twice", _set(QCM_B, answer=[1, 1, 2]), QCM_B, "same proposal twice"),
    (
        "QROC two fields",
        lambda d: challenge(d, QROC_A)["fields"].append({"id": "x", "label": "X", "accept": ["x"]}),
        QROC_A,
        "exactly one field",
    ),
    (
        "field without label",
        lambda d: challenge(d, QROC_A)["fields"][0].pop("label"),
        QROC_A,
        "'label' is missing",
    ),
    ("field with a bad id", _field(QROC_A, 0, id="Signe-1"), QROC_A, "lower-case letters"),
    ("field without accept", lambda d: challenge(d, QROC_A)["fields"][0].pop("accept"), QROC_A, "'accept'"),
    ("variant empty once normalised", _field(QROC_A, 0, accept=["?!"]), QROC_A, "empty once normalised"),
    (
        "a wrong digit passes as a typo",
        _field(QROC_A, 0, accept=["14/07/2024"]),
        QROC_A,
        "'24/07/2024' is accepted",
    ),
    ("numeric field, text variant", _field(QROC_B, 0, accept=["trois"]), QROC_B, "not a number"),
    ("drop-down value not an option", _field(IND, 1, accept=["BMP"]), IND, "not one of its options"),
    ("QROCM-dep too few groups", _set(DEP, groups=[["Paris"]]), DEP, "as many groups as fields"),
    ("QROCM-dep groups overlap", _set(DEP, groups=[["Paris"], ["Pari"], ["Lyon"]]), DEP, "overlap"),
    ("QROCM-dep field with accept", _field(DEP, 0, accept=["Paris"]), DEP, "'accept' is not allowed"),
    (
        "missing attachment",
        _set(QROC_B, attachments=["c11-absent.csv"]),
        QROC_B,
        "'c11-absent.csv' is not produced",
    ),
    ("missing illustration", _set(IND, illustration={"file": "c11-x.png", "alt": "x"}), IND, "not produced"),
    ("missing alt", _set(IND, illustration={"file": "c11-logo.png"}), IND, "no alt text"),
    (
        "duplicate instruction",
        _set(
            QCM_B,
            instruction="VOUS cherchez une recette de crêpes sans œufs ; quelle requête est la plus efficace",
        ),
        QCM_B,
        f"same as the one of {QCU_A}",
    ),
    (
        "raw HTML",
        _set(QCU_A, instruction="Quelle requête est <b>la plus</b> efficace ?"),
        QCU_A,
        "contains HTML",
    ),
    ("HTML in a proposal", _set(QCU_A, choices=["<i>a</i>", "b", "c"]), QCU_A, "proposal 1 contains HTML"),
    ("plain http link", _set(QCU_A, instruction="Voir [ce site](http://a.fr) ?"), QCU_A, "https"),
    ("Markdown image", _set(QCU_A, instruction="Voir ![logo](https://a.fr/l.png) ?"), QCU_A, "image"),
    ("heading", _set(QCU_A, instruction="# Titre\n\nQuelle requête ?"), QCU_A, "heading"),
    ("unknown theme", lambda d: tube(d, "fixMotCle").update(theme="Cuisine"), "tube fixMotCle", "not one of"),
    ("tube without tutorial", _no_tutorial, "tube fixResultat", "at least one tutorial"),
    ("tutorial over http", _tutorial(url="http://exemple.fr"), "tutorial http://exemple.fr", "https://"),
    ("tutorial duration", _tutorial(duration="5 min"), "Moteur_de_recherche", "HH:MM:SS"),
    ("tutorial format", _tutorial(format="podcast"), "Moteur_de_recherche", "format 'podcast'"),
    ("tutorial without duration", lambda d: tube(d, "fixMotCle")["tutorials"][0].pop("duration"), "tube fixMotCle",
     "'duration' is missing"),
    ("tutorial without format", lambda d: tube(d, "fixMotCle")["tutorials"][0].pop("format"), "tube fixMotCle",
     "'format' is missing"),
    ("no validated challenge", _all_drafts, "@fixResultat2", "no validated challenge"),
    ("timer not positive", _set(QCM_B, timer=0), QCM_B, "positive"),
    ("timer not a number", _set(QCM_B, timer="soixante"), QCM_B, "whole number"),
    ("focused not a flag", _set(QCM_B, focused="oui"), QCM_B, "true or false"),
    (
        "level out of range",
        lambda d: tube(d, "fixMotCle")["skills"][0].update(level=9),
        "@fixMotCle9",
        "1 to 8",
    ),
    ("unknown status", _set(QCU_A, status="publié"), QCU_A, "'status' is 'publié'"),
    ("unknown type", _set(QCU_A, type="QCX"), QCU_A, "'type' is 'QCX'"),
    ("unknown key", _set(QCU_A, answers=1), QCU_A, "'answers' is not allowed"),
    ("missing key", _drop(QCU_A, "instruction"), QCU_A, "'instruction' is missing"),
    ("unknown tolerance", _set(QROC_A, tolerances=["t4"]), QROC_A, "unknown tolerance"),
    ("bad locale", _set(QCU_A, locale="français"), QCU_A, "locale"),
    ("bad format tag", _set(QCU_A, format="quiz"), QCU_A, "format 'quiz'"),
    ("unknown competence", lambda d: d.update(competence="9.9"), "1.1", "'9.9' is not in the framework"),
    ("shuffle not a flag", _set(QCU_A, shuffle="non"), QCU_A, "'shuffle' must be true or false"),
    ("fixed_last not a number", _set(QCU_A, fixed_last="dernière"), QCU_A, "'fixed_last' must be a whole number"),
    ("fixed_last negative", _set(QCU_A, fixed_last=-1), QCU_A, "1 or more"),
    ("fixed_last leaves one to move", _set(QCU_A, fixed_last=2), QCU_A, "fewer than 2 of the proposals"),
    ("fixed_last and no shuffle", _set(QCU_A, shuffle=False, fixed_last=1), QCU_A, "not with 'shuffle: false'"),
    ("shuffle without proposals", _set(QROC_A, shuffle=False), QROC_A, "has neither"),
    ("fixed_last on a short drop-down", _set(IND, fixed_last=2), IND, "of the drop-down 'format'"),
    ("empty explanation", _set(QCU_A, explanation=" "), QCU_A, "'explanation' is empty"),
    ("explanation in HTML", _set(QCU_A, explanation="Voir <b>ceci</b>."), QCU_A, "the explanation contains HTML"),
    ("explanation too long", _set(QCU_A, explanation="Trop long. " * 60), QCU_A, "keep it under 500"),
    ("overlap with an unknown id", _set(QCU_A, excludes=["c11-inconnu1-a"]), QCU_A, "not a challenge id"),
    ("overlap with itself", _set(QCU_A, excludes=[QCU_A]), QCU_A, "lists the challenge itself"),
    ("overlap not a list", _set(QCU_A, excludes=QROC_A), QCU_A, "'excludes' must be a list"),
]


@pytest.mark.parametrize(
    ("change", "cid", "reason"), [c[1:] for c in BROKEN_YAML], ids=[c[0] for c in BROKEN_YAML]
)
def test_a_broken_competence_file_fails_naming_file_id_and_reason(content, change, cid, reason):
    edit_yaml(content, change)
    result = build(content, release_path=None, attachments_dir=None)
    messages = [str(p) for p in result.errors]
    assert result.document is None
    assert any("1.1.yaml" in m and cid in m and reason in m for m in messages), messages


BROKEN_MODULES = [
    (
        "writer fails",
        'def _logo(path: Path) -> None:\n    raise ValueError("boom")\n',
        "c11-logo.png",
        "writer failed",
    ),
    ("writer writes nothing", "def _logo(path: Path) -> None:\n    pass\n", "c11-logo.png", "did not write"),
    (
        "writer not deterministic",
        "def _logo(path: Path) -> None:\n    import os\n    path.write_bytes(os.urandom(8))\n",
        "c11-logo.png",
        "not deterministic",
    ),
    ("name without prefix", 'ATTACHMENTS["logo.png"] = _logo\n', "logo.png", "starting with c11-"),
    ("module does not import", "import not_a_module_anywhere\n", "-", "fails to import"),
]


@pytest.mark.parametrize(
    ("code", "name", "reason"), [c[1:] for c in BROKEN_MODULES], ids=[c[0] for c in BROKEN_MODULES]
)
def test_a_broken_attachment_module_fails_naming_file_and_reason(content, code, name, reason):
    with (content / MODULE).open("a", encoding="utf-8") as module:
        module.write("\n\n" + code)
        module.write('\n\nATTACHMENTS["c11-logo.png"] = _logo\n')  # rebinding: the last definition wins
    result = build(content, release_path=None, attachments_dir=None)
    messages = [str(p) for p in result.errors]
    assert any("c1_1.py" in m and name in m and reason in m for m in messages), messages


def test_a_yaml_syntax_error_is_reported_with_its_file(content):
    (content / COMPETENCE).write_text("competence: '1.1'\ntubes: [\n", encoding="utf-8")
    messages = [str(p) for p in build(content, release_path=None, attachments_dir=None).errors]
    assert any("1.1.yaml" in m and "does not parse" in m for m in messages), messages


def test_all_errors_are_reported_at_once(content):
    edit_yaml(content, lambda d: (_set(QCU_A, answer=9)(d), _set(QCM_B, answer=[1])(d)))
    ids = {p.id for p in build(content, release_path=None, attachments_dir=None).errors}
    assert {QCU_A, QCM_B} <= ids


def test_orphan_files_are_warnings_only(content):
    edit_yaml(content, _drop(QROC_B, "attachments"))
    result = build(content, release_path=None, attachments_dir=None)
    assert result.errors == []
    assert any("c11-notes.csv" in str(p) and "no challenge uses it" in str(p) for p in result.problems)


def test_strict_mode_reports_the_completeness_counts(content):
    relaxed = build(content, release_path=None, attachments_dir=None)
    strict = build(content, release_path=None, attachments_dir=None, strict=True)
    assert relaxed.errors == [] and relaxed.completeness_gaps > 0
    messages = [str(p) for p in strict.errors]
    assert any("competence 1.2" in m and "no content file" in m for m in messages)
    assert any("competence 1.1" in m and "at least 4 are needed" in m for m in messages)
    assert any("@fixResultat2" in m and "needs 2" in m for m in messages)
    assert any("validated challenges; at least 600" in m for m in messages)


def test_the_order_options_are_valid_and_reach_the_release(content):
    edit_yaml(content, _set(QCU_A, shuffle=False))
    edit_yaml(content, _set(QCM_B, fixed_last=1))
    result = build(content, release_path=None, attachments_dir=None)
    assert result.errors == []
    by_id = {c["id"]: c for c in result.document["challenges"]}
    assert (by_id[QCU_A]["shuffle"], by_id[QCU_A]["fixed_last"]) == (False, 0)
    assert (by_id[QCM_B]["shuffle"], by_id[QCM_B]["fixed_last"]) == (True, 1)
    assert (by_id[QROC_A]["shuffle"], by_id[QROC_A]["fixed_last"]) == (True, 0)


def test_an_explanation_is_optional_and_reaches_the_release(content):
    edit_yaml(content, _set(QCU_A, explanation="Parce que la **bonne** réponse est celle-ci."))
    result = build(content, release_path=None, attachments_dir=None)
    assert result.errors == []
    by_id = {c["id"]: c for c in result.document["challenges"]}
    assert by_id[QCU_A]["explanation"] == "Parce que la **bonne** réponse est celle-ci."
    assert by_id[QCM_B]["explanation"] is None


def _right_longest(doc: dict) -> None:
    """Both QCU of the fixture (one of them a draft, which does not count) get the longest right answer."""
    challenge(doc, QCU_A)["answer"] = 2


def test_a_competence_whose_right_answers_are_the_longest_fails_under_strict(content, capsys):
    fair = build(content, release_path=None, attachments_dir=None, strict=True)
    assert not any("longest proposal" in str(p) for p in fair.problems)
    edit_yaml(content, _right_longest)
    relaxed = build(content, release_path=None, attachments_dir=None)
    assert relaxed.errors == []
    assert [p.warning for p in relaxed.problems if "longest proposal" in str(p)] == [True]
    strict = build(content, release_path=None, attachments_dir=None, strict=True)
    message = "1.1.yaml: competence 1.1: error: the right answer is the longest proposal in 1 of 1 QCU (100%"
    assert any(message in str(p) for p in strict.errors), [str(p) for p in strict.errors]
    main(["--check", "--content", str(content)])
    out = capsys.readouterr().out
    assert "| comp. | QCU | right at 1/2/3/4+ | longest |" in out
    assert "| 1.1 | 1 | 0/1/0/0 | 100% ✗ |" in out


def test_the_balance_counts_a_tie_at_the_longest_as_a_share():
    from contentbuild.balance import in_longest_half, longest_credit, visible_length

    assert visible_length("`<h1>`  **titre**") == len("<h1> titre")
    assert longest_credit(["abc", "ab", "a"], 1) == 1.0
    assert longest_credit(["abc", "abc", "a"], 1) == 0.5
    assert longest_credit(["abc", "abcd", "a"], 1) == 0.0
    assert [in_longest_half(["aaaa", "bbb", "cc", "d"], i) for i in range(1, 5)] == [True, True, False, False]


def test_the_build_is_deterministic_and_writes_attachments(content, tmp_path):
    outputs = []
    for run in ("a", "b"):
        release, attachments = tmp_path / run / "release.json", tmp_path / run / "attachments"
        assert build(content, release_path=release, attachments_dir=attachments).errors == []
        outputs.append((release.read_bytes(), {p.name: p.read_bytes() for p in attachments.iterdir()}))
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0][1]) == ["c11-logo.png", "c11-notes.csv", "c11-villes.xlsx"]


def test_stale_attachments_are_removed(content, tmp_path):
    attachments = tmp_path / "attachments"
    attachments.mkdir()
    (attachments / "c11-old.csv").write_text("old")
    build(content, release_path=tmp_path / "release.json", attachments_dir=attachments)
    assert not (attachments / "c11-old.csv").exists()


def test_the_command_line_exits_non_zero_and_prints_every_error(content, capsys):
    assert main(["--check", "--content", str(content)]) == 0
    assert "| 1.1 | 2 | 4 |" in capsys.readouterr().out  # the summary table
    edit_yaml(content, _set(QCU_A, answer=9))
    assert main(["--check", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert f"1.1.yaml: {QCU_A}: error: the answer 9 is not the number of a proposal" in out
    assert "FAILED: 1 error(s)" in out


def test_overlap_pairs_are_symmetric_in_the_release_and_reported(content, capsys):
    edit_yaml(content, _set(QCU_A, excludes=[QROC_A, QROC_B]))
    edit_yaml(content, _set(QROC_B, excludes=[QCU_A]))  # written on both sides: still one pair
    result = build(content, release_path=None, attachments_dir=None)
    assert result.errors == []
    by_id = {c["id"]: c for c in result.document["challenges"]}
    assert by_id[QCU_A]["excludes"] == [QROC_A, QROC_B]
    assert by_id[QROC_A]["excludes"] == [QCU_A]
    assert by_id[QROC_B]["excludes"] == [QCU_A]
    assert by_id[QCM_B]["excludes"] == []
    main(["--check", "--content", str(content)])
    out = capsys.readouterr().out
    assert f"{QCU_A} ↔ {QROC_A}" in out and f"{QCU_A} ↔ {QROC_B}" in out


def test_an_overlap_pair_stays_within_one_competence(content):
    """A second competence (1.2) whose challenge names one of 1.1: refused, naming both."""
    doc = yaml.safe_load((content / COMPETENCE).read_text(encoding="utf-8"))
    other = tube(doc, "fixMotCle")
    other.update(name="fixAutre", theme="Fichiers et dossiers")
    for skill in other["skills"]:
        for item in skill["challenges"]:
            item["id"] = item["id"].replace("c11-fixMotCle", "c12-fixAutre")
            item["instruction"] += " (autre compétence)"
    other["skills"][0]["challenges"][0]["excludes"] = [QCU_A]
    (content / "competences" / "1.2.yaml").write_text(
        yaml.safe_dump({"competence": "1.2", "tubes": [other]}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    result = build(content, release_path=None, attachments_dir=None)
    messages = [str(p) for p in result.errors]
    expected = ("1.2.yaml", "c12-fixAutre1-a", "stays within one competence")
    assert any(all(part in m for part in expected) for m in messages), messages


def test_tutorials_are_classified_by_source_and_the_coverage_is_reported(content, capsys):
    from contentbuild.report import source_type

    assert source_type("https://www.service-public.fr/particuliers/vosdroits/F1234") == "service-public"
    assert source_type("https://www.cnil.fr/fr/cookies") == "CNIL"
    assert source_type("https://cyber.gouv.fr/guide") == "ANSSI/cybermalveillance"
    assert source_type("https://www.cybermalveillance.gouv.fr/x") == "ANSSI/cybermalveillance"
    assert source_type("https://eduscol.education.fr/x") == "éducation"
    assert source_type("https://help.libreoffice.org/latest/fr/text/x.html") == "aide LibreOffice"
    assert source_type("https://developer.mozilla.org/fr/docs/Web/HTML") == "Mozilla"
    assert source_type("https://fr.wikipedia.org/wiki/Moteur_de_recherche") == "encyclopédie"
    assert source_type("https://notwikipedia.org/x") == "autre"
    main(["--check", "--content", str(content)])
    out = capsys.readouterr().out
    # the fixture: 4 skills (levels 1, 2 of fixMotCle; 2, 3 of fixResultat), 2 + 2 + 1 + 1 validated challenges
    assert "| comp. | skills | chall. | min/skill | L1–5 < 3 | levels | overlap pairs |" in out
    assert "| 1.1 | 4 | 6 | 1 | 4 | 1–3 | 0 |" in out, out
    assert "| 1.1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | 0 | 2 |" in out, out


def test_a_skill_whose_every_challenge_pairs_with_another_skill_is_a_strict_error(content):
    # fixMotCle1 has a and b: pairing both with fixMotCle2's challenges leaves no free challenge for the skill
    edit_yaml(content, _set(QCU_A, excludes=[QROC_A]))
    edit_yaml(content, _set(QCM_B, excludes=[QROC_B]))
    relaxed = build(content, release_path=None, attachments_dir=None)
    assert relaxed.errors == []
    strict = build(content, release_path=None, attachments_dir=None, strict=True)
    messages = [str(p) for p in strict.errors if "overlap pair with another skill" in str(p)]
    assert any("@fixMotCle1" in m for m in messages), messages
    assert any("@fixMotCle2" in m for m in messages), messages  # its a and b are paired too
