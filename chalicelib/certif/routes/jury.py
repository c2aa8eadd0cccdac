"""The certification jury in Pix Admin (role CERTIF): lists, a session, a certification, the jury's changes,
publication (one, several) and unpublication, unfinalisation."""

from __future__ import annotations

from chalicelib import pagination
from chalicelib.certif import finalisation, service_jury, service_publication
from chalicelib.certif import presenters_jury as present
from chalicelib.certif import schemas_jury as s
from chalicelib.certif.routes.blueprint import bp
from chalicelib.errors import Invalid
from chalicelib.web import Access, Call, QueryParam, endpoint

JURY = Access.operator("CERTIF")
BASE = "/api/admin/certification-sessions"
SESSION = BASE + "/{session_id}"
CERTIFICATION = SESSION + "/certifications/{candidate_id}"


@endpoint(bp, BASE, access=JURY, response=s.JurySessionPage, errors=(400,),
          query=(QueryParam("queue", "to_publish (à publier) ou requiring_action (demandant une action).",
                            {"type": "string", "enum": list(finalisation.QUEUES),
                             "default": finalisation.TO_PUBLISH}),
                 *pagination.PAGE_QUERY),
          summary="Les sessions finalisées à publier, ou demandant une action du jury (les plus anciennes d'abord)")
def jury_sessions(call: Call[None]) -> s.JurySessionPage:
    queue = call.query.get("queue", finalisation.TO_PUBLISH)
    scope = f"jury-sessions:{queue}"
    found, last = service_jury.queue(queue, pagination.decode_cursor(call.query.get("cursor"), scope=scope),
                                     pagination.page_size(call.query))
    return s.JurySessionPage(sessions=[present.session_line(x) for x in found],
                             next_cursor=pagination.encode_cursor(last, scope=scope))


@endpoint(bp, SESSION, access=JURY, response=s.JurySessionOut, errors=(404,),
          summary="Une session finalisée : la finalisation du centre et ses certifications")
def jury_session(call: Call[None], session_id: str) -> s.JurySessionOut:
    return present.session_view(service_jury.session_view(session_id))


@endpoint(bp, SESSION + "/assignment", method="POST", access=JURY, response=s.JurySessionOut, errors=(404, 409),
          summary="Prendre la session en charge (elle passe « en cours de traitement »)")
def assign_session(call: Call[None], session_id: str) -> s.JurySessionOut:
    return present.session_view(service_jury.assign(call.user_id, session_id))


@endpoint(bp, SESSION + "/finalisation", method="DELETE", access=JURY, errors=(404, 409),
          summary="Dé-finaliser la session : elle revient au centre, qui la finalise à nouveau (non publiée)")
def unfinalise_session(call: Call[None], session_id: str) -> None:
    service_jury.unfinalise(call.user_id, session_id)


@endpoint(bp, SESSION + "/publication", method="POST", access=JURY, response=s.PublishedOut, errors=(404, 409),
          summary="Publier la session : résultats dans les comptes, certificats, un e-mail par destinataire")
def publish_session(call: Call[None], session_id: str) -> s.PublishedOut:
    done = service_publication.publish(call.user_id, session_id)
    return s.PublishedOut(session_id=done.session_id, job_id=done.job_id, mails=done.mails)


@endpoint(bp, SESSION + "/publication", method="DELETE", access=JURY, response=s.UnpublishedOut,
          errors=(404, 409), summary="Dépublier la session : les résultats et certificats sont retirés")
def unpublish_session(call: Call[None], session_id: str) -> s.UnpublishedOut:
    return s.UnpublishedOut(session_id=session_id, withdrawn=service_publication.unpublish(call.user_id, session_id))


@endpoint(bp, BASE + "/batch-publication", method="POST", access=JURY, body=s.BatchPublicationIn,
          response=s.BatchPublishedOut, errors=(400,),
          summary="Publier plusieurs sessions : chacune pour elle-même (une refusée n'arrête pas les autres)")
