"""What the Certif use cases ask of storage: two small protocols, with a DynamoDB store (`store/`) and an
in-memory twin (`store/memory.py`) that the unit tests use. Pages of a list are read from an opaque start
key (a dict, signed into a cursor by the service) and return the key of the next page, or None.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from chalicelib.certif.candidates import Candidate
from chalicelib.certif.centres import Centre
from chalicelib.certif.sessions import Session

PageKey = dict[str, Any] | None


class Taken(Exception):
    """A new item's key is already used: `what` is "id" or "code"; the service draws again."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class Stale(Exception):
    """The item changed since it was read (or a condition on it failed): read again and retry, or refuse."""


class CentreStore(Protocol):
    def add_centre(self, centre: Centre) -> None: ...  # Taken("id")
    def centre(self, centre_id: str) -> Centre | None: ...
    def centres(self, centre_ids: list[str]) -> list[Centre]: ...
    def save_centre(self, centre: Centre) -> None: ...
    def centre_page(self, name_prefix: str, start: PageKey, limit: int) -> tuple[list[Centre], PageKey]: ...


class SessionStore(Protocol):
    def add_session(self, session: Session) -> None: ...  # Taken("id") or Taken("code")
    def session(self, session_id: str, *, consistent: bool = False) -> Session | None: ...
    def save_session(self, session: Session) -> Session: ...  # Stale; returns it with its new version
    def delete_session(self, session: Session, candidates: list[Candidate]) -> None: ...  # Stale
    def session_page(self, centre_id: str, tab: str, today: date, start: PageKey,
                     limit: int) -> tuple[list[Session], PageKey]: ...
    def candidates(self, session_id: str) -> list[Candidate]: ...
    def add_candidate(self, session: Session, candidate: Candidate) -> None: ...  # Stale
    def add_candidates(self, session: Session, candidates: list[Candidate]) -> None: ...  # Stale; all or none
    def remove_candidate(self, session: Session, candidate_id: str) -> None: ...  # Stale
    def replace_candidates(self, session: Session, old: list[Candidate], new: list[Candidate]) -> None: ...  # Stale
    def mark_started(self, session_id: str, at: datetime) -> None: ...
    def candidacies_of(self, user_id: str) -> list[Candidate]: ...  # those linked to the account
    def rewrite_candidate(self, candidate: Candidate) -> None: ...  # in place, if still enrolled (anonymisation)
