"""What each learner request costs in DynamoDB, and how long it takes: learners take whole evaluations on moto.

    python -m bench.requests [--learners N]

Drives the real app (Chalice's test client) against moto in-process, counts the DynamoDB calls of each
endpoint with botocore's `after-call` event on the sessions PynamoDB creates, and prints a markdown table.
Capacity units are computed from the item sizes by DynamoDB's rules (reads: 4 KB units, half for eventually
consistent; writes: 1 KB units, doubled in a transaction): moto reports flat or no capacity. Timings are
moto's, in-process: they rank endpoints, they do not predict AWS latencies.
"""

import argparse
import json
import math
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "STAGE": "bench",
        "TABLE_PREFIX": "pix-bench",
        "JWT_SECRET": "bench-secret-with-enough-length-for-hs256",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)

READS = {"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"}
WRITES = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}


@dataclass
class Cost:
    calls: int = 0
    reads: int = 0
    writes: int = 0
    rcu: float = 0.0
    wcu: float = 0.0
    ms: list[float] = field(default_factory=list)


class Meter:
    """Attributes every DynamoDB call to the endpoint being timed."""

    def __init__(self) -> None:
        self.costs: dict[str, Cost] = defaultdict(Cost)
        self.current: str | None = None
        self.params: dict = {}
        self.sizes: dict[str, list[int]] = defaultdict(list)  # bytes of each item put, by kind (COMP, ANSWER…)

    def before_parameter_build(self, params: dict, **_: object) -> None:
        self.params = dict(params)  # botocore's after-call carries the response only: keep the request

    def after_call(self, model, parsed: dict, **_: object) -> None:
        if self.current is None:
            return
        cost = self.costs[self.current]
        name, params = model.name, self.params
        if name in READS:
            cost.reads += 1
            cost.rcu += read_units(name, params, parsed)
        elif name in WRITES:
            cost.writes += 1
            cost.wcu += write_units(name, params)
            for item in put_items(name, params):
                self.sizes[item.get("sk", {}).get("S", "?").split("#")[0]].append(item_size(item))

    def measure(self, endpoint: str, request: Callable[[], object]) -> object:
        self.current = endpoint
        started = time.perf_counter()
        try:
            return request()
        finally:
            self.costs[endpoint].ms.append((time.perf_counter() - started) * 1000)
            self.costs[endpoint].calls += 1
            self.current = None


def value_size(value: dict) -> int:
    """Bytes of one typed attribute value, as DynamoDB counts them (approximately for numbers)."""
    (kind, data), = value.items()
    if kind == "S":
        return len(data.encode())
    if kind == "N":
        return (len(data.strip("-").replace(".", "").lstrip("0")) + 1) // 2 + 1
    if kind == "B":
        return len(data)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS", "NS", "BS"):
        return sum(value_size({kind[0]: v}) for v in data)
    if kind == "L":
        return 3 + sum(value_size(v) + 1 for v in data)
    if kind == "M":
        return 3 + sum(len(k.encode()) + value_size(v) + 1 for k, v in data.items())
    return 0


def item_size(item: dict) -> int:
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def read_units(operation: str, params: dict, parsed: dict) -> float:
    factor = 1.0 if params.get("ConsistentRead") else 0.5
    if operation == "GetItem":
        return factor * max(1, math.ceil(item_size(parsed.get("Item", {})) / 4096))
    if operation == "Query":
        total = sum(item_size(item) for item in parsed.get("Items", []))
        return factor * max(1, math.ceil(total / 4096))
    return factor


def put_items(operation: str, params: dict) -> list[dict]:
    if operation == "PutItem":
        return [params["Item"]]
    if operation == "TransactWriteItems":
        return [body["Item"] for entry in params["TransactItems"] for kind, body in entry.items() if kind == "Put"]
    return []


def write_units(operation: str, params: dict) -> float:
    if operation == "PutItem":
        return max(1, math.ceil(item_size(params["Item"]) / 1024))
    if operation == "TransactWriteItems":
        units = 0
        for entry in params["TransactItems"]:
            (kind, body), = entry.items()
            units += max(1, math.ceil(item_size(body["Item"]) / 1024)) if kind == "Put" else 1
        return 2 * units
    return 1  # updates and deletes of our small items


def in_process_moto():
    """moto in this process, with the local stack's DynamoDB patch (local/moto_server.py): atomic requests, and
    transactions that copy the items they touch instead of whole tables. Unpatched, every TransactWriteItems
    deep-copies its tables: a campaign of 200 participants grew past 19 GB and ran many times slower."""
    from moto import mock_aws

    from local import moto_server

    moto_server.patch()
    return mock_aws()


