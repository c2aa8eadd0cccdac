"""The validator: the rules a release must follow, each problem named by file, id and reason.

`validate` holds the rules every build enforces, whatever content exists so far. `check_completeness`
holds the counts a finished référentiel must reach (`--strict`). Every challenge's own solution is
run through the same checker learners' answers go through, so a release that builds is answerable.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping

from chalicelib.content.model import Challenge, Status, Tutorial
from chalicelib.engine.checking import (
    AnswerShapeError,
    AnswerStatus,
    ChallengeType,
    Solution,
    Tolerance,
    check_answer,
    matches_text,
    normalise,
    parse_number,
    right_answer,
)
from contentbuild.source import Problem, Sources

LEVELS = range(1, 9)
TUTORIAL_FORMATS = {"page", "vidéo", "pdf", "jeu", "outil"}
CHALLENGE_FORMATS = {"défi", "connaissance", "sensibilisation"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")

_TUBE_NAME = re.compile(r"[a-z][a-zA-Z]*")
_FIELD_ID = re.compile(r"[a-z0-9_]+")
_LOCALE = re.compile(r"[a-z]{2}-[a-z]{2}")
_DURATION = re.compile(r"\d{2}:[0-5]\d:[0-5]\d")


def validate(sources: Sources, produced: Mapping[str, str]) -> list[Problem]:
    """Every rule of a release. `produced` maps each generated file name to the module that wrote it."""
    problems: list[Problem] = []
    problems += _framework_rules(sources)
    problems += _unique_ids(sources)
    problems += _tube_rules(sources)
    problems += _skill_rules(sources)
    problems += _tutorial_rules(sources)
    for file, challenge in sources.challenges:
        problems += [
            Problem(file, challenge.id, reason) for reason in challenge_problems(challenge, produced)
        ]
    problems += _duplicate_instructions(sources)
    problems += _overlap_rules(sources)
    problems += _orphan_files(sources, produced)
    return problems


# --- framework, ids, tubes, skills, tutorials -------------------------------------------------


def _framework_rules(sources: Sources) -> Iterator[Problem]:
    file = sources.framework_file
    if sorted(d.level for d in sources.levels) != list(LEVELS):
        yield Problem(file, "levels", "the framework must describe each level 1 to 8 exactly once")
    for competence in sources.competences.values():
        if not competence.themes:
            yield Problem(file, f"competence {competence.code}", "the competence has no themes")


def _unique_ids(sources: Sources) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for file, challenge in sources.challenges:
        if challenge.id in seen:
            yield Problem(file, challenge.id, f"this challenge id is already used in {seen[challenge.id]}")
        seen.setdefault(challenge.id, file)
    seen = {}
    for file, tube in sources.tubes:
        if tube.name in seen:
            yield Problem(file, f"tube {tube.name}", f"this tube name is already used in {seen[tube.name]}")
        seen.setdefault(tube.name, file)
    seen = {}
    for file, skill in sources.skills:
        if skill.name in seen:
            yield Problem(file, skill.name, f"the tube {skill.tube} has two skills at level {skill.level}")
        seen.setdefault(skill.name, file)
    first: dict[str, Tutorial] = {}
    for file, tutorial in sources.tutorials:
        earlier = first.setdefault(tutorial.id, tutorial)
        if earlier != tutorial:
            yield Problem(
                file,
                f"tutorial {tutorial.url}",
                f"the tutorial '{tutorial.title}' is declared elsewhere with another source, format"
                " or duration; give it the same details everywhere",
                warning=True,
            )


def _tube_rules(sources: Sources) -> Iterator[Problem]:
    levels_of: dict[str, list[int]] = defaultdict(list)
    for _, skill in sources.skills:
        levels_of[skill.tube].append(skill.level)
    for file, tube in sources.tubes:
        where = f"tube {tube.name}"
        if not _TUBE_NAME.fullmatch(tube.name):
            yield Problem(
                file, where, "a tube name is camelCase ASCII letters (no digits, dashes or accents)"
            )
        themes = sources.competences[tube.competence].themes
        if tube.theme not in themes:
            yield Problem(
                file,
                where,
                f"the theme '{tube.theme}' is not one of the competence's themes: {', '.join(themes)}",
            )
        if not tube.tutorials:
            yield Problem(file, where, "a tube needs at least one tutorial")
        levels = sorted(set(levels_of[tube.name]))
        if levels and levels != list(range(levels[0], levels[-1] + 1)):
            yield Problem(file, where, f"the tube's levels have a gap: {levels}", warning=True)


def _skill_rules(sources: Sources) -> Iterator[Problem]:
    validated = Counter(c.skill for _, c in sources.challenges if c.status is Status.VALIDATED)
    for file, skill in sources.skills:
        if skill.level not in LEVELS:
            yield Problem(file, skill.name, f"the level must be 1 to 8, not {skill.level}")
        if not validated[skill.name]:
            yield Problem(file, skill.name, "the skill has no validated challenge")
        if not skill.hint.strip():
            yield Problem(
                file, skill.name, "the skill has no hint (one sentence shown after a failure)", warning=True
            )


def _tutorial_rules(sources: Sources) -> Iterator[Problem]:
    reported = set()
    for file, tutorial in sources.tutorials:
        if tutorial.id in reported:
            continue
        reported.add(tutorial.id)
        where = f"tutorial {tutorial.url}"
        if not tutorial.url.startswith("https://"):
            yield Problem(file, where, "a tutorial URL must start with https://")
        if tutorial.format not in TUTORIAL_FORMATS:
            yield Problem(
                file,
                where,
                f"the format '{tutorial.format}' must be one of: {', '.join(sorted(TUTORIAL_FORMATS))}",
            )
        if not _DURATION.fullmatch(tutorial.duration):
            yield Problem(
                file, where, f"the duration '{tutorial.duration}' must be written HH:MM:SS, e.g. \"00:05:00\""
            )


# --- challenges -------------------------------------------------------------------------------


# An explanation is read after answering, beside the right answer: one to three sentences.
EXPLANATION_MAX = 500


def challenge_problems(challenge: Challenge, produced: Mapping[str, str]) -> Iterator[str]:
    """The reasons a challenge is wrong, in plain words; none when it is fine."""
    prefix = f"c{challenge.competence.replace('.', '')}-{challenge.skill[1:]}-"
    if not (challenge.id.startswith(prefix) and re.fullmatch(r"[a-z0-9]+", challenge.id[len(prefix) :])):
        yield f"the id must follow the convention {prefix}<letter> (competence, skill, letter)"
    yield from _markdown_problems(challenge.instruction, "the instruction", block=True)
    for number, choice in enumerate(challenge.choices, 1):
        yield from _markdown_problems(choice, f"proposal {number}", block=False)
    for field in challenge.fields:
        yield from _markdown_problems(field.label, f"the label of field '{field.id}'", block=False)
    if challenge.explanation is not None:
        yield from _markdown_problems(challenge.explanation, "the explanation", block=False)
        if len(challenge.explanation) > EXPLANATION_MAX:
            yield f"the explanation is {len(challenge.explanation)} characters long: keep it under {EXPLANATION_MAX}"
    yield from _structure_problems(challenge)
    yield from _order_problems(challenge)
    yield from _solution_problems(challenge.solution)
    yield from _presentation_problems(challenge, produced)


def _structure_problems(challenge: Challenge) -> Iterator[str]:
    kind, solution = challenge.type, challenge.solution
    if kind in (ChallengeType.QCU, ChallengeType.QCM):
        # Proposals may differ by punctuation alone ("-2" and "2", "x = 5" and "x == 5").
        texts = [" ".join(normalise(c, frozenset()).casefold().split()) for c in challenge.choices]
        if len(set(texts)) != len(texts):
            yield "two proposals are the same text"
        if kind is ChallengeType.QCU and len(challenge.choices) < 2:
            yield "a QCU needs at least 2 proposals"
        for index in solution.answer:
            if not 1 <= index <= len(challenge.choices):
                yield f"the answer {index} is not the number of a proposal (1 to {len(challenge.choices)})"
        if kind is ChallengeType.QCM:
            if len(set(solution.answer)) != len(solution.answer):
                yield "the answer lists the same proposal twice"
            if len(set(solution.answer)) < 2:
                yield "a QCM needs at least 2 right proposals (use a QCU for one)"
            if len(set(solution.answer)) >= len(challenge.choices):
                yield "a QCM needs at least one wrong proposal"
        return
    if kind is ChallengeType.QROC and len(challenge.fields) != 1:
        yield "a QROC has exactly one field"
    if kind in (ChallengeType.QROCM_IND, ChallengeType.QROCM_DEP) and len(challenge.fields) < 2:
        yield f"a {kind} has at least two fields"
    ids = [f.id for f in challenge.fields]
    for field_id in sorted(set(ids)):
        if not _FIELD_ID.fullmatch(field_id):
            yield f"the field id '{field_id}' must be lower-case letters, digits or _"
        if ids.count(field_id) > 1:
            yield f"two fields have the id '{field_id}'"
    for field in challenge.fields:
        if field.options and len(set(field.options)) != len(field.options):
            yield f"the drop-down '{field.id}' lists an option twice"
        if field.options and len(field.options) < 2:
            yield f"the drop-down '{field.id}' needs at least 2 options"


def _order_problems(challenge: Challenge) -> Iterator[str]:
    """`shuffle` and `fixed_last` only say something about proposals or drop-down options, and must leave
    at least two of each list free to move."""
    if challenge.shuffle and not challenge.fixed_last:
        return
    lists = [("the proposals", challenge.choices)] if challenge.choices else []
    lists += [(f"the drop-down '{f.id}'", f.options) for f in challenge.fields if f.options]
    if not lists:
        yield "'shuffle' and 'fixed_last' apply to proposals and drop-downs; this challenge has neither"
        return
    if challenge.fixed_last < 0:
        yield f"'fixed_last' must be 1 or more, not {challenge.fixed_last}"
    elif challenge.fixed_last and not challenge.shuffle:
        yield "'fixed_last' keeps the last ones in place while the others are shuffled: not with 'shuffle: false'"
    elif challenge.fixed_last:
        for what, items in lists:
            if len(items) - challenge.fixed_last < 2:
                yield (
                    f"'fixed_last: {challenge.fixed_last}' leaves fewer than 2 of {what} to shuffle"
                    " (write 'shuffle: false' to keep the whole order)"
                )


def _solution_problems(solution: Solution) -> Iterator[str]:
    """Prove the solution: the right answer passes the checker, and near-misses fail it."""
    if solution.type in (ChallengeType.QCU, ChallengeType.QCM):
        if not solution.answer or not all(1 <= i <= solution.choice_count for i in solution.answer):
            return  # reported with the structure
    else:
        yield from _variant_problems(solution)
    try:
        if check_answer(solution, right_answer(solution)) is not AnswerStatus.OK:
            yield f"the challenge's own solution {right_answer(solution)!r} does not pass the checker"
        for payload in _wrong_answers(solution):
            if check_answer(solution, payload) is AnswerStatus.OK:
                yield f"the wrong answer {payload!r} is accepted by the checker"
    except AnswerShapeError as error:
        yield f"the solution cannot be checked: {error}"


def _wrong_answers(solution: Solution) -> Iterator[object]:
    right = set(solution.answer)
    wrong = [i for i in range(1, solution.choice_count + 1) if i not in right]
    if solution.type is ChallengeType.QCU:
        yield from wrong
    elif solution.type is ChallengeType.QCM:
        yield from (sorted(right | {w}) for w in wrong)
        if len(right) > 1:
            yield from (sorted(right - {r}) for r in right)


def _variant_problems(solution: Solution) -> Iterator[str]:
    dependent = solution.type is ChallengeType.QROCM_DEP
    for field in solution.fields:
        variants = [v for group in solution.groups for v in group] if dependent else list(field.accept)
        if not dependent and not variants:
            yield f"the field '{field.id}' has no accepted answer"
        if field.number:
            for variant in variants:
                if parse_number(variant) is None:
                    yield f"the field '{field.id}' is numeric but '{variant}' is not a number"
        elif not field.dropdown:
            for variant in variants:
                if not normalise(variant, solution.tolerances):
                    yield f"the variant '{variant}' of field '{field.id}' is empty once normalised (t1/t2)"
            if not dependent:
                yield from _wrong_digit_problems(variants, solution.tolerances)
    if dependent:
        if not all(f.number for f in solution.fields):
            yield from _wrong_digit_problems([v for g in solution.groups for v in g], solution.tolerances)
        yield from _group_problems(solution)


def _wrong_digit_problems(variants: list[str], tolerances: frozenset[Tolerance]) -> Iterator[str]:
    """t3 forgives one typo in four characters: in "14/07/2024" or "600D", that is a wrong answer."""
    for variant in variants:
        digit = next((i for i, c in enumerate(variant) if c.isdigit()), None)
        if digit is None:
            continue
        wrong = variant[:digit] + str((int(variant[digit]) + 1) % 10) + variant[digit + 1 :]
        if not any(
            normalise(wrong, tolerances) == normalise(v, tolerances) for v in variants
        ) and matches_text(wrong, variants, tolerances):
            yield (
                f"the wrong answer '{wrong}' is accepted as a typo of '{variant}': turn t3 off"
                " (tolerances: [t1, t2]), or use number: true if the answer is a number"
            )
            return


def _group_problems(solution: Solution) -> Iterator[str]:
    if len(solution.groups) < len(solution.fields):
        counts = f"{len(solution.groups)} groups for {len(solution.fields)} fields"
        yield f"a QROCM-dep needs at least as many groups as fields ({counts})"
    text_fields = [f for f in solution.fields if not f.number]
    for i, group in enumerate(solution.groups):
        for j, other in enumerate(solution.groups):
            if i != j and text_fields and any(matches_text(v, other, solution.tolerances) for v in group):
                yield (
                    f"groups {i + 1} and {j + 1} overlap: an answer of group {i + 1} also matches group"
                    f" {j + 1}, so the same answer given twice would be accepted"
                )


def _presentation_problems(challenge: Challenge, produced: Mapping[str, str]) -> Iterator[str]:
    for field, solution in zip(challenge.fields, challenge.solution.fields, strict=False):
        for value in solution.accept:
            if field.options and value not in field.options:
                yield f"the accepted value '{value}' of the drop-down '{field.id}' is not one of its options"
    for name in challenge.attachments:
        if name not in produced:
            yield f"the attachment '{name}' is not produced by any content/attachments/*.py module"
    if challenge.illustration is not None:
        image = challenge.illustration.file
        if image not in produced:
            yield f"the illustration '{image}' is not produced by any content/attachments/*.py module"
        if not image.lower().endswith(IMAGE_SUFFIXES):
            yield f"the illustration '{image}' must be an image ({', '.join(IMAGE_SUFFIXES)})"
        if not challenge.illustration.alt.strip():
            yield "the illustration has no alt text (required for accessibility)"
    if challenge.timer is not None and challenge.timer <= 0:
        yield f"the timer must be a positive number of seconds, not {challenge.timer}"
    if not _LOCALE.fullmatch(challenge.locale):
        yield f"the locale '{challenge.locale}' must look like fr-fr"
    if challenge.format is not None and challenge.format not in CHALLENGE_FORMATS:
        yield f"the format '{challenge.format}' must be one of: {', '.join(sorted(CHALLENGE_FORMATS))}"
    if challenge.discrimination <= 0:
        yield "the discrimination must be positive"


# Code (fenced, indented by 4 spaces after a blank line, or inline) may show anything, HTML included.
_CODE = re.compile(r"```.*?(?:```|\Z)|(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+|`[^`\n]*`", re.DOTALL)
_HTML = re.compile(r"</?[a-zA-Z][^>]*>|<!--|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_LINK = re.compile(r"\[[^\]]*\]\(([^)]*)\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s", re.MULTILINE)


def _markdown_problems(text: str, what: str, block: bool) -> Iterator[str]:
    """The Markdown subset of the format doc: no HTML, images or headings; https links only."""
    prose = _CODE.sub("", text)
    if match := _HTML.search(prose):
        yield f"{what} contains HTML ({match.group(0)!r}); write Markdown only"
    if "![" in prose:
        yield f"{what} contains a Markdown image; use the 'illustration' key"
    for target in _LINK.findall(prose):
        if not target.startswith("https://"):
            yield f"{what} links to '{target}'; links must start with https://"
    if block and _HEADING.search(prose):
        yield f"{what} contains a heading (#); use **bold** instead"
    if not block and "```" in text:
        yield f"{what} contains a code block; only `inline code` is allowed here"


# --- release-wide rules -----------------------------------------------------------------------


def _duplicate_instructions(sources: Sources) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for file, challenge in sources.challenges:
        if challenge.status is Status.ARCHIVED:
            continue  # an archived challenge is usually replaced by a new version of itself
        key = normalise(challenge.instruction, frozenset({Tolerance.T1, Tolerance.T2}))
        if key in seen:
            yield Problem(file, challenge.id, f"the instruction is the same as the one of {seen[key]}")
        seen.setdefault(key, challenge.id)


def _overlap_rules(sources: Sources) -> Iterator[Problem]:
    """Overlap pairs (`excludes`) name existing challenges of the same competence, never the challenge itself."""
    by_id = {c.id: c for _, c in sources.challenges}
    for file, challenge in sources.challenges:
        for other in challenge.excludes:
            if other == challenge.id:
                yield Problem(file, challenge.id, "'excludes' lists the challenge itself")
            elif other not in by_id:
                yield Problem(file, challenge.id, f"'excludes' names '{other}', which is not a challenge id")
            elif by_id[other].competence != challenge.competence:
                yield Problem(
                    file,
                    challenge.id,
                    f"'excludes' names '{other}' of competence {by_id[other].competence}: an overlap pair"
                    " stays within one competence",
                )


def _reachability_problems(sources: Sources, served: list[Challenge]) -> list[Problem]:
    """Every skill keeps a validated challenge whose overlap pairs all stay within the skill: otherwise a test
    that asked the other side of each pair could no longer test the skill at all."""
    skill_of = {c.id: c.skill for _, c in sources.challenges}
    by_skill: dict[str, list[Challenge]] = defaultdict(list)
    for challenge in served:
        by_skill[challenge.skill].append(challenge)
    file_of = {skill.name: file for file, skill in sources.skills}
    return [
        Problem(
            file_of.get(skill, sources.framework_file),
            skill,
            "every challenge of the skill is in an overlap pair with another skill's: keep one free of such pairs"
            " (rewrite it, or drop a pair), or a test may be unable to ask this skill",
        )
        for skill, challenges in sorted(by_skill.items())
        if not any(all(skill_of.get(other) == skill for other in c.excludes) for c in challenges)
    ]


def overlap_pairs(sources: Sources) -> list[tuple[str, str]]:
    """Every overlap pair once, (smaller id, larger id), sorted."""
    pairs = {(min(c.id, o), max(c.id, o)) for _, c in sources.challenges for o in c.excludes if o != c.id}
    return sorted(pairs)


def _orphan_files(sources: Sources, produced: Mapping[str, str]) -> Iterator[Problem]:
    used = {name for _, c in sources.challenges for name in c.attachments}
    used |= {c.illustration.file for _, c in sources.challenges if c.illustration}
    for name, module in sorted(produced.items()):
        if name not in used:
            yield Problem(module, name, "this file is generated but no challenge uses it", warning=True)


# --- completeness (--strict) ------------------------------------------------------------------

MIN_TUBES = 4
REQUIRED_LEVELS = range(1, 7)
MIN_SKILLS, MIN_CHALLENGES, MIN_ATTACHMENT_CHALLENGES = 300, 600, 40


def check_completeness(sources: Sources) -> list[Problem]:
    """The counts a finished référentiel reaches; errors under --strict."""
    problems = []
    served = [c for _, c in sources.challenges if c.status is Status.VALIDATED]
    validated = Counter(c.skill for c in served)
    for code in sources.competences:
        file = sources.competence_files.get(code)
        if file is None:
            problems.append(
                Problem(sources.framework_file, f"competence {code}", "the competence has no content file")
            )
            continue
        tubes = [t for _, t in sources.tubes if t.competence == code]
        if len(tubes) < MIN_TUBES:
            problems.append(
                Problem(file, f"competence {code}", f"{len(tubes)} tubes; at least {MIN_TUBES} are needed")
            )
        levels = {s.level for _, s in sources.skills if s.competence == code}
        missing = [level for level in REQUIRED_LEVELS if level not in levels]
        if missing:
            problems.append(
                Problem(file, f"competence {code}", f"no skill at level {', '.join(map(str, missing))}")
            )
    for file, skill in sources.skills:
        needed = 2 if skill.level <= 5 else 1
        if validated[skill.name] < needed:
            problems.append(
                Problem(
                    file,
                    skill.name,
                    f"{validated[skill.name]} validated challenge(s); level {skill.level} needs {needed}",
                )
            )
    problems += _reachability_problems(sources, served)
    release = sources.framework_file
    totals = [
        (len(sources.skills), MIN_SKILLS, "skills"),
        (len(served), MIN_CHALLENGES, "validated challenges"),
        (
            sum(1 for c in served if c.attachments),
            MIN_ATTACHMENT_CHALLENGES,
            "validated challenges with an attachment",
        ),
    ]
    for count, minimum, what in totals:
        if count < minimum:
            problems.append(Problem(release, "release", f"{count} {what}; at least {minimum} are needed"))
    absent = [str(kind) for kind in ChallengeType if kind not in {c.type for c in served}]
    if absent:
        problems.append(Problem(release, "release", f"no validated challenge of type {', '.join(absent)}"))
    return problems
