"""Load: N simulated learners take whole competence evaluations at once, through locust, headless.

    python -m bench.load [--learners 50] [--spawn-rate 10] [--think 1] [--sign-up]
    python -m bench.load --url http://127.0.0.1:8000 --moto-url http://127.0.0.1:5005   # a running stack

Without `--url` it starts its own local stack (`python -m local.stack`) on free ports and stops it at the end.
Each learner opens their profile, starts the evaluation of a competence that has challenges, answers each
challenge (right, wrong or skipped at random, with a payload of the challenge's type) until the end, then
reads the results and the profile. Accounts are created before the run, outside the measure (argon2 is not
what is measured); `--sign-up` puts the sign-up inside each learner's run instead.

Prints a table per route (count, p50/p95/p99 ms, errors), the peak memory of the stack's processes, then
checks that every answer the API acknowledged is stored exactly once in the learning table (read from moto):
nothing lost, nothing doubled. Exits 1 if it is not so.

Figures are the local stack's (moto, `chalice local`, two cores shared with the clients): they rank routes
and show what breaks first; they are not production throughput (docs/capacity.md).
"""

# locust monkey-patches the standard library with gevent when imported: it must come first.
from locust import FastHttpUser, task  # isort: skip
from locust.env import Environment  # isort: skip
from locust.exception import StopUser  # isort: skip

import argparse
import math
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import gevent
import psutil
from gevent.pool import Pool

from bench.ledger import Key, StoredOnce, answer_key, stored_once

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "build" / "load"
EVALUATION = "/api/competence-evaluations/{code}"
WORDS = ["ordinateur", "fichier", "réseau", "courriel", "42", "dossier", "image", "mot de passe", "oui", "non"]


# --- the learner ---------------------------------------------------------------------------------


@dataclass
class Account:
    user_id: str
    token: str


@dataclass
class Run:
    """What the learners share: accounts to take, acknowledged answers, per-route timings."""

    accounts: list[Account] = field(default_factory=list)
    sign_up: bool = False
    think: float = 1.0
    seed: int = 0
    acknowledged: list[Key] = field(default_factory=list)
    learners: list[str] = field(default_factory=list)
    finished: int = 0
    failed: list[str] = field(default_factory=list)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: dict[str, str] = field(default_factory=dict)


RUN = Run()


def release_challenges() -> dict:
    """Each challenge of the release this checkout built (empty if absent): its solution says the right answer."""
    try:
        from chalicelib.content.release import get_release
    except Exception:
        return {}
    return dict(get_release().challenges)


CHALLENGES: dict = {}


def build_answer(view: dict, rng: random.Random, right: bool) -> object:
    """A payload of the shape the challenge's type takes (engine/checking.py): right when asked and known,
    otherwise drawn from what the learner sees (so sometimes right by chance)."""
    from chalicelib.engine.checking import right_answer

    challenge = CHALLENGES.get(view["id"])
    if right and challenge is not None:
        return as_shown(challenge, view, right_answer(challenge.solution))
    if view["type"] == "QCU":
        return rng.randint(1, len(view["choices"]))
    if view["type"] == "QCM":
        count = len(view["choices"])
        return sorted(rng.sample(range(1, count + 1), rng.randint(1, count)))
    return {
        f["id"]: rng.choice(f["options"]) if f["options"] else str(rng.randint(0, 100)) if f["number"]
        else rng.choice(WORDS)
        for f in view["fields"]
    }


def as_shown(challenge, view: dict, answer: object) -> object:
    """A right answer in the content's indexes as positions in the order the page shows (the proposals are
    shuffled per assessment with the stack's secret, which this process does not know: found by their text)."""
    if view["type"] == "QCU":
        return view["choices"].index(challenge.choices[answer - 1]) + 1
    if view["type"] == "QCM":
        return sorted(view["choices"].index(challenge.choices[i - 1]) + 1 for i in answer)
    return answer  # field texts (a drop-down's option text) do not depend on the order


