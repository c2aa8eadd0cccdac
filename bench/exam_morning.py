"""One exam morning on the local stack: S sessions of 20 candidates enter, are authorised and take their whole v2
certification while each invigilator polls the live list.

    python -m bench.exam_morning [--sessions S] [--seed N]

The real app (Chalice's test client) on moto in-process, metered as `bench.requests` does (DynamoDB requests
and capacity units from item sizes, attributed to the endpoint being called). Time is virtual and compressed:
candidates arrive within the first 30 (virtual) seconds, think 3 to 12 s per challenge, poll their waiting page
every 2 s; invigilators poll every 5 s and authorise whoever waits. One candidate in ten loses their page once
and resumes (a new entry and a new authorisation), one answer in fifty is sent twice (a double click). Profiles
are given, not taken (each candidate is eligible, with 5 to 16 competences at levels 1 to 5: the courses are
15 to 48 challenges), so that the morning, not the positioning, is measured.

Prints: candidates, answers, the answer request's p50/p95/p99 (moto in-process: they rank, they do not predict
AWS), the authorisation latency (the invigilator's click → the candidate's start, in virtual seconds: the
waiting page's poll interval decides it), DynamoDB reads and writes per answer and per invigilator poll, errors,
and the check that every answer of every candidate was recorded exactly once, in order.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bench.requests import Cost, Meter, in_process_moto  # sets the bench's environment (moto, table prefix) on import

# A morning takes many minutes of wall time here: the tokens must outlive it (pages refresh theirs in real life).
os.environ["ACCESS_TOKEN_MINUTES"] = "600"

CANDIDATES_PER_SESSION = 20
ARRIVAL_S = 30.0
THINK_S = (3.0, 12.0)
CANDIDATE_POLL_S = 2.0
INVIGILATOR_POLL_S = 5.0
DISCONNECT_RATE = 0.10
DOUBLE_SEND_RATE = 0.02


@dataclass
class Candidate:
    session: int
    index: int
    token: str = ""
    course_id: str = ""
    entry: str = ""
    running: dict | None = None
    accepted: list[str] = field(default_factory=list)  # challenge ids whose answer the app accepted
    drop_at: int | None = None  # the answer after which the page is lost (once)
    clicked_at: float | None = None
    done: bool = False


@dataclass
class Morning:
    candidates: list[Candidate]
    meter: Meter
    latencies: list[float]
    errors: list[str]
    sessions: list[dict]
    polls: int
    answers: int
    replays: int
    resumes: int
    wall_s: float


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))] if ordered else 0.0


def run(session_count: int, seed: int) -> Morning:  # noqa: PLR0915  (one timeline, read top to bottom)
    import pynamodb.connection.base as pynamodb_base
    from argon2 import PasswordHasher
    from botocore.session import get_session

    meter = Meter()

    def metered_session():  # type: ignore[no-untyped-def]
        session = get_session()
        session.register("before-parameter-build.dynamodb", meter.before_parameter_build)
        session.register("after-call.dynamodb", meter.after_call)
        return session

    pynamodb_base.get_session = metered_session
    rng = random.Random(seed)
    with in_process_moto():
        from chalice.test import Client

        from app import app
        from chalicelib import clock
        from chalicelib.accounts import passwords
        from chalicelib.certif import candidates as certif_candidates
        from chalicelib.certif import service_centres, service_exam, service_sessions, sessions
        from chalicelib.certif.store import exam as exam_store
        from chalicelib.content.api import answer_for_display, get_release
        from chalicelib.engine.checking import right_answer
        from chalicelib.evaluation.api import PositionedCompetence
        from local import resources

        fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
        passwords._hasher = fast  # set-up only: accounts and sessions are not what is measured
        sessions._hasher = fast
        passwords.dummy_hash.cache_clear()
        resources.create_all()
        release = get_release()
        codes = list(release.competences)
        start = datetime.now(UTC).replace(microsecond=0)
        virtual = [0.0]
        clock.now = lambda: start + timedelta(seconds=virtual[0])  # type: ignore[assignment]

        profiles: dict[str, list[PositionedCompetence]] = {}

        def positioned(user_id: str) -> tuple[list[PositionedCompetence], frozenset[str]]:
            return profiles[user_id], frozenset()

        service_exam.evaluation.positioned_profile = positioned  # type: ignore[assignment]

        def profile_of(r: random.Random) -> list[PositionedCompetence]:
            chosen = r.sample(codes, r.randint(5, 16))
            out = []
            for code in chosen:
                level = r.randint(1, 5)
                skills = frozenset(s.name for s in release.skills_of_competence(code)
                                   if s.level <= level and release.challenges_of(s.name))
                out.append(PositionedCompetence(code, level, 8 * level, skills))
            return out

        errors: list[str] = []
        with Client(app) as client:

            def call(endpoint: str, method: str, path: str, body: object = None, token: str | None = None,
                     expect: tuple[int, ...] = (200, 201)) -> dict:
                headers = {"Content-Type": "application/json"}
                if token:
                    headers["Authorization"] = f"Bearer {token}"
                payload = json.dumps(body) if body is not None else None
                response = meter.measure(
                    endpoint, lambda: getattr(client.http, method.lower())(path, headers=headers, body=payload))
                data = json.loads(response.body) if response.body else {}
                if response.status_code not in expect:
                    errors.append(f"{endpoint}: {response.status_code} {data.get('error', {}).get('code')}")
                return data

            def sign_up(email: str) -> tuple[str, str]:
                body = {"first_name": "Banc", "last_name": "Examen", "email": email, "password": "Bonjour2026",
                        "cgu_accepted": True}
                response = client.http.post("/api/users", headers={"Content-Type": "application/json"},
                                            body=json.dumps(body))
                made = json.loads(response.body)
                return made["access_token"], made["user"]["id"]

            # --- set-up, not metered: a centre, its sessions, their candidates, the accounts
            centre = service_centres.create("Lycée du banc d'essai", "SCO", "bench")
            session_rows = []
            people: list[Candidate] = []
            for s in range(session_count):
                details = sessions.details("Lycée du banc d'essai", f"Salle {s + 1}", start.date(),
                                           start.time().replace(second=0), "Surveillant")
                created = service_sessions.create(centre.id, details)
                token, _ = sign_up(f"surveillant{s}@example.org")
                session_rows.append({"id": created.session.id, "code": created.session.access_code,
                                     "password": created.invigilator_password, "token": token, "open": True})
                enrolled = [certif_candidates.enrol(certif_candidates.new_candidate_id(), created.session.id,
                                                    certif_candidates.Input(
                                                        last_name=f"Candidat{s}", first_name=f"Numéro{i}", sex="F",
                                                        birth_date=datetime(2009, 1, 1 + i).date(),
                                                        birth_insee_code="69123"), clock.now(), billed=False)
                            for i in range(CANDIDATES_PER_SESSION)]
                from chalicelib.certif import store

                fresh = store.current().session(created.session.id)
                assert fresh is not None
                store.current().replace_candidates(fresh, [], enrolled)
                for i in range(CANDIDATES_PER_SESSION):
                    token, user_id = sign_up(f"candidat{s}.{i}@example.org")
                    profiles[user_id] = profile_of(rng)
                    person = Candidate(s, i, token)
                    if rng.random() < DISCONNECT_RATE:
                        person.drop_at = rng.randint(1, 14)
                    people.append(person)

            # --- the morning
            queue: list[tuple[float, int, str, int]] = []
            order = [0]

            def at(when: float, kind: str, who: int) -> None:
                order[0] += 1
                heapq.heappush(queue, (when, order[0], kind, who))

            for s in range(session_count):
                at(rng.uniform(0, INVIGILATOR_POLL_S), "supervise", s)
            for n, _person in enumerate(people):
                at(rng.uniform(0, ARRIVAL_S), "enter", n)
            by_course: dict[str, int] = {}
            clicks: dict[str, float] = {}
            latencies: list[float] = []
            polls = answers = replays = resumes = 0
            began = time.perf_counter()
            while queue:
                when, _, kind, who = heapq.heappop(queue)
                virtual[0] = when
                if kind == "supervise":
                    row = session_rows[who]
                    call("POST /api/certif/supervision", "POST", "/api/certif/supervision",
                         {"session_id": row["id"], "password": row["password"]}, row["token"])
                    at(when + INVIGILATOR_POLL_S, "poll", who)
                elif kind == "poll":
                    row = session_rows[who]
                    base = f"/api/certif/sessions/{row['id']}/supervision"
                    live = call("GET /api/certif/sessions/{id}/supervision (poll)", "GET", base, token=row["token"])
                    polls += 1
                    for line in live.get("candidates", []):
                        if line["status"] == "waiting":
                            call("POST …/candidates/{id}/authorise", "POST",
                                 f"{base}/candidates/{line['candidate_id']}/authorise", token=row["token"])
                            clicks[f"{row['id']}-{line['candidate_id']}"] = when
                    if any(c["status"] != "ended" for c in live.get("candidates", [])):
                        at(when + INVIGILATOR_POLL_S, "poll", who)
                elif kind == "enter":
                    person = people[who]
                    row = session_rows[person.session]
                    state = call("POST /api/certification/courses (join)", "POST", "/api/certification/courses",
                                 {"session_id": row["id"], "last_name": f"CANDIDAT{person.session}",
                                  "first_name": f"numero{person.index}",
                                  "birth_date": f"2009-01-{1 + person.index:02d}"}, person.token)
                    person.course_id = state.get("course_id", "")
                    by_course[person.course_id] = who
                    call("POST /api/certification/courses/{id}/entry", "POST",
                         f"/api/certification/courses/{person.course_id}/entry", {"access_code": row["code"]},
                         person.token)
                    at(when + CANDIDATE_POLL_S, "wait", who)
                elif kind == "wait":
                    person = people[who]
                    course = f"/api/certification/courses/{person.course_id}"
                    state = call("GET /api/certification/courses/{id} (waiting)", "GET", course, token=person.token)
                    if state.get("status") != "authorised":
                        at(when + CANDIDATE_POLL_S, "wait", who)
                        continue
                    running = call("POST /api/certification/courses/{id}/start", "POST", course + "/start",
                                   token=person.token)
                    latencies.append(when - clicks.pop(person.course_id, when))
                    person.running, person.entry = running, running.get("entry_id") or ""
                    at(when + rng.uniform(*THINK_S), "answer", who)
                elif kind == "answer":
                    person = people[who]
                    running = person.running
                    assert running is not None
                    if running["status"] == "completed" or running["challenge"] is None:
                        person.done = True
                        continue
                    challenge = release.challenges[running["challenge"]["id"]]
                    knows = rng.random() < 0.7
                    body: dict[str, object] = {"entry_id": person.entry, "challenge_id": challenge.id}
                    if knows:
                        body["answer"] = answer_for_display(challenge, person.course_id,
                                                            right_answer(challenge.solution))
                    else:
                        body["skipped"] = True
                    path = f"/api/certification/courses/{person.course_id}/answers"
                    outcome = call("POST /api/certification/courses/{id}/answers", "POST", path, body, person.token)
                    answers += 1
                    if rng.random() < DOUBLE_SEND_RATE:
                        again = call("POST /api/certification/courses/{id}/answers", "POST", path, body,
                                     person.token)
                        answers += 1
                        replays += 1
                        if again.get("number") != outcome.get("number"):
                            errors.append("a replayed answer got another outcome")
                    if "status" not in outcome:
                        person.done = True
                        continue
                    person.accepted.append(challenge.id)
                    person.running = outcome
                    if outcome["status"] == "completed":
                        person.done = True
                    elif person.drop_at is not None and len(person.accepted) == person.drop_at:
                        person.drop_at = None
                        resumes += 1
                        call("POST /api/certification/courses/{id}/entry", "POST",
                             f"/api/certification/courses/{person.course_id}/entry",
                             {"access_code": session_rows[person.session]["code"]}, person.token)
                        at(when + CANDIDATE_POLL_S, "wait", who)
                    else:
                        at(when + rng.uniform(*THINK_S), "answer", who)
            wall = time.perf_counter() - began

            # --- nothing lost: every accepted answer is stored once, in order, and every course is complete
            for person in people:
                session_id, candidate_id = person.course_id.split("-")
                stored = exam_store.current().answers(session_id, candidate_id)
                course = exam_store.current().course(session_id, candidate_id)
                planned = [p.challenge_id for p in course.planned] if course else []
                if [a.number for a in stored] != list(range(1, len(stored) + 1)):
                    errors.append(f"{person.course_id}: answer numbers {[a.number for a in stored]}")
                if [a.challenge_id for a in stored] != person.accepted or person.accepted != planned:
                    errors.append(f"{person.course_id}: stored {len(stored)}, accepted {len(person.accepted)}, "
                                  f"planned {len(planned)}")
                if course is None or not course.completed:
                    errors.append(f"{person.course_id}: not completed")
    return Morning(people, meter, latencies, errors, session_rows, polls, answers, replays, resumes, wall)


def _per(cost: Cost) -> tuple[float, float, float, float]:
    n = max(1, cost.calls)
    return cost.reads / n, cost.writes / n, cost.rcu / n, cost.wcu / n


def report(morning: Morning) -> str:
    costs = morning.meter.costs
    answer = costs["POST /api/certification/courses/{id}/answers"]
    poll = costs["GET /api/certif/sessions/{id}/supervision (poll)"]
    stored = sum(len(p.accepted) for p in morning.candidates)
    lines = [
        f"sessions {len(morning.sessions)} × {CANDIDATES_PER_SESSION} candidates = {len(morning.candidates)} "
        f"candidates; {morning.answers} answer requests ({morning.replays} sent twice), {stored} answers stored; "
        f"{morning.resumes} resumes after a lost page; {morning.polls} invigilator polls; "
        f"{morning.wall_s:.0f} s of wall time",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| answer request p50 / p95 / p99 (ms, moto in-process) | {_percentile(answer.ms, .5):.1f} / "
        f"{_percentile(answer.ms, .95):.1f} / {_percentile(answer.ms, .99):.1f} |",
        f"| authorisation latency p50 / p95 / max (virtual s: click → start) | "
        f"{_percentile(morning.latencies, .5):.1f} / {_percentile(morning.latencies, .95):.1f} / "
        f"{max(morning.latencies or [0]):.1f} |",
        "| DynamoDB per answer: reads / writes / RCU / WCU | {:.2f} / {:.2f} / {:.2f} / {:.2f} |".format(*_per(answer)),
        "| DynamoDB per invigilator poll: reads / writes / RCU / WCU | {:.2f} / {:.2f} / {:.2f} / {:.2f} |".format(
            *_per(poll)),
        f"| errors | {len(morning.errors)} |",
        f"| every answer recorded exactly once, in order | {'yes' if not morning.errors else 'NO'} |",
        "",
        "| endpoint | calls | reads | writes | RCU | WCU | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for endpoint, cost in costs.items():
        reads, writes, rcu, wcu = _per(cost)
        lines.append(f"| {endpoint} | {cost.calls} | {reads:.2f} | {writes:.2f} | {rcu:.2f} | {wcu:.2f} | "
                     f"{statistics.median(cost.ms):.1f} | {_percentile(cost.ms, .95):.1f} |")
    if morning.errors:
        lines += ["", "Errors (first 10):", *(f"- {e}" for e in morning.errors[:10])]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25, help="sessions of 20 candidates (default 25)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    morning = run(args.sessions, args.seed)
    from chalicelib.observability import metrics

    metrics.clear_metrics()
    print(report(morning))
    raise SystemExit(1 if morning.errors else 0)


if __name__ == "__main__":
    main()
