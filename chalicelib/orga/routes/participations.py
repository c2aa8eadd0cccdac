"""Participation routes: the learner joins a campaign by its code, starts, shares, sees their campaigns; the
organisation's members read participants, results, activity, analysis, export them, delete a participation."""

from chalicelib.jobs.api import JobOut
from chalicelib.orga import export_job, service_participations
from chalicelib.orga import schemas_participations as schemas
from chalicelib.orga.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY
from chalicelib.web import Access, Call, QueryParam, endpoint

# --- the learner's side ---------------------------------------------------------------------------


@endpoint(bp, "/api/campaigns/by-code", method="POST", access=Access.PUBLIC, body=schemas.CodeRequest,
          response=schemas.Landing, errors=(404, 409),
          summary="Trouver une campagne par son code (« J'ai un code ») : l'organisation, le titre, l'accueil")
def campaign_by_code(call: Call[schemas.CodeRequest]) -> schemas.Landing:
    return service_participations.find_campaign(call.body.code)


@endpoint(bp, "/api/campaigns/{code}/my-participation", access=Access.LEARNER, response=schemas.MyParticipation,
          errors=(404,), summary="Où j'en suis dans cette campagne : pas commencée, en cours, terminée, envoyée")
def my_participation(call: Call[None], code: str) -> schemas.MyParticipation:
    return service_participations.my_participation(call.user_id, code)


@endpoint(bp, "/api/campaigns/{code}/participations", method="POST", access=Access.LEARNER,
          body=schemas.StartRequest, response=schemas.MyParticipation, status=201, errors=(400, 403, 404, 409),
          summary="Commencer la campagne (avec l'identifiant demandé), ou la repasser quand elle le permet")
def start_participation(call: Call[schemas.StartRequest], code: str) -> schemas.MyParticipation:
    return service_participations.start(call.user_id, code, call.body.external_id, call.body.reset)


@endpoint(bp, "/api/campaign-participations/{participation_id}", access=Access.LEARNER,
          response=schemas.MyParticipation, errors=(404,),
          summary="Où j'en suis dans la campagne de cette participation (la page de résultat)")
def my_participation_by_id(call: Call[None], participation_id: str) -> schemas.MyParticipation:
    return service_participations.my_participation_by_id(call.user_id, participation_id)


@endpoint(bp, "/api/campaign-participations/{participation_id}/share", method="POST", access=Access.LEARNER,
          response=schemas.MyParticipation, errors=(404, 409),
          summary="« J'envoie mes résultats » : l'organisation voit ma participation à partir de maintenant")
def share_participation(call: Call[None], participation_id: str) -> schemas.MyParticipation:
    return service_participations.share(call.user_id, participation_id)


@endpoint(bp, "/api/me/campaign-participations", access=Access.LEARNER, response=schemas.MyCampaigns,
          summary="Mes campagnes et où j'en suis (page d'accueil)")
def my_campaigns(call: Call[None]) -> schemas.MyCampaigns:
    return service_participations.my_campaigns(call.user_id)


# --- the organisation's side ----------------------------------------------------------------------

CAMPAIGN = "/api/organizations/{organization_id}/campaigns/{campaign_id}"
FILTERS = (
    QueryParam("division", "Classe (SCO)."), QueryParam("group", "Groupe (SUP)."),
    QueryParam("stage", "Palier atteint (0 = le premier)."), QueryParam("badge", "Identifiant d'un badge obtenu."),
    QueryParam("search", "Une partie du nom ou du prénom."),
)


@endpoint(bp, CAMPAIGN + "/participants", access=Access.organization_member(), response=schemas.ParticipantsPage,
          errors=(400, 404), query=FILTERS + PAGE_QUERY,
          summary="Les participants de la campagne (dernier envoi de chacun), filtrés, par ordre alphabétique")
def participants(call: Call[None], organization_id: str, campaign_id: str) -> schemas.ParticipantsPage:
    return service_participations.participants(organization_id, campaign_id, call.query)


@endpoint(bp, CAMPAIGN + "/participants/{participation_id}", access=Access.organization_member(),
          response=schemas.ParticipantResult, errors=(404,),
          summary="Le résultat d'un participant (une fois envoyé) : maîtrise par compétence, palier, badges")
def participant_result(call: Call[None], organization_id: str, campaign_id: str,
                       participation_id: str) -> schemas.ParticipantResult:
    return service_participations.participant_result(organization_id, campaign_id, participation_id)


@endpoint(bp, CAMPAIGN + "/participants/{participation_id}", method="DELETE", access=Access.organization_admin(),
          errors=(404,), summary="Supprimer une participation (elle sort des résultats ; le participant la garde)")
def delete_participation(call: Call[None], organization_id: str, campaign_id: str, participation_id: str) -> None:
    service_participations.delete_participation(organization_id, campaign_id, participation_id)


@endpoint(bp, CAMPAIGN + "/activity", access=Access.organization_member(), response=schemas.ActivityOut,
          errors=(404,), summary="L'activité : participants, statuts, participations et envois par jour")
def activity(call: Call[None], organization_id: str, campaign_id: str) -> schemas.ActivityOut:
    return service_participations.activity(organization_id, campaign_id)


@endpoint(bp, CAMPAIGN + "/results", access=Access.organization_member(), response=schemas.CollectiveOut,
          errors=(404, 409), summary="Les résultats collectifs par compétence et par sujet (participations envoyées)")
def collective_results(call: Call[None], organization_id: str, campaign_id: str) -> schemas.CollectiveOut:
    return service_participations.collective_results(organization_id, campaign_id)


@endpoint(bp, CAMPAIGN + "/analysis", access=Access.organization_member(), response=schemas.AnalysisOut,
          errors=(404, 409), summary="L'analyse : les sujets à travailler en priorité, avec des tutoriels")
def analysis(call: Call[None], organization_id: str, campaign_id: str) -> schemas.AnalysisOut:
    return service_participations.analysis(organization_id, campaign_id)


@endpoint(bp, CAMPAIGN + "/exports", method="POST", access=Access.organization_member(), response=JobOut,
          status=202, errors=(404,),
          summary="Exporter les résultats en CSV (préparé en arrière-plan ; suivre /api/jobs/{job_id})")
def export_results(call: Call[None], organization_id: str, campaign_id: str) -> JobOut:
    return export_job.request_export(call.user_id, organization_id, campaign_id)
