"""A SCO centre picks its candidates from its school's list (in-memory store, a twin of the school's list)."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from argon2 import PasswordHasher

from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.certif import (
    members,
    pupils,
    service_candidates,
    service_centres,
    service_pupils,
    service_sessions,
    sessions,
    store,
)
from chalicelib.certif.candidates import Input
from chalicelib.certif.pupils import Pupil
from chalicelib.certif.store.memory import MemoryCertifStore
from chalicelib.errors import Conflict, Invalid, NotFound

UAI = "0690001A"


class SchoolLists:
    """The schools' lists: one school, its pupils by id."""

    def __init__(self) -> None:
        self.schools = {UAI: "org-1"}
        self.pupils: dict[str, Pupil] = {}
        self.pages: list[tuple[str, str, int, str | None]] = []

    def school_with_uai(self, uai: str) -> str | None:
        return self.schools.get(uai)

    def divisions(self, organization_id: str) -> list[str]:
        return sorted({p.division for p in self.pupils.values() if p.division})

    def page(self, organization_id: str, division: str, limit: int,
             cursor: str | None) -> tuple[list[Pupil], str | None]:
        self.pages.append((organization_id, division, limit, cursor))
        of_class = [p for p in self.pupils.values() if p.division == division]
        start = int(cursor or 0)
        return of_class[start:start + limit], (str(start + limit) if start + limit < len(of_class) else None)

    def by_id(self, organization_id: str, learner_ids: list[str]) -> list[Pupil]:
        return [self.pupils[i] for i in learner_ids if i in self.pupils]


def _pupil(n: int, division: str = "3A", **more) -> Pupil:
    fields = {"sex": "F" if n % 2 else "M", "birth_country_code": "99100", "birth_city_code": "69123",
              "birth_city": None, "division": division, **more}
    return Pupil(f"l{n}", f"Prénom{n}", f"Nom{n}", date(2011, 1, 1) + timedelta(days=n), **fields)


@pytest.fixture
def school(monkeypatch, frozen):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(members, "invite_admin", lambda *a, **k: None)
    previous = store.use(MemoryCertifStore())
    previous_admin = admin_store.use(admin_store.Stores(trail=MemoryTrail()))
    lists = SchoolLists()
    previous_source = service_pupils.use(lists)
    for n in range(1, 31):
        lists.pupils[f"l{n}"] = _pupil(n, "3A" if n <= 25 else "3B")
    centre = service_centres.create("Collège Jean Moulin", "SCO", "operator-1", external_id=UAI)
    details = sessions.details("Collège Jean Moulin, Lyon", "Salle 4", frozen[0].date() + timedelta(days=3),
                               time(9, 0), "Mme Durand")
    session = service_sessions.create(centre.id, details).session
    yield {"lists": lists, "centre": centre, "session": session}
    service_pupils.use(previous_source)
    store.use(previous)
    admin_store.use(previous_admin)


def test_a_sco_centre_sees_its_schools_classes_and_a_class_page_by_page(school):
    centre, session = school["centre"], school["session"]
    assert service_pupils.divisions(centre.id) == ["3A", "3B"]
    first, cursor = service_pupils.pupil_page(centre.id, session.id, "3A", limit=20)
    assert len(first) == 20 and cursor is not None and not any(row.enrolled for row in first)
    rest, end = service_pupils.pupil_page(centre.id, session.id, "3A", limit=20, cursor=cursor)
    assert [row.pupil.learner_id for row in rest] == [f"l{n}" for n in range(21, 26)] and end is None


def test_picked_pupils_are_enrolled_with_the_lists_data_and_marked_enrolled(school):
    centre, session = school["centre"], school["session"]
    enrolled = service_pupils.enrol(centre.id, session.id, ["l1", "l2", "l1"])
    assert [(c.last_name, c.division, c.pupil_id) for c in enrolled] == [("Nom1", "3A", "l1"), ("Nom2", "3A", "l2")]
    assert enrolled[0].birthplace.insee_code == "69123" and enrolled[0].birthplace.city  # the official name
    assert len(service_candidates.list_of(centre.id, session.id)) == 2
    assert store.current().session(session.id).candidate_count == 2
    page, _ = service_pupils.pupil_page(centre.id, session.id, "3A", limit=5)
    assert [row.enrolled for row in page] == [True, True, False, False, False]


