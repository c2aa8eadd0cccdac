"""Participation use cases: the learner finds a campaign by its code, starts (the credits part consumes a
credit on a first start in the organisation), follows the test, shares; the organisation lists
participants, reads a result, the activity, collective results and analysis, deletes a participation.

The rules are in `participations.py` and `campaign_results.py`; campaigns, profiles, the test and the
learner's names come through `participation_sources`; storage through `store/participations.py`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from chalicelib import clock
from chalicelib.content.api import get_release
from chalicelib.errors import Conflict, NotFound
from chalicelib.observability import logger
from chalicelib.orga import activity as activity_rules
from chalicelib.orga import participations as rules
from chalicelib.orga import results
from chalicelib.orga import schemas_participations as out
from chalicelib.orga import sources_default as sources
from chalicelib.orga.participation_sources import CampaignView
from chalicelib.orga.participations import Participation, Snapshot
from chalicelib.orga.store import participations as store
from chalicelib.orga.target_profiles import Badge, TargetProfile
from chalicelib.pagination import decode_cursor, encode_cursor, page_size

PROGRESS_STEP = 0.05  # the stored progress (the organisation's list) is written when it moved this much


def _not_found() -> NotFound:
    return NotFound("CAMPAIGN_NOT_FOUND", "Aucune campagne ne correspond à ce code.")


def _campaign_by_code(code: str) -> CampaignView:
    campaign = sources.current().campaign_by_code(code.strip().upper())
    if campaign is None or campaign.facts.deleted:
        raise _not_found()
    return campaign


def campaign_profile(campaign: CampaignView) -> TargetProfile | None:
    """An assessment's target profile (None for a profiles collection)."""
    return _profile(campaign)


def _profile(campaign: CampaignView) -> TargetProfile | None:
    if campaign.facts.type != rules.ASSESSMENT or campaign.target_profile_id is None:
        return None
    return sources.current().profile(campaign.target_profile_id)


_shapes: dict[tuple[str, int, str], results.ProfileShape] = {}


def shape_of(profile: TargetProfile) -> results.ProfileShape:
    """The profile's shape against the release, once per profile version and release per container."""
    release = get_release()
    key = (profile.id, profile.version, release.checksum)
    if key not in _shapes:
        _shapes[key] = results.ProfileShape.of(profile, release)
    return _shapes[key]


def profile_skills(profile: TargetProfile) -> frozenset[str]:
    return frozenset(shape_of(profile).tube_of_skill)


def _facts(campaign: CampaignView, profile: TargetProfile | None) -> rules.CampaignFacts:
    return replace(campaign.facts, resettable=bool(profile and profile.resettable))


def landing(campaign: CampaignView) -> out.Landing:
    facts = campaign.facts
    return out.Landing(code=campaign.code, type=facts.type,  # type: ignore[arg-type]
                       organization_name=campaign.organization_name, title=campaign.title,
                       landing_text=campaign.landing_text, external_id_label=facts.external_id_label,
                       external_id_type=facts.external_id_type,  # type: ignore[arg-type]
                       multiple_sendings=facts.multiple_sendings)


def find_campaign(code: str) -> out.Landing:
    campaign = _campaign_by_code(code)
    if campaign.facts.archived:
        raise Conflict("CAMPAIGN_ARCHIVED", "Cette campagne est archivée : elle n'accepte plus de participation.")
    return landing(campaign)


# --- the learner's side ---------------------------------------------------------------------------


def _latest(user_id: str, campaign_id: str) -> Participation | None:
    kept = [p for p in _settled(store.current().sendings(user_id, campaign_id)) if p.deleted_at is None]
    return kept[-1] if kept else None


def start(user_id: str, code: str, external_id: str | None, reset: bool = False) -> out.MyParticipation:
    campaign = _campaign_by_code(code)
    src = sources.current()
    profile = _profile(campaign)
    if campaign.facts.type == rules.ASSESSMENT and profile is None:
        raise _not_found()
    sendings = store.current().sendings(user_id, campaign.campaign_id)
    previous = sendings[-1] if sendings else None
    learner = src.learner(user_id, campaign.organization_id)
    now = clock.now()
    decision = rules.decide_start(_facts(campaign, profile), previous, external_id, now,
                                  reconciled=learner.reconciled, reset=reset)
    new = Participation(
        participation_id=rules.participation_id(user_id, decision.sending, campaign.campaign_id),
        campaign_id=campaign.campaign_id, organization_id=campaign.organization_id, user_id=user_id,
        sending=decision.sending, status=rules.STARTED, created_at=now, first_name=learner.first_name,
        last_name=learner.last_name, external_id=decision.external_id, reset=decision.reset,
        learner_id=learner.learner_id, division=learner.division, group=learner.group,
        student_number=learner.student_number, credit_pending=True)
    if not campaign.facts.has_participations:
        # Before the write: a campaign is never left editable with a participation (only the first starts
        # write it; a start refused afterwards leaves multiple sendings fixed a little early, nothing worse).
        src.mark_participated(campaign.campaign_id)
    _write_start(new, decision.replaces)
    settle_credit(new)  # once written: a refused start consumes nothing; a failure here stays pending
    if profile is not None:
        src.start_test(user_id, new.participation_id, profile_skills(profile), rules.retry_of(new))
    return my_participation(user_id, code)


