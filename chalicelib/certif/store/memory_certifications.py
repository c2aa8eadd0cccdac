"""The in-memory twin of the certifications store, for the use-case tests: same contracts, same conditions.
It writes the session's dates into the sessions twin it is given (as the DynamoDB store's transaction does)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from chalicelib.certif.finalisation import Certification, Finalisation
from chalicelib.certif.ports import PageKey, Stale
from chalicelib.certif.sessions import Session
from chalicelib.certif.store.memory import MemoryCertifStore


class MemoryCertificationStore:
    def __init__(self, sessions: MemoryCertifStore) -> None:
        self._sessions = sessions
        self._finalisations: dict[str, Finalisation] = {}
        self._certifications: dict[tuple[str, str], Certification] = {}
        self._queues: dict[str, dict[str, str]] = {}

    def _current(self, session: Session) -> Session:
        current = self._sessions.session(session.id)
        if current is None or current.version != session.version:
            raise Stale()
        return current

    def finalise(self, session: Session, finalisation: Finalisation,
                 certifications: list[Certification]) -> Session:
        current = self._current(session)
        if current.finalised_at is not None or session.id in self._finalisations:
            raise Stale()
        saved = replace(current, finalised_at=finalisation.finalised_at, version=current.version + 1)
        self._sessions._sessions[session.id] = saved
        self._finalisations[session.id] = finalisation
        for c in certifications:
            self._certifications[(c.session_id, c.candidate_id)] = replace(c, version=0)
        self._queue(finalisation, True)
        return saved

    def _queue(self, finalisation: Finalisation, present: bool) -> None:
        key = f"{finalisation.finalised_at.isoformat()}#{finalisation.session_id}"
        queue = self._queues.setdefault(finalisation.queue, {})
        if present:
            queue[key] = finalisation.session_id
        else:
            queue.pop(key, None)

    def finalisation(self, session_id: str) -> Finalisation | None:
        return self._finalisations.get(session_id)

    def certifications(self, session_id: str) -> list[Certification]:
        return [c for (s, _), c in sorted(self._certifications.items()) if s == session_id]

    def certification(self, session_id: str, candidate_id: str) -> Certification | None:
        return self._certifications.get((session_id, candidate_id))

    def save_certification(self, certification: Certification) -> Certification:
        key = (certification.session_id, certification.candidate_id)
        current = self._certifications.get(key)
        if current is None or current.version != certification.version:
            raise Stale()
        saved = replace(certification, version=certification.version + 1)
        self._certifications[key] = saved
        return saved

    def queue_page(self, queue: str, start: PageKey, limit: int) -> tuple[list[str], PageKey]:
        keyed = sorted(self._queues.get(queue, {}).items())
        if start:
            keyed = [(k, s) for k, s in keyed if k > start["k"]]
        page = keyed[:limit]
        return [s for _, s in page], ({"k": page[-1][0]} if len(keyed) > limit else None)

    def unfinalise(self, session: Session, finalisation: Finalisation,
                   certifications: list[Certification]) -> Session:
        current = self._current(session)
        if current.published_at is not None:
            raise Stale()
        saved = replace(current, finalised_at=None, assigned_at=None, version=current.version + 1)
        self._sessions._sessions[session.id] = saved
        self._finalisations.pop(session.id, None)
        for c in certifications:
            self._certifications.pop((c.session_id, c.candidate_id), None)
        self._queue(finalisation, False)
        return saved

    def set_published(self, session: Session, finalisation: Finalisation, at: datetime | None) -> Session:
        current = self._current(session)
        saved = replace(current, published_at=at, version=current.version + 1)
        self._sessions._sessions[session.id] = saved
        self._queue(finalisation, at is None)
        return saved