class Learner(FastHttpUser):
    """One learner, one whole evaluation, then stops."""

    network_timeout = connection_timeout = 120.0

    def _call(self, method: str, name: str, path: str, body: object = None, token: str | None = None,
              expected: tuple[int, ...] = ()) -> tuple[int, dict | None]:
        """(status, body): a status in `expected` is an answer the learner knows what to do with, not an error."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        with self.client.request(method, path, name=name, json=body, headers=headers,
                                 catch_response=True) as response:
            status = response.status_code
            if 200 <= status < 300 or status in expected:
                response.success()
            else:
                response.failure(f"{status} {(response.text or '')[:160]}")
            return status, (response.json() if 200 <= status < 300 and response.content else None)

    @task
    def take_an_evaluation(self) -> None:
        rng = random.Random(f"{RUN.seed}-{id(self)}")
        try:
            self._evaluation(rng)
        except Exception as error:  # a learner that breaks is counted, and does not start again
            RUN.failed.append(f"{type(error).__name__}: {error}")
        finally:
            RUN.finished += 1
        raise StopUser()

    def _think(self, rng: random.Random) -> None:
        if RUN.think:
            gevent.sleep(rng.uniform(0, 2 * RUN.think))

    def _evaluation(self, rng: random.Random) -> None:
        if RUN.sign_up:
            _, session = self._call("POST", "POST /api/users", "/api/users", sign_up_body(rng))
            if session is None:
                raise RuntimeError("sign-up refused")
            account = Account(session["user"]["id"], session["access_token"])
        else:
            account = RUN.accounts.pop()
        RUN.learners.append(account.user_id)
        token = account.token
        _, profile = self._call("GET", "GET /api/profile", "/api/profile", token=token)
        if profile is None:
            raise RuntimeError("profile unavailable")
        code = rng.choice([c["code"] for c in profile["competences"] if c["available"]])
        path = EVALUATION.format(code=code)
        _, state = self._call("POST", "POST " + EVALUATION, path, token=token)
        if state is None:
            raise RuntimeError("evaluation not started")
        ability, failures = rng.uniform(0.2, 0.9), 0
        while state["status"] == "started":
            self._think(rng)
            view = state["challenge"]
            body: dict = {"assessment_id": state["assessment_id"], "challenge_id": view["id"]}
            if rng.random() < 0.05:
                body["skipped"] = True
            else:
                body["answer"] = build_answer(view, rng, right=rng.random() < ability)
            _, outcome = self._call("POST", "POST " + EVALUATION + "/answers", path + "/answers", body, token)
            if outcome is not None:
                RUN.acknowledged.append((account.user_id, state["assessment_id"], view["id"]))
                state = outcome["assessment"]
                continue
            # Not acknowledged (an error, a time-out): the learner reloads the page and goes on from what the
            # server kept; 409 EVALUATION_COMPLETED when that answer was stored and was the last one.
            failures += 1
            if failures > 5:
                raise RuntimeError("answers keep failing")
            status, state = self._call("POST", "POST " + EVALUATION + " (reload)", path, token=token,
                                       expected=(409,))
            if status == 409:
                break
            if state is None:
                raise RuntimeError(f"evaluation lost ({status})")
        self._call("GET", "GET " + EVALUATION + "/results", path + "/results", token=token)
        self._call("GET", "GET /api/profile", "/api/profile", token=token)


def sign_up_body(rng: random.Random) -> dict:
    tag = uuid.UUID(int=rng.getrandbits(128)).hex[:12]
    return {"first_name": "Charge", "last_name": "Apprenant", "email": f"charge.{tag}@example.org",
            "password": f"Essai-de-charge-{tag}!", "cgu_accepted": True}


def record(request_type: str, name: str, response_time: float, response_length: int, exception=None,
           response=None, **_: object) -> None:
    RUN.timings[name].append(response_time)
    if exception is not None:
        RUN.errors[name] += 1
        status = getattr(response, "status_code", None)
        RUN.error_samples.setdefault(f"{name} {status}", str(exception)[:200])


# --- accounts, the stack, memory -----------------------------------------------------------------


def create_accounts(url: str, count: int, seed: int) -> list[Account]:
    """Sign up `count` learners through the API, before the measure (two at a time: argon2 is heavy)."""
    import requests

    rng = random.Random(seed)
    bodies = [sign_up_body(rng) for _ in range(count)]

    def one(body: dict) -> Account:
        response = requests.post(f"{url}/api/users", json=body, timeout=120)
        response.raise_for_status()
        session = response.json()
        return Account(session["user"]["id"], session["access_token"])

    return list(Pool(2).imap_unordered(one, bodies))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """`python -m local.stack` on free ports; its output goes to build/load/stack.log."""

    def __init__(self) -> None:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        site_port, self.moto_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{site_port}"
        self.moto_url = f"http://127.0.0.1:{self.moto_port}"
        self.log_path = OUTPUT / "stack.log"
        env = {**os.environ, "MOTO_PORT": str(self.moto_port), "API_PORT": str(free_port()),
               "SITE_PORT": str(site_port), "PYTHONUNBUFFERED": "1",
               # tokens made before the run must outlive it: 200 learners take more than the default 15 min
               "ACCESS_TOKEN_MINUTES": "240", "POWERTOOLS_LOG_LEVEL": "WARNING"}
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "local.stack"], cwd=ROOT, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while f"{self.url}/" not in self.log_path.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"the local stack did not start: see {self.log_path}")
            gevent.sleep(0.5)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


class Memory:
    """Peak resident memory of the stack's processes, sampled every half second, and the CPU time they used."""

    NAMES = {"local.moto_server": "moto", "local.api_server": "chalice local", "local.stack": "stack (site proxy)"}

    def __init__(self, root_pid: int) -> None:
        self.root = psutil.Process(root_pid)
        self.peak: dict[str, int] = defaultdict(int)
        self.cpu: dict[str, float] = defaultdict(float)
        self.greenlet = gevent.spawn(self._sample)

    def _sample(self) -> None:
        while True:
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for process in processes:
                try:
                    command = " ".join(process.cmdline())
                    rss = process.memory_info().rss
                    times = process.cpu_times()
                except psutil.Error:
                    continue
                for marker, name in self.NAMES.items():
                    if marker in command:
                        self.peak[name] = max(self.peak[name], rss)
                        self.cpu[name] = times.user + times.system
            gevent.sleep(0.5)

    def stop(self) -> None:
        self.greenlet.kill()