def settle_credit(p: Participation) -> bool:
    """Count a written start in the organisation's credits, then clear its pending mark. Idempotent: the
    credits part keeps one cover per person, consumed as of the start's date, so a retry after a lost answer
    finds it and consumes nothing more. On failure the participation stays pending (nothing lost) and the
    next read tries again: the learner's (their campaign page, sharing, their campaigns) or the
    organisation's activity, which reads every participation. False when it is still pending."""
    if not p.credit_pending:
        return True
    try:
        sources.current().consume_credit(p.organization_id, p.user_id, p.created_at)
        store.current().credit_settled(p)
    except Exception as error:  # any failure (storage, network): the start stands, the credit is counted later
        logger.warning("Credit of a start left pending",
                       extra={"campaign_id": p.campaign_id, "error": type(error).__name__})
        return False
    return True


def _settled(found: Iterable[Participation]) -> Iterator[Participation]:
    for p in found:
        if p.credit_pending and settle_credit(p):
            p = replace(p, credit_pending=False)
        yield p


def _write_start(new: Participation, replaces: Participation | None) -> None:
    """One conditional transaction: a refused condition is a double start (the participation exists) or a
    previous sending no longer shared; both are refused as in progress."""
    try:
        store.current().start(new, replaces)
    except store.StaleWrite:
        raise _in_progress() from None


def _in_progress() -> Conflict:
    return Conflict("PARTICIPATION_IN_PROGRESS", "Vous avez déjà commencé ce parcours : reprenez-le.")


def _snapshot_now(campaign: CampaignView, profile: TargetProfile | None, p: Participation) -> Snapshot:
    src = sources.current()
    if profile is None:
        now = src.profile_now(p.user_id)
        return rules.collection_snapshot(now.levels, now.pix_by_competence)
    validated, tested = src.outcome(p.user_id, p.participation_id)
    release = get_release()
    found = results.participant_result(profile, release, validated, tested, shape=shape_of(profile))
    pix = round(sum(release.skills[s].pix_value for s in found.validated_skills if s in release.skills))
    return Snapshot(
        mastery_rate=found.mastery_rate, pix=pix, validated_skills=tuple(sorted(found.validated_skills)),
        validated_by_competence={c.code: c.validated for c in found.competences if c.validated},
        tested_by_competence={c.code: c.tested for c in found.competences if c.tested},
        stage=found.stage.number if found.stage else None, badges=tuple(b.id for b in found.badges))


def _finished_and_progress(campaign: CampaignView, profile: TargetProfile | None,
                           p: Participation) -> tuple[bool, float]:
    if p.shared:
        return True, 1.0
    if profile is None:
        return True, 1.0  # a profiles collection has no test: it is ready to send
    src = sources.current()
    state = src.test_state(p.user_id, p.participation_id)
    if state is None:  # the test was not started (a failure right after the participation was written)
        src.start_test(p.user_id, p.participation_id, profile_skills(profile), rules.retry_of(p))
        state = src.test_state(p.user_id, p.participation_id)
    finished = bool(state and state.finished)
    progress = 1.0 if finished else (state.progress if state else 0.0)
    if abs(progress - p.progress) >= PROGRESS_STEP or (finished and p.progress < 1):
        store.current().set_progress(p, progress)
    return finished, progress


