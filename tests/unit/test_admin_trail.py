"""The audit trail's rules and use cases, on the in-memory store."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.admin import api, store
from chalicelib.admin.memory import MemoryTeam, MemoryTrail
from chalicelib.admin.trail import mask, recorded_changes


@pytest.fixture
def trail_db():
    memory = MemoryTrail()
    previous = store.use(store.Stores(trail=memory, team=MemoryTeam()))
    yield memory
    store.use(previous)


def test_identity_values_are_masked_and_others_kept():
    changes = recorded_changes({
        "email": ("camille.martin@example.org", "c.martin@example.net"),
        "first_name": ("Camille", "Camilla"),
        "roles": ({"SUPPORT", "CERTIF"}, set()),
        "blocked_until": (datetime(2026, 1, 2, tzinfo=UTC), None),
    })
    assert changes["email"] == ["c•••@example.org", "c•••@example.net"]
    assert changes["first_name"] == ["C•••", "C•••"]
    assert changes["roles"] == [["CERTIF", "SUPPORT"], []]
    assert changes["blocked_until"] == ["2026-01-02T00:00:00+00:00", None]
    assert mask(None) is None


def test_a_recorded_action_shows_on_its_objects_trail_newest_first(trail_db, frozen):
    api.record_action("op-1", "identity-changed", "user", "u-1", {"last_name": ("Martin", "Martins")})
    frozen[0] += timedelta(seconds=1)
    api.record_action("op-2", "login-unblocked", "user", "u-1")
    api.record_action("op-2", "member-added", "admin-member", "u-9", {"role": (None, "SUPPORT")})
    page = api.trail("user", "u-1")
    assert [e["action"] for e in page["entries"]] == ["login-unblocked", "identity-changed"]
    assert page["entries"][1]["actor_id"] == "op-1"
    assert page["entries"][1]["changes"] == [{"field": "last_name", "before": "M•••", "after": "M•••"}]
    assert page["next_cursor"] is None
    assert [e["action"] for e in api.trail("admin-member", "u-9")["entries"]] == ["member-added"]


def test_the_trail_is_read_page_by_page(trail_db):
    for n in range(5):
        api.record_action("op", "identity-changed", "user", "u-2", {"lang": (str(n), str(n + 1))})
    first = api.trail("user", "u-2", limit=3)
    assert len(first["entries"]) == 3 and first["next_cursor"]
    second = api.trail("user", "u-2", cursor=first["next_cursor"], limit=3)
    assert len(second["entries"]) == 2 and second["next_cursor"] is None
    seen = {e["id"] for e in first["entries"]} | {e["id"] for e in second["entries"]}
    assert len(seen) == 5


def test_an_entry_is_never_replaced(trail_db):
    api.record_action("op", "identity-changed", "user", "u-3")
    entry = next(iter(trail_db.entries["user#u-3"].values()))
    with pytest.raises(ValueError):
        trail_db.append(entry)


def test_an_action_code_or_object_id_cannot_carry_free_text(trail_db):
    with pytest.raises(AssertionError):
        api.record_action("op", "Changed the name of Camille", "user", "u-1")
    with pytest.raises(AssertionError):
        api.record_action("op", "identity-changed", "user", "camille martin@example.org")
