"""Evaluation API: the framework, the learner's profile, competence evaluations, tutorials."""

from aws_lambda_powertools.metrics import MetricUnit
from chalice.app import Blueprint

from chalicelib.evaluation import schemas, service, service_campaign, tutorials
from chalicelib.observability import metrics
from chalicelib.pagination import PAGE_QUERY, page_size
from chalicelib.web import Access, Call, QueryParam, endpoint

bp = Blueprint(__name__)

EVALUATION = "/api/competence-evaluations/{code}"
CAMPAIGN = "/api/campaign-assessments/{participation_id}"


@endpoint(bp, "/api/frameworks", access=Access.PUBLIC, response=schemas.Framework,
          summary="Le référentiel : domaines, compétences, sujets et les 8 niveaux")
def get_framework(call: Call[None]) -> schemas.Framework:
    return service.framework()


@endpoint(bp, "/api/profile", access=Access.LEARNER, response=schemas.Profile, errors=(401,),
          summary="Mon profil : pix et niveau de chacune des 16 compétences")
def get_profile(call: Call[None]) -> schemas.Profile:
    return service.profile(call.user_id)


@endpoint(bp, EVALUATION, method="POST", access=Access.LEARNER, response=schemas.AssessmentState,
          errors=(401, 404, 409, 503),
          summary="Commencer l'évaluation d'une compétence, ou la reprendre là où je l'ai laissée")
def start_evaluation(call: Call[None], code: str) -> schemas.AssessmentState:
    return service.start_evaluation(call.user_id, code)


@endpoint(bp, EVALUATION + "/answers", method="POST", access=Access.LEARNER, body=schemas.AnswerRequest,
          response=schemas.AnswerOutcome, errors=(400, 401, 403, 404, 409, 503),
          summary="Répondre à la question en cours et recevoir la suivante (ou les résultats)")
def answer(call: Call[schemas.AnswerRequest], code: str) -> schemas.AnswerOutcome:
    outcome = service.answer_challenge(call.user_id, code, call.body)
    metrics.add_metric(name="Answers", unit=MetricUnit.Count, value=1)
    return outcome


@endpoint(bp, EVALUATION + "/problem-reports", method="POST", access=Access.LEARNER,
          body=schemas.ProblemReportRequest, response=schemas.ReportReceived, status=201,
          errors=(400, 401, 404, 429, 503),
          summary="Signaler un problème sur une question")
def report_problem(call: Call[schemas.ProblemReportRequest], code: str) -> schemas.ReportReceived:
    return service.report_problem(call.user_id, code, call.body)


@endpoint(bp, EVALUATION + "/results", access=Access.LEARNER, response=schemas.Results, errors=(401, 404),
          summary="Les résultats de ma dernière évaluation de la compétence, avec les bonnes réponses")
def get_results(call: Call[None], code: str) -> schemas.Results:
    return service.results(call.user_id, code)


@endpoint(bp, "/api/competences/{code}/retry", method="POST", access=Access.LEARNER,
          response=schemas.AssessmentState, errors=(401, 404, 409, 503),
          summary="Retenter une compétence pour progresser (4 jours après la dernière réponse)")
def retry_competence(call: Call[None], code: str) -> schemas.AssessmentState:
    return service.retry_competence(call.user_id, code)


@endpoint(bp, "/api/competences/{code}/reset", method="POST", access=Access.LEARNER,
          response=schemas.CompetenceProfile, errors=(401, 404, 409, 503),
          summary="Remettre une compétence à zéro (7 jours après la dernière réponse)")
def reset_competence(call: Call[None], code: str) -> schemas.CompetenceProfile:
    return service.reset_competence(call.user_id, code)


@endpoint(bp, "/api/tutorials/recommended", access=Access.LEARNER, response=schemas.Tutorials, errors=(401, 404),
          query=(QueryParam("competence", "Le code d'une compétence (1.1…) : ses seuls tutoriels."),),
          summary="Les tutoriels recommandés pour les acquis que j'ai échoués récemment "
          "(ceux d'une compétence avec ?competence=1.1)")
