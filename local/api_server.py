"""`chalice local` for the local stack, with a listen backlog that holds a classroom.

    python -m local.api_server --stage local --host 127.0.0.1 --port PORT --no-autoreload

`chalice local` already serves each connection on its own thread (`chalice.local.ThreadedHTTPServer`), but
keeps `socketserver`'s listen backlog of 5: under a burst of learners the kernel refuses the sixth waiting
connection and the client sees "connection reset". Everything else is chalice's own command.
"""

import sys

from chalice import local
from chalice.cli import main as chalice

LISTEN_BACKLOG = 1024  # connections the kernel queues while every thread is busy (capped by net.core.somaxconn)


def main() -> int:
    local.ThreadedHTTPServer.request_queue_size = LISTEN_BACKLOG
    sys.argv = ["chalice", "local", *sys.argv[1:]]
    return chalice()


if __name__ == "__main__":
    sys.exit(main())
