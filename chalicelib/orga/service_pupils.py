"""Use cases: pupils' accounts created by their school (SCO). A teacher selects listed pupils without an
account; each gets an account (username `prenom.nom` + DDMM through the accounts room, a temporary password
to change at the first login) linked to them, and the teacher downloads the list to hand out. A teacher
may give a pupil's account (one with a username and no e-mail) a new temporary password the same way.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from chalicelib import clock
from chalicelib.accounts import api as accounts
from chalicelib.errors import Conflict, Forbidden, Invalid, NotFound
from chalicelib.observability import logger
from chalicelib.orga.learners import Learner
from chalicelib.orga.service_learners import listed_learner, managing
from chalicelib.orga.store import learners as store


@dataclass(frozen=True, slots=True)
class HandedOut:
    learner: Learner
    username: str
    password: str


def _school(organization_id: str) -> None:
    if managing(organization_id).type != "SCO":
        raise Forbidden("PUPIL_ACCOUNTS_SCO_ONLY", "Seuls les établissements scolaires créent des comptes d'élèves.")


def create_accounts(organization_id: str, learner_ids: list[str]) -> list[HandedOut]:
    """An account for each selected pupil who is listed, active and has none yet; refused as a whole
    (nothing created) when one of them cannot have one."""
    _school(organization_id)
    db = store.current()
    head = db.head(organization_id)
    wanted = list(dict.fromkeys(learner_ids))
    pupils = [db.learner(organization_id, head.generation, i) for i in wanted] if head else []
    if not head or any(p is None or not p.active or p.key.startswith("ANON:") for p in pupils):
        raise NotFound("LEARNER_NOT_FOUND", "Un des élèves choisis n'est pas ou plus dans la liste.")
    linked, _ = db.links_of(organization_id, wanted, None)
    if linked:
        raise Conflict("LEARNER_HAS_ACCOUNT", "Un des élèves choisis a déjà un compte : retirez-le de la sélection.")
    handed: list[HandedOut] = []
    for pupil in pupils:
        assert pupil is not None
        record = pupil.record
        account, password = accounts.create_pupil_account(record.first_name, record.last_name, record.birth_date)
        if not db.link(organization_id, pupil.learner_id, account.user_id, clock.now()):
            accounts.anonymise(account.user_id)  # someone linked the pupil meanwhile: this account is not theirs
            logger.info("pupil account not linked: the pupil was linked meanwhile", learner_id=pupil.learner_id)
            continue
        assert account.username is not None
        handed.append(HandedOut(pupil, account.username, password))
    return handed


def reset_password(organization_id: str, learner_id: str) -> HandedOut:
    """A new temporary password for the pupil's account, if it is a pupil's account (a username and no
    e-mail: an account with an address resets its own password)."""
    _school(organization_id)
    row = listed_learner(organization_id, learner_id)
    if row.user_id is None:
        raise Invalid("LEARNER_HAS_NO_ACCOUNT", "Cet élève n'a pas de compte.")
    account = accounts.account(row.user_id)
    if account.username is None or account.email is not None:
        raise Forbidden("NOT_A_PUPIL_ACCOUNT",
                        "Ce compte a une adresse e-mail : son titulaire réinitialise lui-même son mot de passe.")
    account, password = accounts.reset_pupil_password(row.user_id)
    assert account.username is not None
    return HandedOut(row.learner, account.username, password)


def handout_csv(handed: list[HandedOut]) -> str:
    """For Excel in French: UTF-8 with a BOM, `;`, CRLF; values that a spreadsheet would run as a formula
    are quoted with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Classe", "Nom", "Prénom", "Identifiant", "Mot de passe provisoire"])
    for h in sorted(handed, key=lambda h: (h.learner.record.division or "", h.learner.record.last_name,
                                           h.learner.record.first_name)):
        record = h.learner.record
        writer.writerow([_cell(v) for v in (record.division or "", record.last_name, record.first_name,
                                            h.username, h.password)])
    return "\ufeff" + out.getvalue()


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
