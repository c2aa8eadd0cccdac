"""Certificates in DynamoDB (keys and costs: models/certificates.py), and their in-memory twin.

`get_store()` is the store the service uses; tests put `InMemoryCertificateStore` in place with `use_store`.
Both keep the same rules: one code per certification (the first `reserve_code` wins, later ones get it back), a
code never used twice (drawn again on a collision), a throttle counted atomically.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError

from chalicelib import db
from chalicelib.certif.certificates import Certificate, Outcome, as_dict, from_dict
from chalicelib.certif.codes import new_verification_code
from chalicelib.certif.models import certificates as m

CODE_DRAWS = 5  # 24⁸ codes: a collision is rare, five in a row means something else is wrong


@dataclass(frozen=True, slots=True)
class StoredCertificate:
    certificate: Certificate
    pdf_key: str
    credential: str  # VC-JWT
    published: bool = True


@dataclass(frozen=True, slots=True)
class SessionDocuments:
    session_id: str
    centre_id: str
    session_key: str
    classes: tuple[tuple[str, str], ...]  # (class name, S3 key)
    updated_at: datetime


Mine = StoredCertificate | Outcome  # what « Mes certifications » lists: certificates, and published outcomes


class CertificateStore(Protocol):
    def reserve_code(self, certification_id: str) -> str: ...

    def save(self, stored: StoredCertificate) -> None: ...

    def save_outcome(self, outcome: Outcome) -> None:
        """Write (or write again) a certification's outcome, published."""

    def get(self, code: str) -> StoredCertificate | None: ...

    def of_user(self, user_id: str, after: str | None, limit: int) -> tuple[list[Mine], str | None]:
        """The person's published certificates and outcomes, newest first, from after `after` (a page's last key)."""

    def set_published(self, certification_id: str, published: bool) -> bool:
        """Publish or withdraw the certification's certificate or outcome; False when it has neither."""

    def save_session(self, documents: SessionDocuments) -> None: ...

    def session(self, session_id: str) -> SessionDocuments | None: ...

    def count_in_window(self, digest: str, limit: int, window: timedelta, now: datetime) -> bool: ...

    def held_by(self, user_id: str) -> tuple[list[StoredCertificate], list[Outcome]]:
        """Every certificate and outcome of the person, withdrawn ones included (their data, anonymisation)."""

    def erase_holder(self, certificate: Certificate) -> None:
        """Rewrite the certificate without its holder (`certificates.anonymised`): unpublished, no PDF nor
        credential, out of `by_user`. For good: `erased` says so and no publication issues it again."""

    def erased(self, code: str) -> bool: ...

    def drop_session(self, session_id: str) -> None: ...

    def drop_outcomes(self, outcomes: list[Outcome]) -> None:
        """Delete these outcomes (their holder is anonymised)."""


def issued_key(c: Certificate) -> str:
    return f"{c.issued_at.isoformat()}#{c.verification_code}"


def outcome_key(o: Outcome) -> str:
    return f"{o.issued_at.isoformat()}#{o.certification_id}"


def _outcome_dict(o: Outcome) -> dict[str, str | None]:
    return {"certification_id": o.certification_id, "user_id": o.user_id, "session_id": o.session_id,
            "centre_name": o.centre_name, "taken_on": o.taken_on.isoformat(), "status": o.status,
            "issued_at": o.issued_at.isoformat(), "comment_for_candidate": o.comment_for_candidate}


def _outcome_of(raw: dict[str, str | None]) -> Outcome:
    return Outcome(str(raw["certification_id"]), str(raw["user_id"]), str(raw["session_id"]), str(raw["centre_name"]),
                   date.fromisoformat(str(raw["taken_on"])), str(raw["status"]),
                   datetime.fromisoformat(str(raw["issued_at"])), raw["comment_for_candidate"])


class CodeExhausted(RuntimeError):
    """No free code after CODE_DRAWS draws."""


