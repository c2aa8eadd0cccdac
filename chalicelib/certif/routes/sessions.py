"""Sessions of a centre, for its members: lists by tab, create, read, edit, delete, the attendance sheet."""

from __future__ import annotations

from chalicelib import pagination
from chalicelib.certif import presenters, service_files, service_sessions, sessions
from chalicelib.certif import schemas as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.jobs import api as jobs
from chalicelib.web import Access, Call, QueryParam, endpoint

MEMBER = Access.centre_member()
BASE = "/api/certif/centres/{centre_id}/sessions"


def _details(body: s.SessionIn) -> sessions.Details:
    return sessions.details(body.address, body.room, body.date, body.time, body.examiners, body.observations)


@endpoint(bp, BASE, access=MEMBER, response=s.SessionPage, errors=(400, 404),
          query=(QueryParam("tab", "upcoming (à venir), to_finalise (à finaliser) ou finalised (finalisées).",
                            {"type": "string", "enum": list(sessions.TABS), "default": sessions.UPCOMING}),
                 *pagination.PAGE_QUERY),
          summary="Les sessions du centre : à venir, à finaliser ou finalisées")
def list_sessions(call: Call[None], centre_id: str) -> s.SessionPage:
    tab = call.query.get("tab", sessions.UPCOMING)
    scope = f"certif-sessions:{centre_id}:{tab}"
    found, last = service_sessions.page(centre_id, tab, pagination.decode_cursor(call.query.get("cursor"), scope=scope),
                                        pagination.page_size(call.query))
    today = service_sessions.today()
    return s.SessionPage(sessions=[presenters.session_out(x, today) for x in found],
                         next_cursor=pagination.encode_cursor(last, scope=scope))


@endpoint(bp, BASE, method="POST", access=MEMBER, body=s.SessionIn, response=s.SessionCreated, status=201,
          errors=(400, 404, 409), summary="Créer une session (son mot de passe surveillant n'est montré qu'une fois)")
def create_session(call: Call[s.SessionIn], centre_id: str) -> s.SessionCreated:
    created = service_sessions.create(centre_id, _details(call.body))
    return s.SessionCreated(session=presenters.session_out(created.session, service_sessions.today()),
                            invigilator_password=created.invigilator_password)


@endpoint(bp, BASE + "/{session_id}", access=MEMBER, response=s.SessionOut, errors=(404,),
          summary="Une session du centre")
def get_session(call: Call[None], centre_id: str, session_id: str) -> s.SessionOut:
    return presenters.session_out(service_sessions.session_of(centre_id, session_id), service_sessions.today())


@endpoint(bp, BASE + "/{session_id}", method="PUT", access=MEMBER, body=s.SessionIn, response=s.SessionOut,
          errors=(400, 404, 409), summary="Modifier une session (tant qu'elle n'est pas finalisée)")
def edit_session(call: Call[s.SessionIn], centre_id: str, session_id: str) -> s.SessionOut:
    edited = service_sessions.edit(centre_id, session_id, _details(call.body))
    return presenters.session_out(edited, service_sessions.today())


@endpoint(bp, BASE + "/{session_id}", method="DELETE", access=MEMBER, errors=(404, 409),
          summary="Supprimer une session (tant qu'aucun candidat n'a commencé)")
def delete_session(call: Call[None], centre_id: str, session_id: str) -> None:
    service_sessions.delete(centre_id, session_id)


@endpoint(bp, BASE + "/{session_id}/invigilator-password", method="POST", access=MEMBER,
          response=s.SessionCreated, status=201, errors=(404, 409),
          summary="Un nouveau mot de passe surveillant (montré une fois ; l'ancien ne fonctionne plus)")
def renew_invigilator_password(call: Call[None], centre_id: str, session_id: str) -> s.SessionCreated:
    renewed = service_sessions.renew_password(centre_id, session_id)
    return s.SessionCreated(session=presenters.session_out(renewed.session, service_sessions.today()),
                            invigilator_password=renewed.invigilator_password)


@endpoint(bp, BASE + "/{session_id}/attendance-sheet", method="POST", access=MEMBER, response=jobs.JobOut,
          status=202, errors=(404,),
          summary="Préparer la feuille d'émargement (PDF) : suivre le traitement, puis la télécharger")
def attendance_sheet(call: Call[None], centre_id: str, session_id: str) -> jobs.JobOut:
    return service_files.start_attendance_sheet(call.user_id, centre_id, session_id)
