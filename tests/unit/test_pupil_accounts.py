"""Pupils' accounts: the temporary password follows the rules and is readable; it opens no session until the
pupil chooses their own; a teacher's reset makes it temporary again (accounts service, in-memory store)."""

from datetime import date

import pytest

from chalicelib.accounts import memory, passwords, service, store
from chalicelib.errors import DomainError
from chalicelib.orga.imports import ImportedLearner
from chalicelib.orga.learners import Learner
from chalicelib.orga.service_pupils import HandedOut, handout_csv


@pytest.fixture(autouse=True)
def accounts():
    previous = store.use(memory.MemoryStore())
    yield
    store.use(previous)


def test_a_temporary_password_follows_the_rules_without_look_alikes():
    for _ in range(200):
        password = passwords.temporary_password()
        assert len(password) == passwords.TEMPORARY_LENGTH and not passwords.missing_rules(password)
        assert not set(password) & set("0O1lI")


def test_a_temporary_password_opens_no_session_until_the_pupil_chooses_one():
    pupil = service.create_pupil_account("Zoë", "Lefèvre-Dubois", date(2012, 2, 29), "Provisoire7x")
    assert pupil.username == "zoe.lefevredubois2902" and pupil.password_temporary
    with pytest.raises(DomainError) as refused:
        service.log_in(pupil.username, "Provisoire7x", "test")
    assert refused.value.code == "PASSWORD_CHANGE_REQUIRED"
    with pytest.raises(DomainError) as wrong:
        service.log_in_with_new_password(pupil.username, "Autre7xx", "Tournesol-bleu-42", "test")
    assert wrong.value.code == "INVALID_CREDENTIALS"
    opened = service.log_in_with_new_password(pupil.username, "Provisoire7x", "Tournesol-bleu-42", "test")
    assert opened.access_token
    assert service.log_in(pupil.username, "Tournesol-bleu-42", "test").access_token
    with pytest.raises(DomainError) as not_temporary:
        service.log_in_with_new_password(pupil.username, "Tournesol-bleu-42", "Tournesol-vert-43", "test")
    assert not_temporary.value.code == "PASSWORD_CHANGE_NOT_REQUIRED"
    service.set_temporary_password(pupil.user_id, "Nouveau8yz")
    with pytest.raises(DomainError) as again:
        service.log_in(pupil.username, "Nouveau8yz", "test")
    assert again.value.code == "PASSWORD_CHANGE_REQUIRED"


def test_the_handout_is_a_csv_for_excel_that_runs_no_formula():
    record = ImportedLearner(line=2, first_name="=HYPERLINK(1)", last_name="Nguyen", birth_date=date(2012, 9, 17),
                             division="5B")
    text = handout_csv([HandedOut(Learner("l1", "INE:1", record), "hyperlink.nguyen1709", "Abc234defg")])
    assert text.startswith("\ufeffClasse;Nom;Prénom;Identifiant;Mot de passe provisoire\r\n")
    assert "5B;Nguyen;'=HYPERLINK(1);hyperlink.nguyen1709;Abc234defg\r\n" in text
