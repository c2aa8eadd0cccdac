"""Sessions, their candidates and the access codes in use, on DynamoDB (`certif-sessions`; keys and costs
in models/sessions.py). A failed condition becomes `Taken` (a new id or code already used) or `Stale`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, time

from pynamodb.exceptions import PynamoDBException, TransactWriteError, UpdateError

from chalicelib import db
from chalicelib.certif import sessions as rules
from chalicelib.certif.candidates import Birthplace, Candidate
from chalicelib.certif.models.sessions import (
    CANDIDATE_PREFIX,
    CODE_SK,
    SESSION_SK,
    CandidateRecord,
    CodeRecord,
    SessionRecord,
    code_pk,
    session_pk,
)
from chalicelib.certif.ports import PageKey, Stale, Taken
from chalicelib.certif.sessions import Details, Session


def _tab_key(session: Session) -> str:
    return f"{session.centre_id}#{'open' if session.open else 'closed'}"


def _when(session: Session) -> str:
    return f"{session.details.date.isoformat()}T{session.details.time.strftime('%H:%M')}#{session.id}"


def _session(record: SessionRecord) -> Session:
    details = Details(address=record.address, room=record.room, date=date.fromisoformat(record.date),
                      time=time.fromisoformat(record.time), examiners=record.examiners,
                      observations=record.observations or "")
    return Session(id=record.session_id, centre_id=record.centre_id, details=details,
                   access_code=record.access_code, password_hash=record.password_hash,
                   created_at=record.created_at, candidate_count=int(record.candidate_count or 0),
                   started_at=record.started_at, finalised_at=record.finalised_at, assigned_at=record.assigned_at,
                   published_at=record.published_at, updated_at=record.updated_at, version=int(record.version or 0))


def _session_record(session: Session, version: int) -> SessionRecord:
    d = session.details
    return SessionRecord(
        session_pk(session.id), SESSION_SK, session_id=session.id, centre_id=session.centre_id,
        address=d.address, room=d.room, date=d.date.isoformat(), time=d.time.strftime("%H:%M"),
        examiners=d.examiners, observations=d.observations, access_code=session.access_code,
        password_hash=session.password_hash, candidate_count=session.candidate_count,
        created_at=session.created_at, updated_at=session.updated_at, started_at=session.started_at,
        finalised_at=session.finalised_at, assigned_at=session.assigned_at, published_at=session.published_at,
        version=version, centre_tab=_tab_key(session), when=_when(session),
    )


def _candidate(record: CandidateRecord) -> Candidate:
    birthplace = Birthplace(country_code=record.birth_country, city=record.birth_city or "",
                            insee_code=record.birth_insee_code, postal_code=record.birth_postal_code)
    return Candidate(
        id=record.candidate_id, session_id=record.pk.removeprefix("session#"), last_name=record.last_name,
        first_name=record.first_name, sex=record.sex, birth_date=date.fromisoformat(record.birth_date),
        birthplace=birthplace, enrolled_at=record.enrolled_at, email=record.email,
        result_recipient_email=record.result_recipient_email, external_id=record.external_id,
        extra_time_percentage=int(record.extra_time_percentage or 0), billing_mode=record.billing_mode,
        prepayment_code=record.prepayment_code, user_id=record.user_id, division=record.division,
        pupil_id=record.pupil_id,
    )


def _candidate_record(candidate: Candidate) -> CandidateRecord:
    b = candidate.birthplace
    return CandidateRecord(
        session_pk(candidate.session_id), CANDIDATE_PREFIX + candidate.id, candidate_id=candidate.id,
        last_name=candidate.last_name, first_name=candidate.first_name, sex=candidate.sex,
        birth_date=candidate.birth_date.isoformat(), birth_country=b.country_code, birth_city=b.city,
        birth_insee_code=b.insee_code, birth_postal_code=b.postal_code, email=candidate.email,
        result_recipient_email=candidate.result_recipient_email, external_id=candidate.external_id,
        extra_time_percentage=candidate.extra_time_percentage, billing_mode=candidate.billing_mode,
        prepayment_code=candidate.prepayment_code, user_id=candidate.user_id, enrolled_at=candidate.enrolled_at,
        division=candidate.division, pupil_id=candidate.pupil_id,
    )


@contextmanager
def _stale() -> Iterator[None]:
    try:
        yield
    except PynamoDBException as error:
        if db.condition_failed(error):
            raise Stale() from error
        raise


def _unchanged(session: Session, *, enrolling: bool) -> object:
    condition = SessionRecord.version == session.version
    if enrolling:
        condition = condition & SessionRecord.started_at.does_not_exist() & SessionRecord.finalised_at.does_not_exist()
    return condition


def _bumped(session: Session, count: int | None = None) -> list[object]:
    actions: list[object] = [SessionRecord.version.set(session.version + 1)]
    if count is not None:
        actions.append(SessionRecord.candidate_count.set(count))
    return actions


class DynamoSessionStore:
    def add_session(self, session: Session) -> None:
        code = CodeRecord(code_pk(session.access_code), CODE_SK, session_id=session.id)
        try:
            with db.transaction() as tx:
                tx.save(_session_record(session, 0), condition=SessionRecord.pk.does_not_exist())
                tx.save(code, condition=CodeRecord.pk.does_not_exist())
        except TransactWriteError as error:
            reasons = [r.code if r else None for r in (error.cancellation_reasons or [])]
            if reasons and reasons[0] == "ConditionalCheckFailed":
                raise Taken("id") from error
            if len(reasons) > 1 and reasons[1] == "ConditionalCheckFailed":
                raise Taken("code") from error
            if db.condition_failed(error):
                raise Taken("code") from error
            raise

    def session(self, session_id: str, *, consistent: bool = False) -> Session | None:
        try:
            return _session(SessionRecord.get(session_pk(session_id), SESSION_SK, consistent_read=consistent))
        except SessionRecord.DoesNotExist:
            return None

    def save_session(self, session: Session) -> Session:
        with _stale():
            _session_record(session, session.version + 1).save(condition=SessionRecord.version == session.version)
        return self._bump(session)

    @staticmethod
    def _bump(session: Session) -> Session:
        return replace(session, version=session.version + 1)

    def delete_session(self, session: Session, candidates: list[Candidate]) -> None:
        with _stale(), db.transaction() as tx:
            tx.delete(SessionRecord(session_pk(session.id), SESSION_SK),
                      condition=_unchanged(session, enrolling=True))  # type: ignore[arg-type]
            tx.delete(CodeRecord(code_pk(session.access_code), CODE_SK),
                      condition=CodeRecord.session_id == session.id)
            for candidate in candidates:
                tx.delete(CandidateRecord(session_pk(session.id), CANDIDATE_PREFIX + candidate.id))

    def session_page(self, centre_id: str, tab: str, today: date, start: PageKey,
                     limit: int) -> tuple[list[Session], PageKey]:
        bound = today.isoformat()
        if tab == rules.UPCOMING:
            query = SessionRecord.by_centre.query(f"{centre_id}#open", SessionRecord.when >= bound,
                                                  limit=limit, last_evaluated_key=start)
        elif tab == rules.TO_FINALISE:
            query = SessionRecord.by_centre.query(f"{centre_id}#open", SessionRecord.when < bound,
                                                  scan_index_forward=False, limit=limit, last_evaluated_key=start)
        else:
            query = SessionRecord.by_centre.query(f"{centre_id}#closed", scan_index_forward=False,
                                                  limit=limit, last_evaluated_key=start)
        found = [_session(r) for r in query]
        return found, query.last_evaluated_key

    def candidates(self, session_id: str) -> list[Candidate]:
        query = CandidateRecord.query(session_pk(session_id), CandidateRecord.sk.startswith(CANDIDATE_PREFIX),
                                      consistent_read=True)
        return sorted((_candidate(r) for r in query), key=lambda c: (c.enrolled_at, c.id))

    def add_candidate(self, session: Session, candidate: Candidate) -> None:
        with _stale(), db.transaction() as tx:
            tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                      actions=_bumped(session, session.candidate_count + 1),  # type: ignore[arg-type]
                      condition=_unchanged(session, enrolling=True))  # type: ignore[arg-type]
            tx.save(_candidate_record(candidate), condition=CandidateRecord.pk.does_not_exist())

    def add_candidates(self, session: Session, candidates: list[Candidate]) -> None:
        """Several at once (pupils picked from the school's list): all or none, in one transaction."""
        with _stale(), db.transaction() as tx:
            tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                      actions=_bumped(session, session.candidate_count + len(candidates)),  # type: ignore[arg-type]
                      condition=_unchanged(session, enrolling=True))  # type: ignore[arg-type]
            for candidate in candidates:
                tx.save(_candidate_record(candidate), condition=CandidateRecord.pk.does_not_exist())

    def remove_candidate(self, session: Session, candidate_id: str) -> None:
        with _stale(), db.transaction() as tx:
            tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                      actions=_bumped(session, session.candidate_count - 1),  # type: ignore[arg-type]
                      condition=_unchanged(session, enrolling=True))  # type: ignore[arg-type]
            tx.delete(CandidateRecord(session_pk(session.id), CANDIDATE_PREFIX + candidate_id),
                      condition=CandidateRecord.pk.exists())

    def replace_candidates(self, session: Session, old: list[Candidate], new: list[Candidate]) -> None:
        with _stale(), db.transaction() as tx:
            tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                      actions=_bumped(session, len(new)),  # type: ignore[arg-type]
                      condition=_unchanged(session, enrolling=True))  # type: ignore[arg-type]
            for candidate in old:
                tx.delete(CandidateRecord(session_pk(session.id), CANDIDATE_PREFIX + candidate.id))
            for candidate in new:
                tx.save(_candidate_record(candidate))

    def candidacies_of(self, user_id: str) -> list[Candidate]:
        keys = [(item.pk, item.sk) for item in CandidateRecord.by_user.query(user_id)]
        return [_candidate(record) for record in CandidateRecord.batch_get(keys)] if keys else []

    def rewrite_candidate(self, candidate: Candidate) -> None:
        try:
            _candidate_record(candidate).save(condition=CandidateRecord.pk.exists())
        except PynamoDBException as error:
            if not db.condition_failed(error):
                raise  # else no longer enrolled: nothing left to rewrite

    def mark_started(self, session_id: str, at: datetime) -> None:
        try:
            SessionRecord(session_pk(session_id), SESSION_SK).update(
                actions=[SessionRecord.started_at.set(at)],
                condition=SessionRecord.pk.exists() & SessionRecord.started_at.does_not_exist())
        except UpdateError as error:
            if not db.condition_failed(error):
                raise

