"""Operators' target profile API (the content team, METIER): build, edit, copy, outdate, stages, badges,
publication and attachment to organisations. Every write is recorded in the object's audit trail."""

from chalicelib.orga import schemas_target_profiles as schemas
from chalicelib.orga import service_target_profiles as service
from chalicelib.orga.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, page_size
from chalicelib.web import Access, Call, endpoint

CONTENT_TEAM = Access.operator("METIER")
BASE = "/api/admin/target-profiles"
ONE = BASE + "/{target_profile_id}"


@endpoint(bp, "/api/admin/target-profile-tubes", access=CONTENT_TEAM, response=schemas.TubeCatalog,
          summary="Les sujets du référentiel par compétence et les niveaux de leurs acquis (composer un profil)")
def tube_catalog(call: Call[None]) -> schemas.TubeCatalog:
    return service.tube_catalog()


@endpoint(bp, BASE, access=CONTENT_TEAM, response=schemas.TargetProfilePage, errors=(400,), query=PAGE_QUERY,
          summary="Les profils cibles, du plus récent au plus ancien")
def list_target_profiles(call: Call[None]) -> schemas.TargetProfilePage:
    return service.page(call.query.get("cursor"), page_size(call.query))


@endpoint(bp, BASE, method="POST", access=CONTENT_TEAM, body=schemas.TargetProfileIn,
          response=schemas.TargetProfileOut, status=201, errors=(400, 409),
          summary="Créer un profil cible à partir de sujets plafonnés à un niveau")
def create_target_profile(call: Call[schemas.TargetProfileIn]) -> schemas.TargetProfileOut:
    return service.create(call.user_id, call.body)


@endpoint(bp, ONE, access=CONTENT_TEAM, response=schemas.TargetProfileOut, errors=(404,),
          summary="Un profil cible : ses sujets, paliers, badges et organisations")
def get_target_profile(call: Call[None], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.detail(target_profile_id)


@endpoint(bp, ONE, method="PATCH", access=CONTENT_TEAM, body=schemas.TargetProfileEdit,
          response=schemas.TargetProfileOut, errors=(400, 404, 409),
          summary="Modifier un profil cible (nom, catégorie, description, sujets…)")
def edit_target_profile(call: Call[schemas.TargetProfileEdit], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.edit(call.user_id, target_profile_id, call.body)


@endpoint(bp, ONE + "/copy", method="POST", access=CONTENT_TEAM, response=schemas.TargetProfileOut, status=201,
          errors=(404, 409), summary="Copier un profil cible (« [Copie] … », ni public ni rattaché)")
def copy_target_profile(call: Call[None], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.copy(call.user_id, target_profile_id)


@endpoint(bp, ONE + "/outdate", method="POST", access=CONTENT_TEAM, response=schemas.TargetProfileOut,
          errors=(404, 409), summary="Rendre un profil cible obsolète : plus aucune nouvelle campagne ne l'utilise")
def outdate_target_profile(call: Call[None], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.outdate(call.user_id, target_profile_id)


@endpoint(bp, ONE + "/stages", method="PUT", access=CONTENT_TEAM, body=schemas.StagesIn,
          response=schemas.TargetProfileOut, errors=(400, 404, 409),
          summary="Définir les paliers d'un profil cible (tous par taux de maîtrise ou tous par niveau)")
def set_stages(call: Call[schemas.StagesIn], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.set_stages(call.user_id, target_profile_id, call.body)


@endpoint(bp, ONE + "/badges", method="PUT", access=CONTENT_TEAM, body=schemas.BadgesIn,
          response=schemas.TargetProfileOut, errors=(400, 404, 409),
          summary="Définir les badges d'un profil cible et leurs critères")
def set_badges(call: Call[schemas.BadgesIn], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.set_badges(call.user_id, target_profile_id, call.body)


@endpoint(bp, ONE + "/publication", method="PUT", access=CONTENT_TEAM, body=schemas.PublicationIn,
          response=schemas.TargetProfileOut, errors=(400, 404, 409),
          summary="Rendre un profil cible public (offert à toutes les organisations) ou non")
def set_publication(call: Call[schemas.PublicationIn], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.set_public(call.user_id, target_profile_id, call.body.public)


@endpoint(bp, ONE + "/organizations", method="POST", access=CONTENT_TEAM, body=schemas.AttachIn,
          response=schemas.TargetProfileOut, errors=(400, 404, 409),
          summary="Rattacher un profil cible à des organisations (par identifiant)")
def attach_organizations(call: Call[schemas.AttachIn], target_profile_id: str) -> schemas.TargetProfileOut:
    return service.attach(call.user_id, target_profile_id, call.body.organization_ids)


@endpoint(bp, ONE + "/organizations/{organization_id}", method="DELETE", access=CONTENT_TEAM,
          response=schemas.TargetProfileOut, errors=(404, 409),
          summary="Détacher un profil cible d'une organisation")
def detach_organization(call: Call[None], target_profile_id: str, organization_id: str) -> schemas.TargetProfileOut:
    return service.detach(call.user_id, target_profile_id, organization_id)
