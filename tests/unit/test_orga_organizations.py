"""Organisations, pure rules: the UAI of a school, the fields that hold together, the in-memory store."""

from datetime import UTC, datetime

import pytest

from chalicelib.errors import Invalid
from chalicelib.orga.organizations import Organization, checked, search_key, uai_is_valid
from chalicelib.orga.store.organizations_memory import MemoryOrganizations

NOW = datetime(2026, 9, 1, tzinfo=UTC)


def org(**fields):
    base = {"id": "o1", "name": "Lycée Henri-IV", "type": "SCO", "external_id": "0750654D", "province_code": "75",
            "manages_students": True, "email": None, "tags": (), "archived_at": None, "created_at": NOW}
    return Organization(**{**base, **fields})


def test_a_uai_has_its_shape_and_its_check_letter():
    assert uai_is_valid("0750654D")
    assert not uai_is_valid("0750654E")  # wrong check letter
    assert not uai_is_valid("750654D")
    assert not uai_is_valid("0750654d")


@pytest.mark.parametrize(("fields", "code"), [
    ({"external_id": None}, "INVALID_UAI"),
    ({"external_id": "0750654E"}, "INVALID_UAI"),
    ({"name": "   "}, "ORGANIZATION_NAME_REQUIRED"),
    ({"type": "PRO", "external_id": None}, "PRO_CANNOT_MANAGE_STUDENTS"),
    ({"province_code": "7"}, "INVALID_PROVINCE_CODE"),
    ({"tags": tuple(f"T{i}" for i in range(11))}, "TOO_MANY_TAGS"),
])
def test_fields_that_do_not_hold_together_are_refused(fields, code):
    with pytest.raises(Invalid) as refused:
        checked(org(**fields))
    assert refused.value.code == code


def test_fields_are_tidied():
    tidy = checked(org(name="  Lycée   Henri-IV ", external_id=" 0750654d ", province_code="2a",
                       email=" Contact@Lycee.FR ", tags=("lycée", "LYCÉE", " ")))
    assert (tidy.name, tidy.external_id, tidy.province_code) == ("Lycée Henri-IV", "0750654D", "2A")
    assert tidy.email == "contact@lycee.fr" and tidy.tags == ("LYCÉE",)
    assert checked(org(type="PRO", external_id=None, manages_students=False)).external_id is None


def test_the_memory_store_searches_by_the_start_of_a_name_a_page_at_a_time():
    store = MemoryOrganizations()
    for i, name in enumerate(["École Jaurès", "Ecole Ferry", "Entreprise Durand", "Collège Curie"]):
        store.create(org(id=f"o{i}", name=name))
    assert search_key("  École   Jaurès") == "ecole jaures"
    page, last = store.search("eco", 1, None)
    assert [o.name for o in page] == ["Ecole Ferry"] and last is not None
    page, last = store.search("eco", 1, last)
    assert [o.name for o in page] == ["École Jaurès"] and last is None
    assert [o.id for o in store.by_external_id("0750654d")] == ["o0", "o1", "o2", "o3"]
