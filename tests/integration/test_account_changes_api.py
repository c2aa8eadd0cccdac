""""Mon compte" through the real app, on moto (DynamoDB, SES): names and language, password, e-mail change
confirmed by a link, deletion, and the reset e-mail in the page's language."""

import threading

from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses import ses_backends

PASSWORD = "Bonjour2026"


def sign_up(api, email="camille@example.org", **extra):
    body = {"first_name": "Camille", "last_name": "Martin", "email": email, "password": PASSWORD,
            "cgu_accepted": True, **extra}
    status, session, _ = api.call("POST", "/api/users", body)
    assert status == 201, session
    return session


def mails():
    return [(m.destinations["ToAddresses"][0], m.subject, m.body)
            for m in ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"].sent_messages]


def token_in(text):
    return text.split("#token=")[1].split()[0]


def log_in(api, login, password=PASSWORD):
    return api.call("POST", "/api/token", {"login": login, "password": password})[0]


def test_names_and_language_are_changed_and_kept(api):
    session = sign_up(api)
    status, me, _ = api.call("PATCH", "/api/me", {"last_name": "Martin-Roux", "lang": "en"},
                             token=session["access_token"])
    assert status == 200 and (me["first_name"], me["last_name"], me["lang"]) == ("Camille", "Martin-Roux", "en")
    assert api.call("GET", "/api/me", token=session["access_token"])[1]["lang"] == "en"
    status, body, _ = api.call("PATCH", "/api/me", {"first_name": ""}, token=session["access_token"])
    assert status == 400 and body["error"]["code"] == "INVALID_INPUT"


def test_a_password_change_answers_a_fresh_session_and_ends_the_others(api):
    here, other = sign_up(api), api.call("POST", "/api/token", {"login": "camille@example.org",
                                                               "password": PASSWORD})[1]
    status, body, _ = api.call("POST", "/api/me/password", {"current_password": "Faux2026x", "new_password": "x"},
                               token=here["access_token"])
    assert (status, body["error"]["code"], body["error"]["details"][0]["field"]) == (400, "WRONG_PASSWORD",
                                                                                     "current_password")
    status, body, _ = api.call("POST", "/api/me/password", {"current_password": PASSWORD, "new_password": "court"},
                               token=here["access_token"])
    assert body["error"]["code"] == "WEAK_PASSWORD"
    assert body["error"]["meta"]["missing"] == ["length", "uppercase", "digit"]
    status, fresh, _ = api.call("POST", "/api/me/password", {"current_password": PASSWORD,
                                                             "new_password": "Printemps2027"},
                                token=here["access_token"])
    assert status == 200 and fresh["user"]["email"] == "camille@example.org"
    for old in (here, other):
        assert api.call("GET", "/api/me", token=old["access_token"])[1]["error"]["code"] == "SESSION_ENDED"
        assert api.call("POST", "/api/token/refresh", {"refresh_token": old["refresh_token"]})[0] == 401
    assert api.call("GET", "/api/me", token=fresh["access_token"])[0] == 200
    assert log_in(api, "camille@example.org", "Printemps2027") == 200
    assert mails()[-1][:2] == ("camille@example.org", "Le mot de passe de votre compte Pix a changé")


def test_an_e_mail_change_moves_the_login_once_its_link_is_opened(api):
    session = sign_up(api)
    status, body, _ = api.call("POST", "/api/me/email", {"email": "camille.rose@example.org", "password": PASSWORD},
                               token=session["access_token"])
    assert status == 202
    to, subject, text = mails()[-1]
    assert (to, subject) == ("camille.rose@example.org", "Confirmez votre nouvelle adresse e-mail Pix")
    assert log_in(api, "camille.rose@example.org") == 401
    status, changed, _ = api.call("POST", "/api/email-change/confirm", {"token": token_in(text)})
    assert (status, changed) == (200, {"email": "camille.rose@example.org"})
    assert log_in(api, "camille.rose@example.org") == 200
    assert log_in(api, "camille@example.org") == 401
    assert mails()[-1][:2] == ("camille@example.org", "L'adresse e-mail de votre compte Pix a changé")
    again = api.call("POST", "/api/email-change/confirm", {"token": token_in(text)})
    assert (again[0], again[1]["error"]["code"]) == (400, "INVALID_EMAIL_LINK")
    assert api.call("GET", "/api/me", token=session["access_token"])[1]["email"] == "camille.rose@example.org"


def test_two_accounts_confirming_one_address_at_once_make_one_owner(api):
    sessions = [sign_up(api, f"personne{i}@example.org") for i in range(2)]
    links = []
    for session in sessions:
        api.call("POST", "/api/me/email", {"email": "convoitee@example.org", "password": PASSWORD},
                 token=session["access_token"])
        links.append(token_in(mails()[-1][2]))
    from chalicelib.accounts import service

    outcomes = []
    start = threading.Barrier(2)

    def confirm(link):
        start.wait()
        try:
            outcomes.append(service.confirm_email_change(link))
        except Exception as error:  # noqa: BLE001 - the refusal is what is counted
            outcomes.append(getattr(error, "code", repr(error)))

    threads = [threading.Thread(target=confirm, args=(link,)) for link in links]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["EMAIL_TAKEN", "convoitee@example.org"]
    from chalicelib.accounts.models import Login

    assert Login.get("convoitee@example.org").user_id in {s["user"]["id"] for s in sessions}
    assert Login.count() == 2  # one address each: the loser kept theirs


def test_deleting_the_account_anonymises_it_and_keeps_the_learning_without_the_person(api):
    from chalicelib.accounts.models import Login, Token, User
    from chalicelib.evaluation.store import get_store

    session = sign_up(api)
    user_id = session["user"]["id"]
    assert api.call("PUT", "/api/tutorials/saved/" + _a_tutorial(), token=session["access_token"])[0] == 200
    status, body, _ = api.call("POST", "/api/me/deletion", {"password": "Faux2026x"}, token=session["access_token"])
    assert (status, body["error"]["code"]) == (400, "WRONG_PASSWORD")
    assert api.call("POST", "/api/me/deletion", {"password": PASSWORD}, token=session["access_token"])[0] == 204
    assert mails()[-1][:2] == ("camille@example.org", "Votre compte Pix est supprimé")
    assert api.call("GET", "/api/me", token=session["access_token"])[0] == 401
    assert api.call("POST", "/api/token/refresh", {"refresh_token": session["refresh_token"]})[0] == 401
    assert log_in(api, "camille@example.org") == 401
    user = User.get(user_id)
    assert (user.first_name, user.last_name, user.email, user.username) == ("(anonymisé)", "(anonymisé)", None, None)
    assert user.anonymised_at is not None
    assert Login.count() == 0 and list(Token.by_user.query(user_id)) == []
    assert [s.tutorial_id for s in get_store().saved_tutorials(user_id)] == [_a_tutorial()]  # kept, by id only
    assert sign_up(api)["user"]["id"] != user_id  # the address is free for a new account


def _a_tutorial() -> str:
    from chalicelib.content.api import get_release

    return sorted(get_release().tutorials)[0]


def test_the_reset_e_mail_is_written_in_the_page_language(api, deliver):
    sign_up(api)
    assert api.call("POST", "/api/password-reset", {"email": "camille@example.org", "lang": "en"})[0] == 202
    deliver()
    to, subject, text = mails()[-1]
    assert subject == "Reset your Pix password"
    assert "/en/mot-de-passe-oublie/nouveau/#token=" in text and "/en/mot-de-passe-oublie/\n" in text


def test_a_pupil_signing_up_gets_a_session_with_the_username(api):
    status, session, _ = api.call("POST", "/api/users", {
        "first_name": "Léo", "last_name": "Dubois", "birth_date": "2012-03-14", "password": PASSWORD,
        "cgu_accepted": True})
    assert status == 201
    status, me, _ = api.call("GET", "/api/me", token=session["access_token"])
    assert status == 200 and me["username"] == session["user"]["username"] == "leo.dubois1403"
    assert log_in(api, "leo.dubois1403") == 200
