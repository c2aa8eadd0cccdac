"""What finalisation, the jury and publication ask of storage (`store/certifications.py` on DynamoDB, its
in-memory twin `store/memory_certifications.py` for the unit tests). Keys and costs in models/finalisation.py."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from chalicelib.certif.finalisation import Certification, Finalisation
from chalicelib.certif.ports import PageKey
from chalicelib.certif.sessions import Session


class CertificationStore(Protocol):
    # In one transaction: the session marked finalised (conditioned on its version and on not being finalised),
    # the finalisation, every certification, and the session's place in the jury's queue. Stale otherwise.
    def finalise(self, session: Session, finalisation: Finalisation,
                 certifications: list[Certification]) -> Session: ...
    def finalisation(self, session_id: str) -> Finalisation | None: ...
    def certifications(self, session_id: str) -> list[Certification]: ...
    def certification(self, session_id: str, candidate_id: str) -> Certification | None: ...
    def save_certification(self, certification: Certification) -> Certification: ...  # Stale on its version
    def queue_page(self, queue: str, start: PageKey, limit: int) -> tuple[list[str], PageKey]: ...  # session ids
    # In one transaction, finalise's undoing: the session created again (conditioned on its version, unpublished),
    # its finalisation, certifications and queue item deleted. Stale otherwise.
    def unfinalise(self, session: Session, finalisation: Finalisation,
                   certifications: list[Certification]) -> Session: ...
    # The session's publication date set (or removed, None) with its queue item removed (or put back): Stale.
    def set_published(self, session: Session, finalisation: Finalisation, at: datetime | None) -> Session: ...
