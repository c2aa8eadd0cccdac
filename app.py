"""The Chalice app: middleware, the rooms' blueprints (chalicelib.rooms) and nothing else."""

import time
from collections.abc import Callable

from chalice.app import Chalice, Request, Response

from chalicelib import openapi, rooms
from chalicelib.accounts import tokens
from chalicelib.observability import logger, metrics
from chalicelib.web import internal_error_response, reshape_error, set_authenticator

# Powertools' logger (named after the service, "pix") is the one logger: Chalice must not configure it.
app = Chalice(app_name="pix", configure_logs=False)
set_authenticator(tokens.authenticate)

_cold_start = True


@app.middleware("http")
def observe(event: Request, get_response: Callable[[Request], Response]) -> Response:
    """One structured log line per request (route template, status, duration; no personal data); any
    failure the routes did not expect becomes a 500 in the house shape, logged with the request id."""
    global _cold_start
    request_id = getattr(app.lambda_context, "aws_request_id", None) or event.context.get("requestId")
    logger.append_keys(request_id=request_id, cold_start=_cold_start)
    _cold_start = False
    started = time.perf_counter()
    try:
        response = reshape_error(get_response(event), request_id)
    except Exception:
        logger.exception("unhandled error", route=event.context.get("resourcePath"))
        response = internal_error_response(request_id)
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


for blueprint in rooms.blueprints():
    app.register_blueprint(blueprint)
app.register_blueprint(openapi.bp)
