"""Signed cursors: a page's cursor leads to the next page of the same list and nothing else."""

import pytest

from chalicelib.errors import Invalid
from chalicelib.pagination import decode_cursor, encode_cursor, page_size

KEY = {"organization_id": "org-1", "sk": "LEARNER#0042"}


def test_a_cursor_round_trips_within_its_list():
    cursor = encode_cursor(KEY, scope="org-1:learners")
    assert decode_cursor(cursor, scope="org-1:learners") == KEY
    assert encode_cursor(None, scope="x") is None and decode_cursor(None, scope="x") is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c[:-2] + ("AA" if not c.endswith("AA") else "BB"),  # altered key
        lambda c: "A" + c[1:] if c[0] != "A" else "B" + c[1:],  # altered signature
        lambda c: "not-a-cursor",
        lambda c: "",
    ],
)
def test_an_altered_cursor_is_refused(tamper):
    cursor = encode_cursor(KEY, scope="org-1:learners")
    bad = tamper(cursor)
    if not bad:
        assert decode_cursor(bad, scope="org-1:learners") is None
        return
    with pytest.raises(Invalid) as error:
        decode_cursor(bad, scope="org-1:learners")
    assert error.value.code == "INVALID_CURSOR"


def test_a_cursor_of_another_list_is_refused():
    cursor = encode_cursor(KEY, scope="org-1:learners")
    with pytest.raises(Invalid):
        decode_cursor(cursor, scope="org-2:learners")


@pytest.mark.parametrize(("query", "size"), [({}, 20), ({"limit": "5"}, 5), ({"limit": "100"}, 100)])
def test_page_size(query, size):
    assert page_size(query) == size


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1.5"])
def test_page_size_out_of_bounds(limit):
    with pytest.raises(Invalid):
        page_size({"limit": limit})
