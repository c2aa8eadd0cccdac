"""Anonymise people written everywhere the app keeps something, then read every table and every bucket
of the stack: neither their names, nor their e-mail, nor their username is left anywhere.

The scan is generic: every table of the registry (`rooms.tables()`, with a Scan of each, whatever item
kinds it holds) and every bucket of the stack (each object's bytes, and the files inside a ZIP). A room
that stores people's data later is checked as soon as the test writes a person there: add that to
`_write_everywhere`."""

import io
import unicodedata
import zipfile

import boto3

from chalicelib import rooms
from chalicelib.accounts.models import User
from chalicelib.evaluation import service as evaluation
from chalicelib.evaluation.schemas import ProblemReportRequest
from local.seed import seed_learning

PASSWORD = "Vq7-plus-personne-ici-2026"
LEARNER = {"first_name": "Zéphyrine", "last_name": "Quintavalle", "email": "zephyrine.quintavalle@example.org"}
PUPIL = {"first_name": "Anatole", "last_name": "Vercingétorix", "birth_date": "2012-05-17"}


def _variants(value: str) -> set[str]:
    """A value as a store might hold it: as given, lower-cased, without accents (search keys)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", value.casefold()) if not unicodedata.combining(c))
    return {value.casefold(), plain}


def _sign_up(api, person):
    status, session, _ = api.call("POST", "/api/users", {**person, "password": PASSWORD, "cgu_accepted": True})
    assert status == 201, session
    return session["user"], session["access_token"]


def _write_everywhere(api, deliver, user, token, login):
    """What a person leaves in the app today: sessions and tokens, failed logins, a pending e-mail change,
    a reset link, tests and answers, saved tutorials, a problem report, a data export (its ZIP), and the
    support's actions on their account (the trail)."""
    user_id = user["id"]
    for _ in range(6):
        api.call("POST", "/api/token", {"login": login, "password": "pas-le-bon-mot-de-passe"})
    if user["email"]:
        api.call("POST", "/api/me/email", {"email": "nouvelle." + user["email"], "password": PASSWORD}, token=token)
        api.call("POST", "/api/password-reset", {"email": user["email"]})
    seed_learning(user_id)
    evaluation.report_problem(user_id, "1.1", ProblemReportRequest(
        challenge_id=_a_challenge_of("1.1"), category="other", comment="La consigne est ambiguë."))
    assert api.call("POST", "/api/me/data-exports", token=token)[0] == 202
    deliver()
    assert api.call("GET", "/api/me/data-exports/latest", token=token)[1]["job"]["state"] == "done"


def _a_challenge_of(code):
    from chalicelib.content.api import get_release

    return next(c.id for c in get_release().challenges.values() if c.competence == code)


def _everything_stored() -> list[tuple[str, str]]:
    """(where, text) for every item of every table and every object of every bucket (ZIPs opened)."""
    found = []
    dynamodb = boto3.client("dynamodb")
    for model in rooms.tables():
        table = model.Meta.table_name
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            found += [(table, str(item)) for item in page["Items"]]
    s3 = boto3.client("s3")
    for bucket in (b["Name"] for b in s3.list_buckets()["Buckets"]):
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for obj in page.get("Contents", []):
                body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
                where = f"s3://{bucket}/{obj['Key']}"
                found.append((where, obj["Key"] + body.decode("utf-8", "replace")))
                if body[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(body)) as archive:
                        found += [(f"{where}!{n}", archive.read(n).decode("utf-8", "replace"))
                                  for n in archive.namelist()]
    return found


def _traces(needles: set[str]) -> list[str]:
    return [f"{where}: {needle}" for where, text in _everything_stored() for needle in needles
            if needle in text.casefold()]


def test_nothing_of_an_anonymised_person_is_left_in_any_table_or_bucket(api, deliver):
    people = []
    for person in (LEARNER, PUPIL):
        user, token = _sign_up(api, person)
        login = user["email"] or user["username"]
        _write_everywhere(api, deliver, user, token, login)
        people.append(user)
    _, support_token = _sign_up(api, {"first_name": "Sam", "last_name": "Support", "email": "sam@example.org"})
    support_id = api.call("GET", "/api/me", token=support_token)[1]["id"]
    User(support_id).update(actions=[User.roles.set({"SUPPORT"})])
    needles = set()
    for user in people:
        for value in (user["first_name"], user["last_name"], user["email"], user["username"]):
            if value:
                needles |= _variants(value)
    learner = people[0]
    assert api.call("PATCH", f"/api/admin/users/{learner['id']}", {"first_name": "Zéphyrina",
                    "last_name": "Quintavalle-Rossi"}, token=support_token)[0] == 200
    needles |= _variants("Zéphyrina") | _variants("Quintavalle-Rossi")
    assert api.call("POST", f"/api/admin/users/{learner['id']}/unblock", token=support_token)[0] == 200
    assert _traces(needles), "the test must first find the people it is about to anonymise"

    for user in people:
        status, body, _ = api.call("POST", f"/api/admin/users/{user['id']}/anonymisation", token=support_token)
        assert status == 200, body

    assert _traces(needles) == []
    # The learning stays, keyed by an id no one is behind: the statistics are kept.
    assert evaluation.profile(learner["id"]).competences
