"""The jobs room's event handler: a job's source object arrived in the uploads bucket.

S3 notifies EventBridge (the bucket's EventBridge configuration); the rule below matches objects created
under `jobs/` in the uploads bucket. In AWS this is its own function (handler
`chalicelib.jobs.events.on_job_source`: app.py is not loaded), so the kinds come from the rooms registry.
Locally the stack drains the rule's queue into this same function.
"""

from chalice.app import Blueprint, CloudWatchEvent

from chalicelib.jobs import service
from chalicelib.settings import get_settings

bp = Blueprint(__name__)

# In AWS the bucket's name ends with the account id (infra/resources.yaml): match the name's prefix.
SOURCE_CREATED = {
    "source": ["aws.s3"],
    "detail-type": ["Object Created"],
    "detail": {
        "bucket": {"name": [{"prefix": get_settings().uploads_bucket}]},
        "object": {"key": [{"prefix": "jobs/"}]},
    },
}


@bp.on_cw_event(SOURCE_CREATED)
def on_job_source(event: CloudWatchEvent) -> None:
    detail = event.detail
    found = detail["object"]
    # AWS names the field `etag`; moto's EventBridge events name it `eTag`.
    etag = found.get("etag") or found.get("eTag") or ""
    service.object_created(detail["bucket"]["name"], found["key"], etag, int(found.get("size") or 0))
