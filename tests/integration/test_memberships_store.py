"""The memberships room's conditions on moto, under concurrency: the last admin stays even when two admins
demote each other at once; a code is spent once; the role falls back to the invitation's after the first."""

import threading

import pytest

from chalicelib import clock, web
from chalicelib.errors import Conflict
from chalicelib.memberships import scopes, service, store
from chalicelib.memberships.domain import Membership, Resource, code_hash

SCOPE = "test-scope"


@pytest.fixture
def scope(aws):
    """A scope of this test only, taken back out after it (the registry and web's resolvers are global)."""
    scopes.register(scopes.Scope(SCOPE, lambda rid: Resource("Club", archived=rid == "archived"), "Pix Test",
                                 "test/", "le club", "the club"))
    yield SCOPE
    scopes._scopes.pop(SCOPE)
    web._memberships.pop(SCOPE)


def _at_once(*calls):
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # noqa: BLE001  # the outcome is what the test compares
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_admins_demoting_each_other_at_once_leave_one_admin(scope):
    for user in ("a", "b"):
        assert store.add_member(Membership(SCOPE, "r1", user, "ADMIN", clock.now()))
    outcomes = _at_once(lambda: service.change_role(SCOPE, "r1", "a", "MEMBER"),
                        lambda: service.change_role(SCOPE, "r1", "b", "MEMBER"))
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "Membership"]
    assert store.tally(SCOPE, "r1").admins == 1
    assert sorted(m.role for m in store.all_members(SCOPE, "r1")) == ["ADMIN", "MEMBER"]


def test_a_code_is_spent_once_and_only_the_first_member_becomes_admin(scope):
    (invitation,) = service.invite(SCOPE, "r2", ["x@example.org"], "MEMBER", "op")
    code = "ABCDEFGHJK"
    assert store.resend(invitation, code_hash(code), invitation.sent_at, invitation.expires_at)
    outcomes = _at_once(lambda: service.accept(code, "u1"), lambda: service.accept(code, "u2"))
    joined = [o for o in outcomes if isinstance(o, tuple)]
    assert len(joined) == 1 and joined[0][1].role == "ADMIN"  # the first member of an empty resource
    (second,) = service.invite(SCOPE, "r2", ["y@example.org"], "MEMBER", "op")
    assert store.resend(second, code_hash("KJHGFEDCBA"), second.sent_at, second.expires_at)
    assert service.accept("kjhgfedcba", "u3")[1].role == "MEMBER"
    assert store.tally(SCOPE, "r2") == store.tally(SCOPE, "r2").__class__(members=2, admins=1)


def test_archived_resources_take_no_invitation(scope):
    with pytest.raises(Conflict) as refused:
        service.invite(SCOPE, "archived", ["x@example.org"], "MEMBER", "op")
    assert refused.value.code == "RESOURCE_ARCHIVED"


def test_the_person_hooks_export_and_end_a_persons_memberships(scope):
    from chalicelib.memberships import api

    for resource in ("r3", "r4"):
        api.add_member(SCOPE, resource, "someone", "ADMIN")
    api.add_member(SCOPE, "r3", "other", "ADMIN")
    exported = api.personal_data("someone")["memberships"]
    assert sorted((m["resource_id"], m["name"], m["role"]) for m in exported) == [("r3", "Club", "ADMIN"),
                                                                                  ("r4", "Club", "ADMIN")]
    api.anonymise("someone")
    api.anonymise("someone")  # idempotent
    assert api.personal_data("someone") == {"memberships": []}
    assert api.roles(SCOPE, "someone", "r4") == frozenset()  # even a last admin's membership ends
    assert store.tally(SCOPE, "r3").admins == 1 and store.tally(SCOPE, "r4").members == 0
