"""Evaluation use cases: take a competence's adaptive test, answer, see results, profile and tutorials.

Each learner's data lives in their own partition of the `learning` table (see models.py); an answer
costs one read and one transactional write, whatever the competence.
"""

import json
import secrets
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pynamodb.exceptions import PutError, TransactWriteError

from chalicelib import clock
from chalicelib.content.api import (
    Challenge,
    Competence,
    Release,
    challenge_for_learner,
    get_release,
    solution_for_learner,
)
from chalicelib.db import transaction
from chalicelib.engine import knowledge as knowledge_rules
from chalicelib.engine import scoring, selection
from chalicelib.engine.checking import AnswerShapeError, AnswerStatus
from chalicelib.engine.knowledge import CompetenceKnowledge
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound
from chalicelib.evaluation import assessment
from chalicelib.evaluation import schemas as out
from chalicelib.evaluation.bank import get_bank
from chalicelib.evaluation.models import (
    AnswerRecord,
    CompetenceRecord,
    ProblemReport,
    SavedTutorial,
    answer_key,
    answers_prefix,
    competence_key,
    tutorial_key,
)
from chalicelib.settings import get_settings

STARTED = "started"
COMPLETED = "completed"
FILES_PATH = "/fichiers/"  # attachments and illustrations, served by the CDN from their bucket
RECOMMENDED_LIMIT = 30

try:
    _FRANCE = ZoneInfo("Europe/Paris")
except ZoneInfoNotFoundError:  # a runtime without the time zone database: dates read in UTC
    _FRANCE = ZoneInfo("UTC")

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


# --- the framework -------------------------------------------------------------------------------


def framework() -> out.Framework:
    """The référentiel for the site: domains, competences, tubes and the 8 level descriptors."""
    release = get_release()
    return out.Framework(
        version=release.version,
        levels=[out.LevelDescriptorOut(level=d.level, stage=d.stage, descriptor=d.descriptor) for d in release.levels],
        domains=[
            out.DomainOut(
                code=domain.code,
                title=domain.title,
                competences=[_competence_out(release, release.competences[code]) for code in domain.competences],
            )
            for domain in release.domains
        ],
    )


def _competence_out(release: Release, competence: Competence) -> out.CompetenceOut:
    return out.CompetenceOut(
        code=competence.code,
        title=competence.title,
        description=competence.description,
        themes=list(competence.themes),
        tubes=[
            out.TubeOut(name=t.name, title=t.title, description=t.description, theme=t.theme)
            for t in release.tubes_of(competence.code)
        ],
    )


# --- the profile ----------------------------------------------------------------------------------


def profile(user_id: str) -> out.Profile:
    """The learner's 16 competences with pix and level, and the total out of 1024."""
    records = {r.competence: r for r in _competence_records(user_id)}
    competences = [_competence_profile(code, records.get(code)) for code in get_release().competences]
    return out.Profile(
        total_pix=scoring.profile_pix({c.code: c.pix for c in competences}),
        max_pix=scoring.MAX_PROFILE_PIX,
        max_reachable_level=get_settings().max_reachable_level,
        competences=competences,
    )


def _competence_profile(code: str, record: CompetenceRecord | None) -> out.CompetenceProfile:
    bank = get_bank()
    competence = get_release().competences[code]
    knowledge = _knowledge(record, code)
    pix, level = assessment.competence_score(bank, knowledge, get_settings().max_reachable_level)
    improve = knowledge_rules.improve_opens_at(knowledge)
    reset = knowledge_rules.reset_opens_at(knowledge)
    return out.CompetenceProfile(
        code=code,
        title=competence.title,
        domain=competence.domain,
        pix=pix,
        level=level,
        progress=assessment.assessed_share(bank, knowledge),
        available=bool(bank.items_of(code)),
        evaluation=(record.status if record and record.status else "none"),
        improve_opens_at=improve.isoformat() if improve else None,
        reset_opens_at=reset.isoformat() if reset else None,
    )


# --- taking an evaluation --------------------------------------------------------------------------