class DynamoCertificateStore:
    def __init__(self, draw: Callable[[], str] = new_verification_code) -> None:
        self.draw = draw

    def _pointer(self, certification_id: str) -> str | None:
        try:
            record = m.CertificateRecord.get(m.certification_pk(certification_id), consistent_read=True)
        except DoesNotExist:
            return None
        return record.code

    def reserve_code(self, certification_id: str) -> str:
        for _ in range(CODE_DRAWS):
            found = self._pointer(certification_id)
            if found is not None:
                return found
            code = self.draw()
            pointer = m.CertificateRecord(m.certification_pk(certification_id), code=code)
            holder = m.CertificateRecord(m.code_pk(code), code=code, certification_id=certification_id,
                                         published=False)
            try:
                with db.transaction() as tx:
                    tx.save(pointer, condition=m.CertificateRecord.pk.does_not_exist())
                    tx.save(holder, condition=m.CertificateRecord.pk.does_not_exist())
                return code
            except TransactWriteError as error:
                if not db.condition_failed(error):
                    raise
                # another delivery reserved this certification (read it next turn), or the code is taken
        found = self._pointer(certification_id)
        if found is not None:
            return found
        raise CodeExhausted(certification_id)

    def save(self, stored: StoredCertificate) -> None:
        c = stored.certificate
        m.CertificateRecord(
            m.code_pk(c.verification_code), code=c.verification_code, certification_id=c.certification_id,
            user_id=c.user_id, issued_key=issued_key(c), session_id=c.session_id, centre_id=c.centre_id,
            data=json.dumps(as_dict(c), ensure_ascii=False, separators=(",", ":")), pdf_key=stored.pdf_key,
            credential=stored.credential, published=stored.published, issued_at=c.issued_at,
        ).save(condition=m.CertificateRecord.certification_id == c.certification_id)

    def save_outcome(self, outcome: Outcome) -> None:
        m.CertificateRecord(
            m.outcome_pk(outcome.certification_id), certification_id=outcome.certification_id,
            user_id=outcome.user_id, issued_key=outcome_key(outcome), session_id=outcome.session_id,
            data=json.dumps(_outcome_dict(outcome), ensure_ascii=False, separators=(",", ":")), published=True,
            issued_at=outcome.issued_at,
        ).save()

    def get(self, code: str) -> StoredCertificate | None:
        try:
            record = m.CertificateRecord.get(m.code_pk(code))
        except DoesNotExist:
            return None
        return _stored(record)

    def of_user(self, user_id: str, after: str | None, limit: int) -> tuple[list[Mine], str | None]:
        condition = m.CertificateRecord.issued_key < after if after else None
        found: list[Mine] = []
        last: str | None = None
        for record in m.CertificateRecord.by_user.query(user_id, range_key_condition=condition,
                                                         scan_index_forward=False):
            stored = _mine(record)
            if stored is None or not record.published:
                continue
            if len(found) == limit:
                return found, last
            found.append(stored)
            last = record.issued_key
        return found, None

    def set_published(self, certification_id: str, published: bool) -> bool:
        code = self._pointer(certification_id)
        keys = [m.outcome_pk(certification_id)] + ([m.code_pk(code)] if code is not None else [])
        changed = False
        for key in keys:
            try:
                m.CertificateRecord(key).update(actions=[m.CertificateRecord.published.set(published)],
                                                condition=m.CertificateRecord.data.exists())
            except UpdateError as error:
                if not db.condition_failed(error):
                    raise
            else:
                changed = True
        return changed

    def save_session(self, documents: SessionDocuments) -> None:
        m.CertificateRecord(
            m.session_pk(documents.session_id), session_id=documents.session_id, centre_id=documents.centre_id,
            documents=json.dumps({"session": documents.session_key, "classes": [list(c) for c in documents.classes]},
                                 ensure_ascii=False),
            updated_at=documents.updated_at,
        ).save()

    def session(self, session_id: str) -> SessionDocuments | None:
        try:
            record = m.CertificateRecord.get(m.session_pk(session_id))
        except DoesNotExist:
            return None
        raw = json.loads(record.documents or "{}")
        assert record.centre_id is not None and record.updated_at is not None
        return SessionDocuments(session_id, record.centre_id, raw["session"],
                                tuple((str(n), str(k)) for n, k in raw["classes"]), record.updated_at)

    def count_in_window(self, digest: str, limit: int, window: timedelta, now: datetime) -> bool:
        item = m.CertificateRecord(m.throttle_pk(digest))
        try:  # a new window when there is none or it has ended
            item.update(
                actions=[m.CertificateRecord.attempts.set(1), m.CertificateRecord.window_ends_at.set(now + window),
                         m.CertificateRecord.expires_at.set(now + window)],
                condition=m.CertificateRecord.window_ends_at.does_not_exist()
                | (m.CertificateRecord.window_ends_at <= now),
            )
            return True
        except UpdateError as error:
            if not db.condition_failed(error):
                raise
        try:  # else one more in the current window, up to the limit
            item.update(actions=[m.CertificateRecord.attempts.add(1)],
                        condition=(m.CertificateRecord.window_ends_at > now) & (m.CertificateRecord.attempts < limit))
            return True
        except UpdateError as error:
            if db.condition_failed(error):
                return False
            raise

    def held_by(self, user_id: str) -> tuple[list[StoredCertificate], list[Outcome]]:
        found = [mine for r in m.CertificateRecord.by_user.query(user_id) if (mine := _mine(r)) is not None]
        return ([s for s in found if isinstance(s, StoredCertificate)], [o for o in found if isinstance(o, Outcome)])

    def drop_outcomes(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            m.CertificateRecord(m.outcome_pk(outcome.certification_id)).delete()

    def erase_holder(self, certificate: Certificate) -> None:
        c = certificate
        m.CertificateRecord(
            m.code_pk(c.verification_code), code=c.verification_code, certification_id=c.certification_id,
            session_id=c.session_id, centre_id=c.centre_id, published=False, issued_at=c.issued_at,
            data=json.dumps(as_dict(c), ensure_ascii=False, separators=(",", ":")),
        ).save(condition=m.CertificateRecord.certification_id == c.certification_id)

    def erased(self, code: str) -> bool:
        try:
            record = m.CertificateRecord.get(m.code_pk(code), consistent_read=True)
        except DoesNotExist:
            return False
        return bool(record.data) and not record.credential

    def drop_session(self, session_id: str) -> None:
        m.CertificateRecord(m.session_pk(session_id)).delete()


def _mine(record: m.CertificateRecord) -> Mine | None:
    if record.pk.startswith(m.outcome_pk("")):
        return _outcome_of(json.loads(str(record.data)))
    return _stored(record)


def _stored(record: m.CertificateRecord) -> StoredCertificate | None:
    if not record.data or not record.pdf_key or not record.credential:
        return None  # a code reserved whose certificate is not written yet
    return StoredCertificate(from_dict(json.loads(record.data)), record.pdf_key, record.credential,
                             bool(record.published))


@dataclass
class InMemoryCertificateStore:
    """The same store in memory (one lock per operation, as DynamoDB applies each write atomically)."""

    draw: Callable[[], str] = new_verification_code
    codes: dict[str, str] = field(default_factory=dict)  # certification id → code
    taken: set[str] = field(default_factory=set)
    certificates: dict[str, StoredCertificate] = field(default_factory=dict)  # code → certificate
    sessions: dict[str, SessionDocuments] = field(default_factory=dict)
    throttles: dict[str, tuple[int, datetime]] = field(default_factory=dict)
    erased_codes: dict[str, Certificate] = field(default_factory=dict)  # code → what stays of it
    outcomes: dict[str, tuple[Outcome, bool]] = field(default_factory=dict)  # certification id → (it, published)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve_code(self, certification_id: str) -> str:
        with self.lock:
            if certification_id in self.codes:
                return self.codes[certification_id]
            for _ in range(CODE_DRAWS):
                code = self.draw()
                if code not in self.taken:
                    self.taken.add(code)
                    self.codes[certification_id] = code
                    return code
        raise CodeExhausted(certification_id)

    def save(self, stored: StoredCertificate) -> None:
        with self.lock:
            c = stored.certificate
            assert self.codes.get(c.certification_id) == c.verification_code, "a code is reserved first"
            self.certificates[c.verification_code] = stored

    def save_outcome(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes[outcome.certification_id] = (outcome, True)

    def get(self, code: str) -> StoredCertificate | None:
        return self.certificates.get(code)

    def of_user(self, user_id: str, after: str | None, limit: int) -> tuple[list[Mine], str | None]:
        keyed: list[tuple[str, Mine]] = [
            (issued_key(s.certificate), s) for s in self.certificates.values()
            if s.certificate.user_id == user_id and s.published]
        keyed += [(outcome_key(o), o) for o, published in self.outcomes.values() if o.user_id == user_id and published]
        mine = sorted((k for k in keyed if not after or k[0] < after), key=lambda k: k[0], reverse=True)
        page = mine[:limit]
        return [s for _, s in page], (page[-1][0] if len(mine) > limit else None)

    def set_published(self, certification_id: str, published: bool) -> bool:
        with self.lock:
            changed = False
            if certification_id in self.outcomes:
                self.outcomes[certification_id] = (self.outcomes[certification_id][0], published)
                changed = True
            code = self.codes.get(certification_id)
            if code is not None and code in self.certificates:
                self.certificates[code] = replace(self.certificates[code], published=published)
                changed = True
            return changed

    def save_session(self, documents: SessionDocuments) -> None:
        self.sessions[documents.session_id] = documents

    def session(self, session_id: str) -> SessionDocuments | None:
        return self.sessions.get(session_id)

    def held_by(self, user_id: str) -> tuple[list[StoredCertificate], list[Outcome]]:
        return ([s for s in self.certificates.values() if s.certificate.user_id == user_id],
                [o for o, _ in self.outcomes.values() if o.user_id == user_id])

    def erase_holder(self, certificate: Certificate) -> None:
        with self.lock:
            self.certificates.pop(certificate.verification_code, None)
            self.erased_codes[certificate.verification_code] = certificate

    def erased(self, code: str) -> bool:
        return code in self.erased_codes

    def drop_session(self, session_id: str) -> None:
        self.sessions.pop(session_id, None)

    def drop_outcomes(self, outcomes: list[Outcome]) -> None:
        with self.lock:
            for outcome in outcomes:
                self.outcomes.pop(outcome.certification_id, None)

    def count_in_window(self, digest: str, limit: int, window: timedelta, now: datetime) -> bool:
        with self.lock:
            attempts, ends = self.throttles.get(digest, (0, now))
            if ends <= now:
                self.throttles[digest] = (1, now + window)
                return True
            if attempts < limit:
                self.throttles[digest] = (attempts + 1, ends)
                return True
            return False


_store: CertificateStore | None = None


def get_store() -> CertificateStore:
    global _store
    if _store is None:
        _store = DynamoCertificateStore()
    return _store


def use_store(store: CertificateStore | None) -> None:
    global _store
    _store = store
