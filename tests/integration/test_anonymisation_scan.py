"""Anonymise people written everywhere the app keeps something, then read every table and every bucket
of the stack: neither their names, nor their e-mail, nor their username is left anywhere.

The scan is generic: every table of the registry (`rooms.tables()`, with a Scan of each, whatever item
kinds it holds) and every bucket of the stack (each object's bytes, and the files inside a ZIP). A room
that stores people's data later is checked as soon as the test writes a person there: add that to
`_write_everywhere`."""

import base64
import io
import re
import unicodedata
import zipfile
from dataclasses import replace
from datetime import date

import boto3
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses import ses_backends

from chalicelib import clock, rooms
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


def _write_everywhere(api, deliver, user, token, login, person):
    """What a person leaves in the app today: sessions and tokens, failed logins, a pending e-mail change,
    a reset link, tests and answers, saved tutorials, a problem report, memberships of an organisation and
    a centre (joined by invitation: the accepted invitation keeps the address), a learner of the
    organisation's list linked to the account, a certification candidacy and a certificate (its signed PDF,
    the session's), a data export (its ZIP), and the support's actions on their account (the trail).
    A campaign participation, with the names and student number reconciliation copied and an external id
    that is the person's address."""
    user_id = user["id"]
    organization_id, centre_id = _memberships(api, user, token, person)
    _linked_learner(organization_id, user_id, person)
    _participation(organization_id, user_id, person)
    _candidacy_and_certificate(centre_id, user_id, person)
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


def _invited(api, scope, resource_id, user, token):
    """Join by invitation when the person has an address (the code read from the e-mail sent), else be
    added (a pupil with a username)."""
    from chalicelib.memberships import api as memberships

    if not user["email"]:
        memberships.add_member(scope, resource_id, user["id"], "MEMBER")
        return
    memberships.invite(scope, resource_id, [user["email"]], "MEMBER", "operator-id")
    sent = [m for m in ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages
            if m.destinations["ToAddresses"][0] == user["email"]]
    code = sent[-1].body.split("#code=")[1].split()[0]
    status, body, _ = api.call("POST", "/api/invitations/accept", {"code": code}, token=token)
    assert status == 200, body


def _memberships(api, user, token, person):
    from chalicelib.certif import service_centres
    from chalicelib.orga import service_organizations
    from chalicelib.orga.schemas_organizations import NewOrganization

    org = service_organizations.create(NewOrganization.model_validate(
        {"name": f"Université n° {len(person)}{len(CERTIFICATES)}", "type": "SUP"}), "operator-id")
    centre = service_centres.create(f"Centre n° {len(person)}{len(CERTIFICATES)}", "SUP", "operator-id")
    _invited(api, "organization", org.id, user, token)
    _invited(api, "centre", centre.id, user, token)
    return org.id, centre.id


def _linked_learner(organization_id, user_id, person):
    from chalicelib.orga import import_job
    from chalicelib.orga.imports import ImportedLearner
    from chalicelib.orga.learners import ImportRequest
    from chalicelib.orga.store import learners

    listed = ImportedLearner(line=2, first_name=person["first_name"], last_name=person["last_name"],
                             birth_date=date.fromisoformat(person.get("birth_date", "2001-02-03")),
                             student_number=f"E{abs(hash(user_id)) % 10**8}", email=person.get("email"))
    import_job.write_list(ImportRequest(f"job-{user_id}", organization_id, "sup-csv", "add"), [listed])
    head = learners.current().head(organization_id)
    [learner] = learners.current().learners(organization_id, head.generation)
    assert learners.current().link(organization_id, learner.learner_id, user_id, clock.now())


def _participation(organization_id, user_id, person):
    """Written as a start writes it (the campaign's own rules are the participations tests')."""
    from chalicelib.orga.participations import Participation
    from chalicelib.orga.store import participations

    participations.current().start(Participation(
        participation_id=f"{user_id}.1.camp-scan", campaign_id="camp-scan", organization_id=organization_id,
        user_id=user_id, sending=1, status="STARTED", created_at=clock.now(), first_name=person["first_name"],
        last_name=person["last_name"], external_id=person.get("email") or "E-42", division="TB",
        student_number="E42"), None)


