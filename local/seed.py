"""Demo data for the local stack, written idempotently: a second run adds nothing.

Everything goes through the use cases, as a person would (sign-up, tests answered, tutorials saved), never
by writing items: the demo stays true to what the code stores today. The demo learner gets a real profile:
finished tests in a few competences at different levels, one test in progress, saved tutorials.
"""

from datetime import date

from chalicelib.accounts import service, store
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.accounts.usernames import base_username

DEMO_PASSWORD = "Demo2026!"

DEMO_ACCOUNTS = [
    # (first name, last name, e-mail or None, birth date for a username account, roles, what for)
    ("Camille", "Martin", "camille.martin@example.org", None, set(), "apprenante"),
    ("Inès", "Lefèvre", "admin@example.org", None, {"SUPER_ADMIN"}, "opératrice Pix Admin"),
    ("Léo", "Dubois", None, date(2012, 3, 14), set(), "élève sans e-mail (identifiant)"),
    ("Sofiane", "Benali", "support@example.org", None, {"SUPPORT"}, "Pix Admin : support"),
    ("Mathilde", "Roux", "metier@example.org", None, {"METIER"}, "Pix Admin : contenus (métier)"),
    ("Cyril", "Fontaine", "certif@example.org", None, {"CERTIF"}, "Pix Admin : certification"),
]
DEMO_LEARNER = "camille.martin@example.org"

# The demo learner's tests: competence → the highest level of the challenges she answers right (she passes
# those above); None: a test left in progress after a few answers.
DEMO_TESTS = {"1.1": 3, "3.1": 2, "4.2": 1, "2.1": None}
ANSWERS_IN_PROGRESS = 3
SAVED_TUTORIALS = 3


def seed() -> list[tuple[str, str]]:
    """Create the demo accounts that do not exist yet, and the demo learner's profile; return (login,
    what for) for each account."""
    logins = []
    for first, last, email, birth, roles, what in DEMO_ACCOUNTS:
        handle = email or base_username(first, last, birth)
        if store.current().account_by_login(handle) is None:
            account = service.sign_up(
                SignUpRequest(
                    first_name=first,
                    last_name=last,
                    email=email,
                    birth_date=birth,
                    password=DEMO_PASSWORD,
                    cgu_accepted=True,
                ),
                roles=roles,
            )
            handle = account.email or account.username
        logins.append((handle, what))
    learner = store.current().account_by_login(DEMO_LEARNER)
    assert learner is not None
    seed_learning(learner.user_id)
    seed_admin_team()
    seed_target_profiles()
    logins.extend(seed_organizations())
    seed_demo_learner_lists()
    return logins


def seed_target_profiles() -> list[tuple[str, str]]:
    """The demo target profiles (local/seed_target_profiles.py), created by the demo operator."""
    from local.seed_target_profiles import seed_target_profiles as create

    operator = store.current().account_by_login("admin@example.org")
    assert operator is not None
    return create(operator.user_id)


def seed_admin_team() -> None:
    """Each demo operator is on the Pix Admin team with their role (idempotent)."""
    from chalicelib.admin import service_team

    for _, _, email, _, roles, _ in DEMO_ACCOUNTS:
        account = store.current().account_by_login(email) if email and roles else None
        if account is not None:
            service_team.ensure_member(account.user_id, sorted(roles)[0], actor_id="seed")


def seed_organizations() -> list[tuple[str, str]]:
    """The demo organisations, their Orga admin and member, and campaigns (local/seed_orga.py)."""
    from local.seed_orga import seed_organizations as create

    operator = store.current().account_by_login("admin@example.org")
    assert operator is not None
    return create(operator.user_id, DEMO_PASSWORD)


def campaign_codes() -> list[tuple[str, str]]:
    """(code, campaign name) of the demo campaigns, printed with the logins."""
    from local.seed_orga import demo_codes

    return demo_codes()