def test_a_pupil_is_enrolled_once_whether_picked_or_typed(school):
    centre, session = school["centre"], school["session"]
    service_pupils.enrol(centre.id, session.id, ["l1"])
    with pytest.raises(Invalid) as twice:
        service_pupils.enrol(centre.id, session.id, ["l3", "l1"])
    assert twice.value.code == "CANDIDATE_ALREADY_ENROLLED" and twice.value.meta["learner_id"] == "l1"
    assert len(service_candidates.list_of(centre.id, session.id)) == 1  # all or none: l3 was not enrolled
    typed = school["lists"].pupils["l4"]
    service_candidates.enrol(centre.id, session.id, Input(
        last_name=typed.last_name.upper(), first_name=typed.first_name, sex="M", birth_date=typed.birth_date,
        birth_insee_code="69123"))
    page, _ = service_pupils.pupil_page(centre.id, session.id, "3A", limit=4)
    assert page[3].enrolled
    with pytest.raises(Invalid) as again:
        service_pupils.enrol(centre.id, session.id, ["l4"])
    assert again.value.code == "CANDIDATE_ALREADY_ENROLLED"


def test_a_room_holds_its_capacity_of_picked_pupils(school):
    centre, session = school["centre"], school["session"]
    service_pupils.enrol(centre.id, session.id, [f"l{n}" for n in range(1, 19)])
    with pytest.raises(Invalid) as full:
        service_pupils.enrol(centre.id, session.id, ["l19", "l20", "l21"])
    assert full.value.code == "SESSION_FULL"
    assert len(service_pupils.enrol(centre.id, session.id, ["l19", "l20"])) == 2


def test_a_pupil_without_a_known_birthplace_or_sex_is_refused_by_name(school):
    centre, session = school["centre"], school["session"]
    school["lists"].pupils["l5"] = _pupil(5, birth_city_code="00000")
    school["lists"].pupils["l6"] = _pupil(6, sex=None)
    for learner_id, code in (("l5", "CANDIDATE_BIRTHPLACE_INVALID"), ("l6", "CANDIDATE_SEX_INVALID")):
        with pytest.raises(Invalid) as refused:
            service_pupils.enrol(centre.id, session.id, [learner_id])
        assert refused.value.code == code and "Nom" in refused.value.message
    assert service_candidates.list_of(centre.id, session.id) == []


def test_a_pupil_born_abroad_keeps_the_city_the_list_gives(school):
    centre, session = school["centre"], school["session"]
    school["lists"].pupils["l7"] = _pupil(7, birth_country_code="99351", birth_city_code=None, birth_city="Tunis")
    (candidate,) = service_pupils.enrol(centre.id, session.id, ["l7"])
    assert (candidate.birthplace.country_code, candidate.birthplace.city) == ("99351", "Tunis")


def test_a_pupil_gone_from_the_list_is_not_enrolled(school):
    with pytest.raises(NotFound) as gone:
        service_pupils.enrol(school["centre"].id, school["session"].id, ["l1", "nobody"])
    assert gone.value.code == "PUPIL_NOT_FOUND" and gone.value.meta["learner_ids"] == ["nobody"]


def test_only_a_sco_centre_linked_to_a_school_picks_pupils(school):
    sup = service_centres.create("IUT", "SUP", "operator-1", external_id=UAI)
    unlinked = service_centres.create("Collège sans liste", "SCO", "operator-1", external_id="0750654D")
    no_uai = service_centres.create("Collège sans UAI", "SCO", "operator-1")
    for centre in (sup, unlinked, no_uai):
        with pytest.raises(NotFound) as refused:
            service_pupils.divisions(centre.id)
        assert refused.value.code == "CENTRE_PUPIL_LIST_NOT_FOUND"


def test_picking_needs_a_class_a_selection_and_an_open_session(school):
    centre, session = school["centre"], school["session"]
    with pytest.raises(Invalid) as no_class:
        service_pupils.pupil_page(centre.id, session.id, " ", limit=20)
    assert no_class.value.code == "PUPILS_DIVISION_REQUIRED"
    for picked in ([], [f"x{n}" for n in range(pupils.MAX_PICKED + 1)]):
        with pytest.raises(Invalid) as bad:
            service_pupils.enrol(centre.id, session.id, picked)
        assert bad.value.code == "PUPILS_SELECTION_INVALID"
    store.current().mark_started(session.id, school["session"].created_at)
    with pytest.raises(Conflict) as started:
        service_pupils.enrol(centre.id, session.id, ["l1"])
    assert started.value.code.startswith("SESSION_")
