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
    logins.extend(seed_campaigns())
    code = seed_certificate(learner.user_id)
    print(f"  Certificat de démonstration de {DEMO_LEARNER} : {code} (page /verification/?code={code})", flush=True)
    return logins


def seed_certificate(user_id: str) -> str:
    """A published certificate for the demo learner, issued through the Certif room's api (its code stays the
    same from one run to the next: one certificate per certification). Returns its verification code."""
    from chalicelib.certif import api as certif

    levels = {"1.1": 3, "1.2": 2, "1.3": 2, "2.1": 2, "2.2": 1, "3.1": 2, "3.2": 1, "4.1": 1, "4.2": 1,
              "5.1": 2}
    result = certif.CertificationResult(
        certification_id="demo-certification-1", user_id=user_id, first_name="Camille", last_name="Martin",
        birth_date=date(2001, 6, 15), birthplace="Lyon", status="validated", pix=sum(8 * v for v in levels.values()),
        levels=levels, comment_for_candidate="Très bon parcours : continuez sur la création de contenu.")
    session = certif.SessionCertificates(session_id="demo-session-1", centre_id="demo-centre",
                                         centre_name="Centre de démonstration Pix", taken_on=date(2026, 11, 12),
                                         max_reachable_level=7, results=(result,))
    return certif.issue_certificates(session)["demo-certification-1"]


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


def seed_campaigns() -> list[tuple[str, str]]:
    """The demo company's two more campaigns (two of each type) and participants who took part in all of
    them (local/seed_campaigns.py); after seed_organizations."""
    from local.seed_campaigns import seed_all

    return seed_all()


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


# --- Pix Certif: a centre, its admin, a session today with candidates (the demo learner among them) -------

CERTIF_ADMIN = ("Nadia", "Benali", "certif.admin@example.org")
CERTIF_CENTRE = "Centre de certification de démonstration"
# The demo school's UAI (local.seed_orga.SCO, with its SIECLE list): the demo centre picks its pupils there.
CERTIF_SCHOOL_UAI = "0750654D"
CERTIF_CANDIDATES = [
    # (birth name, first name, sex, birth date, INSEE code of the birthplace, e-mail, extra time %)
    ("Martin", "Camille", "F", date(2009, 5, 17), "69123", "camille.martin@example.org", 0),
    ("Dubois", "Léo", "M", date(2012, 3, 14), "75056", None, 30),
    ("Nguyen", "Linh", "F", date(2009, 11, 2), "13055", None, 0),
]


def seed_certif() -> list[str]:
    """The demo centre (found again by its name), its admin (a member, not an invitation), a session today
    with the demo candidates; the lines `make run` prints: login, session number, access code and a fresh
    invigilator password (only its hash is kept, so each run gives a new one)."""
    from datetime import time

    from chalicelib import clock
    from chalicelib.certif import candidates as certif_candidates
    from chalicelib.certif import members, service_candidates, service_centres, service_sessions, sessions

    first, last, email = CERTIF_ADMIN
    admin = store.current().account_by_login(email)
    if admin is None:
        admin = service.sign_up(SignUpRequest(first_name=first, last_name=last, email=email,
                                              password=DEMO_PASSWORD, cgu_accepted=True))
    found, _ = service_centres.page(CERTIF_CENTRE, None, 1)
    centre = found[0] if found and found[0].name == CERTIF_CENTRE else service_centres.create(
        CERTIF_CENTRE, "SCO", admin.user_id, external_id=CERTIF_SCHOOL_UAI)
    if centre.external_id != CERTIF_SCHOOL_UAI:  # a demo seeded before the link: the demo school's UAI
        centre = service_centres.edit(centre.id, admin.user_id, external_id=CERTIF_SCHOOL_UAI)
    members.add_member(centre.id, admin.user_id, "ADMIN")
    today = service_sessions.today()  # the French day, as the centre's tabs count it
    upcoming, _ = service_sessions.page(centre.id, sessions.UPCOMING, None, 100)
    session = next((s for s in upcoming if s.details.date == today), None)
    if session is None:
        details = sessions.details("Lycée de démonstration, 1 rue de l'École, Lyon", "Salle informatique B12",
                                   today, time(9, 0), "M. Girard")
        session = service_sessions.create(centre.id, details).session
    password = service_sessions.renew_password(centre.id, session.id).invigilator_password
    enrolled = {c.identity() for c in service_candidates.list_of(centre.id, session.id)}
    for last_name, first_name, sex, birth, insee, mail, extra in CERTIF_CANDIDATES:
        given = certif_candidates.Input(last_name=last_name, first_name=first_name, sex=sex, birth_date=birth,
                                        birth_insee_code=insee, email=mail or "", extra_time_percentage=extra)
        probe = certif_candidates.enrol("probe", session.id, given, clock.now(), billed=centre.billed)
        if probe.identity() not in enrolled:
            service_candidates.enrol(centre.id, session.id, given)
    return [
        f"Pix Certif : {email} (administratrice du centre « {centre.name} »)",
        f"Session du jour n° {session.id} : code d'accès {session.access_code}, "
        f"mot de passe surveillant {password}",
    ]