def seed_learning(user_id: str) -> None:
    """Take the demo tests a competence at a time, skipping those already begun (idempotent), then save a
    few of the tutorials recommended after them."""
    from chalicelib.evaluation import service as evaluation
    from chalicelib.evaluation import tutorials

    begun = {c.code for c in evaluation.profile(user_id).competences if c.evaluation != "none"}
    for code, knows_up_to in DEMO_TESTS.items():
        if code in begun:
            continue
        state = evaluation.start_evaluation(user_id, code)
        answered = 0
        while state.challenge is not None and (knows_up_to is not None or answered < ANSWERS_IN_PROGRESS):
            state = evaluation.answer_challenge(user_id, code, _answer(state, knows_up_to)).assessment
            answered += 1
    if not tutorials.saved_ids(user_id):
        for tutorial in tutorials.recommended_tutorials(user_id).tutorials[:SAVED_TUTORIALS]:
            tutorials.save_tutorial(user_id, tutorial.id)


def _answer(state, knows_up_to: int | None):
    """Right on the challenges up to the learner's level, skipped above it. The right proposals are found
    by their text among those shown, so the answer holds whatever order the room shows them in."""
    from chalicelib.content.api import get_release
    from chalicelib.engine.checking import right_answer
    from chalicelib.evaluation.schemas import AnswerRequest

    view = state.challenge
    challenge = get_release().challenges[view.id]
    ask = {"assessment_id": state.assessment_id, "challenge_id": view.id}
    if knows_up_to is not None and challenge.level > knows_up_to:
        return AnswerRequest(**ask, skipped=True)
    if view.choices:
        shown = [view.choices.index(challenge.choices[i - 1]) + 1 for i in challenge.solution.answer]
        value: object = shown[0] if view.type == "QCU" else sorted(shown)
    else:
        value = right_answer(challenge.solution)
    return AnswerRequest(**ask, answer=value)


LEARNER_LISTS = "tests/fixtures/imports"
SUP_DEMO = {"name": "Université Démo", "type": "SUP", "external_id": "UNIV-DEMO", "province_code": "69",
            "manages_students": True, "tags": ["DEMO"]}


def seed_demo_learner_lists() -> None:
    """The demo school (seeded with the organisations) and a demo university get their learner lists; the
    demo Orga admin administers the university, the demo Orga member teaches at the school (idempotent)."""
    from chalicelib.memberships import api as memberships
    from chalicelib.orga import schemas_organizations
    from chalicelib.orga import service_organizations as organizations
    from local.seed_orga import ORGA_ADMIN, ORGA_MEMBER, SCO

    def named(fields: dict[str, object]) -> str | None:
        page, _ = organizations.search(str(fields["name"]), 10, None)
        return next((org.id for org in page if org.name == fields["name"]), None)

    operator = store.current().account_by_login("admin@example.org")
    admin = store.current().account_by_login(ORGA_ADMIN[2])
    member = store.current().account_by_login(ORGA_MEMBER[2])
    sco_id = named(SCO)
    assert operator is not None and admin is not None and member is not None and sco_id is not None
    sup_id = named(SUP_DEMO) or organizations.create(
        schemas_organizations.NewOrganization.model_validate(SUP_DEMO), operator.user_id).id
    memberships.add_member("organization", sup_id, admin.user_id, "ADMIN")
    memberships.add_member("organization", sco_id, member.user_id, "MEMBER")
    seed_learner_lists(sco_id, sup_id)


def seed_learner_lists(sco_organization_id: str, sup_organization_id: str) -> None:
    """The sample SIECLE export and SUP CSV as the two demo organisations' learner lists, checked and
    written as an import does; an organisation that already has a list keeps it. Called once the demo
    organisations exist (their ids are the organisations room's)."""
    from pathlib import Path

    from chalicelib.orga import import_job, imports
    from chalicelib.orga.learners import ImportRequest
    from chalicelib.orga.store import learners

    root = Path(__file__).resolve().parents[1] / LEARNER_LISTS
    for organization_id, format, name in ((sco_organization_id, "siecle", "siecle_sample.zip"),
                                          (sup_organization_id, "sup-csv", "sup_sample_utf8_bom.csv")):
        if learners.current().head(organization_id) is not None:
            continue
        report = imports.check(format, (root / name).read_bytes())
        assert report.importable, report.errors
        import_job.write_list(ImportRequest(f"seed-{format}", organization_id, format, "replace"), report.learners)
