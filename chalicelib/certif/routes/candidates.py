"""Candidates of a session, for the centre's members: the list, enrol one, remove one, import a file."""

from __future__ import annotations

from chalicelib.certif import candidates, presenters, service_candidates, service_files, service_sessions
from chalicelib.certif import schemas as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.certif.service_centres import centre as centre_of
from chalicelib.jobs import api as jobs
from chalicelib.web import Access, Call, endpoint

MEMBER = Access.centre_member()
BASE = "/api/certif/centres/{centre_id}/sessions/{session_id}/candidates"


@endpoint(bp, BASE, access=MEMBER, response=s.Candidates, errors=(404,), summary="Les candidats de la session")
def list_candidates(call: Call[None], centre_id: str, session_id: str) -> s.Candidates:
    session = service_sessions.session_of(centre_id, session_id)
    found = service_candidates.list_of(centre_id, session_id)
    return s.Candidates(candidates=[presenters.candidate_out(c) for c in found],
                        capacity=centre_of(centre_id).room_capacity,
                        enrolment_open=session.open and session.started_at is None)


@endpoint(bp, BASE, method="POST", access=MEMBER, body=s.CandidateIn, response=s.CandidateOut, status=201,
          errors=(400, 404, 409), summary="Inscrire un candidat")
def enrol_candidate(call: Call[s.CandidateIn], centre_id: str, session_id: str) -> s.CandidateOut:
    b = call.body
    given = candidates.Input(
        last_name=b.last_name, first_name=b.first_name, sex=b.sex, birth_date=b.birth_date,
        birth_country=b.birth_country, birth_insee_code=b.birth_insee_code, birth_postal_code=b.birth_postal_code,
        birth_city=b.birth_city, email=b.email, result_recipient_email=b.result_recipient_email,
        external_id=b.external_id, extra_time_percentage=b.extra_time_percentage, billing_mode=b.billing_mode,
        prepayment_code=b.prepayment_code, division=b.division)
    return presenters.candidate_out(service_candidates.enrol(centre_id, session_id, given))


@endpoint(bp, BASE + "/{candidate_id}", method="DELETE", access=MEMBER, errors=(404, 409),
          summary="Désinscrire un candidat")
def remove_candidate(call: Call[None], centre_id: str, session_id: str, candidate_id: str) -> None:
    service_candidates.remove(centre_id, session_id, candidate_id)


@endpoint(bp, "/api/certif/centres/{centre_id}/sessions/{session_id}/candidate-imports", method="POST",
          access=MEMBER, body=s.CandidateFile, response=jobs.JobOut, status=202, errors=(400, 404, 409),
          summary="Importer les candidats d'un fichier (CSV, .xlsx ou .ods) : suivre le traitement ; la liste "
                  "est remplacée si toutes les lignes sont justes, sinon chaque erreur nomme sa ligne")
def start_candidate_import(call: Call[s.CandidateFile], centre_id: str, session_id: str) -> jobs.JobOut:
    return service_files.start_import(call.user_id, centre_id, session_id, call.body.content_base64)
