"""Campaigns at scale and the campaign test's quality (issue 11, "Measured: python -m bench.campaigns").

    python -m bench.campaigns [--participants N] [--export-to PATH] [--learners N] [--seed S] [--skip-quality]

Scale part (`scale`): N synthetic participants (default 2,000) start an assessment campaign, answer through the
evaluation room's service and share (4 in 5) against moto in-process; then the organisation's activity,
first participants page, collective results and analysis, and the assessment export to a file. It prints
p50/p95 and DynamoDB reads, writes and capacity units per start, answer and share, the results and analysis
times, and the export's time, rows per second and peak Python memory (tracemalloc).

Quality part (this module today; the request and export parts come next to it): how many challenges our
engine needs to settle a learner's mastery of a 30-skill target profile, against Pix's smart random on the
same learners. The profile is built from real tubes of the content release (its first tubes in 5
competences, capped at level 4); the learners are the measurement benchmark's (BENCH_MEASUREMENT.md,
Track C: g ~ U(0.5, 6.5), θ_c = g + N(0, 0.8), θ_ct = θ_c + N(0, 0.4)) on a twin of the release: its
tubes, levels and challenges, with the benchmark's generative truth (tube shift, thresholds, 2PL with
guessing) and the benchmark's calibration noise for what the methods see. Responses are drawn once per
learner and challenge, shared by both methods (common random numbers).

The mastery rate is the share of the profile's 30 skills mastered: the truth (tube ability at or above
the skill's threshold) against each method's estimate after k answers (a test that ended carries its
last estimate): the validated share (what Pix shows: skills validated, directly or by inference, over 30)
for both, and our engine's expected share (validated skills, plus each open skill's mastery probability).
Same arguments, same table.
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

os.environ.setdefault("JWT_SECRET", "bench-secret-with-enough-length-for-hs256")  # settings read by the bank

from bench import synthetic  # noqa: E402
from bench.baselines.smart_random import _CompetenceTest  # noqa: E402
from chalicelib.content.release import get_release  # noqa: E402
from chalicelib.engine import knowledge as knowledge_rules  # noqa: E402
from chalicelib.engine import targeting  # noqa: E402
from chalicelib.engine.bank import Bank, Item, Skill  # noqa: E402
from chalicelib.engine.selection import Answer  # noqa: E402
from chalicelib.evaluation.bank import bank_from_release  # noqa: E402

CHECKPOINTS = (5, 10, 15, 20)
BUDGET = 60  # answers at most, per learner and method (our engine's own maximum is larger)
PROFILE_SIZE = 30
PROFILE_COMPETENCES = ("1.1", "2.2", "3.1", "4.1", "5.2")
PROFILE_CAP = 4
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


@dataclass(frozen=True)
class QualityConfig:
    learners: int = 300
    seed: int = 2024
    tube_scatter: float = 0.4
    calibration_noise: float = 0.25


# --- the bank, the profile, the learners -------------------------------------------------------------


def release_twin(seed: int, calibration_noise: float) -> synthetic.SyntheticBank:
    """The release's tubes, levels and challenges with the benchmark's generative truth (BENCH_MEASUREMENT.md,
    "Synthetic bank"), and the noisy calibrations methods see."""
    release_bank = bank_from_release(get_release(), synthetic.MAX_LEVEL)
    rng = np.random.default_rng([seed, 11])
    tubes = sorted({(s.competence, s.tube) for s in release_bank.skills.values()})
    tube_index = {tube: k for k, (_, tube) in enumerate(tubes)}
    shift = {tube: rng.normal(0.0, 0.25) for _, tube in tubes}
    skills = sorted(release_bank.skills.values(), key=lambda s: (s.competence, s.tube, s.level))
    threshold = {s.name: s.level - 0.5 + shift[s.tube] for s in skills}
    items = sorted(release_bank.items.values(), key=lambda i: i.challenge_id)
    b = np.array([threshold[i.skill] + rng.normal(0.0, 0.3) for i in items])
    a = np.clip(rng.lognormal(np.log(1.5), 0.3, len(items)), 0.5, 3.5)
    c = np.where(rng.random(len(items)) < 0.3, 0.2, 0.0)
    calibration = np.random.default_rng([seed, 12])
    a_hat = a * np.exp(calibration.normal(0.0, 0.2 * calibration_noise / 0.25, len(items)))
    b_hat = b + calibration.normal(0.0, calibration_noise, len(items))
    per_level: dict[tuple[str, int], int] = defaultdict(int)
    for s in skills:
        per_level[(s.competence, s.level)] += 1
    pix = [min(4.0, 8.0 / per_level[(s.competence, s.level)]) for s in skills]
    view = synthetic.BankView(
        synthetic.COMPETENCES,
        tuple(synthetic.SkillView(s.name, s.tube, s.competence, s.level, float(threshold[s.name]), p)
              for s, p in zip(skills, pix, strict=True)),
        tuple(synthetic.ItemView(i.challenge_id, i.skill, i.tube, i.competence, i.level, float(bh), float(ah), i.timed)
              for i, ah, bh in zip(items, a_hat, b_hat, strict=True)),
    )
    return synthetic.SyntheticBank(
        view=view,
        item_tube=np.array([tube_index[i.tube] for i in items]),
        a=a,
        b=b,
        c=c,
        tube_competence=np.array([synthetic.COMPETENCES.index(competence) for competence, _ in tubes]),
        skill_tube=np.array([tube_index[s.tube] for s in skills]),
        skill_threshold=np.array([threshold[s.name] for s in skills]),
        skill_pix=np.array(pix),
        skill_competence=np.array([synthetic.COMPETENCES.index(s.competence) for s in skills]),
    )


def target_profile(view: synthetic.BankView, size: int = PROFILE_SIZE) -> tuple[str, ...]:
    """A target profile from real tubes: the tubes of PROFILE_COMPETENCES in turn (the first of each, then
    the second…), each capped at PROFILE_CAP, until `size` skills (the last tube cut short if need be)."""
    with_items = {i.skill for i in view.items}
    tubes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s in sorted(view.skills, key=lambda s: (s.competence, s.tube, s.level)):
        if s.competence in PROFILE_COMPETENCES and s.level <= PROFILE_CAP and s.name in with_items:
            tubes[s.competence][s.tube].append(s.name)
    chosen: list[str] = []
    for rank in range(max(len(t) for t in tubes.values())):
        for competence in PROFILE_COMPETENCES:
            names = list(tubes[competence].values())
            if rank < len(names):
                chosen.extend(names[rank])
    return tuple(chosen[:size])


# --- the two methods: a test of the profile, and its estimates of the mastery rate ---------------------


class OurCampaign:
    """Our engine as the campaign test runs it (`engine.targeting`, knowledge by `apply_answer`)."""

    name = "ours"

    def __init__(self, view: synthetic.BankView, profile: tuple[str, ...]) -> None:
        self.bank = Bank(
            [Skill(s.tube, s.competence, s.level, s.threshold) for s in view.skills],
            [Item(i.challenge_id, i.skill, i.tube, i.competence, i.level, i.difficulty, i.discrimination, i.timed)
             for i in view.items],
            synthetic.MAX_LEVEL,
        )
        self.profile = frozenset(profile)
        self.competences = sorted({self.bank.skills[name].competence for name in profile})

    def start(self, seed: str) -> None:
        self.seed = seed
        self.answers: list[Answer] = []
        self.known = {code: knowledge_rules.empty(code) for code in self.competences}

    def next(self) -> str | None:
        return targeting.next_challenge(self.bank, self.profile, self.answers, self.known, seed=self.seed)

    def update(self, challenge_id: str, correct: bool) -> None:
        item = self.bank.items[challenge_id]
        result = "ok" if correct else "ko"
        self.answers.append(Answer(challenge_id, result))
        self.known[item.competence] = knowledge_rules.apply_answer(
            self.known[item.competence], item.tube, item.level, self.bank.tube_levels(item.tube), result, AT
        )

    def estimates(self) -> dict[str, float]:
        validated = sum(
            1 for name in self.profile
            if (e := self.known[(s := self.bank.skills[name]).competence].element(s.tube, s.level)) and e.validated
        )
        expected = targeting.expected_mastery(self.bank, self.profile, self.answers, self.known)
        return {"validated share": validated / len(self.profile), "expected share": expected}


class SmartRandomCampaign:
    """Pix's smart random over the target profile's skills, all competences as one test (BENCH_MEASUREMENT.md,
    "Smart random": one predicted level, easy tubes first, skills 2 levels above it dropped)."""

    name = "smart random"

    def __init__(self, view: synthetic.BankView, profile: tuple[str, ...]) -> None:
        wanted = set(profile)
        self.view = synthetic.BankView(
            ("profile",),
            tuple(synthetic.SkillView(s.name, s.tube, "profile", s.level, s.threshold, s.pix)
                  for s in view.skills if s.name in wanted),
            tuple(synthetic.ItemView(i.challenge_id, i.skill, i.tube, "profile", i.level, i.difficulty,
                                     i.discrimination, i.timed) for i in view.items if i.skill in wanted),
        )
        self.skill_of = {i.challenge_id: i.skill for i in self.view.items}
        self.size = len(wanted)

    def start(self, seed: str) -> None:
        self.test = _CompetenceTest(self.view, "profile", random.Random(seed))

    def next(self) -> str | None:
        return self.test.next()

    def update(self, challenge_id: str, correct: bool) -> None:
        self.test.update(self.skill_of[challenge_id], challenge_id, correct)

    def estimates(self) -> dict[str, float]:
        return {"validated share": sum(self.test.knowledge.values()) / self.size}


# --- the quality table ---------------------------------------------------------------------------------


def quality(config: QualityConfig) -> dict:
    """Both methods on the same learners: {"profile", "truth", "methods": {row name: {"mae": {k: MAE},
    "length": [natural lengths], "final_mae", "ms_mean"}}}."""
    twin = release_twin(config.seed, config.calibration_noise)
    profile = target_profile(twin.view)
    learners = synthetic.track_c_learners(twin, config.learners, config.tube_scatter, config.seed)
    skill_index = {s.name: k for k, s in enumerate(twin.view.skills)}
    columns = [skill_index[name] for name in profile]
    mastered = learners.tube_theta[:, twin.skill_tube[columns]] >= twin.skill_threshold[columns]
    truth = mastered.mean(axis=1)
    item_index = {item.challenge_id: k for k, item in enumerate(twin.view.items)}
    rows: dict[str, dict] = {}
    for method in (SmartRandomCampaign(twin.view, profile), OurCampaign(twin.view, profile)):
        curves: dict[str, np.ndarray] = {}
        lengths = []
        spent = []
        for row in range(config.learners):
            method.start(f"bench.{config.seed}.{row}")
            found = [method.estimates()]
            for _ in range(BUDGET):
                began = time.thread_time()
                challenge = method.next()
                if challenge is None:
                    break
                method.update(challenge, bool(learners.correct[row, item_index[challenge]]))
                spent.append(time.thread_time() - began)
                found.append(method.estimates())
            lengths.append(len(found) - 1)
            for key in found[0]:
                curve = curves.setdefault(key, np.zeros((config.learners, BUDGET + 1)))
                values = [estimate[key] for estimate in found]
                curve[row, : len(values)] = values
                curve[row, len(values):] = values[-1]
        for key, curve in curves.items():
            error = np.abs(curve - truth[:, None])
            rows[f"{method.name}, {key}"] = {
                "mae": {k: float(error[:, k].mean()) for k in CHECKPOINTS},
                "curve": [float(value) for value in error.mean(axis=0)],
                "final_mae": float(error[:, -1].mean()),
                "length": lengths,
                "ms_mean": 1000.0 * float(np.mean(spent)) if spent else 0.0,
            }
    return {"profile": profile, "truth_mean": float(truth.mean()), "learners": config.learners, "methods": rows}


def quality_table(result: dict) -> str:
    """The markdown table: mastery-rate MAE at 5, 10, 15, 20 answers and at the end, natural length, and the
    fewest answers at which each reaches smart random's final MAE."""
    target = result["methods"][f"{SmartRandomCampaign.name}, validated share"]["final_mae"]
    header = ["method, estimate", *(f"MAE@{k}" for k in CHECKPOINTS), "MAE end", "len mean", "len p90", "len max",
              f"k to {target:.3f}", "ms/decision"]
    lines = [
        f"### Mastery of a {len(result['profile'])}-skill target profile ({result['learners']} learners, "
        f"true mastery rate {result['truth_mean']:.2f} on average)",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name, found in result["methods"].items():
        lengths = np.array(found["length"])
        cells = [name, *(f"{found['mae'][k]:.3f}" for k in CHECKPOINTS), f"{found['final_mae']:.3f}",
                 f"{lengths.mean():.1f}", f"{np.percentile(lengths, 90):.0f}", f"{lengths.max()}",
                 _first_below(found["curve"], target), f"{found['ms_mean']:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"k to {target:.3f}: the fewest answers after which the MAE reaches smart random's at its end.")
    lines.append("Profile: " + ", ".join(result["profile"]))
    return "\n".join(lines)


# --- scale: participants through the services on moto, results, analysis and the export ------------------


@dataclass(frozen=True)
class ScaleConfig:
    participants: int = 2000
    seed: int = 2024
    export_to: str | None = None


def _scale_profile():  # -> TargetProfile (imported late: the quality part needs no Orga module)
    from chalicelib.orga.target_profiles import Badge, BadgeCriterion, CappedTube, Stage, TargetProfile

    release = get_release()
    tubes = []
    for code in PROFILE_COMPETENCES:
        for tube in release.tubes_of(code)[:2]:
            if any(s.level <= PROFILE_CAP for s in release.skills_of_tube(tube.name)):
                tubes.append(CappedTube(tube.name, PROFILE_CAP))
    stages = (Stage(0, "Départ", "Premiers pas"), Stage(30, "Bronze", "Bien"), Stage(60, "Argent", "Très bien"),
              Stage(85, "Or", "Excellent"))
    badges = (Badge("bench-b1", "BENCH_EXPERT", "Expert", "Bravo", None, False, (BadgeCriterion("campaign", 70),)),)
    return TargetProfile("bench-tp", "Banc d'essai", "COMPETENCES", "", None, tuple(tubes), "mastery", stages, badges,
                         True, frozenset(), False, False, None, AT)


def _bench_sources(profile):  # -> a Sources: one campaign and its profile; the test is the real runner
    from chalicelib.orga import participations as rules
    from chalicelib.orga.participation_sources import CampaignView, Learner
    from chalicelib.orga.sources_default import DefaultSources

    view = CampaignView(
        facts=rules.CampaignFacts(campaign_id="bench-campaign", organization_id="bench-org", type=rules.ASSESSMENT,
                                  external_id_label="Matricule", external_id_type="TEXT"),
        code="BENCHA123", name="Banc d'essai", organization_name="Organisation du banc", organization_type="SUP",
        title="Banc d'essai", target_profile_id=profile.id)

    class BenchSources(DefaultSources):
        def campaign(self, campaign_id):
            return view if campaign_id == view.campaign_id else None

        def campaign_by_code(self, code):
            return view if code == view.code else None

        def mark_participated(self, campaign_id):
            return None

        def profile(self, profile_id):
            return profile if profile_id == profile.id else None

        def learner(self, user_id, organization_id):
            return Learner(first_name=f"Prénom{user_id[-4:]}", last_name=f"Nom{user_id[-4:]}", reconciled=True,
                           group=f"G{int(user_id[-4:]) % 7}", student_number=user_id[-4:])

    return BenchSources(), view


def scale(config: ScaleConfig) -> dict:
    """N synthetic participants start, answer (through the evaluation room's service) and share on moto; then the
    organisation's activity, results, analysis and the export. DynamoDB calls are counted per step."""
    import tempfile
    import tracemalloc

    import pynamodb.connection.base as pynamodb_base
    from botocore.session import get_session

    from bench.requests import Meter, in_process_moto

    os.environ.update({"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
                       "AWS_DEFAULT_REGION": "eu-west-3", "AWS_REGION": "eu-west-3", "TABLE_PREFIX": "pix-bench",
                       "POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING"})
    os.environ.pop("AWS_ENDPOINT_URL", None)
    meter = Meter()

    def metered_session():
        session = get_session()
        session.register("before-parameter-build.dynamodb", meter.before_parameter_build)
        session.register("after-call.dynamodb", meter.after_call)
        return session

    pynamodb_base.get_session = metered_session
    rng = random.Random(config.seed)
    with in_process_moto():
        from chalicelib.content.api import answer_for_display
        from chalicelib.engine.checking import right_answer
        from chalicelib.evaluation import service_campaign
        from chalicelib.evaluation.schemas import AnswerRequest
        from chalicelib.orga import export_job, service_participations, sources_default
        from local import resources

        resources.create_all()
        release = get_release()
        profile = _scale_profile()
        bench_sources, view = _bench_sources(profile)
        previous = sources_default.use(bench_sources)
        answers = 0
        started = time.perf_counter()
        try:
            for n in range(config.participants):
                user = f"bench-user-{n:05d}"
                ability = rng.uniform(0.5, 5.5)
                state = meter.measure("start", lambda u=user, n=n: service_participations.start(
                    u, view.code, f"M-{n:05d}"))
                pid = state.participation_id
                assessment = service_campaign.find(user, pid)
                while assessment is not None and assessment.status == "started" and assessment.challenge:
                    challenge = release.challenges[assessment.challenge.id]
                    knows = challenge.level <= ability + rng.gauss(0, 0.7)
                    body = AnswerRequest(assessment_id=assessment.assessment_id, challenge_id=challenge.id,
                                         answer=answer_for_display(challenge, assessment.assessment_id,
                                                                   right_answer(challenge.solution))
                                         if knows else None, skipped=not knows)
                    outcome = meter.measure("answer", lambda u=user, p=pid, b=body: service_campaign.answer(u, p, b))
                    assessment = outcome.assessment
                    answers += 1
                if n % 5 != 4:  # four in five share
                    meter.measure("share", lambda u=user, p=pid: service_participations.share(u, p))
                if (n + 1) % 100 == 0 or n + 1 == config.participants:
                    print(f"  {n + 1:,}/{config.participants:,} participants, {answers:,} answers "
                          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
            org, campaign = view.organization_id, view.campaign_id
            meter.measure("activity", lambda: service_participations.activity(org, campaign))
            meter.measure("participants (first page)", lambda: service_participations.participants(org, campaign, {}))
            meter.measure("collective results", lambda: service_participations.collective_results(org, campaign))
            meter.measure("analysis", lambda: service_participations.analysis(org, campaign))
            target = config.export_to or tempfile.mkstemp(suffix=".csv")[1]
            tracemalloc.start()
            began = time.perf_counter()
            with open(target, "wb") as out:
                meter.current = "export"
                rows = export_job.write(view, profile, out)
                meter.current = None
            export_seconds = time.perf_counter() - began
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            size = os.path.getsize(target)
            if not config.export_to:
                os.remove(target)
        finally:
            sources_default.use(previous)
    return {"participants": config.participants, "answers": answers, "costs": meter.costs, "rows": rows,
            "export_seconds": export_seconds, "export_peak": peak, "export_bytes": size,
            "export_to": config.export_to, "profile_skills": len(profile.skill_names(get_release()))}


def _national_participations(profile, rows: int, seed: int) -> list:  # -> list[Participation], shared
    from chalicelib.orga.participations import Participation, assessment_snapshot, participation_id

    skills = {s: get_release().skills[s].competence for s in profile.skill_names(get_release())}
    names = sorted(skills)
    rng = random.Random(seed)
    made = []
    for n in range(rows):
        validated = rng.sample(names, rng.randint(0, len(names)))
        snapshot = assessment_snapshot(skills, validated, names, pix=len(validated) * 4, stage=rng.randint(0, 3),
                                       badges=("bench-b1",) if len(validated) > 25 else ())
        made.append(Participation(participation_id(f"user-{n}", 1, "c-export"), "c-export", "o-export", f"user-{n}",
                                  1, "SHARED", AT, first_name="Prénom", last_name=f"Nom{n}", external_id=f"M{n}",
                                  shared_at=AT, progress=1.0, division="3e B", snapshot=snapshot))
    return made


def results_throughput(rows: int, seed: int = 2024) -> dict:
    """The collective results' own work at national scale, without moto: `rows` shared participations as
    DynamoDB returns them (raw items), decoded as the store's bulk read does and summed (`results.Collective`),
    as the results and analysis pages do on each view."""
    from chalicelib.orga import results
    from chalicelib.orga.service_participations import shape_of
    from chalicelib.orga.store import participations as participation_store

    profile = _scale_profile()
    raw = [participation_store._record(p).serialize() for p in _national_participations(profile, rows, seed)]
    began = time.perf_counter()
    running = results.Collective(shape_of(profile))
    for item in raw:
        p = participation_store._domain_item(item)
        if p.snapshot is not None:
            running.add(p.snapshot.validated_skills)
    found = running.result()
    return {"rows": rows, "seconds": time.perf_counter() - began, "shared": found.participants}


def export_throughput(rows: int, seed: int = 2024) -> dict:
    """The export's own work at national scale, without moto: `rows` shared participations (snapshots as the
    store returns them) turned into lines and written to a temporary file, with tracemalloc's peak."""
    import tempfile
    import tracemalloc

    from chalicelib.orga import export_job, exports
    from chalicelib.orga.participation_sources import CampaignView
    from chalicelib.orga.participations import CampaignFacts

    profile = _scale_profile()
    view = CampaignView(facts=CampaignFacts("c-export", "o-export", "ASSESSMENT", external_id_label="Matricule"),
                        code="EXPORT123", name="Export national", organization_name="Organisation",
                        organization_type="SCO", target_profile_id=profile.id)
    header = export_job.header(view, profile)
    badge_titles = {b.id: b.title for b in profile.badges}
    made = _national_participations(profile, rows, seed)  # built before the clock starts: the export's work only

    def run(some: list) -> int:
        with tempfile.TemporaryFile() as out:
            for line in exports.lines(header, (export_job.row(p, badge_titles) for p in some)):
                out.write(line.encode("utf-8"))
            return out.tell()

    began = time.perf_counter()
    size = run(made)
    seconds = time.perf_counter() - began
    tracemalloc.start()  # the peak on a tenth of the rows (tracemalloc slows everything): it must not grow
    run(made[: max(1, rows // 10)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"rows": rows, "seconds": seconds, "bytes": size, "peak": peak}


def scale_table(result: dict) -> str:
    costs = result["costs"]
    lines = [f"Participants: {result['participants']} (4 in 5 share), answers: {result['answers']}, "
             f"target profile: {result['profile_skills']} skills", "",
             "| step | calls | p50 ms | p95 ms | reads/call | writes/call | RCU/call | WCU/call |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in ("start", "answer", "share", "activity", "participants (first page)", "collective results",
                 "analysis"):
        cost = costs.get(name)
        if cost is None or not cost.calls:
            continue
        ms = np.array(cost.ms)
        lines.append(f"| {name} | {cost.calls} | {np.percentile(ms, 50):.1f} | {np.percentile(ms, 95):.1f} | "
                     f"{cost.reads / cost.calls:.2f} | {cost.writes / cost.calls:.2f} | "
                     f"{cost.rcu / cost.calls:.2f} | {cost.wcu / cost.calls:.2f} |")
    export = costs.get("export")
    rate = result["rows"] / result["export_seconds"] if result["export_seconds"] else 0.0
    lines += ["", f"Export: {result['rows']} rows, {result['export_bytes'] / 1024:.0f} kB in "
              f"{result['export_seconds']:.2f} s ({rate:,.0f} rows/s), peak Python memory "
              f"{result['export_peak'] / 1024 / 1024:.1f} MB, {export.reads if export else 0} queries "
              f"({export.rcu if export else 0:.0f} RCU)" + (f", kept at {result['export_to']}" if result["export_to"]
                                                           else "")]
    national = result.get("national")
    if national:
        lines.append(f"Export's own work for {national['rows']:,} participations (no DynamoDB): "
                     f"{national['seconds']:.1f} s ({national['rows'] / national['seconds']:,.0f} rows/s), "
                     f"{national['bytes'] / 1024 / 1024:.0f} MB, "
                     f"peak Python memory {national['peak'] / 1024 / 1024:.1f} MB "
                     f"while writing {max(1, national['rows'] // 10):,} rows (it stays flat: rows are streamed)")
    summed = result.get("national_results")
    if summed:
        lines.append(f"Collective results' own work for {summed['rows']:,} shared participations (no DynamoDB): "
                     f"{summed['seconds']:.1f} s to decode the items and sum them "
                     f"({summed['rows'] / summed['seconds']:,.0f} participations/s)")
    return "\n".join(lines)


def _first_below(curve: list[float], target: float) -> str:
    """The fewest answers after which the MAE is at most `target` ("—" if never within the budget)."""
    return next((str(k) for k, value in enumerate(curve) if k and value <= target + 1e-12), "—")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.campaigns", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=QualityConfig.learners,
                        help="synthetic learners for the quality table")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--participants", type=int, default=ScaleConfig.participants,
                        help="synthetic participants for the scale table (0: skip it)")
    parser.add_argument("--export-to", default=None, help="keep the assessment export at this path")
    parser.add_argument("--national-rows", type=int, default=20_000,
                        help="participations for the export's and the results' own work (no DynamoDB)")
    parser.add_argument("--skip-quality", action="store_true", help="only the scale table")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    if args.participants:
        result = scale(ScaleConfig(participants=args.participants, seed=args.seed, export_to=args.export_to))
        result["national"] = export_throughput(args.national_rows, args.seed)
        result["national_results"] = results_throughput(args.national_rows, args.seed)
        print(scale_table(result))
        print()
    if not args.skip_quality:
        print(quality_table(quality(QualityConfig(learners=args.learners, seed=args.seed))))
    print(f"\n(run time {time.perf_counter() - began:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()
