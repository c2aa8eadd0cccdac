"""Jobs API: follow a job, get an upload form, and the learner's data export ("Mon compte")."""

from chalice.app import Blueprint

from chalicelib.errors import Forbidden
from chalicelib.jobs import personal_data, schemas, service
from chalicelib.web import Access, Call, authorize, endpoint

bp = Blueprint(__name__)


@endpoint(bp, "/api/jobs/{job_id}", access=Access.LEARNER, response=schemas.JobOut, errors=(401, 404),
          summary="Suivre un traitement que j'ai lancé ; une fois fini, un lien de téléchargement valable 5 minutes")
def get_job(call: Call[None], job_id: str) -> schemas.JobOut:
    return service.job_of(call.user_id, job_id)


@endpoint(bp, "/api/jobs", method="POST", access=Access.LEARNER, body=schemas.UploadRequest,
          response=schemas.UploadTicket, status=201, errors=(400, 401, 403),
          summary="Lancer un traitement de fichier : un formulaire d'envoi (POST présigné vers S3) pour ce fichier")
def start_upload(call: Call[schemas.UploadRequest]) -> schemas.UploadTicket:
    kind = service.uploadable_kind(call.body.kind)
    assert kind.upload is not None
    assert call.principal is not None
    if kind.upload.access.param is not None:  # scoped to a resource: only its own route names the resource
        raise Forbidden("FORBIDDEN", "Vous n'avez pas accès à cette ressource.")
    authorize(kind.upload.access, call.principal, {})  # the kind says who may send it files
    return service.start_upload(call.user_id, kind)


@endpoint(bp, "/api/me/data-exports", method="POST", access=Access.LEARNER, response=schemas.JobOut,
          status=202, errors=(401, 429),
          summary="Demander le téléchargement de toutes mes données (préparé en arrière-plan)")
def request_data_export(call: Call[None]) -> schemas.JobOut:
    return personal_data.request_export(call.user_id)


@endpoint(bp, "/api/me/data-exports/latest", access=Access.LEARNER, response=schemas.LatestJob,
          errors=(401,), summary="Ma dernière demande de données, et son lien quand elle est prête")
def latest_data_export(call: Call[None]) -> schemas.LatestJob:
    return personal_data.latest_export(call.user_id)
