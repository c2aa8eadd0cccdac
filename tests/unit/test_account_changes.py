"""What a person changes on "Mon compte", on the in-memory store (no moto): names and language, password
(with the current one), e-mail (confirmed by a link), deletion (anonymisation), and e-mails in their language."""

import dataclasses
from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from chalicelib import clock
from chalicelib.accounts import api, passwords, service, store, tokens
from chalicelib.accounts.domain import ANONYMISED_NAME, Grant, GrantKind
from chalicelib.accounts.schemas import ProfileUpdate, SignUpRequest
from chalicelib.errors import Conflict, DomainError, Invalid, TooManyAttempts, Unauthenticated

PASSWORD = "Bonjour2026"
NEW_PASSWORD = "Printemps2027"
HOME = "192.0.2.10"


@pytest.fixture(autouse=True)
def db(accounts_db):
    return accounts_db


@pytest.fixture
def mailbox(monkeypatch):
    """The e-mails the use cases send: (to, subject, text)."""
    sent = []
    monkeypatch.setattr(service, "send_mail", lambda to, subject, text: sent.append((to, subject, text)))
    return sent


@pytest.fixture
def camille(mailbox):
    return service.sign_up(SignUpRequest(first_name="Camille", last_name="Martin", email="camille@example.org",
                                         password=PASSWORD, cgu_accepted=True))


def code_of(call) -> str:
    try:
        call()
    except DomainError as error:
        return error.code
    return "OK"


def link_token(text: str) -> str:
    return text.split("#token=")[1].split()[0]


# --- names and language ---------------------------------------------------------------------------------


def test_names_and_language_change_and_a_field_left_out_stays(camille):
    changed = service.update_profile(camille.user_id, ProfileUpdate(first_name="Camille-Rose", lang="en"))
    assert (changed.first_name, changed.last_name, changed.lang) == ("Camille-Rose", "Martin", "en")
    assert store.current().account(camille.user_id) == changed


def test_a_name_with_invisible_characters_is_refused():
    with pytest.raises(ValidationError):
        ProfileUpdate.model_validate_json('{"last_name": "Mar\\u202etin"}')
    with pytest.raises(ValidationError):
        ProfileUpdate.model_validate_json('{"lang": "de"}')


# --- password -------------------------------------------------------------------------------------------


def test_changing_the_password_ends_every_session_and_opens_a_fresh_one(camille, mailbox):
    here, elsewhere = service.open_session(camille), service.open_session(camille)
    fresh = service.change_password(camille.user_id, PASSWORD, NEW_PASSWORD)
    for old in (here, elsewhere):
        assert code_of(lambda old=old: tokens.authenticate(old.access_token)) == "SESSION_ENDED"
        assert code_of(lambda old=old: service.refresh_session(old.refresh_token)) == "INVALID_REFRESH_TOKEN"
    assert tokens.authenticate(fresh.access_token).user_id == camille.user_id
    assert service.refresh_session(fresh.refresh_token).user.id == camille.user_id
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "INVALID_CREDENTIALS"
    assert code_of(lambda: service.log_in("camille@example.org", NEW_PASSWORD, HOME)) == "OK"
    assert [(to, subject) for to, subject, _ in mailbox] == [
        ("camille@example.org", "Le mot de passe de votre compte Pix a changé")]


def test_a_password_change_needs_the_current_password_and_spends_pending_reset_links(camille, db):
    db.put_grants(Grant("reset-digest", GrantKind.RESET, camille.user_id, clock.now() + timedelta(hours=1), 0))
    with pytest.raises(Invalid) as wrong:
        service.change_password(camille.user_id, "PasLeBon2026", NEW_PASSWORD)
    assert wrong.value.code == "WRONG_PASSWORD"
    assert wrong.value.details == [{"field": "current_password", "message": "Le mot de passe actuel est incorrect."}]
    assert db.grant("reset-digest") is not None  # nothing changed
    service.change_password(camille.user_id, PASSWORD, NEW_PASSWORD)
    assert db.grant("reset-digest") is None


def test_a_refused_new_password_says_every_missing_rule_at_once(camille):
    with pytest.raises(Invalid) as weak:
        service.change_password(camille.user_id, PASSWORD, "bonjour")
    assert weak.value.code == "WEAK_PASSWORD"
    assert weak.value.meta == {"missing": ["length", "uppercase", "digit"]}
    assert weak.value.message == "Il manque : 8 caractères, une majuscule, un chiffre."
    assert weak.value.details[0]["field"] == "new_password"
    with pytest.raises(Invalid) as guessable:
        service.change_password(camille.user_id, PASSWORD, "Camille2012")
    assert guessable.value.code == "GUESSABLE_PASSWORD"
    assert guessable.value.meta == {"reasons": ["personal", "date"]}
    assert "votre nom" in guessable.value.message


