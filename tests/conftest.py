"""Test settings: every AWS call stays on this machine (moto in-process, or the local stack)."""

import os

os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-3",
        "AWS_REGION": "eu-west-3",
        "STAGE": "test",
        "TABLE_PREFIX": "pix-test",
        "JWT_SECRET": "test-secret-with-enough-length-for-hs256",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "INFO",
    }
)
os.environ.pop("AWS_ENDPOINT_URL", None)
