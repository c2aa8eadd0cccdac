"""The `certificates` table: certificates by verification code, and what finds them.

Keys (`pk`, no range key):
- `code#<verification code>` (e.g. `code#P-7BCH2KQX`): a certificate — its snapshot as JSON (`data`: identity,
  levels by domain, score…), the S3 key of its signed PDF, its signed credential (a VC-JWT, ≈ 3 kB),
  `published` (false once withdrawn), and `user_id` + `issued_key` (`<issued_at ISO>#<code>`) for the
  `by_user` index. The code is unique by construction: it is written with `attribute_not_exists(pk)` (a
  collision draws again);
- `certification#<certification_id>` → `code`: one certificate per certification, whatever the number of
  publications or deliveries of the job: written in the same transaction as the code's first item;
- `outcome#<certification_id>`: a published certification without certificate (rejected or cancelled): its
  snapshot as JSON (`data`: day, centre, status, the jury's comment), `published`, and `user_id` + `issued_key`
  (`<issued_at ISO>#<certification_id>`) for `by_user`; written again at each publication, withdrawn with it,
  deleted when its holder is anonymised;
- `session#<session_id>`: the session's documents (S3 keys of the session PDF and of each class's PDF),
  `centre_id` (a centre member asks for them under their centre);
- `throttle#<HMAC(source address)>`: the public verification's fixed-window counter (`attempts`,
  `window_ends_at`, TTL `expires_at`); the address itself is not stored.

Index `by_user` (hash `user_id`, range `issued_key`, projection ALL): "Mes certifications", newest first.

Access patterns and cost:
- verification (public page): one GetItem on `code#…` after one conditional UpdateItem of the caller's
  throttle item;
- "Mes certifications": one Query of `by_user` (a person has a handful of certificates and outcomes);
- a download: one GetItem (the owner is checked on the item), then a presigned S3 link;
- publication (the certificates job): per certification one GetItem of the pointer, at the first publication
  one TransactWriteItems (pointer + code item), then one PutItem of the full certificate; per session one
  PutItem. Capacity: a publication batch writes a few items per candidate, spread over their own codes
  (random keys, no hot partition): 1,000 sessions published in an hour are ≈ 20,000 candidates, ≈ 17 writes/s
  in all. Verification reads are spread over codes; a throttle item is written by one address only.
"""

from pynamodb.attributes import BooleanAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.db import table_meta


def code_pk(code: str) -> str:
    return f"code#{code}"


def certification_pk(certification_id: str) -> str:
    return f"certification#{certification_id}"


def outcome_pk(certification_id: str) -> str:
    return f"outcome#{certification_id}"


def session_pk(session_id: str) -> str:
    return f"session#{session_id}"


def throttle_pk(digest: str) -> str:
    return f"throttle#{digest}"


class CertificatesByUser(GlobalSecondaryIndex["CertificateRecord"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = "by_user"
        projection = AllProjection()

    user_id = UnicodeAttribute(hash_key=True)
    issued_key = UnicodeAttribute(range_key=True)


class CertificateRecord(Model):
    Meta = table_meta("certificates")

    pk = UnicodeAttribute(hash_key=True)
    # a certificate
    code = UnicodeAttribute(null=True)
    certification_id = UnicodeAttribute(null=True)
    user_id = UnicodeAttribute(null=True)
    issued_key = UnicodeAttribute(null=True)
    session_id = UnicodeAttribute(null=True)
    data = UnicodeAttribute(null=True)  # JSON snapshot (chalicelib/certif/store/certificates.py)
    pdf_key = UnicodeAttribute(null=True)
    credential = UnicodeAttribute(null=True)  # VC-JWT
    published = BooleanAttribute(null=True)
    issued_at = UTCDateTimeAttribute(null=True)
    # a session's documents
    centre_id = UnicodeAttribute(null=True)
    documents = UnicodeAttribute(null=True)  # JSON {"session": key, "classes": [[name, key], …]}
    updated_at = UTCDateTimeAttribute(null=True)
    # a throttle
    attempts = NumberAttribute(null=True)
    window_ends_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    by_user = CertificatesByUser()
