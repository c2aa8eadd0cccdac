"""The invigilator's portal: the session number and invigilator password open the session's supervision (the
`session` scope's INVIGILATOR role, registered here), then the live list and its two actions."""

from __future__ import annotations

from chalicelib import web
from chalicelib.certif import schemas_exam as s
from chalicelib.certif import service_supervision
from chalicelib.certif.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint

web.set_membership_resolver(service_supervision.SCOPE, service_supervision.roles)

INVIGILATOR = Access.session_invigilator()
BASE = "/api/certif/sessions/{session_id}/supervision"


@endpoint(bp, "/api/certif/supervision", method="POST", access=Access.LEARNER, body=s.Supervise,
          response=s.SupervisionGranted, errors=(400, 403, 409, 429),
          summary="Surveiller une session : numéro de session et mot de passe surveillant")
def supervise(call: Call[s.Supervise]) -> s.SupervisionGranted:
    return service_supervision.supervise(call.user_id, call.body.session_id, call.body.password)


@endpoint(bp, BASE, access=INVIGILATOR, response=s.Supervision, errors=(404,),
          summary="Les candidats de la session, en direct : statut, avancement, horaires, signalements")
def supervision(call: Call[None], session_id: str) -> s.Supervision:
    return service_supervision.live(session_id)


@endpoint(bp, BASE + "/candidates/{candidate_id}/authorise", method="POST", access=INVIGILATOR,
          response=s.SupervisedCandidate, errors=(404, 409),
          summary="Autoriser un candidat à commencer ou à reprendre son test")
def authorise_candidate(call: Call[None], session_id: str, candidate_id: str) -> s.SupervisedCandidate:
    return service_supervision.authorise(session_id, candidate_id)


@endpoint(bp, BASE + "/candidates/{candidate_id}/end", method="POST", access=INVIGILATOR,
          response=s.SupervisedCandidate, errors=(404, 409), summary="Terminer le test d'un candidat")
def end_candidate_test(call: Call[None], session_id: str, candidate_id: str) -> s.SupervisedCandidate:
    return service_supervision.end(session_id, candidate_id)
