"""The in-memory twin of the Certif stores, for the use-case tests: same contracts, same conditions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from chalicelib.certif import sessions as rules
from chalicelib.certif.candidates import Candidate
from chalicelib.certif.centres import Centre, search_key
from chalicelib.certif.ports import PageKey, Stale, Taken
from chalicelib.certif.sessions import Session


def _when(session: Session) -> str:
    return f"{session.details.date.isoformat()}T{session.details.time.strftime('%H:%M')}#{session.id}"


class MemoryCertifStore:
    def __init__(self) -> None:
        self._centres: dict[str, Centre] = {}
        self._sessions: dict[str, Session] = {}
        self._codes: dict[str, str] = {}
        self._candidates: dict[str, dict[str, Candidate]] = {}

    # --- centres
    def add_centre(self, centre: Centre) -> None:
        if centre.id in self._centres:
            raise Taken("id")
        self._centres[centre.id] = centre

    def centre(self, centre_id: str) -> Centre | None:
        return self._centres.get(centre_id)

    def centres(self, centre_ids: list[str]) -> list[Centre]:
        return [self._centres[i] for i in centre_ids if i in self._centres]

    def save_centre(self, centre: Centre) -> None:
        assert centre.id in self._centres
        self._centres[centre.id] = centre

    def centre_page(self, name_prefix: str, start: PageKey, limit: int) -> tuple[list[Centre], PageKey]:
        keyed = sorted((f"{search_key(c.name)}#{c.id}", c) for c in self._centres.values()
                       if search_key(c.name).startswith(name_prefix))
        after = start["k"] if start else ""
        rest = [(k, c) for k, c in keyed if k > after]
        page = rest[:limit]
        return [c for _, c in page], ({"k": page[-1][0]} if len(rest) > limit else None)

    # --- sessions
    def add_session(self, session: Session) -> None:
        if session.id in self._sessions:
            raise Taken("id")
        if session.access_code in self._codes:
            raise Taken("code")
        self._sessions[session.id] = session
        self._codes[session.access_code] = session.id
        self._candidates[session.id] = {}

    def session(self, session_id: str, *, consistent: bool = False) -> Session | None:
        return self._sessions.get(session_id)

    def _check(self, session: Session, *, enrolling: bool = False) -> Session:
        current = self._sessions.get(session.id)
        if current is None or current.version != session.version:
            raise Stale()
        if enrolling and (current.started_at is not None or current.finalised_at is not None):
            raise Stale()
        return current

    def save_session(self, session: Session) -> Session:
        self._check(session)
        saved = replace(session, version=session.version + 1)
        self._sessions[session.id] = saved
        return saved

    def delete_session(self, session: Session, candidates: list[Candidate]) -> None:
        self._check(session, enrolling=True)
        del self._sessions[session.id]
        self._codes.pop(session.access_code, None)
        self._candidates.pop(session.id, None)

    def session_page(self, centre_id: str, tab: str, today: date, start: PageKey,
                     limit: int) -> tuple[list[Session], PageKey]:
        mine = [s for s in self._sessions.values() if s.centre_id == centre_id]
        bound = today.isoformat()
        if tab == rules.UPCOMING:
            keyed = sorted((_when(s), s) for s in mine if s.open and _when(s) >= bound)
        elif tab == rules.TO_FINALISE:
            keyed = sorted(((_when(s), s) for s in mine if s.open and _when(s) < bound), reverse=True)
        else:
            keyed = sorted(((_when(s), s) for s in mine if not s.open), reverse=True)
        if start:
            keyed = [(k, s) for k, s in keyed if (k < start["k"] if tab != rules.UPCOMING else k > start["k"])]
        page = keyed[:limit]
        return [s for _, s in page], ({"k": page[-1][0]} if len(keyed) > limit else None)

    # --- candidates
    def candidates(self, session_id: str) -> list[Candidate]:
        return sorted(self._candidates.get(session_id, {}).values(), key=lambda c: (c.enrolled_at, c.id))

    def add_candidate(self, session: Session, candidate: Candidate) -> None:
        current = self._check(session, enrolling=True)
        self._candidates[session.id][candidate.id] = candidate
        self._sessions[session.id] = replace(current, candidate_count=current.candidate_count + 1,
                                             version=current.version + 1)

    def add_candidates(self, session: Session, candidates: list[Candidate]) -> None:
        current = self._check(session, enrolling=True)
        self._candidates[session.id].update({c.id: c for c in candidates})
        self._sessions[session.id] = replace(current, candidate_count=current.candidate_count + len(candidates),
                                             version=current.version + 1)

    def remove_candidate(self, session: Session, candidate_id: str) -> None:
        current = self._check(session, enrolling=True)
        if self._candidates[session.id].pop(candidate_id, None) is None:
            raise Stale()
        self._sessions[session.id] = replace(current, candidate_count=current.candidate_count - 1,
                                             version=current.version + 1)

    def replace_candidates(self, session: Session, old: list[Candidate], new: list[Candidate]) -> None:
        current = self._check(session, enrolling=True)
        self._candidates[session.id] = {c.id: c for c in new}
        self._sessions[session.id] = replace(current, candidate_count=len(new), version=current.version + 1)

    def candidacies_of(self, user_id: str) -> list[Candidate]:
        return [c for found in self._candidates.values() for c in found.values() if c.user_id == user_id]

    def rewrite_candidate(self, candidate: Candidate) -> None:
        enrolled = self._candidates.get(candidate.session_id, {})
        if candidate.id in enrolled:
            enrolled[candidate.id] = candidate

    def mark_started(self, session_id: str, at: datetime) -> None:
        current = self._sessions[session_id]
        if current.started_at is None:
            self._sessions[session_id] = replace(current, started_at=at)