def _candidacy_and_certificate(centre_id, user_id, person):
    from datetime import time

    from chalicelib.certif import api as certif
    from chalicelib.certif import candidates, service_candidates, service_sessions, sessions, store

    details = sessions.details("1 rue de l'École, Lyon", "Salle B12", clock.now().date(), time(9, 0), "M. Girard")
    session = service_sessions.create(centre_id, details).session
    candidate = service_candidates.enrol(centre_id, session.id, candidates.Input(
        last_name=person["last_name"], first_name=person["first_name"], sex="F",
        birth_date=date.fromisoformat(person.get("birth_date", "2001-02-03")), birth_insee_code="69123",
        email=person.get("email", ""), billing_mode="FREE"))
    store.current().rewrite_candidate(replace(candidate, user_id=user_id))  # as entering the session links it
    levels = {"1.1": 3, "1.2": 2}
    result = certif.CertificationResult(
        certification_id=f"certification-{candidate.id}", user_id=user_id, first_name=person["first_name"],
        last_name=person["last_name"], birth_date=candidate.birth_date, birthplace="Lyon", status="validated",
        pix=40, levels=levels, class_name="Terminale B")
    codes = certif.issue_certificates(certif.SessionCertificates(
        session_id=session.id, centre_id=centre_id, centre_name="Centre", taken_on=clock.now().date(),
        max_reachable_level=7, results=(result,)))
    CERTIFICATES.append(codes[result.certification_id])


CERTIFICATES: list[str] = []  # the codes issued to the people of the test


def _a_challenge_of(code):
    from chalicelib.content.api import get_release

    return next(c.id for c in get_release().challenges.values() if c.competence == code)


JWT = re.compile(r"eyJ[A-Za-z0-9_-]+\.(eyJ[A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*")


def _with_tokens_opened(where: str, text: str) -> list[tuple[str, str]]:
    """The text, and the payload of each JWT in it (a signed credential carries its holder base64url-encoded)."""
    found = [(where, text)]
    for payload in JWT.findall(text):
        found.append((f"{where} (JWT)", base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
                      .decode("utf-8", "replace")))
    return found


def _everything_stored() -> list[tuple[str, str]]:
    """(where, text) for every item of every table and every version of every object of every bucket (a
    versioned bucket keeps what was overwritten or deleted), ZIPs and JWTs opened."""
    found = []
    dynamodb = boto3.client("dynamodb")
    for model in rooms.tables():
        table = model.Meta.table_name
        for page in dynamodb.get_paginator("scan").paginate(TableName=table):
            for item in page["Items"]:
                found += _with_tokens_opened(table, str(item))
    s3 = boto3.client("s3")
    for bucket in (b["Name"] for b in s3.list_buckets()["Buckets"]):
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            for version in page.get("Versions", []):
                body = s3.get_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])["Body"].read()
                where = f"s3://{bucket}/{version['Key']}?versionId={version['VersionId']}"
                found += _with_tokens_opened(where, version["Key"] + body.decode("utf-8", "replace"))
                if body[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(body)) as archive:
                        found += [(f"{where}!{n}", archive.read(n).decode("utf-8", "replace"))
                                  for n in archive.namelist()]
    return found


def _certificate_files() -> list[str]:
    """Every version of the people's certificates' PDFs (drawn with embedded fonts, their names are glyph
    numbers no text scan reads: their presence is checked instead)."""
    s3 = boto3.client("s3")
    keys = {f"certificates/{code}.pdf" for code in CERTIFICATES}
    return [v["Key"] for bucket in (b["Name"] for b in s3.list_buckets()["Buckets"])
            for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket)
            for v in page.get("Versions", []) if v["Key"] in keys]


def _traces(needles: set[str]) -> list[str]:
    return [f"{where}: {needle}" for where, text in _everything_stored() for needle in needles
            if needle in text.casefold()]


def test_nothing_of_an_anonymised_person_is_left_in_any_table_or_bucket(api, deliver):
    CERTIFICATES.clear()
    people = []
    for person in (LEARNER, PUPIL):
        user, token = _sign_up(api, person)
        login = user["email"] or user["username"]
        _write_everywhere(api, deliver, user, token, login, person)
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
    before = {trace.split(":")[0].split("?")[0] for trace in _traces(needles)}
    for where in ("learners", "participations", "certif-sessions", "certificates (JWT)", "memberships", "s3"):
        assert any(where in place for place in before), f"the test must first find the people in {where}: {before}"
    assert len(_certificate_files()) == len(CERTIFICATES) == 2
    for code in CERTIFICATES:
        status, shown, _ = api.call("GET", f"/api/certificates/verification/{code}")
        assert status == 200 and shown, shown

    for user in people:
        status, body, _ = api.call("POST", f"/api/admin/users/{user['id']}/anonymisation", token=support_token)
        assert status == 200, body

    left = _traces(needles)
    assert left == [], left
    assert CERTIFICATES and _certificate_files() == []
    for code in CERTIFICATES:  # the verification page no longer knows them: no name shown
        assert api.call("GET", f"/api/certificates/verification/{code}")[0] == 404
    # The learning stays, keyed by an id no one is behind: the statistics are kept.
    from chalicelib.orga.store import participations

    assert [p.status for p in participations.current().of_user(learner["id"])] == ["STARTED"]
    assert evaluation.profile(learner["id"]).competences
