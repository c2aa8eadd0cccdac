"""Create the AWS resources the app needs (tables, buckets, event plumbing), from the code's own
definitions. Used by the local stack and the tests; in AWS the template in infra/ holds them."""

import json

import boto3

from chalicelib.rooms import tables
from chalicelib.settings import get_settings
from infra import publish


def create_tables() -> None:
    for model in tables():
        if not model.exists():
            model.create_table(wait=True)


def create_buckets() -> None:
    settings = get_settings()
    s3 = boto3.client("s3", region_name=settings.region)
    existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    buckets = (settings.attachments_bucket, settings.uploads_bucket, settings.exports_bucket,
               settings.certificates_bucket)
    for bucket in buckets:
        if bucket not in existing:
            s3.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": settings.region}
            )
    # Browsers post files to the uploads bucket from the site (presigned POST), as the template allows.
    s3.put_bucket_cors(Bucket=settings.uploads_bucket, CORSConfiguration={"CORSRules": [
        {"AllowedMethods": ["POST"], "AllowedOrigins": [settings.site_url], "AllowedHeaders": ["*"],
         "MaxAgeSeconds": 3600},
    ]})


def verify_mail_sender() -> None:
    settings = get_settings()
    boto3.client("ses", region_name=settings.region).verify_email_identity(
        EmailAddress=settings.mail_sender
    )


# moto forwards an event sent with PutEvents without its `account` field, which Chalice's event class
# requires: this target template is the whole event, as EventBridge delivers it. (S3's own events
# reach the queue untransformed.)
_FIELDS = ("id", "version", "account", "time", "region", "source", "detail-type", "resources", "detail")
_WHOLE_EVENT = {
    "InputPathsMap": {field: f"$.{field}" for field in _FIELDS},
    "InputTemplate": '{"id": "<id>", "version": "<version>", "account": "<account>", "time": <time>, '
    '"region": "<region>", "source": "<source>", "detail-type": "<detail-type>", "resources": <resources>, '
    '"detail": <detail>}',
}


def route_events_to_queues(patterns: dict[str, dict]) -> dict[str, str]:
    """Buckets notify EventBridge, as in AWS; each event handler of the app gets an EventBridge
    rule with its own pattern, whose target here is a queue the stack drains (in AWS, the function).
    Returns the queue URL of each handler."""
    settings = get_settings()
    s3 = boto3.client("s3", region_name=settings.region)
    events = boto3.client("events", region_name=settings.region)
    sqs = boto3.client("sqs", region_name=settings.region)
    for bucket in (settings.attachments_bucket, settings.uploads_bucket):
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"EventBridgeConfiguration": {}}
        )
    queues = {}
    for name, pattern in patterns.items():
        queue_url = sqs.create_queue(QueueName=f"{settings.table_prefix}-{name}")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        events.put_rule(Name=f"{settings.table_prefix}-{name}", EventPattern=json.dumps(pattern))
        events.put_targets(
            Rule=f"{settings.table_prefix}-{name}",
            Targets=[{"Id": "queue", "Arn": queue_arn, "InputTransformer": _WHOLE_EVENT}],
        )
        queues[name] = queue_url
    return queues


def create_all() -> None:
    create_tables()
    create_buckets()
    verify_mail_sender()


def upload_attachments() -> int:
    """Publish the generated challenge attachments (`make content`) to their bucket, as deployment does."""
    settings = get_settings()
    s3 = boto3.client("s3", region_name=settings.region)
    return publish.publish_attachments(s3, settings.attachments_bucket)
