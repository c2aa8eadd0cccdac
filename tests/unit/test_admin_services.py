"""The back office's use cases on in-memory stores: the team, the support tools, what the trail records."""

import pytest

from chalicelib.accounts import service as accounts_service
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.admin import service_team, service_users, store
from chalicelib.admin.memory import MemoryTeam, MemoryTrail
from chalicelib.errors import Conflict, Invalid, NotFound, TooManyAttempts, Unauthenticated

PASSWORD = "Vq7-services-admin-2026"


@pytest.fixture
def admin_db(accounts_db):
    stores = store.Stores(trail=MemoryTrail(), team=MemoryTeam())
    previous = store.use(stores)
    yield stores
    store.use(previous)


def _person(first, last, email, roles=frozenset()):
    return accounts_service.sign_up(SignUpRequest(first_name=first, last_name=last, email=email, password=PASSWORD,
                                                  cgu_accepted=True), roles=set(roles))


def _actions(stores, object_type, object_id):
    return [e.action for e in stores.trail.page(object_type, object_id, None, 50).entries]


def test_the_team_adds_changes_and_disables_with_the_role_on_the_account(admin_db, accounts_db):
    boss = _person("Sasha", "Chef", "chef@example.org", {"SUPER_ADMIN"})
    recruit = _person("Rémi", "Recrue", "recrue@example.org")
    service_team.add(boss.user_id, "Recrue@example.org", "CERTIF")
    assert accounts_db.accounts[recruit.user_id].roles == {"CERTIF"}
    with pytest.raises(Conflict, match="ALREADY_MEMBER"):
        service_team.add(boss.user_id, "recrue@example.org", "SUPPORT")
    service_team.change_role(boss.user_id, recruit.user_id, "METIER")
    assert accounts_db.accounts[recruit.user_id].roles == {"METIER"}
    service_team.disable(boss.user_id, recruit.user_id)
    assert accounts_db.accounts[recruit.user_id].roles == frozenset()
    with pytest.raises(Conflict, match="MEMBER_DISABLED"):
        service_team.change_role(boss.user_id, recruit.user_id, "SUPPORT")
    service_team.add(boss.user_id, "recrue@example.org", "SUPPORT")  # enabled again
    assert accounts_db.accounts[recruit.user_id].roles == {"SUPPORT"}
    assert _actions(admin_db, "admin-member", recruit.user_id) == [  # newest first
        "member-added", "member-disabled", "member-role-changed", "member-added"]
    with pytest.raises(Conflict, match="OWN_MEMBERSHIP"):
        service_team.disable(boss.user_id, boss.user_id)
    with pytest.raises(NotFound, match="USER_NOT_FOUND"):
        service_team.add(boss.user_id, "personne@example.org", "SUPPORT")


def test_search_lists_each_person_once_across_both_name_orders(admin_db):
    twice = _person("Martin", "Martinez", "mm@example.org")
    by_first = _person("Marta", "Zola", "mz@example.org")
    by_last = _person("Ana", "Martel", "am@example.org")
    _person("Jules", "Verne", "jv@example.org")
    found, start = [], None
    while True:
        page, start = service_users.search("mart", start, 1)
        found += [a.user_id for a in page]
        if start is None:
            break
    assert sorted(found) == sorted([twice.user_id, by_first.user_id, by_last.user_id])
    assert [a.user_id for a in service_users.search("MM@example.org", None, 10)[0]] == [twice.user_id]
    with pytest.raises(Invalid, match="SEARCH_TOO_SHORT"):
        service_users.search("é", None, 10)


def test_unblock_forgets_attempts_from_every_source(admin_db):
    person = _person("Bloc", "Quée", "bloc@example.org")
    for source in ("1.1.1.1", "2.2.2.2"):
        for _ in range(6):
            with pytest.raises((Unauthenticated, TooManyAttempts)):  # wrong password, then blocked
                accounts_service.log_in("bloc@example.org", "mauvais", source)
    with pytest.raises(TooManyAttempts):
        accounts_service.log_in("bloc@example.org", PASSWORD, "1.1.1.1")
    service_users.unblock("op", person.user_id)
    for source in ("1.1.1.1", "2.2.2.2"):
        assert accounts_service.log_in("bloc@example.org", PASSWORD, source).user.id == person.user_id
    (entry,) = admin_db.trail.page("user", person.user_id, None, 5).entries
    assert entry.changes["failed_attempts"][0] >= 5 and entry.changes["blocked_until"][1] is None


def test_anonymise_calls_the_account_last_and_records_masked_names(admin_db, accounts_db):
    person = _person("Zoé", "Secret", "zoe.secret@example.org")
    rooms_called = service_users.anonymise("op", person.user_id)
    assert rooms_called[-1] == "accounts"
    assert accounts_db.accounts[person.user_id].email is None
    (entry,) = admin_db.trail.page("user", person.user_id, None, 5).entries
    assert entry.changes["email"] == ["z•••@example.org", None]
    assert "Secret" not in entry.changes_json()
    assert service_users.anonymise("op", person.user_id) == rooms_called  # idempotent, recorded once
    assert len(admin_db.trail.page("user", person.user_id, None, 5).entries) == 1


def test_a_login_cannot_be_removed_when_it_is_the_last(admin_db):
    person = _person("Une", "Seule", "une.seule@example.org")
    with pytest.raises(Conflict, match="LAST_LOGIN"):
        service_users.remove_login("op", person.user_id, "email")
    with pytest.raises(NotFound, match="LOGIN_NOT_FOUND"):
        service_users.remove_login("op", person.user_id, "username")


def test_a_login_typed_with_combining_accents_is_the_same_login(admin_db):
    import unicodedata

    person = _person("Bérénice", "Verrou", "bérénice@example.org")
    typed = unicodedata.normalize("NFD", "Bérénice@example.org")
    assert [a.user_id for a in service_users.search(typed, None, 5)[0]] == [person.user_id]
    assert accounts_service.log_in(typed, PASSWORD, "1.2.3.4").user.id == person.user_id
