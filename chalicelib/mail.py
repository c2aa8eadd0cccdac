"""Sending e-mails through SES (moto's SES locally: the dev server lists what was sent)."""

import boto3

from chalicelib.settings import get_settings


def send_mail(to: str, subject: str, text: str) -> None:
    settings = get_settings()
    boto3.client("ses", region_name=settings.region).send_email(
        Source=settings.mail_sender,
        Destination={"ToAddresses": [to]},
        Message={
            "Subject": {"Data": subject, "Charset": "UTF-8"},
            "Body": {"Text": {"Data": text, "Charset": "UTF-8"}},
        },
    )
