"""Deployed stages read the JWT signing key from Secrets Manager, and may read that secret only."""

import json
from pathlib import Path

import pytest

CHALICE = Path(__file__).resolve().parents[2] / ".chalice"
CONFIG = json.loads((CHALICE / "config.json").read_text())


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_a_deployed_stage_names_its_secret_and_holds_no_key(stage):
    settings = CONFIG["stages"][stage]
    variables = {**CONFIG.get("environment_variables", {}), **settings["environment_variables"]}
    assert variables["JWT_SECRET_NAME"] == f"pix-{stage}/jwt-secret"
    assert "JWT_SECRET" not in variables
    assert "resolve:secretsmanager" not in json.dumps(CONFIG)  # no key resolved into the configuration
    assert settings["autogen_policy"] is False  # Chalice cannot see the read that Powertools makes


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_the_stage_policy_reads_that_secret_only(stage):
    policy = json.loads((CHALICE / CONFIG["stages"][stage]["iam_policy_file"]).read_text())
    granted = []
    for statement in policy["Statement"]:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        assert "*" not in actions
        if any(action.lower().startswith("secretsmanager:") for action in actions):
            granted.append((actions, statement["Resource"]))
    # Secrets Manager appends six random characters to a secret's ARN.
    assert granted == [(["secretsmanager:GetSecretValue"],
                        f"arn:aws:secretsmanager:*:*:secret:pix-{stage}/jwt-secret-??????"),
                       (["secretsmanager:GetSecretValue"],  # the certificates' signing keys (certif/keys.py)
                        f"arn:aws:secretsmanager:*:*:secret:pix-{stage}/certificate-keys-??????")]