def recommended_tutorials(call: Call[None]) -> schemas.Tutorials:
    return tutorials.recommended_tutorials(call.user_id, call.query.get("competence"))


@endpoint(bp, "/api/tutorials/saved", access=Access.LEARNER, response=schemas.TutorialsPage, errors=(400, 401),
          query=PAGE_QUERY, summary="Mes tutoriels enregistrés, page par page")
def saved_tutorials(call: Call[None]) -> schemas.TutorialsPage:
    return tutorials.saved_tutorials(call.user_id, page_size(call.query), call.query.get("cursor"))


@endpoint(bp, "/api/tutorials/saved/{tutorial_id}", access=Access.LEARNER, response=schemas.TutorialOut,
          errors=(401, 404), summary="Un tutoriel que j'ai enregistré")
def saved_tutorial(call: Call[None], tutorial_id: str) -> schemas.TutorialOut:
    return tutorials.saved_tutorial(call.user_id, tutorial_id)


@endpoint(bp, "/api/tutorials/saved/{tutorial_id}", method="PUT", access=Access.LEARNER,
          response=schemas.TutorialOut, errors=(401, 404), summary="Enregistrer un tutoriel pour plus tard")
def save_tutorial(call: Call[None], tutorial_id: str) -> schemas.TutorialOut:
    return tutorials.save_tutorial(call.user_id, tutorial_id)


@endpoint(bp, "/api/tutorials/saved/{tutorial_id}", method="DELETE", access=Access.LEARNER, status=204,
          errors=(401, 404), summary="Retirer un tutoriel de mes tutoriels enregistrés")
def unsave_tutorial(call: Call[None], tutorial_id: str) -> None:
    tutorials.unsave_tutorial(call.user_id, tutorial_id)


# --- campaign assessments: the learner's side (the orga room starts them) ------------------------------


@endpoint(bp, CAMPAIGN, access=Access.LEARNER, response=schemas.CampaignAssessmentState, errors=(401, 404, 503),
          summary="Mon parcours de campagne : la question en cours, ma progression, mes résultats à la fin")
def campaign_state(call: Call[None], participation_id: str) -> schemas.CampaignAssessmentState:
    return service_campaign.state(call.user_id, participation_id)


@endpoint(bp, CAMPAIGN + "/answers", method="POST", access=Access.LEARNER, body=schemas.AnswerRequest,
          response=schemas.CampaignAnswerOutcome, errors=(400, 401, 403, 404, 409, 503),
          summary="Répondre à la question en cours du parcours et recevoir la suivante (ou la fin)")
def campaign_answer(call: Call[schemas.AnswerRequest], participation_id: str) -> schemas.CampaignAnswerOutcome:
    outcome = service_campaign.answer(call.user_id, participation_id, call.body)
    metrics.add_metric(name="Answers", unit=MetricUnit.Count, value=1)
    return outcome


@endpoint(bp, CAMPAIGN + "/checkpoint", access=Access.LEARNER, response=schemas.Checkpoint, errors=(401, 404, 503),
          summary="Les réponses que le point d'étape montre maintenant (toutes les 5, le reste à la fin)")
def campaign_checkpoint(call: Call[None], participation_id: str) -> schemas.Checkpoint:
    return service_campaign.checkpoint(call.user_id, participation_id)


@endpoint(bp, CAMPAIGN + "/problem-reports", method="POST", access=Access.LEARNER,
          body=schemas.ProblemReportRequest, response=schemas.ReportReceived, status=201,
          errors=(400, 401, 404, 429, 503),
          summary="Signaler un problème sur une question du parcours")
def campaign_report_problem(call: Call[schemas.ProblemReportRequest], participation_id: str) -> schemas.ReportReceived:
    return service_campaign.report_problem(call.user_id, participation_id, call.body)
