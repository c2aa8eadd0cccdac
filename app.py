"""The Chalice app: middleware, blueprints and event handlers; nothing else."""

import time

from chalice import Chalice

from chalicelib import openapi
from chalicelib.accounts import tokens
from chalicelib.accounts.routes import bp as accounts_bp
from chalicelib.evaluation.routes import bp as evaluation_bp
from chalicelib.observability import logger, metrics
from chalicelib.web import set_authenticator

# Powertools' logger (named after the service, "pix") is the one logger: Chalice must not configure it.
app = Chalice(app_name="pix", configure_logs=False)
set_authenticator(tokens.authenticate)

_cold_start = True


@app.middleware("http")
def observe(event, get_response):
    """One structured log line per request (route template, status, duration; no personal data)."""
    global _cold_start
    logger.append_keys(
        request_id=getattr(app.lambda_context, "aws_request_id", None), cold_start=_cold_start
    )
    _cold_start = False
    started = time.perf_counter()
    response = get_response(event)
    logger.info(
        "request",
        method=event.method,
        route=event.context.get("resourcePath"),
        status=response.status_code,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
    )
    if metrics.metric_set:
        metrics.flush_metrics()
        metrics.clear_metrics()  # a flush keeps them when metrics are disabled (tests, benches)
    return response


app.register_blueprint(accounts_bp)
app.register_blueprint(evaluation_bp)
app.register_blueprint(openapi.bp)