def my_participation(user_id: str, code: str) -> out.MyParticipation:
    campaign = _campaign_by_code(code)
    profile = _profile(campaign)
    facts = _facts(campaign, profile)
    p = _latest(user_id, campaign.campaign_id)
    base: dict[str, Any] = {"campaign": landing(campaign), "result_text": campaign.result_text,
            "result_button_text": campaign.result_button_text, "result_button_url": campaign.result_button_url}
    if p is None:
        return out.MyParticipation(**base, participation_id=None, status="NONE", finished=False, progress=0.0,
                                   sending=None, external_id_needed=bool(facts.external_id_label), shared_at=None,
                                   result=None, can_improve=False, can_reset=False)
    finished, progress = _finished_and_progress(campaign, profile, p)
    result = None
    if finished:
        snapshot = p.snapshot if p.snapshot is not None else _snapshot_now(campaign, profile, p)
        result = present_result(campaign, profile, snapshot)
    now = clock.now()
    return out.MyParticipation(
        **base, participation_id=p.participation_id, status=p.status, finished=finished,  # type: ignore[arg-type]
        progress=progress, sending=p.sending, external_id_needed=False,
        shared_at=p.shared_at.isoformat() if p.shared_at else None, result=result,
        can_improve=rules.can_improve(facts, p), can_reset=rules.can_reset(facts, p, now))


def my_participation_by_id(user_id: str, participation_id: str) -> out.MyParticipation:
    """The learner's state in the campaign of one of their participations (the test page links here)."""
    parsed = rules.parse_participation_id(participation_id)
    campaign = sources.current().campaign(parsed[2]) if parsed is not None and parsed[0] == user_id else None
    if campaign is None or campaign.facts.deleted:
        raise NotFound("PARTICIPATION_NOT_FOUND", "Cette participation n'existe pas.")
    return my_participation(user_id, campaign.code)


def share(user_id: str, participation_id: str) -> out.MyParticipation:
    parsed = rules.parse_participation_id(participation_id)
    if parsed is None or parsed[0] != user_id:
        raise NotFound("PARTICIPATION_NOT_FOUND", "Cette participation n'existe pas.")
    _, sending, campaign_id = parsed
    p = store.current().get(user_id, campaign_id, sending)
    campaign = sources.current().campaign(campaign_id)
    if p is None or campaign is None:
        raise NotFound("PARTICIPATION_NOT_FOUND", "Cette participation n'existe pas.")
    profile = _profile(campaign)
    finished, _progress = _finished_and_progress(campaign, profile, p) if not p.shared else (True, 1.0)
    rules.check_share(p, finished=finished)
    snapshot = _snapshot_now(campaign, profile, p)
    try:
        store.current().share(rules.shared(p, snapshot, clock.now()))
    except store.StaleWrite:
        raise Conflict("PARTICIPATION_ALREADY_SHARED", "Vous avez déjà envoyé ces résultats.") from None
    return my_participation(user_id, campaign.code)


def my_campaigns(user_id: str) -> out.MyCampaigns:
    latest: dict[str, Participation] = {}
    for p in _settled(store.current().of_user(user_id)):
        if p.deleted_at is None and (p.campaign_id not in latest or p.sending > latest[p.campaign_id].sending):
            latest[p.campaign_id] = p
    found = []
    for p in sorted(latest.values(), key=lambda q: q.created_at, reverse=True):
        campaign = sources.current().campaign(p.campaign_id)
        if campaign is None or campaign.facts.deleted:
            continue
        found.append(out.MyCampaign(
            code=campaign.code, title=campaign.title or campaign.name, organization_name=campaign.organization_name,
            type=campaign.facts.type, status=p.status, progress=p.progress,  # type: ignore[arg-type]
            started_at=p.created_at.isoformat(), shared_at=p.shared_at.isoformat() if p.shared_at else None,
            mastery_rate=p.snapshot.mastery_rate if p.snapshot else None))
    return out.MyCampaigns(campaigns=found)


# --- presenting a result --------------------------------------------------------------------------


