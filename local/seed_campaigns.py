"""Demo campaigns: in the demo organisation, two assessment campaigns and two profiles collections, with
participants who took the test and shared (so the results pages are not empty). Idempotent: a campaign
found by its name is kept, a participant who already took part is not asked again.

Everything goes through the use cases, as people would: the campaigns part creates the campaigns, the
participants start, answer the runner's test and share through the participation use cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.accounts import service as accounts
from chalicelib.accounts import store as account_store
from chalicelib.accounts.schemas import SignUpRequest

DEMO_PASSWORD = "Demo2026!"


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    type: str  # ASSESSMENT | PROFILES_COLLECTION
    target_profile_id: str | None
    title: str
    landing_text: str
    external_id_label: str | None = None
    multiple_sendings: bool = False
    result_text: str | None = None
    result_button_text: str | None = None
    result_button_url: str | None = None

    @property
    def is_email(self) -> bool:
        return bool(self.external_id_label and "e-mail" in self.external_id_label)


DEMO_CAMPAIGNS = (
    DemoCampaign("Rentrée 2026 – culture numérique", "ASSESSMENT", "tp-culture-numerique-bases",
                 "Votre rentrée numérique",
                 "Bienvenue ! Ce parcours fait le point sur vos **bases du numérique**. Comptez 20 minutes.",
                 external_id_label="Numéro de matricule",
                 result_text="Merci ! Votre formateur reviendra vers vous avec les sujets à travailler.",
                 result_button_text="Voir les formations", result_button_url="https://pix.fr"),
    DemoCampaign("Données personnelles – équipe RH", "ASSESSMENT", "tp-donnees-personnelles",
                 "Protéger les données personnelles",
                 "Un parcours court sur la protection des données personnelles au travail.",
                 multiple_sendings=True),
    DemoCampaign("Collecte de profils – nouveaux arrivants", "PROFILES_COLLECTION", None,
                 "Votre profil Pix", "Envoyez-nous votre profil Pix pour préparer votre accueil.",
                 external_id_label="Adresse e-mail professionnelle"),
    DemoCampaign("Collecte de profils – certification", "PROFILES_COLLECTION", None,
                 "Avant la certification", "Envoyez votre profil pour savoir si vous êtes certifiable."),
)

# (first name, last name, the level up to which they answer right): participants who take the tests and share
DEMO_PARTICIPANTS = (
    ("Alice", "Bernard", 3), ("Bruno", "Petit", 1), ("Chloé", "Robert", 2), ("David", "Richard", 4),
    ("Emma", "Durand", 2), ("Farid", "Moreau", 1),
)


ASSESSMENT_TAKERS = 4  # the first four take one of the two tests each; all six send their profile


def participant_email(first: str, last: str) -> str:
    return f"{first.lower()}.{last.lower()}@example.org".replace("é", "e").replace("è", "e")


def _participant(first: str, last: str, email: str | None = None) -> str:
    email = email or participant_email(first, last)
    found = account_store.current().account_by_login(email)
    if found is None:
        found = accounts.sign_up(SignUpRequest(first_name=first, last_name=last, email=email, password=DEMO_PASSWORD,
                                               cgu_accepted=True))
    return found.user_id


def _external_id(demo: DemoCampaign, index: int) -> str | None:
    if not demo.external_id_label:
        return None
    return f"participant{index}@entreprise.example" if demo.is_email else f"M-{index:03d}"


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


DEMO_ORGANIZATION = "DEMO-ORGA-PRO"  # the demo organisation's external id: how a second run finds it
DEMO_ORGA_ADMIN = ("Sophie", "Laurent", "orga.admin@example.org")


def seed_demo_organization(operator_id: str) -> tuple[str, str]:
    """The demo organisation (a company: no learner lists, so its campaigns are open to anyone with the code)
    and its admin; returns (organization id, admin user id)."""
    from chalicelib.memberships import api as memberships
    from chalicelib.orga import service_organizations
    from chalicelib.orga.schemas_organizations import NewOrganization

    first, last, email = DEMO_ORGA_ADMIN
    admin_id = _participant(first, last, email)
    found = service_organizations.by_external_id(DEMO_ORGANIZATION)
    if found:
        organization_id = found[0].id
    else:
        organization_id = service_organizations.create(NewOrganization(
            name="Entreprise de démonstration", type="PRO", external_id=DEMO_ORGANIZATION), operator_id).id
    memberships.add_member("organization", organization_id, admin_id, "ADMIN")
    return organization_id, admin_id


def seed_all(operator_id: str) -> list[tuple[str, str]]:
    """The demo organisation, its campaigns and participants; prints the codes; returns (login, what for)."""
    organization_id, admin_id = seed_demo_organization(operator_id)
    made = seed_campaigns(organization_id, admin_id)
    print("  Campagnes de démonstration (code → lien /campagnes/<code>/) :")
    for name, code, campaign_id in made:
        print(f"    - {code}  {name}  (suivi : /orga/campagne/?organisation={organization_id}&campagne={campaign_id})")
    return [(DEMO_ORGA_ADMIN[2], "administratrice de l'organisation de démonstration (Pix Orga)"),
            *((participant_email(first, last), "participant·e des campagnes de démonstration")
              for first, last, _ in DEMO_PARTICIPANTS)]


def seed_campaigns(organization_id: str, creator_id: str) -> list[tuple[str, str, str]]:
    """The demo campaigns of the organisation and their participants; returns (name, code, id) per campaign."""
    from chalicelib.orga import service_campaigns
    from chalicelib.orga.campaigns import CampaignFields
    from chalicelib.orga.store import campaigns as campaign_store
    from chalicelib.orga.store.campaigns import Filters

    existing = {c.name: c for c in campaign_store.of_organization(organization_id, Filters(), 100, None)[0]}
    made = []
    participants = [(_participant(first, last), knows) for first, last, knows in DEMO_PARTICIPANTS]
    for position, demo in enumerate(DEMO_CAMPAIGNS):
        campaign = existing.get(demo.name)
        if campaign is None:
            campaign = service_campaigns.create(organization_id, creator_id, CampaignFields(
                name=demo.name, type=demo.type,  # type: ignore[arg-type]
                target_profile_id=demo.target_profile_id, title=demo.title, landing_text=demo.landing_text,
                result_text=demo.result_text, result_button_text=demo.result_button_text,
                result_button_url=demo.result_button_url, external_id_label=demo.external_id_label,
                external_id_type=("EMAIL" if demo.is_email else "TEXT") if demo.external_id_label else None,
                multiple_sendings=demo.multiple_sendings))
        for index, (user_id, knows) in enumerate(participants):
            if demo.type == "ASSESSMENT" and (index >= ASSESSMENT_TAKERS or index % 2 != position % 2):
                continue  # two per test: seeding stays short (every answer is a request)
            _take_part(user_id, campaign.code, index, knows, _external_id(demo, index))
        made.append((demo.name, campaign.code, campaign.id))
    return made