def test_checks_of_the_current_password_are_limited_per_hour(camille, frozen):
    for _ in range(service.PASSWORD_CHECKS_PER_HOUR):
        assert code_of(lambda: service.delete_account(camille.user_id, "Devine2026x")) == "WRONG_PASSWORD"
    # The right password waits too: a stolen session gets no more guesses by finding it now.
    with pytest.raises(TooManyAttempts) as limited:
        service.change_password(camille.user_id, PASSWORD, NEW_PASSWORD)
    assert limited.value.code == "PASSWORD_CHECKS_EXCEEDED"
    frozen[0] += timedelta(hours=1, seconds=1)
    assert code_of(lambda: service.change_password(camille.user_id, PASSWORD, NEW_PASSWORD)) == "OK"


# --- e-mail ---------------------------------------------------------------------------------------------


def test_a_new_address_is_used_only_once_its_link_is_opened_and_the_old_one_is_told(camille, mailbox, db):
    service.update_profile(camille.user_id, ProfileUpdate(lang="en"))
    service.request_email_change(camille.user_id, "Camille.Rose@Example.org", PASSWORD)
    ((to, subject, text),) = mailbox[-1:]
    assert (to, subject) == ("camille.rose@example.org", "Confirm your new Pix e-mail address")
    assert "/en/mon-compte/adresse/#token=" in text
    # Until the link is opened, the old address is the login.
    assert code_of(lambda: service.log_in("camille.rose@example.org", PASSWORD, HOME)) == "INVALID_CREDENTIALS"
    assert service.confirm_email_change(link_token(text)) == "camille.rose@example.org"
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "INVALID_CREDENTIALS"
    assert code_of(lambda: service.log_in("camille.rose@example.org", PASSWORD, HOME)) == "OK"
    assert db.account(camille.user_id).email == "camille.rose@example.org"
    notice = mailbox[-1]
    assert notice[0] == "camille@example.org"
    assert notice[1] == "The e-mail address of your Pix account has changed"
    assert "c•••@example.org" in notice[2] and "camille.rose" not in notice[2]
    # Single use.
    assert code_of(lambda: service.confirm_email_change(link_token(text))) == "INVALID_EMAIL_LINK"


def test_an_e_mail_link_expires_after_a_day(camille, mailbox, frozen):
    service.request_email_change(camille.user_id, "camille.rose@example.org", PASSWORD)
    frozen[0] += service.EMAIL_LINK_LIFETIME + timedelta(seconds=1)
    assert code_of(lambda: service.confirm_email_change(link_token(mailbox[-1][2]))) == "INVALID_EMAIL_LINK"


def test_an_address_taken_before_the_link_is_opened_is_refused(camille, mailbox):
    def ask(address, password=PASSWORD):
        return code_of(lambda: service.request_email_change(camille.user_id, address, password))

    assert ask("camille@example.org") == "SAME_EMAIL"
    assert ask("x@example.org", "Faux2026x") == "WRONG_PASSWORD"
    service.request_email_change(camille.user_id, "partage@example.org", PASSWORD)
    link = link_token(mailbox[-1][2])
    service.sign_up(SignUpRequest(first_name="Nina", last_name="Roux", email="partage@example.org",
                                  password="Bienvenue2026", cgu_accepted=True))
    with pytest.raises(Conflict) as taken:
        service.confirm_email_change(link)
    assert taken.value.code == "EMAIL_TAKEN"
    assert ask("partage@example.org") == "EMAIL_TAKEN"
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "OK"


def test_a_password_change_spends_a_pending_e_mail_link(camille, mailbox):
    service.request_email_change(camille.user_id, "camille.rose@example.org", PASSWORD)
    link = link_token(mailbox[-1][2])
    service.change_password(camille.user_id, PASSWORD, NEW_PASSWORD)
    assert code_of(lambda: service.confirm_email_change(link)) == "INVALID_EMAIL_LINK"


def test_confirming_a_new_address_spends_the_reset_links_sent_to_the_old_one(camille, mailbox, db):
    service.send_password_reset_link("camille@example.org")
    reset = link_token(mailbox[-1][2])
    service.request_email_change(camille.user_id, "camille.rose@example.org", PASSWORD)
    service.confirm_email_change(link_token(mailbox[-1][2]))
    assert code_of(lambda: service.reset_password(reset, NEW_PASSWORD, HOME)) == "INVALID_RESET_LINK"