# --- Pix Certif: the demo learner eligible, and what to type to take today's session -----------------------

# More tests for the demo learner, so that she has level 1 or more in at least 5 competences (eligible), and
# tests for the pupil Léo Dubois (a username account, enrolled with 30 % extra time), eligible too: a second
# candidate for the invigilator's portal.
EXAM_TESTS = {"1.2": 2, "2.2": 2, "5.1": 2}
SECOND_CANDIDATE = ("Léo", "Dubois", date(2012, 3, 14))
SECOND_TESTS = {"1.1": 2, "1.2": 2, "2.2": 2, "3.1": 2, "5.1": 2}


def _take_tests(user_id: str, tests: dict[str, int]) -> None:
    """Finish each test not begun yet (idempotent), right up to the given level."""
    from chalicelib.evaluation import service as evaluation

    begun = {c.code for c in evaluation.profile(user_id).competences if c.evaluation != "none"}
    for code, knows_up_to in tests.items():
        if code in begun:
            continue
        state = evaluation.start_evaluation(user_id, code)
        while state.challenge is not None:
            state = evaluation.answer_challenge(user_id, code, _answer(state, knows_up_to)).assessment


def seed_exam() -> list[str]:
    """Make the demo learner eligible (the tests above, skipped when begun: idempotent) and say what she types
    at /certification/ and what the invigilator types at /certif/surveillance/ (after `seed_certif`)."""
    from chalicelib.certif import service_exam, service_sessions, sessions

    learner = store.current().account_by_login(DEMO_LEARNER)
    assert learner is not None
    _take_tests(learner.user_id, EXAM_TESTS)
    second = store.current().account_by_login(base_username(*SECOND_CANDIDATE))
    if second is not None:
        _take_tests(second.user_id, SECOND_TESTS)
    eligible = service_exam.eligibility(learner.user_id)
    found, _ = service_centres_page(CERTIF_CENTRE)
    today = service_sessions.today()  # the French day, as the centre's tabs count it
    upcoming, _ = service_sessions.page(found.id, sessions.UPCOMING, None, 100) if found else ([], None)
    session = next((s for s in upcoming if s.details.date == today), None)
    if session is None:
        return ["Certification : pas de session du jour (lancez seed_certif d'abord)."]
    last, first, _, birth, *_ = CERTIF_CANDIDATES[0]
    return [
        f"Certification ({'éligible' if eligible.eligible else 'NON éligible'}, {len(eligible.tested)} compétences) : "
        f"{DEMO_LEARNER} ouvre /certification/, saisit la session n° {session.id}, {last} {first}, "
        f"né(e) le {birth.strftime('%d/%m/%Y')}, puis le code d'accès {session.access_code}",
        f"Surveillance : n'importe quel compte connecté ouvre /certif/surveillance/ avec la session n° {session.id} "
        "et le mot de passe surveillant ci-dessus",
    ]


def service_centres_page(name: str):  # type: ignore[no-untyped-def]
    from chalicelib.certif import service_centres

    found, _ = service_centres.page(name, None, 1)
    return (found[0] if found and found[0].name == name else None), None


# --- Pix Certif: a finalised session for the jury --------------------------------------------------------------

JURY_CANDIDATE = ("Jeanne", "Moreau", "jeanne.moreau@example.org", date(2008, 9, 23))
JURY_RECIPIENT = "parents.moreau@example.org"
JURY_TESTS = {"1.1": 2, "1.2": 2, "2.1": 2, "3.1": 2, "5.1": 2}
JURY_ROOM = "Salle du jury (démonstration)"


