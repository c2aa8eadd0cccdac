"""What the Orga room's api gives a SCO certification centre: the school with its UAI, its classes, a class's
active pupils page by page, pupils by id (in-memory twins of the organisations and learner lists)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from chalicelib.orga import api
from chalicelib.orga.imports.learner import ImportedLearner
from chalicelib.orga.learners import Learner, ListHead
from chalicelib.orga.organizations import Organization
from chalicelib.orga.store import learners as learner_store
from chalicelib.orga.store import organizations as organization_store
from chalicelib.orga.store.learners_memory import MemoryLearners
from chalicelib.orga.store.organizations_memory import MemoryOrganizations

NOW = datetime(2026, 9, 10, tzinfo=UTC)


def _school(organization_id: str, uai: str, *, kind: str = "SCO", manages: bool = True,
            archived: bool = False) -> Organization:
    return Organization(organization_id, f"École {organization_id}", kind, uai, None, manages, None, (),
                        NOW if archived else None, NOW)  # type: ignore[arg-type]


@pytest.fixture
def lists():
    previous = (organization_store.use(MemoryOrganizations()), learner_store.use(MemoryLearners()))
    yield organization_store.current(), learner_store.current()
    organization_store.use(previous[0])
    learner_store.use(previous[1])


def _list(db, organization_id: str, pupils: list[tuple[str, str | None, bool, str]]) -> None:
    learners = [Learner(f"l{n}", f"INE:{n}", ImportedLearner(
        line=n, first_name=f"Prénom{n}", last_name=name, birth_date=date(2011, 1, n), sex="M",
        birth_country_code=country, birth_city_code="69123" if country == "100" else None,
        birth_city=None if country == "100" else "Tunis", division=division), active=active)
        for n, (name, division, active, country) in enumerate(pupils, start=1)]
    db.write(organization_id, "g1", learners)
    assert db.commit(organization_id, None, ListHead("g1", "siecle", NOW, len(learners), len(learners)))


def test_the_school_is_the_one_sco_organisation_managing_its_pupils_with_that_uai(lists):
    organizations, _ = lists
    organizations.create(_school("o1", "0690001B"))
    organizations.create(_school("o2", "0750654D", manages=False))
    organizations.create(_school("o3", "0130001X", archived=True))
    assert api.school_with_uai(" 0690001b ").id == "o1"
    assert api.school_with_uai("0750654D") is None and api.school_with_uai("0130001X") is None
    organizations.create(_school("o4", "0690001B"))  # a duplicate UAI: no link until support fixes it
    assert api.school_with_uai("0690001B") is None


def test_classes_pages_and_ids_give_active_pupils_of_the_current_list(lists):
    _, learners = lists
    _list(learners, "o1", [("Alpha", "3A", True, "100"), ("Bravo", "3A", True, "351"), ("Charlie", "3B", True, "100"),
                           ("Delta", "3A", False, "100"), ("Echo", "3C", False, "100"), ("Foxtrot", None, True, "100")])
    assert api.pupil_divisions("o1") == ["3A", "3B"] and api.pupil_divisions("nobody") == []
    first, cursor = api.pupils_of_division("o1", "3A", limit=1)
    rest, end = api.pupils_of_division("o1", "3A", limit=5, cursor=cursor)
    assert [p.last_name for p in first + rest] == ["Alpha", "Bravo"] and end is None
    alpha, bravo = first[0], rest[0]
    assert (alpha.birth_country_code, alpha.birth_city_code) == ("99100", "69123")  # SIECLE's 100 is INSEE's 99100
    assert (bravo.birth_country_code, bravo.birth_city) == ("99351", "Tunis")
    assert [p.learner_id for p in api.pupils_by_id("o1", ["l2", "l4", "l2", "nobody"])] == ["l2"]