# --- after the run -------------------------------------------------------------------------------


def stored_answers(moto_url: str, table: str) -> list[Key]:
    dynamodb = boto3.client("dynamodb", endpoint_url=moto_url, region_name="eu-west-3",
                            aws_access_key_id="local", aws_secret_access_key="local")
    keys = []
    for page in dynamodb.get_paginator("scan").paginate(
        TableName=table, FilterExpression="begins_with(sk, :answer)",
        ExpressionAttributeValues={":answer": {"S": "ANSWER#"}},
        ProjectionExpression="user_id, sk, challenge_id",
    ):
        for item in page["Items"]:
            key = answer_key(item["user_id"]["S"], item["sk"]["S"], item["challenge_id"]["S"])
            if key:
                keys.append(key)
    return keys


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def table() -> str:
    lines = ["| route | requests | p50 ms | p95 ms | p99 ms | max ms | errors |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name in sorted(RUN.timings, key=lambda n: (n.split(" ", 1)[1], n)):
        ms = sorted(RUN.timings[name])
        lines.append(f"| {name} | {len(ms)} | {percentile(ms, .5):.0f} | {percentile(ms, .95):.0f} | "
                     f"{percentile(ms, .99):.0f} | {ms[-1]:.0f} | {RUN.errors.get(name, 0)} |")
    return "\n".join(lines)


def report_check(check: StoredOnce) -> str:
    lines = [
        f"Answers acknowledged (200): {check.acknowledged}; ANSWER# items stored for these learners: {check.stored}",
        f"Lost: {len(check.lost)}; stored twice: {len(check.doubled)}; stored without acknowledgement (client "
        f"saw an error): {len(check.unacknowledged)}; learners whose counts differ: {check.learners_differing}",
        "Every acknowledged answer is stored exactly once." if check.holds
        else "NOT every acknowledged answer is stored exactly once.",
    ]
    for label, keys in (("lost", check.lost), ("stored twice", check.doubled)):
        lines += [f"  {label}: learner {k[0]}, assessment {k[1]}, challenge {k[2]}" for k in keys[:10]]
    return "\n".join(lines)


# --- main ----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=50, help="simulated learners, one evaluation each")
    parser.add_argument("--spawn-rate", type=float, default=10, help="learners started per second")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds between two answers (uniform 0..2×); 0 for none")
    parser.add_argument("--sign-up", action="store_true", help="sign up inside the measured run")
    parser.add_argument("--url", help="a running stack's site (default: start one)")
    parser.add_argument("--moto-url", help="that stack's moto, to read the learning table back")
    parser.add_argument("--table", default="pix-local-learning")
    parser.add_argument("--time-limit", type=float, default=1800, help="seconds before the run is stopped")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    RUN.sign_up, RUN.think, RUN.seed = args.sign_up, args.think, args.seed
    CHALLENGES.update(release_challenges())
    stack = None if args.url else Stack()
    url = (args.url or stack.url).rstrip("/")
    moto_url = args.moto_url or (stack.moto_url if stack else None)
    memory = Memory(stack.process.pid) if stack else None
    try:
        if not args.sign_up:
            started = time.monotonic()
            RUN.accounts = create_accounts(url, args.learners, args.seed)
            print(f"{args.learners} accounts created in {time.monotonic() - started:.0f} s (not measured)",
                  flush=True)
        environment = Environment(user_classes=[Learner], host=url)
        environment.events.request.add_listener(record)
        runner = environment.create_local_runner()
        started = time.monotonic()
        runner.start(args.learners, spawn_rate=args.spawn_rate)
        while RUN.finished < args.learners and time.monotonic() - started < args.time_limit:
            if stack and not stack.alive():
                print(f"the local stack stopped during the run: see {stack.log_path}", flush=True)
                break
            gevent.sleep(1)
        elapsed = time.monotonic() - started
        runner.quit()
    finally:
        if memory:
            memory.stop()

    requests = sum(len(ms) for ms in RUN.timings.values())
    print(f"\n{args.learners} learners (spawn rate {args.spawn_rate}/s, think {args.think} s), "
          f"{RUN.finished} finished, {len(RUN.failed)} broke off, in {elapsed:.0f} s: "
          f"{requests} requests ({requests / elapsed:.1f}/s), {len(RUN.acknowledged)} answers "
          f"({len(RUN.acknowledged) / elapsed:.1f}/s)\n")
    print(table())
    for sample, message in list(RUN.error_samples.items())[:10]:
        print(f"  error {sample}: {message}")
    for failure in RUN.failed[:5]:
        print(f"  learner broke off: {failure}")
    if memory:
        peaks = ", ".join(f"{name} {rss / 2**20:.0f} MB" for name, rss in memory.peak.items())
        cpu = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in memory.cpu.items())
        print(f"\nPeak resident memory: {peaks}\nCPU time since the stack started: {cpu}")
    print()
    holds = True
    if moto_url and (not stack or stack.alive()):
        try:
            stored = stored_answers(moto_url, args.table)
        except Exception as error:  # moto broken by the run: say so, and the check fails
            print(f"Stored-once check impossible: the learning table cannot be read ({type(error).__name__}).")
            holds = False
        else:
            check = stored_once(RUN.acknowledged, stored, RUN.learners)
            print(report_check(check))
            holds = check.holds and not RUN.failed
    else:
        print("Stored-once check skipped: no moto to read (give --moto-url) or the stack stopped.")
        holds = False
    if stack:
        stack.stop()
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
