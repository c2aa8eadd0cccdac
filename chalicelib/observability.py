"""Powertools logger and metrics shared by the app (structured logs with no personal data)."""

from aws_lambda_powertools import Logger, Metrics

logger = Logger(service="pix")
metrics = Metrics(namespace="Pix", service="pix")
