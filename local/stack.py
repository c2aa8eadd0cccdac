"""`make run`: start moto's server, create the resources, seed demo data, serve the API with
`chalice local` and the site on one origin, forward S3 events to the app's handlers.

Ctrl-C stops every process it started. If one of them stops by itself, the stack says which, with its
exit code and the log to read, and stops the others: it cannot work without any of them.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "build" / "local"


class Child:
    """A process of the stack, with a name and the log that says why it stopped."""

    def __init__(self, name: str, args: list[str], log: str, **options: object) -> None:
        self.name, self.log = name, log
        self.process = subprocess.Popen(args, **options)

    def stopped_message(self) -> str:
        code = self.process.returncode
        why = f"code de sortie {code}"
        if code < 0:
            signame = signal.Signals(-code).name
            why += f", tué par {signame}" + (" (mémoire épuisée ?)" if signame == "SIGKILL" else "")
        return f"{self.name} s'est arrêté ({why}) ; journal : {self.log}. Arrêt de la pile."


def local_environment(moto_port: int, site_port: int) -> dict[str, str]:
    """The environment shared by every process of the stack: AWS clients point at moto."""
    return {
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "STAGE": "local",
        "TABLE_PREFIX": "pix-local",
        "JWT_SECRET": os.environ.get("JWT_SECRET", "local-only-secret-not-for-production"),
        "SITE_URL": f"http://127.0.0.1:{site_port}",
        "POWERTOOLS_METRICS_DISABLED": "true",
    }


def wait_for_port(port: int, child: Child, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.process.poll() is not None:
            raise SystemExit(child.stopped_message())
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"{child.name} ne répond pas sur le port {port} après {timeout} s ; journal : {child.log}")


def forward_events(app, queues: dict[str, str], stop: threading.Event) -> None:
    """Drain each handler's queue and call the handler, as EventBridge invokes it in AWS."""
    import json

    import boto3

    from chalicelib.observability import logger

    sqs = boto3.client("sqs")
    while not stop.is_set():
        for name, url in queues.items():
            messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, MaxNumberOfMessages=10)
            for message in messages.get("Messages", []):
                try:
                    app.handler_map[name](json.loads(message["Body"]), None)
                except Exception:  # a failing handler must not stop the stack; AWS would retry
                    logger.exception("event handler failed", handler=name)
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if not queues:
            stop.wait(1)


def main() -> None:
    moto_port = int(os.environ.get("MOTO_PORT", "5005"))
    api_port = int(os.environ.get("API_PORT", "8001"))
    site_port = int(os.environ.get("SITE_PORT", "8000"))
    os.environ.update(local_environment(moto_port, site_port))
    sys.path.insert(0, str(ROOT))
    children: list[Child] = []

    def stop_all(*_: object, status: int = 0) -> None:
        for child in children:
            if child.process.poll() is None:
                child.process.terminate()
        for child in children:
            try:
                child.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.process.kill()
        raise SystemExit(status)

    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)

    # moto's output goes to a file (its requests are not the developer's business, its tracebacks are).
    LOGS.mkdir(parents=True, exist_ok=True)
    moto_log = LOGS / f"moto-{moto_port}.log"
    moto = Child(
        "moto (le serveur AWS local)",
        [sys.executable, "-m", "local.moto_server", "-H", "127.0.0.1", "-p", str(moto_port)],
        str(moto_log.relative_to(ROOT)),
        cwd=ROOT, stdout=moto_log.open("w"), stderr=subprocess.STDOUT,
    )
    children.append(moto)
    wait_for_port(moto_port, moto)

    from chalice.app import CloudWatchEventConfig

    from app import app
    from chalicelib.settings import get_settings
    from local import resources, seed

    resources.create_all()
    resources.upload_attachments()
    patterns = {
        source.name: source.event_pattern
        for source in app.event_sources
        if isinstance(source, CloudWatchEventConfig)
    }
    queues = resources.route_events_to_queues(patterns)
    logins = seed.seed()
    certif_lines = seed.seed_certif() + seed.seed_exam() + seed.seed_jury() + seed.seed_to_finalise()

    chalice = Child(
        "chalice local (l'API)",
        [sys.executable, "-m", "local.api_server", "--stage", "local",
         "--host", "127.0.0.1", "--port", str(api_port), "--no-autoreload"],
        "la sortie de cette commande, plus haut",
        cwd=ROOT,
    )
    children.append(chalice)
    wait_for_port(api_port, chalice)

    from local.devserver import serve

    server = serve(ROOT / "static_site" / "dist", site_port, f"http://127.0.0.1:{api_port}",
                   f"http://127.0.0.1:{moto_port}", get_settings().attachments_bucket)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    threading.Thread(target=forward_events, args=(app, queues, stop), daemon=True).start()

    print(f"\n  Pix tourne en local : http://127.0.0.1:{site_port}/\n", flush=True)
    print(f"  Comptes de démonstration (mot de passe : {seed.DEMO_PASSWORD}) :")
    for login, what in logins:
        print(f"    - {login}  ({what})")
    codes = seed.campaign_codes()
    if codes:
        print("  Campagnes de démonstration (code à saisir sur « J'ai un code ») :")
        for code, name in codes:
            print(f"    - {code}  ({name})")
    for line in certif_lines:
        print(f"  {line}")
    print(f"  E-mails envoyés : http://127.0.0.1:{site_port}/_dev/mails")
    print("  Ctrl-C pour tout arrêter.\n", flush=True)
    while True:
        for child in children:
            if child.process.poll() is not None:
                print(child.stopped_message(), file=sys.stderr, flush=True)
                stop_all(status=1)
        time.sleep(0.5)


if __name__ == "__main__":
    main()
