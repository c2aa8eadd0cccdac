"""The local stack's environment reaches `chalice local` as the stack sets it."""

import json
from pathlib import Path

from local.stack import local_environment

ROOT = Path(__file__).resolve().parents[2]


def test_the_local_stage_pins_nothing_the_stack_sets_otherwise():
    """`chalice local` loads the stage's environment_variables over the environment it inherits: a value
    pinned there wins over the stack's (SITE_URL was pinned to port 8000, whatever SITE_PORT said, and
    the reset links pointed to the wrong port)."""
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    pinned = {**config["environment_variables"], **config["stages"]["local"]["environment_variables"]}
    stack = local_environment(moto_port=1, site_port=2)
    assert {name: value for name, value in pinned.items() if name in stack and stack[name] != value} == {}
