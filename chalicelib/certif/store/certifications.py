"""Finalisation, certifications and the jury's queues on DynamoDB (`certif-sessions`; keys and costs in
models/finalisation.py). A failed condition becomes `Stale`."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pynamodb.exceptions import PynamoDBException

from chalicelib import db
from chalicelib.certif.finalisation import Certification, Finalisation, as_dict, from_dict
from chalicelib.certif.models.finalisation import (
    CERTIFICATION_PREFIX,
    FINALISATION_SK,
    CertificationRecord,
    FinalisationRecord,
    JuryQueueRecord,
    queue_pk,
)
from chalicelib.certif.models.sessions import SESSION_SK, SessionRecord, session_pk
from chalicelib.certif.ports import PageKey, Stale
from chalicelib.certif.sessions import Session


def _queue_record(finalisation: Finalisation) -> JuryQueueRecord:
    return JuryQueueRecord(queue_pk(finalisation.queue),
                           f"{finalisation.finalised_at.isoformat()}#{finalisation.session_id}",
                           session_id=finalisation.session_id)


def _record(c: Certification, version: int) -> CertificationRecord:
    return CertificationRecord(session_pk(c.session_id), CERTIFICATION_PREFIX + c.candidate_id, data=as_dict(c),
                               version=version)


def _certification(record: CertificationRecord) -> Certification:
    return from_dict(record.pk.removeprefix("session#"), record.sk.removeprefix(CERTIFICATION_PREFIX), record.data,
                     int(record.version or 0))


class DynamoCertificationStore:
    def finalise(self, session: Session, finalisation: Finalisation,
                 certifications: list[Certification]) -> Session:
        record = FinalisationRecord(
            session_pk(session.id), FINALISATION_SK, comment=finalisation.comment, incident=finalisation.incident,
            joining_issue=finalisation.joining_issue, finalised_at=finalisation.finalised_at,
            finalised_by=finalisation.finalised_by, queue=finalisation.queue)
        try:
            with db.transaction() as tx:
                tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                          actions=[SessionRecord.finalised_at.set(finalisation.finalised_at),
                                   SessionRecord.centre_tab.set(f"{session.centre_id}#closed"),
                                   SessionRecord.version.set(session.version + 1)],
                          condition=(SessionRecord.version == session.version)
                          & SessionRecord.finalised_at.does_not_exist())
                tx.save(record, condition=FinalisationRecord.pk.does_not_exist())
                for c in certifications:
                    tx.save(_record(c, 0))
                tx.save(_queue_record(finalisation))
        except PynamoDBException as error:
            if db.condition_failed(error):
                raise Stale() from error
            raise
        return replace(session, finalised_at=finalisation.finalised_at, version=session.version + 1)

    def finalisation(self, session_id: str) -> Finalisation | None:
        try:
            r = FinalisationRecord.get(session_pk(session_id), FINALISATION_SK, consistent_read=True)
        except FinalisationRecord.DoesNotExist:
            return None
        return Finalisation(session_id, r.comment or "", bool(r.incident), bool(r.joining_issue), r.finalised_at,
                            r.finalised_by, r.queue)

    def certifications(self, session_id: str) -> list[Certification]:
        query = CertificationRecord.query(session_pk(session_id),
                                          CertificationRecord.sk.startswith(CERTIFICATION_PREFIX), consistent_read=True)
        return [_certification(r) for r in query]

    def certification(self, session_id: str, candidate_id: str) -> Certification | None:
        try:
            return _certification(CertificationRecord.get(session_pk(session_id), CERTIFICATION_PREFIX + candidate_id,
                                                          consistent_read=True))
        except CertificationRecord.DoesNotExist:
            return None

    def save_certification(self, certification: Certification) -> Certification:
        try:
            _record(certification, certification.version + 1).save(
                condition=CertificationRecord.version == certification.version)
        except PynamoDBException as error:
            if db.condition_failed(error):
                raise Stale() from error
            raise
        return replace(certification, version=certification.version + 1)

    def queue_page(self, queue: str, start: PageKey, limit: int) -> tuple[list[str], PageKey]:
        query = JuryQueueRecord.query(queue_pk(queue), limit=limit, last_evaluated_key=start)
        found = [r.session_id for r in query]
        return found, query.last_evaluated_key

    def unfinalise(self, session: Session, finalisation: Finalisation,
                   certifications: list[Certification]) -> Session:
        try:
            with db.transaction() as tx:
                tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                          actions=[SessionRecord.finalised_at.remove(), SessionRecord.assigned_at.remove(),
                                   SessionRecord.centre_tab.set(f"{session.centre_id}#open"),
                                   SessionRecord.version.set(session.version + 1)],
                          condition=(SessionRecord.version == session.version)
                          & SessionRecord.published_at.does_not_exist())
                tx.delete(FinalisationRecord(session_pk(session.id), FINALISATION_SK))
                tx.delete(_queue_record(finalisation))
                for c in certifications:
                    tx.delete(_record(c, c.version))
        except PynamoDBException as error:
            if db.condition_failed(error):
                raise Stale() from error
            raise
        return replace(session, finalised_at=None, assigned_at=None, version=session.version + 1)

    def set_published(self, session: Session, finalisation: Finalisation, at: datetime | None) -> Session:
        published = (SessionRecord.published_at.set(at) if at is not None
                     else SessionRecord.published_at.remove())
        try:
            with db.transaction() as tx:
                tx.update(SessionRecord(session_pk(session.id), SESSION_SK),
                          actions=[published, SessionRecord.version.set(session.version + 1)],
                          condition=SessionRecord.version == session.version)
                if at is not None:
                    tx.delete(_queue_record(finalisation))
                else:
                    tx.save(_queue_record(finalisation))
        except PynamoDBException as error:
            if db.condition_failed(error):
                raise Stale() from error
            raise
        return replace(session, published_at=at, version=session.version + 1)
