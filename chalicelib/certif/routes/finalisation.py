"""The centre's finalisation of a session, and the page a results recipient's link opens."""

from __future__ import annotations

from chalicelib.certif import finalisation, scoring, service_finalisation, service_publication
from chalicelib.certif import presenters_jury as present
from chalicelib.certif import schemas_jury as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint

MEMBER = Access.centre_member()
BASE = "/api/certif/centres/{centre_id}/sessions/{session_id}/finalisation"


@endpoint(bp, BASE, access=MEMBER, response=s.FinalisationOverview, errors=(404,),
          summary="Ce que la finalisation demande : chaque candidat, son test (terminé ou non) et ses signalements")
def finalisation_overview(call: Call[None], centre_id: str, session_id: str) -> s.FinalisationOverview:
    return present.overview(service_finalisation.overview(centre_id, session_id))


def _candidate(given: s.CandidateFinalisationIn) -> finalisation.CandidateInput:
    return finalisation.CandidateInput(
        given.candidate_id,
        tuple(finalisation.issue_report(r.category, r.subcategory, r.question_number, r.description)
              for r in given.reports),
        scoring.AbortReason(given.abort_reason) if given.abort_reason else None)


@endpoint(bp, BASE, method="POST", access=MEMBER, body=s.FinalisationIn, response=s.FinalisationOverview,
          errors=(400, 404, 409),
          summary="Finaliser la session (une seule fois) : les tests en cours sont terminés, chaque certification "
                  "est notée")
def finalise_session(call: Call[s.FinalisationIn], centre_id: str, session_id: str) -> s.FinalisationOverview:
    body = call.body
    done = service_finalisation.finalise(call.user_id, centre_id, session_id, body.comment, body.incident,
                                         body.joining_issue, [_candidate(c) for c in body.candidates])
    return present.overview(done)


@endpoint(bp, "/api/certif/session-results", method="POST", access=Access.PUBLIC, body=s.ResultsIn,
          response=s.RecipientResultsOut, errors=(400, 404),
          summary="Les résultats d'une session pour leur destinataire (jeton du lien reçu par e-mail, 30 jours)")
def recipient_results(call: Call[s.ResultsIn]) -> s.RecipientResultsOut:
    return present.recipient_results(service_publication.recipient_results(call.body.token))