def start_evaluation(user_id: str, code: str) -> out.AssessmentState:
    """Start the competence's evaluation, or come back to the one in progress where it was left."""
    _competence(code)
    record = _get(user_id, code)
    if record is not None and record.status == STARTED:
        return _state(record, resumed=True)
    if record is not None and record.status == COMPLETED:
        opens_at = knowledge_rules.improve_opens_at(_knowledge(record, code))
        raise Conflict(
            "EVALUATION_COMPLETED",
            "Vous avez terminé l'évaluation de cette compétence."
            + (f" Vous pourrez la retenter à partir du {_french_date(opens_at)}." if opens_at else ""),
        )
    return _begin(user_id, code, record, _knowledge(record, code))


def _not_in_progress(user_id: str, code: str) -> tuple[CompetenceRecord | None, CompetenceKnowledge]:
    """The learner's record and knowledge of a competence, refused while an evaluation of it runs."""
    _competence(code)
    record = _get(user_id, code)
    if record is not None and record.status == STARTED:
        raise Conflict("EVALUATION_IN_PROGRESS", "Terminez d'abord l'évaluation en cours de cette compétence.")
    return record, _knowledge(record, code)


def retry_competence(user_id: str, code: str) -> out.AssessmentState:
    """Retry a competence to improve it, 4 days after the last answer; old failures are forgotten."""
    record, knowledge = _not_in_progress(user_id, code)
    try:
        improved = knowledge_rules.for_improvement(knowledge, clock.now())
    except knowledge_rules.RuleNotOpen as closed:
        message, meta = _not_open("retenter", closed.opens_at)
        raise Conflict("RETRY_NOT_OPEN", message, meta=meta) from None
    return _begin(user_id, code, record, improved)


def reset_competence(user_id: str, code: str) -> out.CompetenceProfile:
    """Clear a competence, 7 days after the last answer: the learner starts it again from zero."""
    record, knowledge = _not_in_progress(user_id, code)
    try:
        cleared = knowledge_rules.reset(knowledge, clock.now())
    except knowledge_rules.RuleNotOpen as closed:
        message, meta = _not_open("remettre à zéro", closed.opens_at)
        raise Conflict("RESET_NOT_OPEN", message, meta=meta) from None
    assert record is not None  # a knowledge with answers has a record
    expected = record.version
    record.knowledge = assessment.dump_knowledge(cleared)
    _clear_assessment(record)
    _put_record(record, expected, new=False)
    return _competence_profile(code, record)


def answer_challenge(user_id: str, code: str, request: out.AnswerRequest) -> out.AnswerOutcome:
    """Check, record and learn from an answer, then choose what comes next; all in one write.

    The same answer sent twice (a double click, a retried request) is recorded once and both get the
    same outcome: the second finds its challenge already answered and replays the first's outcome.
    """
    _competence(code)
    if _owner(request.assessment_id) != user_id:
        raise Forbidden("NOT_YOUR_ASSESSMENT", "Cette évaluation ne vous appartient pas.")
    record = _get(user_id, code)
    if record is None or record.assessment_id != request.assessment_id:
        raise Conflict(
            "EVALUATION_NOT_CURRENT", "Cette évaluation n'est plus en cours : rechargez la page pour continuer."
        )
    if _already_answered(record, request.challenge_id):
        return _outcome(record)
    if record.status == COMPLETED:
        raise Conflict("EVALUATION_COMPLETED", "Cette évaluation est terminée : consultez vos résultats.")
    if record.served_challenge != request.challenge_id:
        raise Conflict(
            "NOT_THE_CURRENT_CHALLENGE",
            "Cette question n'est pas celle en cours : rechargez la page pour retrouver votre question.",
        )
    challenge = get_release().challenges[request.challenge_id]
    now = clock.now()
    served_at = record.served_at or now
    try:
        result = assessment.answer_result(
            challenge, request.answer, skipped=request.skipped, served_at=served_at, now=now
        )
    except AnswerShapeError as error:
        raise Invalid("INVALID_ANSWER", str(error)) from None

    answers = _answers(record) + [(challenge.id, result.value)]
    knowledge = knowledge_rules.apply_answer(
        _knowledge(record, code), challenge.tube, challenge.level, get_bank().tube_levels(challenge.tube),
        result.value, now,
    )
    answer = AnswerRecord(
        user_id,
        answer_key(code, record.assessment_id, len(answers)),
        assessment_id=record.assessment_id,
        challenge_id=challenge.id,
        result=result.value,
        value=None if request.skipped else json.dumps(request.answer, ensure_ascii=False),
        focused_out=int(request.focused_out),
        time_spent_ms=max(0, int((now - served_at).total_seconds() * 1000)),
        answered_at=now,
    )
    expected = record.version
    record.knowledge = assessment.dump_knowledge(knowledge)
    record.answers = json.dumps(answers, separators=(",", ":"))
    _serve(record, code, _prior(record, knowledge), answers, now)
    record.version = expected + 1
    try:
        with transaction() as tx:
            tx.save(answer, condition=AnswerRecord.sk.does_not_exist())
            tx.save(record, condition=CompetenceRecord.version == expected)
    except TransactWriteError as error:
        if error.cause_response_code != "TransactionCanceledException":
            raise
        fresh = _get(user_id, code)
        if fresh is not None and fresh.assessment_id == request.assessment_id and _already_answered(
            fresh, request.challenge_id
        ):
            return _outcome(fresh)
        raise _concurrent_change() from None
    return _outcome(record)