def publish_sessions(call: Call[s.BatchPublicationIn]) -> s.BatchPublishedOut:
    outcomes = service_publication.publish_many(call.user_id, call.body.session_ids)
    return s.BatchPublishedOut(outcomes=[s.BatchOutcomeOut(session_id=o.session_id, published=o.published,
                                                           error_code=o.error_code, message=o.message)
                                         for o in outcomes])


@endpoint(bp, CERTIFICATION, access=JURY, response=s.JuryCertificationOut, errors=(404,),
          summary="Une certification : ses questions (épreuve, réponse, résultat), ses signalements, son score")
def jury_certification(call: Call[None], session_id: str, candidate_id: str) -> s.JuryCertificationOut:
    return present.certification_view(service_jury.certification_view(session_id, candidate_id))


def _number(value: str) -> int:
    if not value.isdigit():
        raise Invalid("QUESTION_NOT_FOUND", "Le numéro de question est un nombre à partir de 1.")
    return int(value)


@endpoint(bp, CERTIFICATION + "/questions/{number}/neutralisation", method="POST", access=JURY,
          body=s.NeutralisationIn, response=s.JuryCertificationOut, errors=(400, 404, 409),
          summary="Neutraliser ou rétablir une question, puis noter de nouveau")
def neutralise_question(call: Call[s.NeutralisationIn], session_id: str, candidate_id: str,
                        number: str) -> s.JuryCertificationOut:
    view = service_jury.neutralise(call.user_id, session_id, candidate_id, _number(number), call.body.neutralised)
    return present.certification_view(view)


@endpoint(bp, CERTIFICATION + "/decision", method="POST", access=JURY, body=s.DecisionIn,
          response=s.JuryCertificationOut, errors=(400, 404, 409),
          summary="Rejeter ou annuler la certification (ou revenir au statut de la notation)")
def decide_certification(call: Call[s.DecisionIn], session_id: str, candidate_id: str) -> s.JuryCertificationOut:
    view = service_jury.decide(call.user_id, session_id, candidate_id, call.body.decision)
    return present.certification_view(view)


@endpoint(bp, CERTIFICATION + "/comments", method="POST", access=JURY, body=s.CommentsIn,
          response=s.JuryCertificationOut, errors=(400, 404, 409),
          summary="Les commentaires du jury pour le candidat et pour l'organisation")
def comment_certification(call: Call[s.CommentsIn], session_id: str, candidate_id: str) -> s.JuryCertificationOut:
    view = service_jury.comment(call.user_id, session_id, candidate_id, call.body.for_candidate,
                                call.body.for_organisation)
    return present.certification_view(view)


@endpoint(bp, CERTIFICATION + "/reports/{index}/decision", method="POST", access=JURY,
          response=s.JuryCertificationOut, errors=(400, 404, 409),
          summary="Le jury a traité ce signalement : il ne retient plus la publication")
def decide_report(call: Call[None], session_id: str, candidate_id: str, index: str) -> s.JuryCertificationOut:
    if not index.isdigit():
        raise Invalid("REPORT_NOT_FOUND", "Le numéro de signalement est un nombre à partir de 1.")
    return present.certification_view(service_jury.decide_report(call.user_id, session_id, candidate_id, int(index)))


@endpoint(bp, CERTIFICATION + "/identity", method="PUT", access=JURY, body=s.IdentityIn,
          response=s.JuryCertificationOut, errors=(400, 404, 409),
          summary="Corriger le nom, le prénom ou la date de naissance du candidat")
def correct_identity(call: Call[s.IdentityIn], session_id: str, candidate_id: str) -> s.JuryCertificationOut:
    body = call.body
    view = service_jury.correct_identity(call.user_id, session_id, candidate_id, body.last_name, body.first_name,
                                         body.birth_date)
    return present.certification_view(view)
