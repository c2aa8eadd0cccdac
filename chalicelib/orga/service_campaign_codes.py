"""Operator tools on campaign codes (Pix Admin): give a campaign another code, or swap the codes of two
campaigns (a code printed on the wrong sheets, two classes handed each other's). Each change is one DynamoDB
transaction (the code items and the campaigns together: a code never names two campaigns, nor none) and
one entry in the campaign's audit trail (admin.api.record_action)."""

from __future__ import annotations

from chalicelib.admin import api as admin
from chalicelib.errors import Conflict, Invalid, NotFound
from chalicelib.orga import campaigns as rules
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.store import campaigns as store

TRAIL_OBJECT = "campaign"


def _campaign(campaign_id: str) -> Campaign:
    found = store.current().get(campaign_id)
    if found is None or found.deleted_at is not None:
        raise NotFound("CAMPAIGN_NOT_FOUND", "Cette campagne n'existe pas.")
    return found


def _changed() -> Conflict:
    return Conflict("CAMPAIGN_CHANGED", "La campagne vient d'être modifiée : rechargez la page.")


def change_code(operator_id: str, campaign_id: str, code: str) -> Campaign:
    campaign = _campaign(campaign_id)
    wanted = rules.valid_code(code)
    if wanted == campaign.code:
        raise Invalid("CAMPAIGN_CODE_UNCHANGED", "C'est déjà le code de cette campagne.",
                      details=[{"field": "code", "message": "inchangé"}])
    if not store.current().change_code(campaign, wanted):
        if store.current().by_code(wanted) is not None:
            raise Conflict("CAMPAIGN_CODE_TAKEN", f"Le code {wanted} est déjà celui d'une autre campagne : "
                                                  "échangez les codes ou choisissez-en un autre.")
        raise _changed()
    admin.record_action(operator_id, "campaign-code-changed", TRAIL_OBJECT, campaign.id,
                        {"code": (campaign.code, wanted)})
    return _campaign(campaign_id)


def swap_codes(operator_id: str, campaign_id: str, other_campaign_id: str) -> tuple[Campaign, Campaign]:
    if campaign_id == other_campaign_id:
        raise Invalid("CAMPAIGN_SWAP_SAME", "Choisissez deux campagnes différentes pour échanger leurs codes.",
                      details=[{"field": "other_campaign_id", "message": "la même campagne"}])
    first, second = _campaign(campaign_id), _campaign(other_campaign_id)
    if not store.current().swap_codes(first, second):
        raise _changed()
    for one, other in ((first, second), (second, first)):
        admin.record_action(operator_id, "campaign-code-swapped", TRAIL_OBJECT, one.id,
                            {"code": (one.code, other.code), "swapped_with": (None, other.id)})
    return _campaign(campaign_id), _campaign(other_campaign_id)