def test_a_pupil_adds_an_address_and_keeps_the_username(mailbox):
    pupil = service.sign_up(SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=date(2012, 3, 14),
                                          password=PASSWORD, cgu_accepted=True))
    service.request_email_change(pupil.user_id, "leo@example.org", PASSWORD)
    service.confirm_email_change(link_token(mailbox[-1][2]))
    for login in ("leo@example.org", pupil.username):
        assert code_of(lambda login=login: service.log_in(login, PASSWORD, HOME)) == "OK"


# --- deletion -------------------------------------------------------------------------------------------


def test_deleting_the_account_anonymises_it_and_ends_everything(camille, mailbox, db):
    session = service.open_session(camille)
    assert code_of(lambda: service.delete_account(camille.user_id, "PasLeBon2026")) == "WRONG_PASSWORD"
    service.delete_account(camille.user_id, PASSWORD)
    assert mailbox[-1][:2] == ("camille@example.org", "Votre compte Pix est supprimé")  # told before
    gone = db.account(camille.user_id)
    assert (gone.first_name, gone.last_name, gone.email, gone.username) == (ANONYMISED_NAME, ANONYMISED_NAME,
                                                                            None, None)
    assert gone.anonymised_at is not None and gone.roles == frozenset()
    assert gone.created_at == camille.created_at  # the id stays, with when it began: no one behind it
    assert not passwords.verify_password(gone.password_hash, PASSWORD)
    assert db.logins == {} and not [g for g in db.grants.values() if g.user_id == camille.user_id]
    assert code_of(lambda: tokens.authenticate(session.access_token)) == "SESSION_ENDED"
    assert code_of(lambda: service.log_in("camille@example.org", PASSWORD, HOME)) == "INVALID_CREDENTIALS"
    # The address is free again.
    assert code_of(lambda: service.sign_up(SignUpRequest(first_name="Camille", last_name="Martin",
                                                         email="camille@example.org", password=PASSWORD,
                                                         cgu_accepted=True))) == "OK"
    assert "camille" not in str(api.personal_data(camille.user_id)).lower()


def test_anonymisation_as_the_back_office_does_it_is_idempotent(camille, db, mailbox):
    pupil = service.sign_up(SignUpRequest(first_name="Léo", last_name="Dubois", birth_date=date(2012, 3, 14),
                                          password=PASSWORD, cgu_accepted=True))
    api.anonymise(pupil.user_id)
    once = db.account(pupil.user_id)
    api.anonymise(pupil.user_id)
    assert db.account(pupil.user_id) == once  # the same, not anonymised twice
    assert pupil.username not in db.logins and "camille@example.org" in db.logins  # only theirs
    assert mailbox == []  # the back office's anonymisation sends nothing
    assert code_of(lambda: api.anonymise("absent")) == "ACCOUNT_NOT_FOUND"


def test_a_deleted_account_cannot_refresh_or_reset(camille, db, mailbox):
    session = service.open_session(camille)
    service.send_password_reset_link("camille@example.org")
    reset = link_token(mailbox[-1][2])
    service.delete_account(camille.user_id, PASSWORD)
    with pytest.raises(Unauthenticated):
        service.refresh_session(session.refresh_token)
    assert code_of(lambda: service.reset_password(reset, NEW_PASSWORD, HOME)) == "INVALID_RESET_LINK"


# --- e-mails in the person's language ---------------------------------------------------------------------


def test_the_reset_e_mail_follows_the_page_then_the_account_language(camille, mailbox, db):
    service.send_password_reset_link("camille@example.org", "en")
    subject, text = mailbox[-1][1:]
    assert subject == "Reset your Pix password"
    assert "/en/mot-de-passe-oublie/nouveau/#token=" in text and "Hello Camille" in text
    db.accounts[camille.user_id] = dataclasses.replace(db.accounts[camille.user_id], lang="en")
    service.send_password_reset_link("camille@example.org")
    assert mailbox[-1][1] == "Reset your Pix password"
    service.send_password_reset_link("camille@example.org", "fr")
    assert mailbox[-1][1] == "Réinitialisation de votre mot de passe Pix"
    assert "/mot-de-passe-oublie/nouveau/#token=" in mailbox[-1][2] and "/en/" not in mailbox[-1][2]
