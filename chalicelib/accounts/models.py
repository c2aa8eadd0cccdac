"""DynamoDB tables of the accounts room.

Access patterns:
- `users` (hash key `user_id`): "me", token refresh, login once the handle is resolved.
- `logins` (hash key `handle`: a lower-cased e-mail or a username): log in by e-mail or username;
  the conditional put of a handle is what makes an e-mail unique when two sign-ups race.
- `tokens` (hash key `token_hash`, TTL on `expires_at`): refresh tokens and password-reset links,
  stored as SHA-256 hashes, deleted on use (single use), expired by DynamoDB's TTL.
"""

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.models import Model

from chalicelib.db import table_meta


class User(Model):
    Meta = table_meta("users")

    user_id = UnicodeAttribute(hash_key=True)
    first_name = UnicodeAttribute()
    last_name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    username = UnicodeAttribute(null=True)
    password_hash = UnicodeAttribute()
    roles = UnicodeSetAttribute(default=set)
    lang = UnicodeAttribute(default="fr")
    cgu_accepted_at = UTCDateTimeAttribute()
    created_at = UTCDateTimeAttribute()
    failed_logins = NumberAttribute(default=0)
    blocked_until = UTCDateTimeAttribute(null=True)


class Login(Model):
    Meta = table_meta("logins")

    handle = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()


class Token(Model):
    Meta = table_meta("tokens")

    token_hash = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # "refresh" or "reset"
    user_id = UnicodeAttribute()
    expires_at = TTLAttribute()


TABLES = [User, Login, Token]