def present_result(campaign: CampaignView, profile: TargetProfile | None, snapshot: Snapshot) -> out.ResultOut:
    release = get_release()
    titles = {code: c.title for code, c in release.competences.items()}
    if profile is None:
        lines = [out.CompetenceLine(competence=code, title=titles[code], skills=0, tested=0, validated=0,
                                    mastery_rate=0.0, level=int(snapshot.levels.get(code, 0)),
                                    pix=int(snapshot.pix_by_competence.get(code, 0)))
                 for code in release.competences]
        return out.ResultOut(mastery_rate=snapshot.mastery_rate, pix=snapshot.pix, stage=None, badges=[],
                             competences=lines, certifiable=snapshot.certifiable,
                             certifiable_competences=sum(1 for v in snapshot.levels.values() if v >= 1))
    shape = shape_of(profile)
    in_profile = {code: sum(len(t.skills) for t in shape.tubes if t.competence == code)
                  for code, _ in shape.competences}
    lines = [out.CompetenceLine(
        competence=code, title=title, skills=in_profile[code],
        tested=int(snapshot.tested_by_competence.get(code, 0)),
        validated=int(snapshot.validated_by_competence.get(code, 0)),
        mastery_rate=results.rate(int(snapshot.validated_by_competence.get(code, 0)), in_profile[code]),
        level=None, pix=None)
        for code, title in shape.competences]
    stage = None
    stages = sorted(profile.stages, key=lambda s: s.threshold)
    if stages and snapshot.stage is not None:
        reached = min(snapshot.stage, len(stages) - 1)
        stage = out.StageOut(reached=reached, total=len(stages) - 1, title=stages[reached].title,
                             message=stages[reached].message)
    acquired = set(snapshot.badges)
    return out.ResultOut(mastery_rate=snapshot.mastery_rate, pix=snapshot.pix, stage=stage,
                         badges=[badge_out(b) for b in profile.badges if b.id in acquired],
                         competences=lines, certifiable=None, certifiable_competences=None)


def badge_out(badge: Badge) -> out.BadgeOut:
    return out.BadgeOut(id=badge.id, title=badge.title, message=badge.message, image_url=badge.image_url)


# --- the organisation's side ----------------------------------------------------------------------


def campaign_of(organization_id: str, campaign_id: str) -> CampaignView:
    """The organisation's campaign; another organisation's is not found (never its data)."""
    campaign = sources.current().campaign(campaign_id)
    if campaign is None or campaign.organization_id != organization_id or campaign.facts.deleted:
        raise NotFound("CAMPAIGN_NOT_FOUND", "Cette campagne n'existe pas.")
    return campaign


def _listed(campaign_id: str) -> Iterator[Participation]:
    """Each person's latest sending, not deleted."""
    for p in store.current().of_campaign(campaign_id):
        if p.deleted_at is None and not p.improved:
            yield p


def participant_out(p: Participation) -> out.ParticipantOut:
    snap = p.snapshot
    return out.ParticipantOut(
        participation_id=p.participation_id, first_name=p.first_name, last_name=p.last_name, division=p.division,
        group=p.group, external_id=p.external_id, status=p.status, progress=p.progress,  # type: ignore[arg-type]
        sending=p.sending, started_at=p.created_at.isoformat(),
        shared_at=p.shared_at.isoformat() if p.shared_at else None,
        mastery_rate=snap.mastery_rate if snap else None, stage=snap.stage if snap else None,
        badges=list(snap.badges) if snap else [])


_folded = store.folded


def _matches(p: Participation, query: dict[str, str]) -> bool:
    if (division := query.get("division")) and p.division != division:
        return False
    if (group := query.get("group")) and p.group != group:
        return False
    if (stage := query.get("stage")) and (p.snapshot is None or str(p.snapshot.stage) != stage):
        return False
    if (badge := query.get("badge")) and (p.snapshot is None or badge not in p.snapshot.badges):
        return False
    if search := query.get("search", "").strip():
        name = _folded(f"{p.first_name} {p.last_name} {p.last_name} {p.first_name}")
        if not all(word in name for word in _folded(search).split()):
            return False
    return True


FILTERS = ("division", "group", "stage", "badge", "search")


def participants(organization_id: str, campaign_id: str, query: dict[str, str]) -> out.ParticipantsPage:
    """The participants (latest sending each), filtered, sorted by name, a page at a time: a keyed read of the
    name index (store.by_name), never the whole campaign. The cursor is the last name key read, bound to these
    filters; a filtered page stops after a read budget (it may then hold fewer rows, and a cursor). The first
    page counts the participants: the unfiltered list's by a COUNT of the index, a filtered one when it read
    the whole campaign; else no count. The filters' classes and groups are the organisation's list's."""
    campaign = campaign_of(organization_id, campaign_id)
    profile = _profile(campaign)
    size = page_size(query)
    filters = "\0".join(query.get(name, "") for name in FILTERS)
    filtered = any(query.get(name, "").strip() for name in FILTERS)
    scope = f"participants:{campaign_id}:{hashlib.sha256(filters.encode()).hexdigest()[:16]}"
    start = decode_cursor(query.get("cursor"), scope=scope)
    after = str(start["after"]) if start and isinstance(start.get("after"), str) else None
    budget = store.READ_BUDGET if filtered else size
    rows: list[Participation] = []
    last: str | None = None
    more = False
    for read, (key, p) in enumerate(store.current().by_name(campaign_id, after, size)):
        if len(rows) == size or read == budget:
            more = True  # one row beyond: there is a next page
            break
        last = key
        if _matches(p, query):
            rows.append(p)
    divisions, groups = sources.current().divisions_and_groups(organization_id) if start is None else ([], [])
    total = None
    if start is None:  # a filtered first page that read everything knows its count
        total = store.current().count_listed(campaign_id) if not filtered else None if more else len(rows)
    return out.ParticipantsPage(
        participants=[participant_out(p) for p in rows], total=total,
        next_cursor=encode_cursor({"after": last}, scope=scope) if more and last is not None else None,
        stages=[s.title for s in sorted(profile.stages, key=lambda s: s.threshold)] if profile else [],
        badges=[badge_out(b) for b in (profile.badges if profile else ())],
        divisions=divisions, groups=groups)


