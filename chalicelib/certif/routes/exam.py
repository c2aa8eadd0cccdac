"""The candidate's certification test: eligibility, joining a session, entering with the access code, waiting
for the invigilator (polled), starting or resuming, answering, reporting a problem. Any signed-in learner may
call them; each use case checks that the course is the caller's (another's is "not found")."""

from __future__ import annotations

from chalicelib.certif import schemas_exam as s
from chalicelib.certif import service_exam
from chalicelib.certif.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint

LEARNER = Access.LEARNER
COURSE = "/api/certification/courses/{course_id}"


@endpoint(bp, "/api/certification/eligibility", access=LEARNER, response=s.Eligibility,
          summary="Éligibilité à la certification : compétences testées, ce qu'il manque")
def certification_eligibility(call: Call[None]) -> s.Eligibility:
    return service_exam.eligibility(call.user_id)


@endpoint(bp, "/api/certification/courses", method="POST", access=LEARNER, body=s.JoinSession,
          response=s.CourseState, errors=(400, 404, 409),
          summary="Rejoindre une session : numéro, nom, prénom et date de naissance du candidat inscrit")
def join_session(call: Call[s.JoinSession]) -> s.CourseState:
    b = call.body
    return service_exam.join(call.user_id, b.session_id, b.last_name, b.first_name, b.birth_date)


@endpoint(bp, COURSE, access=LEARNER, response=s.CourseState, errors=(404,),
          summary="Où en est ma certification (la page d'attente l'interroge)")
def course_state(call: Call[None], course_id: str) -> s.CourseState:
    return service_exam.state(call.user_id, course_id)


@endpoint(bp, COURSE + "/entry", method="POST", access=LEARNER, body=s.Enter, response=s.CourseState,
          errors=(400, 404, 409), summary="Entrer avec le code d'accès de la session, puis attendre le surveillant")
def enter_course(call: Call[s.Enter], course_id: str) -> s.CourseState:
    return service_exam.enter(call.user_id, course_id, call.body.access_code)


@endpoint(bp, COURSE + "/start", method="POST", access=LEARNER, response=s.Running, errors=(404, 409),
          summary="Commencer ou reprendre le test, une fois autorisé par le surveillant")
def start_course(call: Call[None], course_id: str) -> s.Running:
    return service_exam.start(call.user_id, course_id)


@endpoint(bp, COURSE + "/answers", method="POST", access=LEARNER, body=s.CourseAnswer, response=s.Running,
          errors=(400, 404, 409, 503), summary="Répondre à la question en cours et recevoir la suivante")
def answer_course(call: Call[s.CourseAnswer], course_id: str) -> s.Running:
    return service_exam.answer(call.user_id, course_id, call.body)


@endpoint(bp, COURSE + "/reports", method="POST", access=LEARNER, body=s.CourseReport, response=s.ReportReceived,
          status=201, errors=(400, 404, 409), summary="Signaler un problème sur la question en cours")
def report_course_problem(call: Call[s.CourseReport], course_id: str) -> s.ReportReceived:
    return service_exam.report(call.user_id, course_id, call.body)