def results(user_id: str, code: str) -> out.Results:
    """The competence's last evaluation: level, pix gained, every answer with the right one."""
    _competence(code)
    record = _get(user_id, code, consistent=False)
    if record is None or record.assessment_id is None:
        raise NotFound("NOT_FOUND", "Vous n'avez pas encore évalué cette compétence.")
    release = get_release()
    summary = _summary(record)
    answers = []
    for number, item in enumerate(
        AnswerRecord.query(user_id, AnswerRecord.sk.startswith(answers_prefix(code, record.assessment_id))), 1
    ):
        review = _review(release.challenges[item.challenge_id], item.result)
        answers.append(
            out.ResultAnswer(
                **review.model_dump(),
                number=number,
                value=json.loads(item.value) if item.value else None,
                answered_at=item.answered_at.isoformat(),
            )
        )
    return out.Results(
        assessment_id=record.assessment_id,
        competence=code,
        status=record.status or COMPLETED,
        level=summary.level,
        pix=summary.pix,
        pix_gained=summary.pix_gained,
        answers=answers,
    )


def report_problem(user_id: str, code: str, request: out.ProblemReportRequest) -> out.ReportReceived:
    """Keep a learner's report on a challenge for the content team."""
    _competence(code)
    challenge = get_release().challenges.get(request.challenge_id)
    if challenge is None or challenge.competence != code:
        raise NotFound("NOT_FOUND", "Cette question n'existe pas dans cette compétence.")
    now = clock.now()
    report = ProblemReport(
        challenge.id,
        f"{now.isoformat(timespec='seconds')}#{secrets.token_hex(4)}",
        competence=code,
        category=request.category,
        comment=request.comment or None,
        user_id=user_id,
        reported_at=now,
    )
    report.save()
    return out.ReportReceived(
        report_id=report.report_id,
        message="Merci, votre signalement a été transmis à l'équipe qui rédige les questions.",
    )


# --- tutorials ---------------------------------------------------------------------------------------


def recommended_tutorials(user_id: str) -> out.Tutorials:
    """Tutorials of the skills the learner failed, most recent competences' order, without repeats."""
    release = get_release()
    saved = _saved_ids(user_id)
    seen: set[str] = set()
    tutorials = []
    for record in _competence_records(user_id):
        for skill in assessment.failed_skills(_knowledge(record, record.competence)):
            if skill not in release.skills:
                continue
            for tutorial in release.tutorials_of(skill):
                if tutorial.id not in seen:
                    seen.add(tutorial.id)
                    tutorials.append(_tutorial_out(tutorial.id, saved))
    return out.Tutorials(tutorials=tutorials[:RECOMMENDED_LIMIT])


def saved_tutorials(user_id: str) -> out.Tutorials:
    saved = _saved_ids(user_id)
    known = get_release().tutorials
    return out.Tutorials(tutorials=[_tutorial_out(tid, saved) for tid in sorted(saved) if tid in known])


def saved_tutorial(user_id: str, tutorial_id: str) -> out.TutorialOut:
    _tutorial(tutorial_id)
    try:
        SavedTutorial.get(user_id, tutorial_key(tutorial_id))
    except SavedTutorial.DoesNotExist:
        raise NotFound("NOT_FOUND", "Vous n'avez pas enregistré ce tutoriel.") from None
    return _tutorial_out(tutorial_id, {tutorial_id})


def save_tutorial(user_id: str, tutorial_id: str) -> out.TutorialOut:
    """Put a tutorial aside; saving it again changes nothing."""
    _tutorial(tutorial_id)
    SavedTutorial(user_id, tutorial_key(tutorial_id), tutorial_id=tutorial_id, saved_at=clock.now()).save()
    return _tutorial_out(tutorial_id, {tutorial_id})


