"""Learner lists: an admin imports the organisation's list (a file sent to S3, followed as a job), members
browse it, an admin unlinks or deletes a learner; in a school, a teacher creates pupils' accounts and
gives them new passwords; a person joining a restricted campaign links their account to the list."""

from __future__ import annotations

from chalicelib.accounts import api as accounts
from chalicelib.errors import DomainError
from chalicelib.jobs import api as jobs
from chalicelib.orga import presenters_learners as presenters
from chalicelib.orga import schemas_learners as schemas
from chalicelib.orga import service_learners as service
from chalicelib.orga import service_pupils as pupils
from chalicelib.orga import service_reconciliation as reconciliation
from chalicelib.orga.reconciliation import Claim
from chalicelib.orga.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, page_size
from chalicelib.web import Access, Call, QueryParam, endpoint

BASE = "/api/organizations/{organization_id}/learners"
FILTERS = (
    QueryParam("division", "La classe (SCO), exactement."),
    QueryParam("group", "Le groupe (SUP), exactement."),
    QueryParam("search", "Une partie du nom ou du prénom (sans accents ni majuscules)."),
)


@endpoint(bp, "/api/organizations/{organization_id}/learner-imports", method="POST",
          access=Access.organization_admin(), body=schemas.ImportStart, response=jobs.UploadTicket, status=201,
          errors=(400, 403, 404, 409),
          summary="Importer la liste : le formulaire d'envoi du fichier (suivi : /api/jobs/{id})")
def start_import(call: Call[schemas.ImportStart], organization_id: str) -> jobs.UploadTicket:
    return service.start_import(call.user_id, organization_id, call.body.format, mode=call.body.mode,
                                zipped=call.body.zipped)


@endpoint(bp, BASE, access=Access.organization_member(), response=schemas.LearnersPage, errors=(400, 403, 404),
          query=FILTERS + PAGE_QUERY,
          summary="Les élèves ou étudiants de l'organisation, par page, filtrés par classe, groupe ou nom")
def list_learners(call: Call[None], organization_id: str) -> schemas.LearnersPage:
    organization = service.managing(organization_id)
    page = service.learner_page(organization_id, limit=page_size(call.query), cursor=call.query.get("cursor"),
                                division=call.query.get("division"), group=call.query.get("group"),
                                search=call.query.get("search"))
    return schemas.LearnersPage(organization_type=organization.type, current_list=presenters.head(page.head),
                                learners=[presenters.learner(r.learner, r.user_id) for r in page.rows],
                                next_cursor=page.next_cursor)


@endpoint(bp, BASE + "/{learner_id}", access=Access.organization_member(), response=schemas.LearnerDetail,
          errors=(403, 404), summary="Un élève ou étudiant : sa fiche, son compte rattaché, ses participations")
def get_learner(call: Call[None], organization_id: str, learner_id: str) -> schemas.LearnerDetail:
    service.managing(organization_id)
    row = service.listed_learner(organization_id, learner_id)
    try:
        account = accounts.personal_data(row.user_id) if row.user_id else None
    except DomainError:
        account = None  # deleted meanwhile
    return schemas.LearnerDetail(learner=presenters.learner(row.learner, row.user_id),
                                 account=presenters.linked_account(account),
                                 participations=presenters.participations(
                                     service.participations(organization_id, row.user_id)))


@endpoint(bp, BASE + "/{learner_id}/account", method="DELETE", access=Access.organization_admin(),
          errors=(403, 404), summary="Détacher l'élève ou l'étudiant du compte qui lui est rattaché")
def unlink_learner(call: Call[None], organization_id: str, learner_id: str) -> None:
    service.managing(organization_id)
    service.unlink(organization_id, learner_id)


@endpoint(bp, BASE + "/{learner_id}", method="DELETE", access=Access.organization_admin(), errors=(403, 404, 409),
          summary="Supprimer un élève ou étudiant de la liste (ses données sont effacées, ses participations restent)")
def delete_learner(call: Call[None], organization_id: str, learner_id: str) -> None:
    service.managing(organization_id)
    service.anonymise(organization_id, learner_id)


@endpoint(bp, "/api/organizations/{organization_id}/pupil-accounts", method="POST",
          access=Access.organization_member(), body=schemas.PupilSelection, response=schemas.PupilAccounts,
          status=201, errors=(400, 403, 404, 409),
          summary="Créer les comptes des élèves choisis (identifiant et mot de passe provisoire, à distribuer)")
def create_pupil_accounts(call: Call[schemas.PupilSelection], organization_id: str) -> schemas.PupilAccounts:
    handed = pupils.create_accounts(organization_id, call.body.learner_ids)
    return presenters.handed_out(handed, "comptes-eleves.csv")


@endpoint(bp, BASE + "/{learner_id}/password-reset", method="POST", access=Access.organization_member(),
          response=schemas.PupilAccounts, errors=(400, 403, 404),
          summary="Donner un nouveau mot de passe provisoire au compte d'un élève (identifiant sans e-mail)")
def reset_pupil_password(call: Call[None], organization_id: str, learner_id: str) -> schemas.PupilAccounts:
    return presenters.handed_out([pupils.reset_password(organization_id, learner_id)], "nouveau-mot-de-passe.csv")


# --- the participant's side: reconciliation when joining a restricted campaign ------------------------


@endpoint(bp, "/api/campaigns/{code}/reconciliation", access=Access.LEARNER, response=schemas.ReconciliationState,
          errors=(404,),
          summary="Cette campagne est-elle réservée aux inscrits de l'organisation, et y suis-je rattaché ?")
def reconciliation_state(call: Call[None], code: str) -> schemas.ReconciliationState:
    organization = reconciliation.campaign_organization(code)
    mine = reconciliation.learner_of_account(organization.id, call.user_id)
    reconciled = mine is not None and mine.active
    return schemas.ReconciliationState(
        required=reconciliation.restricted(organization), reconciled=reconciled,
        organization_type=organization.type, organization_name=organization.name,
        first_name=mine.first_name if mine and reconciled else None,
        last_name=mine.last_name if mine and reconciled else None)


@endpoint(bp, "/api/campaigns/{code}/reconciliation", method="POST", access=Access.LEARNER,
          body=schemas.ReconciliationRequest, response=schemas.ReconciliationState, errors=(400, 404, 409),
          summary="Me rattacher à la liste de l'organisation (nom, prénom, date de naissance ; ou numéro étudiant)")
def reconcile(call: Call[schemas.ReconciliationRequest], code: str) -> schemas.ReconciliationState:
    body = call.body
    organization, learner = reconciliation.reconcile_for_campaign(code, call.user_id, Claim(
        birth_date=body.birth_date, first_name=body.first_name, last_name=body.last_name,
        student_number=body.student_number or None))
    return schemas.ReconciliationState(required=True, reconciled=True, organization_type=organization.type,
                                       organization_name=organization.name, first_name=learner.first_name,
                                       last_name=learner.last_name)
