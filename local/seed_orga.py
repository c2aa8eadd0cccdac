"""Demo organisations for the local stack (idempotent: an organisation found by its name is left as it is).

A company (PRO) and a school (SCO, with its UAI), created by the demo operator through the use cases; the
demo Orga admin administers both (so the switcher has two), a demo member belongs to the company. The
company gets one campaign of each type, created by its admin, whose codes are printed.
"""

from __future__ import annotations

from chalicelib.accounts import service as accounts
from chalicelib.accounts import store as account_store
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.memberships import api as memberships
from chalicelib.orga import schemas_organizations
from chalicelib.orga import service_campaigns as campaigns
from chalicelib.orga import service_organizations as organizations
from chalicelib.orga.campaigns import CampaignFields
from chalicelib.orga.organizations import Organization

ORGA_ADMIN = ("Nadia", "Benali", "orga.admin@example.org", "administratrice Pix Orga (entreprise et lycée)")
ORGA_MEMBER = ("Hugo", "Moreau", "orga.membre@example.org", "membre Pix Orga (entreprise)")
PRO = {"name": "Entreprise Démo", "type": "PRO", "email": "rh@entreprise-demo.example.org",
       "tags": ["DEMO"]}
SCO = {"name": "Lycée Henri-IV (démo)", "type": "SCO", "external_id": "0750654D", "province_code": "75",
       "manages_students": True, "tags": ["DEMO", "LYCEE"]}
DEMO_PROFILE = "tp-culture-numerique-bases"
DEMO_CAMPAIGNS = [
    CampaignFields(name="Rentrée 2026 : culture numérique", type="ASSESSMENT", target_profile_id=DEMO_PROFILE,
                   title="Votre culture numérique", landing_text="Ce test d'une vingtaine de minutes mesure vos "
                   "bases du numérique. Il s'adapte à vos réponses.", external_id_label="Matricule",
                   external_id_type="TEXT"),
    CampaignFields(name="Collecte des profils 2026", type="PROFILES_COLLECTION",
                   title="Envoyez votre profil Pix", multiple_sendings=True),
]


def _account(first: str, last: str, email: str, password: str) -> str:
    found = account_store.current().account_by_login(email)
    if found is None:
        found = accounts.sign_up(SignUpRequest(first_name=first, last_name=last, email=email, password=password,
                                               cgu_accepted=True, birth_date=None))
    return found.user_id


def _organization(fields: dict[str, object], operator_id: str) -> Organization:
    page, _ = organizations.search(str(fields["name"]), 10, None)
    same = [org for org in page if org.name == fields["name"]]
    if same:
        return same[0]
    return organizations.create(schemas_organizations.NewOrganization.model_validate(fields), operator_id)


def seed_organizations(operator_id: str, password: str) -> list[tuple[str, str]]:
    """The demo organisations, their admin and member, and the company's campaigns; (login, what for)."""
    admin = _account(*ORGA_ADMIN[:3], password)
    member = _account(*ORGA_MEMBER[:3], password)
    pro = _organization(PRO, operator_id)
    sco = _organization(SCO, operator_id)
    for org in (pro, sco):
        memberships.add_member("organization", org.id, admin, "ADMIN")
    memberships.add_member("organization", pro.id, member, "MEMBER")
    existing, _ = campaigns.list_campaigns(pro.id, admin, mine=False, archived=None, kind=None, limit=50, start=None)
    names = {c.name for c in existing}
    for fields in DEMO_CAMPAIGNS:
        if fields.name not in names:
            campaigns.create(pro.id, admin, fields)
    return [(ORGA_ADMIN[2], ORGA_ADMIN[3]), (ORGA_MEMBER[2], ORGA_MEMBER[3])]


def demo_company() -> Organization | None:
    """The demo company (PRO), once seeded: local/seed_campaigns.py adds its campaigns and participants."""
    page, _ = organizations.search(str(PRO["name"]), 10, None)
    return next((org for org in page if org.name == PRO["name"]), None)


def demo_codes() -> list[tuple[str, str]]:
    """(code, campaign name) of the company's campaigns (these and local/seed_campaigns.py's), to print."""
    company = demo_company()
    if company is None:
        return []
    listed, _ = campaigns.list_campaigns(company.id, "", mine=False, archived=False, kind=None, limit=50, start=None)
    return [(c.code, c.name) for c in listed]


__all__ = ["demo_codes", "demo_company", "seed_organizations"]