def unsave_tutorial(user_id: str, tutorial_id: str) -> None:
    _tutorial(tutorial_id)
    SavedTutorial(user_id, tutorial_key(tutorial_id)).delete()


# --- the assessment's state --------------------------------------------------------------------------


def _begin(
    user_id: str, code: str, record: CompetenceRecord | None, knowledge: CompetenceKnowledge
) -> out.AssessmentState:
    """A new assessment starting from `knowledge`, with its first challenge served."""
    if not get_bank().items_of(code):
        raise Conflict("COMPETENCE_NOT_AVAILABLE", "Cette compétence n'a pas encore de questions : revenez bientôt.")
    new = record is None
    if record is None:
        record = CompetenceRecord(user_id, competence_key(code), competence=code, version=0)
    expected = record.version
    now = clock.now()
    record.knowledge = assessment.dump_knowledge(knowledge)
    record.assessment_id = f"{user_id}.{secrets.token_hex(6)}"
    record.status = STARTED
    record.started_at = now
    record.completed_at = None
    record.answers = "[]"
    _serve(record, code, knowledge, [], now)
    record.version = expected + 1
    try:
        _put_record(record, expected, new=new)
    except Conflict:
        fresh = _get(user_id, code)  # another tab started it a moment ago: join that one
        if fresh is not None and fresh.status == STARTED:
            return _state(fresh, resumed=True)
        raise
    return _state(record, resumed=False)


def _serve(
    record: CompetenceRecord, code: str, prior: CompetenceKnowledge, answers: list[assessment.Answer], now: datetime
) -> None:
    """Serve the engine's next challenge, or complete the assessment when there is none.

    The seed is the assessment's (the engine mixes in the answer count): a replayed request meets the same
    choice, and draws made once per assessment (the share of the bank it may see) stay the same all test long.
    """
    next_id = selection.next_challenge(
        get_bank(), code, [selection.Answer(*a) for a in answers], prior, seed=record.assessment_id
    )
    record.served_challenge = next_id
    record.served_at = now if next_id else None
    if next_id is None:
        record.status = COMPLETED
        record.completed_at = now


def _clear_assessment(record: CompetenceRecord) -> None:
    record.assessment_id = None
    record.status = None
    record.started_at = None
    record.completed_at = None
    record.answers = "[]"
    record.served_challenge = None
    record.served_at = None
    record.version = record.version + 1


def _put_record(record: CompetenceRecord, expected: int, *, new: bool) -> None:
    condition = CompetenceRecord.sk.does_not_exist() if new else CompetenceRecord.version == expected
    try:
        record.save(condition=condition)
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise _concurrent_change() from None
        raise


def _state(record: CompetenceRecord, *, resumed: bool) -> out.AssessmentState:
    answers = _answers(record)
    completed = record.status == COMPLETED
    served = record.served_challenge
    return out.AssessmentState(
        assessment_id=record.assessment_id,
        competence=record.competence,
        status=record.status,
        resumed=resumed,
        challenge=_challenge_view(get_release().challenges[served]) if served else None,
        progress=out.Progress(
            answered=len(answers), estimated_remaining=assessment.estimated_remaining(len(answers), completed)
        ),
        results=_summary(record) if completed else None,
    )


def _outcome(record: CompetenceRecord) -> out.AnswerOutcome:
    """What the learner sees after an answer, from the state it left: the same on a replay."""
    answers = _answers(record)
    review = assessment.checkpoint(answers, record.status == COMPLETED)
    release = get_release()
    return out.AnswerOutcome(
        result=answers[-1][1],
        checkpoint=(
            out.Checkpoint(answers=[_review(release.challenges[cid], result) for cid, result in review])
            if review
            else None
        ),
        assessment=_state(record, resumed=False),
    )


def _summary(record: CompetenceRecord) -> out.ResultSummary:
    max_level = get_settings().max_reachable_level
    knowledge = _knowledge(record, record.competence)
    pix, level = assessment.competence_score(get_bank(), knowledge, max_level)
    prior_pix, _ = assessment.competence_score(get_bank(), _prior(record, knowledge), max_level)
    return out.ResultSummary(level=level, pix=pix, pix_gained=max(0, pix - prior_pix))


