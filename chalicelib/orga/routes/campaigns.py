"""Campaigns of an organisation: every member lists, reads and creates; the owner or an admin changes."""

from __future__ import annotations

from chalicelib.errors import Invalid
from chalicelib.memberships import api as memberships
from chalicelib.orga import presenters_campaigns as presenters
from chalicelib.orga import schemas_campaigns as schemas
from chalicelib.orga import service_campaigns as service
from chalicelib.orga.campaigns import Campaign
from chalicelib.orga.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, decode_cursor, encode_cursor, page_size
from chalicelib.web import Access, Call, QueryParam, endpoint

BASE = "/api/organizations/{organization_id}/campaigns"
ONE = BASE + "/{campaign_id}"
MEMBER = Access.organization_member()


def _role(organization_id: str, user_id: str) -> str | None:
    return next(iter(memberships.roles(service.SCOPE, user_id, organization_id)), None)


def _out(user_id: str, organization_id: str, campaign: Campaign) -> schemas.CampaignOut:
    return presenters.campaign(campaign, user_id=user_id, role=_role(organization_id, user_id))


def _flag(value: str | None, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise Invalid("INVALID_FILTER", f"Le filtre {name} vaut true ou false.")


@endpoint(bp, BASE, access=MEMBER, response=schemas.CampaignsPage, errors=(400, 404), summary=(
          "Les campagnes de l'organisation, les plus récentes d'abord (filtres : les miennes, archivées, type)"),
          query=(QueryParam("mine", "true : seulement celles dont je suis propriétaire.", {"type": "boolean"}),
                 QueryParam("archived", "true : les archivées ; false (défaut) : les actives ; all : toutes."),
                 QueryParam("type", "ASSESSMENT ou PROFILES_COLLECTION.",
                            {"type": "string", "enum": ["ASSESSMENT", "PROFILES_COLLECTION"]}),
                 *PAGE_QUERY))
def list_campaigns(call: Call[None], organization_id: str) -> schemas.CampaignsPage:
    mine = bool(_flag(call.query.get("mine"), "mine"))
    raw_archived = call.query.get("archived", "false")
    archived = None if raw_archived == "all" else bool(_flag(raw_archived, "archived"))
    kind = call.query.get("type") or None
    if kind not in (None, "ASSESSMENT", "PROFILES_COLLECTION"):
        raise Invalid("INVALID_FILTER", "Le type vaut ASSESSMENT ou PROFILES_COLLECTION.")
    scope = f"campaigns:{organization_id}:{mine and call.user_id}:{raw_archived}:{kind}"
    found, last = service.list_campaigns(organization_id, call.user_id, mine=mine, archived=archived,
                                         kind=kind,  # type: ignore[arg-type]  # checked just above
                                         limit=page_size(call.query),
                                         start=decode_cursor(call.query.get("cursor"), scope=scope))
    role = _role(organization_id, call.user_id)
    names = presenters.profile_names(found)
    return schemas.CampaignsPage(
        campaigns=[presenters.campaign(c, user_id=call.user_id, role=role, names=names) for c in found],
        next_cursor=encode_cursor(last, scope=scope))


@endpoint(bp, BASE, method="POST", access=MEMBER, body=schemas.CampaignIn, response=schemas.CampaignOut,
          status=201, errors=(400, 404, 409), summary="Créer une campagne (un code unique lui est attribué)")
def create_campaign(call: Call[schemas.CampaignIn], organization_id: str) -> schemas.CampaignOut:
    return _out(call.user_id, organization_id, service.create(organization_id, call.user_id, call.body.fields()))


@endpoint(bp, ONE, access=MEMBER, response=schemas.CampaignOut, errors=(404,), summary="Une campagne")
def get_campaign(call: Call[None], organization_id: str, campaign_id: str) -> schemas.CampaignOut:
    return _out(call.user_id, organization_id, service.campaign(organization_id, campaign_id))


@endpoint(bp, ONE, method="PUT", access=MEMBER, body=schemas.CampaignIn, response=schemas.CampaignOut,
          errors=(400, 403, 404, 409),
          summary="Modifier une campagne (propriétaire ou administrateur ; type fixe ; envoi multiple et profil "
                  "cible figés après une participation)")
def update_campaign(call: Call[schemas.CampaignIn], organization_id: str, campaign_id: str) -> schemas.CampaignOut:
    changed = service.update(organization_id, campaign_id, call.user_id, call.body.fields())
    return _out(call.user_id, organization_id, changed)


@endpoint(bp, ONE + "/archive", method="POST", access=MEMBER, response=schemas.CampaignOut,
          errors=(403, 404, 409), summary="Archiver une campagne (plus de nouvelle participation)")
def archive_campaign(call: Call[None], organization_id: str, campaign_id: str) -> schemas.CampaignOut:
    return _out(call.user_id, organization_id, service.archive(organization_id, campaign_id, call.user_id))


@endpoint(bp, ONE + "/unarchive", method="POST", access=MEMBER, response=schemas.CampaignOut,
          errors=(403, 404, 409), summary="Désarchiver une campagne")
def unarchive_campaign(call: Call[None], organization_id: str, campaign_id: str) -> schemas.CampaignOut:
    return _out(call.user_id, organization_id, service.unarchive(organization_id, campaign_id, call.user_id))


@endpoint(bp, ONE, method="DELETE", access=MEMBER, errors=(403, 404, 409),
          summary="Supprimer une campagne (elle quitte les listes, son code n'ouvre plus rien)")
def delete_campaign(call: Call[None], organization_id: str, campaign_id: str) -> None:
    service.delete(organization_id, campaign_id, call.user_id)


@endpoint(bp, "/api/organizations/{organization_id}/target-profiles", access=MEMBER,
          response=schemas.TargetProfileChoices, errors=(404,),
          summary="Les profils cibles qu'une nouvelle campagne de l'organisation peut utiliser")
def campaign_target_profiles(call: Call[None], organization_id: str) -> schemas.TargetProfileChoices:
    return schemas.TargetProfileChoices(target_profiles=[
        schemas.TargetProfileChoice(id=p.id, name=p.name, category=p.category, description=p.description)
        for p in service.available_target_profiles(organization_id)])
