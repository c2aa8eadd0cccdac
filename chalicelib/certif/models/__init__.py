"""The Certif room's DynamoDB tables, one module per aggregate; access patterns and capacity beside each."""

from pynamodb.models import Model

from chalicelib.certif.models.centres import CentreRecord
from chalicelib.certif.models.certificates import CertificateRecord
from chalicelib.certif.models.sessions import SessionRecord

# One model per table: candidates and access codes share SessionRecord's table.
TABLES: list[type[Model]] = [CentreRecord, SessionRecord, CertificateRecord]
