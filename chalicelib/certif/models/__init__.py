"""The Certif room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.certif.models.certificates import CertificateRecord

TABLES: list[type[Model]] = [CertificateRecord]