def _review(challenge: Challenge, result: str) -> out.ReviewedAnswer:
    correct = result == AnswerStatus.OK
    release = get_release()
    return out.ReviewedAnswer(
        challenge=_challenge_view(challenge),
        result=result,
        correct=correct,
        right_answer=solution_for_learner(challenge),
        tutorials=[] if correct else [_tutorial_out(t.id, set()) for t in release.tutorials_of(challenge.skill)],
    )


def _challenge_view(challenge: Challenge) -> out.ChallengeView:
    view = challenge_for_learner(challenge)
    illustration = view["illustration"]
    return out.ChallengeView(
        id=view["id"],
        type=view["type"],
        instruction=view["instruction"],
        choices=view.get("choices"),
        fields=view.get("fields"),
        attachments=[out.FileView(name=name, url=_file_url(name)) for name in view["attachments"]],
        illustration=out.IllustrationView(url=_file_url(illustration["file"]), alt=illustration["alt"])
        if illustration
        else None,
        timer=view["timer"],
        focused=view["focused"],
        locale=view["locale"],
    )


def _file_url(name: str) -> str:
    return FILES_PATH + quote(name)


def _tutorial_out(tutorial_id: str, saved: set[str]) -> out.TutorialOut:
    t = get_release().tutorials[tutorial_id]
    return out.TutorialOut(
        id=t.id, title=t.title, url=t.url, source=t.source, format=t.format, duration=t.duration,
        saved=t.id in saved,
    )


# --- small helpers ------------------------------------------------------------------------------------


def _competence(code: str) -> Competence:
    competence = get_release().competences.get(code)
    if competence is None:
        raise NotFound("NOT_FOUND", f"La compétence « {code} » n'existe pas.")
    return competence


def _tutorial(tutorial_id: str) -> None:
    if tutorial_id not in get_release().tutorials:
        raise NotFound("NOT_FOUND", "Ce tutoriel n'existe pas.")


def _get(user_id: str, code: str, *, consistent: bool = True) -> CompetenceRecord | None:
    try:
        return CompetenceRecord.get(user_id, competence_key(code), consistent_read=consistent)
    except CompetenceRecord.DoesNotExist:
        return None


def _competence_records(user_id: str) -> list[CompetenceRecord]:
    return list(CompetenceRecord.query(user_id, CompetenceRecord.sk.startswith(competence_key(""))))


def _saved_ids(user_id: str) -> set[str]:
    return {t.tutorial_id for t in SavedTutorial.query(user_id, SavedTutorial.sk.startswith(tutorial_key("")))}


def _knowledge(record: CompetenceRecord | None, code: str) -> CompetenceKnowledge:
    if record is None or not record.knowledge:
        return knowledge_rules.empty(code)
    return assessment.load_knowledge(record.knowledge)


def _prior(record: CompetenceRecord, knowledge: CompetenceKnowledge) -> CompetenceKnowledge:
    """What the learner knew when the record's assessment began (`knowledge`: the record's, parsed)."""
    return assessment.prior_knowledge(knowledge, record.started_at) if record.started_at else knowledge


def _answers(record: CompetenceRecord) -> list[assessment.Answer]:
    return [(cid, result) for cid, result in json.loads(record.answers or "[]")]


def _already_answered(record: CompetenceRecord, challenge_id: str) -> bool:
    """Whether `challenge_id` is the assessment's last answer, and not served again."""
    answers = _answers(record)
    return bool(answers) and answers[-1][0] == challenge_id and record.served_challenge != challenge_id


def _owner(assessment_id: str) -> str:
    return assessment_id.rpartition(".")[0]


def _concurrent_change() -> Conflict:
    return Conflict(
        "CONCURRENT_UPDATE", "Votre évaluation a changé dans un autre onglet : rechargez la page pour continuer."
    )


def _not_open(action: str, opens_at: datetime | None) -> tuple[str, dict[str, str]]:
    """The message and meta of a rule not open yet (retry, reset)."""
    if opens_at is None:
        return f"Vous n'avez encore rien à {action} : commencez par évaluer cette compétence.", {}
    return (
        f"Vous pourrez {action} cette compétence à partir du {_french_date(opens_at)}.",
        {"opens_at": opens_at.isoformat()},
    )


def _french_date(at: datetime) -> str:
    local = at.astimezone(_FRANCE)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} à {local.hour} h {local.minute:02d}"