def seed_jury() -> list[str]:
    """A session of the demo centre that Jeanne Moreau sat (question 2 skipped), finalised by the centre with an
    in-challenge report that the rules neutralise (website blocked, question 2) and a fraud report that waits
    for the jury: the certification team (certif@example.org) takes it in Pix Admin. Idempotent: the session is
    found again by its room."""
    from datetime import time

    from chalicelib import clock
    from chalicelib.certif import candidates as certif_candidates
    from chalicelib.certif import (
        finalisation,
        scoring,
        service_candidates,
        service_exam,
        service_finalisation,
        service_sessions,
        service_supervision,
        sessions,
    )
    from chalicelib.certif import schemas_exam as exam_schemas
    from chalicelib.certif.issue_reports import Category, IssueReport, Subcategory
    from chalicelib.content.api import answer_for_display, get_release
    from chalicelib.engine.checking import right_answer

    centre = service_centres_page(CERTIF_CENTRE)[0]
    if centre is None:
        return ["Jury : pas de centre de démonstration (lancez seed_certif d'abord)."]
    done, _ = service_sessions.page(centre.id, sessions.CLOSED, None, 100)
    found = next((s for s in done if s.details.room == JURY_ROOM), None)
    if found is not None:
        return [f"Jury : session finalisée n° {found.id} ({found.status}), à traiter par certif@example.org"]
    first, last, email, birth = JURY_CANDIDATE
    account = store.current().account_by_login(email)
    if account is None:
        account = service.sign_up(SignUpRequest(first_name=first, last_name=last, email=email,
                                                password=DEMO_PASSWORD, cgu_accepted=True))
    _take_tests(account.user_id, JURY_TESTS)
    today = clock.now().date()
    details = sessions.details("Lycée de démonstration, 1 rue de l'École, Lyon", JURY_ROOM, today,
                               time(14, 0), "Mme Perrin")
    session = service_sessions.create(centre.id, details).session
    candidate = service_candidates.enrol(centre.id, session.id, certif_candidates.Input(
        last_name=last, first_name=first, sex="F", birth_date=birth, birth_insee_code="69123",
        result_recipient_email=JURY_RECIPIENT))
    user = account.user_id
    course_id = service_exam.join(user, session.id, last, first, birth).course_id
    service_exam.enter(user, course_id, session.access_code)
    service_supervision.authorise(session.id, candidate.id)
    running = service_exam.start(user, course_id)
    entry, number = running.entry_id or "", 1
    while running.status == "started" and running.challenge is not None:
        challenge = get_release().challenges[running.challenge.id]
        skip = number == 2
        given = exam_schemas.CourseAnswer(
            entry_id=entry, challenge_id=challenge.id, skipped=skip,
            answer=None if skip else answer_for_display(challenge, course_id, right_answer(challenge.solution)))
        running = service_exam.answer(user, course_id, given)
        number += 1
    reports = (IssueReport(Category.IN_CHALLENGE, Subcategory.WEBSITE_BLOCKED, 2, "Site bloqué par le pare-feu"),
               IssueReport(Category.FRAUD, None, None, "Téléphone consulté pendant le test"))
    member = store.current().account_by_login(CERTIF_ADMIN[2])
    service_finalisation.finalise(member.user_id if member else user, centre.id, session.id, "", False, False,
                                  [finalisation.CandidateInput(candidate.id, reports, scoring.AbortReason.TECHNICAL)])
    return [f"Jury : session finalisée n° {session.id} (signalement de fraude à examiner), à traiter par "
            "certif@example.org dans Pix Admin, Sessions de certification"]


FINALISATION_ROOM = "Salle à finaliser (démonstration)"
ANSWERED_BEFORE_LEAVING = 3


def seed_to_finalise() -> list[str]:
    """A session of yesterday (tab « À finaliser ») where Jeanne Moreau answered 3 questions and left her test
    running: the centre's admin finalises it at /certif/ (an unfinished test needs a reason). After `seed_jury`
    (Jeanne's account and profile). Idempotent: found again by its room, open or finalised."""
    from datetime import time, timedelta

    from chalicelib import clock
    from chalicelib.certif import candidates as certif_candidates
    from chalicelib.certif import schemas_exam as exam_schemas
    from chalicelib.certif import service_candidates, service_exam, service_sessions, service_supervision, sessions
    from chalicelib.content.api import answer_for_display, get_release
    from chalicelib.engine.checking import right_answer

    centre = service_centres_page(CERTIF_CENTRE)[0]
    first, last, email, birth = JURY_CANDIDATE
    account = store.current().account_by_login(email)
    if centre is None or account is None:
        return ["À finaliser : lancez seed_certif et seed_jury d'abord."]
    for tab in (sessions.TO_FINALISE, sessions.CLOSED):
        listed, _ = service_sessions.page(centre.id, tab, None, 100)
        found = next((s for s in listed if s.details.room == FINALISATION_ROOM), None)
        if found is not None:
            state = "un test encore en cours" if found.open else "finalisée"
            return [f"À finaliser : session n° {found.id} ({state}), par certif.admin@example.org"]
    yesterday = clock.now().date() - timedelta(days=1)
    details = sessions.details("Lycée de démonstration, 1 rue de l'École, Lyon", FINALISATION_ROOM, yesterday,
                               time(10, 0), "M. Garnier")
    session = service_sessions.create(centre.id, details).session
    candidate = service_candidates.enrol(centre.id, session.id, certif_candidates.Input(
        last_name=last, first_name=first, sex="F", birth_date=birth, birth_insee_code="69123"))
    user = account.user_id
    course_id = service_exam.join(user, session.id, last, first, birth).course_id
    service_exam.enter(user, course_id, session.access_code)
    service_supervision.authorise(session.id, candidate.id)
    running = service_exam.start(user, course_id)
    entry = running.entry_id or ""
    for _ in range(ANSWERED_BEFORE_LEAVING):
        if running.challenge is None:
            break
        challenge = get_release().challenges[running.challenge.id]
        running = service_exam.answer(user, course_id, exam_schemas.CourseAnswer(
            entry_id=entry, challenge_id=challenge.id,
            answer=answer_for_display(challenge, course_id, right_answer(challenge.solution))))
    return [f"À finaliser : session n° {session.id} (un test encore en cours), par certif.admin@example.org"]