def _participation_in(campaign: CampaignView, participation_id: str) -> Participation:
    parsed = rules.parse_participation_id(participation_id)
    p = None
    if parsed is not None and parsed[2] == campaign.campaign_id:
        p = store.current().get(parsed[0], parsed[2], parsed[1])
    if p is None or p.deleted_at is not None:
        raise NotFound("PARTICIPATION_NOT_FOUND", "Cette participation n'existe pas.")
    return p


def participant_result(organization_id: str, campaign_id: str, participation_id: str) -> out.ParticipantResult:
    campaign = campaign_of(organization_id, campaign_id)
    p = _participation_in(campaign, participation_id)
    result = present_result(campaign, _profile(campaign), p.snapshot) if p.snapshot is not None else None
    return out.ParticipantResult(participant=participant_out(p), result=result)


def delete_participation(organization_id: str, campaign_id: str, participation_id: str) -> None:
    campaign = campaign_of(organization_id, campaign_id)
    p = _participation_in(campaign, participation_id)
    store.current().delete(p, clock.now())


def activity(organization_id: str, campaign_id: str) -> out.ActivityOut:
    campaign_of(organization_id, campaign_id)
    found = activity_rules.activity(_settled(store.current().of_campaign(campaign_id)))
    days = sorted(set(found.started_by_day) | set(found.shared_by_day))
    return out.ActivityOut(
        participants=found.participants, started=found.by_status.get(rules.STARTED, 0),
        shared=found.by_status.get(rules.SHARED, 0),
        by_day=[out.DayCount(day=d, started=found.started_by_day.get(d, 0), shared=found.shared_by_day.get(d, 0))
                for d in days],
        sendings={str(k): v for k, v in sorted(found.sendings.items())})


def _collective(organization_id: str, campaign_id: str) -> results.CollectiveResult:
    campaign = campaign_of(organization_id, campaign_id)
    profile = _profile(campaign)
    if profile is None:
        raise Conflict("CAMPAIGN_HAS_NO_PROFILE", "Une collecte de profils n'a pas de résultats par acquis.")
    running = results.Collective(shape_of(profile))
    for p in _listed(campaign_id):
        if p.counted and p.snapshot is not None:
            running.add(p.snapshot.validated_skills)
    return running.result()


def _tube_out(t: results.CollectiveTube) -> out.TubeResultOut:
    return out.TubeResultOut(tube=t.tube_id, title=t.title, competence=t.competence, skills=t.total,
                             max_level=t.max_level, mean_reached_level=round(t.mean_reached_level, 2),
                             mastery_rate=round(t.mastery_rate, 4))


def collective_results(organization_id: str, campaign_id: str) -> out.CollectiveOut:
    found = _collective(organization_id, campaign_id)
    return out.CollectiveOut(
        shared=found.participants, mastery_rate=round(found.mastery_rate, 4),
        competences=[out.CompetenceResultOut(
            competence=c.code, title=c.title, skills=c.total, mastery_rate=round(c.mastery_rate, 4),
            mean_reached_level=round(c.mean_reached_level, 2), max_level=c.max_level,
            tubes=[_tube_out(t) for t in c.tubes]) for c in found.competences])


def analysis(organization_id: str, campaign_id: str) -> out.AnalysisOut:
    found = _collective(organization_id, campaign_id)
    return out.AnalysisOut(shared=found.participants, tubes=[
        out.TubeAnalysisOut(**_tube_out(r.tube).model_dump(), need=r.score, priority=r.priority,
                            tutorials=[out.TutorialOut(title=t.title, url=t.url, source=t.source, format=t.format,
                                                       duration=t.duration) for t in r.tutorials])
        for r in results.analysis(found, get_release())])