def drive(learners: int) -> Meter:
    import pynamodb.connection.base as pynamodb_base
    from botocore.session import get_session

    meter = Meter()

    def metered_session():
        session = get_session()
        session.register("before-parameter-build.dynamodb", meter.before_parameter_build)
        session.register("after-call.dynamodb", meter.after_call)
        return session

    pynamodb_base.get_session = metered_session  # PynamoDB builds its sessions with this function

    with in_process_moto():
        from chalice.test import Client

        from app import app
        from chalicelib.content.api import answer_for_display
        from chalicelib.content.release import get_release
        from chalicelib.engine.checking import right_answer
        from chalicelib.evaluation.bank import get_bank
        from local import resources

        resources.create_all()
        release, bank = get_release(), get_bank()
        codes = [code for code in release.competences if bank.items_of(code)]
        with Client(app) as client:

            def call(endpoint: str, method: str, path: str, body=None, token=None):
                headers = {"Content-Type": "application/json"}
                if token:
                    headers["Authorization"] = f"Bearer {token}"
                payload = json.dumps(body) if body is not None else None
                response = meter.measure(
                    endpoint, lambda: getattr(client.http, method.lower())(path, headers=headers, body=payload)
                )
                assert response.status_code < 300, (endpoint, response.status_code, response.body)
                return json.loads(response.body) if response.body else None

            call("GET /api/frameworks", "GET", "/api/frameworks")
            for n in range(learners):
                sign_up = {"first_name": "Banc", "last_name": "Essai", "email": f"banc{n}@example.org",
                           "password": "Bonjour2026", "cgu_accepted": True}
                response = client.http.post("/api/users", headers={"Content-Type": "application/json"},
                                            body=json.dumps(sign_up))
                token = json.loads(response.body)["access_token"]
                code = codes[n % len(codes)]
                evaluation = f"/api/competence-evaluations/{code}"
                state = call("POST /api/competence-evaluations/{code}", "POST", evaluation, token=token)
                call("POST /api/competence-evaluations/{code} (resume)", "POST", evaluation, token=token)
                answered = 0
                while state["status"] == "started":
                    challenge = release.challenges[state["challenge"]["id"]]
                    knows = challenge.level <= 2 + n % 4
                    body = {"assessment_id": state["assessment_id"], "challenge_id": challenge.id}
                    if knows:
                        # As the page sends it: positions in the order this assessment shows.
                        body["answer"] = answer_for_display(
                            challenge, state["assessment_id"], right_answer(challenge.solution)
                        )
                    else:
                        body["skipped"] = True
                    outcome = call("POST /api/competence-evaluations/{code}/answers", "POST",
                                   f"{evaluation}/answers", body, token)
                    state = outcome["assessment"]
                    answered += 1
                call("GET /api/competence-evaluations/{code}/results", "GET", f"{evaluation}/results", token=token)
                call("GET /api/profile", "GET", "/api/profile", token=token)
                tutorials = call("GET /api/tutorials/recommended", "GET", "/api/tutorials/recommended", token=token)
                for tutorial in tutorials["tutorials"][:2]:
                    call("PUT /api/tutorials/saved/{id}", "PUT", f"/api/tutorials/saved/{tutorial['id']}", token=token)
                call("GET /api/tutorials/saved", "GET", "/api/tutorials/saved", token=token)
                report = {"challenge_id": state["challenge"]["id"] if state["challenge"] else challenge.id,
                          "category": "other", "comment": "Essai de banc."}
                call("POST /api/competence-evaluations/{code}/problem-reports", "POST",
                     f"{evaluation}/problem-reports", report, token)
    return meter


def table(meter: Meter) -> str:
    lines = [
        "| endpoint | calls | DynamoDB reads | writes | RCU | WCU | median ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for endpoint, cost in meter.costs.items():
        per = cost.calls
        ms = sorted(cost.ms)
        p95 = ms[min(len(ms) - 1, math.ceil(0.95 * len(ms)) - 1)]
        lines.append(
            f"| {endpoint} | {cost.calls} | {cost.reads / per:.2f} | {cost.writes / per:.2f} | "
            f"{cost.rcu / per:.2f} | {cost.wcu / per:.2f} | {statistics.median(ms):.1f} | {p95:.1f} |"
        )
    return "\n".join(lines)


def sizes_table(meter: Meter) -> str:
    """Bytes of the items written, by kind: what decides a write's units (1 KB each, doubled in a transaction)."""
    lines = ["| item | puts | mean bytes | max bytes |", "|---|---:|---:|---:|"]
    for kind, sizes in sorted(meter.sizes.items()):
        lines.append(f"| {kind}# | {len(sizes)} | {statistics.mean(sizes):.0f} | {max(sizes)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=6, help="learners, each taking one whole evaluation")
    args = parser.parse_args()
    meter = drive(args.learners)
    from chalicelib.observability import metrics

    metrics.clear_metrics()  # the app's business metrics are not this benchmark's output
    print("Per call: DynamoDB requests and capacity units (computed from item sizes), time on moto in-process.\n")
    print(table(meter))
    print("\nItems written, by kind of key (DynamoDB's size rules):\n")
    print(sizes_table(meter))


if __name__ == "__main__":
    main()
