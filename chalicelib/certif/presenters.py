"""What the Certif API shows of centres, sessions and candidates."""

from __future__ import annotations

from datetime import date

from chalicelib.certif import schemas as out
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.centres import Centre
from chalicelib.certif.sessions import Session


def centre_out(centre: Centre) -> out.CentreOut:
    return out.CentreOut(id=centre.id, name=centre.name, type=centre.type,  # type: ignore[arg-type]
                         external_id=centre.external_id, room_capacity=centre.room_capacity,
                         archived=centre.archived,
                         archived_at=centre.archived_at.isoformat() if centre.archived_at else None,
                         created_at=centre.created_at.isoformat())


def session_out(session: Session, today: date) -> out.SessionOut:
    d = session.details
    return out.SessionOut(
        id=session.id, centre_id=session.centre_id, address=d.address, room=d.room, date=d.date.isoformat(),
        time=d.time.strftime("%H:%M"), examiners=d.examiners, observations=d.observations,
        access_code=session.access_code, status=session.status, tab=session.tab(today),  # type: ignore[arg-type]
        candidate_count=session.candidate_count, started=session.started_at is not None,
        created_at=session.created_at.isoformat(),
    )


def candidate_out(candidate: Candidate) -> out.CandidateOut:
    b = candidate.birthplace
    return out.CandidateOut(
        id=candidate.id, last_name=candidate.last_name, first_name=candidate.first_name, sex=candidate.sex,
        birth_date=candidate.birth_date.isoformat(), birth_country=b.country_code, birth_city=b.city,
        birth_insee_code=b.insee_code, birth_postal_code=b.postal_code, email=candidate.email,
        result_recipient_email=candidate.result_recipient_email, external_id=candidate.external_id,
        extra_time_percentage=candidate.extra_time_percentage, billing_mode=candidate.billing_mode,
        prepayment_code=candidate.prepayment_code, linked=candidate.user_id is not None,
        division=candidate.division, from_pupil_list=candidate.pupil_id is not None,
    )
