"""A SCO centre's members enrol candidates by picking pupils from their school's list, class by class."""

from __future__ import annotations

from chalicelib.certif import presenters, service_pupils
from chalicelib.certif import schemas_pupils as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.pagination import PAGE_QUERY, page_size
from chalicelib.web import Access, Call, QueryParam, endpoint

MEMBER = Access.centre_member()
SESSION = "/api/certif/centres/{centre_id}/sessions/{session_id}"


@endpoint(bp, "/api/certif/centres/{centre_id}/pupil-divisions", access=MEMBER, response=s.Divisions,
          errors=(404,), summary="Les classes de la liste d'élèves de l'établissement (centre SCO rattaché)")
def list_divisions(call: Call[None], centre_id: str) -> s.Divisions:
    return s.Divisions(divisions=service_pupils.divisions(centre_id))


@endpoint(bp, SESSION + "/pupils", access=MEMBER, response=s.PupilsPage, errors=(400, 404),
          query=(QueryParam("division", "La classe, exactement.", required=True),) + PAGE_QUERY,
          summary="Les élèves d'une classe, par page, chacun avec s'il est déjà inscrit à la session")
def list_pupils(call: Call[None], centre_id: str, session_id: str) -> s.PupilsPage:
    found, next_cursor = service_pupils.pupil_page(centre_id, session_id, call.query.get("division", ""),
                                                   limit=page_size(call.query), cursor=call.query.get("cursor"))
    return s.PupilsPage(pupils=[s.PickablePupilOut(
        learner_id=row.pupil.learner_id, last_name=row.pupil.last_name, first_name=row.pupil.first_name,
        birth_date=row.pupil.birth_date.isoformat(), division=row.pupil.division, enrolled=row.enrolled)
        for row in found], next_cursor=next_cursor)


@endpoint(bp, SESSION + "/pupil-enrolments", method="POST", access=MEMBER, body=s.PupilsPicked,
          response=s.PupilsEnrolled, status=201, errors=(400, 404, 409),
          summary="Inscrire des élèves choisis dans la liste de l'établissement (tous ou aucun)")
def enrol_pupils(call: Call[s.PupilsPicked], centre_id: str, session_id: str) -> s.PupilsEnrolled:
    enrolled = service_pupils.enrol(centre_id, session_id, call.body.learner_ids)
    return s.PupilsEnrolled(candidates=[presenters.candidate_out(c) for c in enrolled])
