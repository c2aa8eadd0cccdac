"""Operator tools on campaign codes (Pix Admin, the content team; a super admin passes every operator rule)."""

from __future__ import annotations

from chalicelib.orga import schemas_campaigns as schemas
from chalicelib.orga import service_campaign_codes as service
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint

CODE_TOOLS = Access.operator("METIER")
ONE = "/api/admin/campaigns/{campaign_id}"


def _code(campaign: Campaign) -> schemas.CampaignCode:
    return schemas.CampaignCode(campaign_id=campaign.id, organization_id=campaign.organization_id,
                                name=campaign.name, code=campaign.code)


@endpoint(bp, ONE + "/code", method="PATCH", access=CODE_TOOLS, body=schemas.CampaignCodeIn,
          response=schemas.CampaignCode, errors=(400, 404, 409),
          summary="Changer le code d'une campagne (tracé dans son historique)")
def change_campaign_code(call: Call[schemas.CampaignCodeIn], campaign_id: str) -> schemas.CampaignCode:
    assert call.body is not None
    return _code(service.change_code(call.user_id, campaign_id, call.body.code))


@endpoint(bp, ONE + "/code-swap", method="POST", access=CODE_TOOLS, body=schemas.CodeSwapIn,
          response=schemas.CampaignCodes, errors=(400, 404, 409),
          summary="Échanger les codes de deux campagnes (tracé dans l'historique de chacune)")
def swap_campaign_codes(call: Call[schemas.CodeSwapIn], campaign_id: str) -> schemas.CampaignCodes:
    assert call.body is not None
    first, second = service.swap_codes(call.user_id, campaign_id, call.body.other_campaign_id)
    return schemas.CampaignCodes(campaigns=[_code(first), _code(second)])
