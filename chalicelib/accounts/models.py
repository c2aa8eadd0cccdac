"""DynamoDB tables of the accounts room (only `store.py` imports this module).

Access patterns:
- `users` (hash key `user_id`): "me", each authenticated request (with the session, one BatchGetItem),
  login once the handle is resolved.
- `logins` (hash key `handle`: a lower-cased e-mail or a username): log in by e-mail or username;
  the conditional put of a handle is what makes an e-mail unique when two sign-ups race.
- `tokens` (hash key `token_hash`, TTL on `expires_at`): refresh tokens, password-reset links and e-mail
  change links (with the new address), stored as SHA-256 hashes, and sessions (`session#<sid>`). A refresh
  token is marked spent when traded (its reuse revokes its family, the session); a link is deleted when
  used. Index `by_user` (hash `user_id`): every token of a user, ended together by a password reset, a
  password change, "end all sessions" or the account's deletion.
- `throttles` (hash key `key`, TTL on `expires_at`): counters of login attempts per login and source
  (`login#<sha256>`), of reset e-mails per account (`reset-mail#<user_id>`) and of checks of the current
  password by a signed-in person (`password-check#<user_id>`).
"""

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
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
    session_version = NumberAttribute(default=0)
    anonymised_at = UTCDateTimeAttribute(null=True)  # a deleted account: the person is gone, the id stays


class Login(Model):
    Meta = table_meta("logins")

    handle = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()


class TokensByUser(GlobalSecondaryIndex["Token"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_user"
        # What ending a user's tokens needs: the key, the kind and the family.
        projection = IncludeProjection(["kind", "family_id"])

    user_id = UnicodeAttribute(hash_key=True)


class Token(Model):
    Meta = table_meta("tokens")

    token_hash = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # "session", "refresh", "reset" or "email"
    user_id = UnicodeAttribute()
    family_id = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)  # an e-mail change link: the address it confirms
    session_version = NumberAttribute(default=0)
    spent_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute()
    by_user = TokensByUser()


class Throttle(Model):
    Meta = table_meta("throttles")

    key = UnicodeAttribute(hash_key=True)
    attempts = NumberAttribute(default=0)
    blocked_until = UTCDateTimeAttribute(null=True)
    window_ends_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute()


TABLES = [User, Login, Token, Throttle]
