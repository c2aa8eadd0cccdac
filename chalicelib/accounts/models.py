"""DynamoDB tables of the accounts room (only `store.py` imports this module).

Access patterns:
- `users` (hash key `user_id`): "me", each authenticated request (with the session, one BatchGetItem),
  login once the handle is resolved.
  Indexes `by_last_name` (hash `search_last_prefix`, range `search_last`) and `by_first_name` (the same
  for `search_first…`): the back office's search by name (`search.py` says how, and what it costs). An
  anonymised account has no search keys: it leaves both indexes.
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
    BooleanAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.db import table_meta


class UsersByLastName(GlobalSecondaryIndex["User"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_last_name"
        projection = IncludeProjection(["first_name", "last_name", "email", "username"])

    search_last_prefix = UnicodeAttribute(hash_key=True)
    search_last = UnicodeAttribute(range_key=True)


class UsersByFirstName(GlobalSecondaryIndex["User"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_first_name"
        projection = IncludeProjection(["first_name", "last_name", "email", "username"])

    search_first_prefix = UnicodeAttribute(hash_key=True)
    search_first = UnicodeAttribute(range_key=True)


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
    password_temporary = BooleanAttribute(null=True)  # set by a teacher: to change at the next login
    # The back office's search keys (search.py); absent on an anonymised account.
    search_last_prefix = UnicodeAttribute(null=True)
    search_last = UnicodeAttribute(null=True)
    search_first_prefix = UnicodeAttribute(null=True)
    search_first = UnicodeAttribute(null=True)
    by_last_name = UsersByLastName()
    by_first_name = UsersByFirstName()


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


class ThrottlesByLogin(GlobalSecondaryIndex["Throttle"]):  # type: ignore[no-untyped-call]  # PynamoDB's metaclass hook
    class Meta:
        index_name = "by_login"
        projection = IncludeProjection(["attempts", "blocked_until"])

    login = UnicodeAttribute(hash_key=True)


class Throttle(Model):
    Meta = table_meta("throttles")

    key = UnicodeAttribute(hash_key=True)
    attempts = NumberAttribute(default=0)
    blocked_until = UTCDateTimeAttribute(null=True)
    window_ends_at = UTCDateTimeAttribute(null=True)
    expires_at = TTLAttribute()
    login = UnicodeAttribute(null=True)  # a login attempt counter: the SHA-256 of the handle alone
    by_login = ThrottlesByLogin()


TABLES = [User, Login, Token, Throttle]
