"""Demo participations: the demo company of local/seed_orga.py (PRO, administered by orga.admin@example.org)
gets two more campaigns, so it has two of each type, and six participants take part in all four (the tests
answered, most results shared), so the results pages, the analysis and the export are not empty.
Idempotent: a campaign found by its name is kept, a participant who already took part is not asked again.

Everything goes through the use cases, as people would: the campaigns part creates the campaigns (as the
company's admin), the participants start, answer the runner's test and share through the participation
use cases. Run after `seed_orga.seed_organizations`; the codes are printed once, by the stack
(`seed_orga.demo_codes`).
"""

from __future__ import annotations

from chalicelib.accounts import service as accounts
from chalicelib.accounts import store as account_store
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.orga.campaigns import Campaign, CampaignFields

DEMO_PASSWORD = "Demo2026!"

# Beside seed_orga's "Rentrée 2026 : culture numérique" (assessment, matricule) and "Collecte des profils 2026"
MORE_CAMPAIGNS = (
    CampaignFields(name="Données personnelles – équipe RH", type="ASSESSMENT",
                   target_profile_id="tp-donnees-personnelles", title="Protéger les données personnelles",
                   landing_text="Un parcours court sur la protection des données personnelles au travail.",
                   result_text="Merci ! Votre responsable reviendra vers vous avec les sujets à travailler.",
                   result_button_text="Voir les formations", result_button_url="https://pix.fr",
                   multiple_sendings=True),
    CampaignFields(name="Collecte de profils – nouveaux arrivants", type="PROFILES_COLLECTION",
                   title="Votre profil Pix", landing_text="Envoyez-nous votre profil Pix pour préparer votre accueil.",
                   external_id_label="Adresse e-mail professionnelle", external_id_type="EMAIL"),
)

# (first name, last name, the level up to which they answer right): participants who take the tests and share
DEMO_PARTICIPANTS = (
    ("Alice", "Bernard", 3), ("Bruno", "Petit", 1), ("Chloé", "Robert", 2), ("David", "Richard", 4),
    ("Emma", "Durand", 2), ("Farid", "Moreau", 1),
)
ASSESSMENT_TAKERS = 4  # the first four take one of the two tests each (two per test); all six send their profile


def participant_email(first: str, last: str) -> str:
    return f"{first.lower()}.{last.lower()}@example.org".replace("é", "e").replace("è", "e")


def _participant(first: str, last: str) -> str:
    email = participant_email(first, last)
    found = account_store.current().account_by_login(email)
    if found is None:
        found = accounts.sign_up(SignUpRequest(first_name=first, last_name=last, email=email, password=DEMO_PASSWORD,
                                               cgu_accepted=True))
    return found.user_id


def _external_id(campaign: Campaign, index: int) -> str | None:
    if not campaign.external_id_label:
        return None
    return f"participant{index}@entreprise.example" if campaign.external_id_type == "EMAIL" else f"M-{index:03d}"


def _take_part(user_id: str, code: str, index: int, knows_up_to: int, external_id: str | None) -> None:
    """Start (unless already there), answer the test to its end, share."""
    from chalicelib.evaluation import service_campaign
    from chalicelib.orga import service_participations as participations
    from local.seed import _answer

    state = participations.my_participation(user_id, code)
    if state.status == "NONE":
        state = participations.start(user_id, code, external_id)
    if state.status == "SHARED" or state.participation_id is None:
        return
    pid = state.participation_id
    test = service_campaign.find(user_id, pid)
    while test is not None and test.status == "started" and test.challenge is not None:
        test = service_campaign.answer(user_id, pid, _answer(test, knows_up_to)).assessment
    if index % 5 != 4:  # most share; one keeps the result to themselves for now
        participations.share(user_id, pid)


def seed_all() -> list[tuple[str, str]]:
    """The company's two more campaigns and everyone's participations; returns (login, what for)."""
    from chalicelib.orga import service_campaigns
    from local.seed_orga import ORGA_ADMIN, demo_company

    company = demo_company()
    admin = account_store.current().account_by_login(ORGA_ADMIN[2])
    assert company is not None and admin is not None, "seed_orga.seed_organizations runs first"
    listed, _ = service_campaigns.list_campaigns(company.id, admin.user_id, mine=False, archived=False, kind=None,
                                                 limit=50, start=None)
    names = {c.name for c in listed}
    for fields in MORE_CAMPAIGNS:
        if fields.name not in names:
            listed.append(service_campaigns.create(company.id, admin.user_id, fields))
    participants = [(_participant(first, last), knows) for first, last, knows in DEMO_PARTICIPANTS]
    assessments = [c for c in listed if c.type == "ASSESSMENT"]
    for campaign in listed:
        for index, (user_id, knows) in enumerate(participants):
            if campaign.type == "ASSESSMENT" and (
                    index >= ASSESSMENT_TAKERS or index % len(assessments) != assessments.index(campaign)):
                continue  # two per test: seeding stays short (every answer is a request)
            _take_part(user_id, campaign.code, index, knows, _external_id(campaign, index))
    return [(participant_email(first, last), "participant·e des campagnes de démonstration")
            for first, last, _ in DEMO_PARTICIPANTS]
