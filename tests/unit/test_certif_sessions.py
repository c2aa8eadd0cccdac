"""Certif use cases on the in-memory store: centres, sessions, candidates, the import of a file."""

from __future__ import annotations

import io
from datetime import date, time, timedelta

import openpyxl
import pytest
from argon2 import PasswordHasher

from chalicelib.admin import api as admin_api
from chalicelib.admin import store as admin_store
from chalicelib.admin.memory import MemoryTrail
from chalicelib.certif import (
    candidate_file,
    candidates,
    codes,
    members,
    service_candidates,
    service_centres,
    service_sessions,
    sessions,
    store,
)
from chalicelib.certif.candidates import Input
from chalicelib.certif.store.memory import MemoryCertifStore
from chalicelib.errors import Conflict, Invalid, NotFound


@pytest.fixture
def certif(monkeypatch, frozen):
    monkeypatch.setattr(sessions, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    invited: list[tuple[str, str]] = []
    memberships: dict[str, list[tuple[str, str]]] = {}
    monkeypatch.setattr(members, "invite_admin",
                        lambda centre_id, email, by, lang="fr": invited.append((centre_id, email)))
    monkeypatch.setattr(members, "centres_of", lambda user_id: memberships.get(user_id, []))
    memory = MemoryCertifStore()
    previous = store.use(memory)
    trail = MemoryTrail()
    previous_admin = admin_store.use(admin_store.Stores(trail=trail))
    yield {"store": memory, "invited": invited, "memberships": memberships, "now": frozen, "trail": trail}
    store.use(previous)
    admin_store.use(previous_admin)


def _details(on: date, at: time = time(9, 0)) -> sessions.Details:
    return sessions.details("Lycée Jean Moulin, 1 rue de la Paix, Lyon", "Salle 12", on, at, "Mme Durand")


def _pupil(last: str = "Martin", first: str = "Camille", **more) -> Input:
    fields = {"sex": "F", "birth_date": date(2009, 5, 17), "birth_insee_code": "69123", **more}
    return Input(last_name=last, first_name=first, **fields)


def _centre(kind: str = "SCO", **more):
    return service_centres.create("Lycée Jean Moulin", kind, "operator-1", **more)


# --- centres


def test_an_operator_creates_a_centre_and_invites_its_first_admin(certif):
    created = _centre(external_id="UAI0690001A", admin_email="chef@example.org")
    assert created.type == "SCO" and created.room_capacity == 20 and not created.archived
    assert certif["invited"] == [(created.id, "chef@example.org")]
    assert service_centres.centre(created.id) == created
    service_centres.edit(created.id, "operator-2", room_capacity=30)
    entries = admin_api.trail("centre", created.id)["entries"]
    assert sorted((e["action"], e["actor_id"]) for e in entries) == [
        ("centre-admin-invited", "operator-1"), ("centre-created", "operator-1"), ("centre-edited", "operator-2")]
    edited = next(e for e in entries if e["action"] == "centre-edited")
    assert edited["changes"] == [{"field": "room_capacity", "before": 20, "after": 30}]


def test_a_centre_type_is_sco_sup_or_pro(certif):
    with pytest.raises(Invalid) as refused:
        service_centres.create("Centre", "XYZ", "operator-1")
    assert refused.value.code == "CENTRE_TYPE_INVALID"


def test_an_archived_centre_is_read_only_and_archiving_twice_keeps_the_first_date(certif):
    created = _centre()
    archived = service_centres.archive(created.id, "operator-1")
    certif["now"][0] += timedelta(days=1)
    assert service_centres.archive(created.id, "operator-1").archived_at == archived.archived_at
    with pytest.raises(Conflict) as refused:
        service_centres.edit(created.id, "operator-1", name="Autre")
    assert refused.value.code == "CENTRE_ARCHIVED"
    with pytest.raises(Conflict):
        service_sessions.create(created.id, _details(certif["now"][0].date()))


def test_centres_are_listed_by_name_in_pages_and_found_by_the_start_of_a_name_or_their_id(certif):
    for name in ("Université de Lyon", "Lycée Émile Zola", "Lycée Ampère", "CFA du Rhône"):
        service_centres.create(name, "SUP", "operator-1")
    first, cursor = service_centres.page("", None, 2)
    second, end = service_centres.page("", cursor, 2)
    assert [c.name for c in first + second] == ["CFA du Rhône", "Lycée Ampère", "Lycée Émile Zola",
                                                "Université de Lyon"]
    assert end is None
    found, _ = service_centres.page("lycee e", None, 10)
    assert [c.name for c in found] == ["Lycée Émile Zola"]
    assert service_centres.page(found[0].id, None, 10)[0] == found


def test_a_member_sees_their_open_centres(certif):
    mine, theirs, archived = _centre(), service_centres.create("Autre", "PRO", "op"), _centre()
    service_centres.archive(archived.id, "operator-1")
    certif["memberships"]["u1"] = [(mine.id, "ADMIN"), (archived.id, "MEMBER")]
    assert [(m.centre.id, m.role) for m in service_centres.mine("u1")] == [(mine.id, "ADMIN")]
    assert theirs.id not in {m.centre.id for m in service_centres.mine("u1")}


# --- sessions


def test_a_session_gets_a_number_an_access_code_and_a_password_shown_once_and_kept_hashed(certif):
    centre = _centre()
    created = service_sessions.create(centre.id, _details(certif["now"][0].date()))
    session = created.session
    assert sessions.is_session_id(session.id)
    assert codes.normalise_access_code(session.access_code) == session.access_code
    assert created.invigilator_password not in session.password_hash
    assert sessions.password_matches(session.password_hash, created.invigilator_password.lower().replace("-", " "))
    assert not sessions.password_matches(session.password_hash, codes.new_invigilator_password())
    assert session.status == sessions.CREATED


def test_a_new_invigilator_password_replaces_the_old_one(certif):
    centre = _centre()
    created = service_sessions.create(centre.id, _details(certif["now"][0].date()))
    renewed = service_sessions.renew_password(centre.id, created.session.id)
    stored = service_sessions.session_of(centre.id, created.session.id)
    assert sessions.password_matches(stored.password_hash, renewed.invigilator_password)
    assert not sessions.password_matches(stored.password_hash, created.invigilator_password)


def test_an_access_code_in_use_by_an_open_session_is_drawn_again(certif, monkeypatch):
    centre = _centre()
    drawn = iter(["BCDF23", "BCDF23", "BCDF24"])
    monkeypatch.setattr(codes, "new_access_code", lambda: next(drawn))
    first = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    second = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    assert (first.access_code, second.access_code) == ("BCDF23", "BCDF24")


def test_sessions_of_another_centre_are_not_found(certif):
    mine, other = _centre(), _centre()
    session = service_sessions.create(other.id, _details(certif["now"][0].date())).session
    for attempt in (lambda: service_sessions.session_of(mine.id, session.id),
                    lambda: service_sessions.edit(mine.id, session.id, _details(certif["now"][0].date())),
                    lambda: service_sessions.delete(mine.id, session.id),
                    lambda: service_candidates.enrol(mine.id, session.id, _pupil())):
        with pytest.raises(NotFound):
            attempt()


def test_the_centre_lists_upcoming_to_finalise_and_finalised_sessions(certif):
    centre = _centre()
    today = sessions.french_day(certif["now"][0])
    past = service_sessions.create(centre.id, _details(today - timedelta(days=3))).session
    later = service_sessions.create(centre.id, _details(today + timedelta(days=7))).session
    now = service_sessions.create(centre.id, _details(today, time(8, 0))).session
    closed = service_sessions.create(centre.id, _details(today - timedelta(days=10))).session
    certif["store"].save_session(sessions.replace(closed, finalised_at=certif["now"][0]))
    upcoming, cursor = service_sessions.page(centre.id, sessions.UPCOMING, None, 1)
    rest, end = service_sessions.page(centre.id, sessions.UPCOMING, cursor, 1)
    assert [s.id for s in upcoming + rest] == [now.id, later.id] and end is None
    assert [s.id for s in service_sessions.page(centre.id, sessions.TO_FINALISE, None, 10)[0]] == [past.id]
    assert [s.id for s in service_sessions.page(centre.id, sessions.CLOSED, None, 10)[0]] == [closed.id]
    with pytest.raises(Invalid):
        service_sessions.page(centre.id, "everything", None, 10)


def test_a_session_is_edited_until_finalised_and_deleted_until_a_candidate_starts(certif):
    centre = _centre()
    today = certif["now"][0].date()
    session = service_sessions.create(centre.id, _details(today)).session
    edited = service_sessions.edit(centre.id, session.id, _details(today, time(14, 30)))
    assert edited.details.time == time(14, 30)
    certif["store"].mark_started(session.id, certif["now"][0])
    with pytest.raises(Conflict) as refused:
        service_sessions.delete(centre.id, session.id)
    assert refused.value.code == "SESSION_STARTED"
    other = service_sessions.create(centre.id, _details(today)).session
    service_sessions.delete(centre.id, other.id)
    with pytest.raises(NotFound):
        service_sessions.session_of(centre.id, other.id)
    # its access code is free again
    assert other.access_code not in certif["store"]._codes


def test_a_session_s_details_are_checked(certif):
    with pytest.raises(Invalid) as refused:
        sessions.details(" ", "Salle", date(2026, 1, 1), time(9), "Mme X")
    assert refused.value.code == "SESSION_ADDRESS_INVALID"
    with pytest.raises(Invalid):
        sessions.details("Site", "Salle", date(1999, 1, 1), time(9), "Mme X")


# --- candidates


def test_a_candidate_is_enrolled_with_every_field_and_twice_is_refused(certif):
    centre = _centre("PRO")
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    enrolled = service_candidates.enrol(centre.id, session.id, _pupil(
        email="camille@example.org", result_recipient_email="rh@example.org", external_id="E-12",
        extra_time_percentage=30, billing_mode="PREPAID", prepayment_code="PP-1"))
    assert (enrolled.extra_time_percentage, enrolled.billing_mode, enrolled.birthplace.insee_code) == (30, "PREPAID",
                                                                                                        "69123")
    with pytest.raises(Invalid) as refused:
        service_candidates.enrol(centre.id, session.id, _pupil(last="MARTIN", first="camille", billing_mode="FREE"))
    assert refused.value.code == "CANDIDATE_ALREADY_ENROLLED"
    assert service_sessions.session_of(centre.id, session.id).candidate_count == 1


@pytest.mark.parametrize(("change", "code"), [
    ({"birth_insee_code": "", "birth_postal_code": "69001"}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_insee_code": "69123", "birth_postal_code": "69001", "birth_city": "Lyon"}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_insee_code": "", "birth_postal_code": "69001", "birth_city": "Marseille"}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_insee_code": "99999"}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_country": "99134", "birth_insee_code": "", "birth_city": ""}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_country": "99134", "birth_insee_code": "", "birth_postal_code": "28001", "birth_city": "Madrid"},
     "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_country": "Atlantide"}, "CANDIDATE_BIRTHPLACE_INVALID"),
    ({"birth_date": date(1899, 12, 31)}, "CANDIDATE_BIRTH_DATE_INVALID"),
    ({"sex": "X"}, "CANDIDATE_SEX_INVALID"),
    ({"email": "pas-une-adresse"}, "CANDIDATE_EMAIL_INVALID"),
    ({"extra_time_percentage": 150}, "CANDIDATE_EXTRA_TIME_INVALID"),
    ({"billing_mode": "FREE"}, "CANDIDATE_BILLING_NOT_APPLICABLE"),
])
def test_bad_candidate_fields_are_refused_by_name(certif, change, code):
    with pytest.raises(Invalid) as refused:
        candidates.enrol("c1", "12345678", _pupil(**change), certif["now"][0], billed=False)
    assert refused.value.code == code


def test_born_in_france_the_official_city_name_is_stored(certif):
    made = candidates.enrol("c1", "12345678", _pupil(birth_insee_code="", birth_postal_code="42000",
                                                     birth_city="st etienne"), certif["now"][0], billed=False)
    assert (made.birthplace.city, made.birthplace.insee_code) == ("Saint-Étienne", "42218")
    by_code = candidates.enrol("c2", "12345678", _pupil(), certif["now"][0], billed=False)
    assert by_code.birthplace.city == "Lyon"


def test_born_abroad_a_city_and_no_postal_code(certif):
    made = candidates.enrol("c1", "12345678", _pupil(birth_country="99134", birth_insee_code="", birth_city="Madrid"),
                            certif["now"][0], billed=False)
    place = made.birthplace
    assert (place.country_code, place.city, place.postal_code) == ("99134", "Madrid", None)


def test_a_billed_centre_needs_a_billing_mode_and_a_prepaid_one_a_code(certif):
    with pytest.raises(Invalid) as refused:
        candidates.enrol("c1", "12345678", _pupil(), certif["now"][0], billed=True)
    assert refused.value.code == "CANDIDATE_BILLING_MODE_INVALID"
    with pytest.raises(Invalid) as refused:
        candidates.enrol("c1", "12345678", _pupil(billing_mode="PREPAID"), certif["now"][0], billed=True)
    assert refused.value.code == "CANDIDATE_PREPAYMENT_CODE_REQUIRED"


def test_at_most_twenty_candidates_unless_the_centre_raises_it(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    for n in range(20):
        service_candidates.enrol(centre.id, session.id, _pupil(last=f"Élève{n}"))
    with pytest.raises(Invalid) as refused:
        service_candidates.enrol(centre.id, session.id, _pupil(last="Vingt-et-unième"))
    assert refused.value.code == "SESSION_FULL"
    service_centres.edit(centre.id, "operator-1", room_capacity=24)
    service_candidates.enrol(centre.id, session.id, _pupil(last="Vingt-et-unième"))
    assert len(service_candidates.list_of(centre.id, session.id)) == 21


def test_no_enrolment_once_a_candidate_started_or_the_session_is_finalised(certif):
    centre = _centre()
    started = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    certif["store"].mark_started(started.id, certif["now"][0])
    finalised = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    certif["store"].save_session(sessions.replace(finalised, finalised_at=certif["now"][0]))
    for session, code in ((started, "SESSION_STARTED"), (finalised, "SESSION_FINALISED")):
        with pytest.raises(Conflict) as refused:
            service_candidates.enrol(centre.id, session.id, _pupil())
        assert refused.value.code == code
        lines = candidate_file.template_csv(False) + b"Martin;Camille;;;17/05/2009;;;69123;;;;F\r\n"
        with pytest.raises(Conflict):
            service_candidates.import_file(centre.id, session.id, lines)


def test_a_candidate_enrolled_meanwhile_makes_a_stale_enrolment_fail(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    service_candidates.enrol(centre.id, session.id, _pupil())
    candidate = candidates.enrol("late", session.id, _pupil(last="Autre"), certif["now"][0], billed=False)
    from chalicelib.certif.ports import Stale

    with pytest.raises(Stale):
        certif["store"].add_candidate(session, candidate)  # `session` was read before the first enrolment


def test_a_candidate_is_removed(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    enrolled = service_candidates.enrol(centre.id, session.id, _pupil())
    service_candidates.remove(centre.id, session.id, enrolled.id)
    assert service_candidates.list_of(centre.id, session.id) == []
    with pytest.raises(NotFound):
        service_candidates.remove(centre.id, session.id, enrolled.id)


# --- import


CSV_OK = (
    "* Nom de naissance;* Prénom;Identifiant local;Temps majoré ?;* Date de naissance (jj/mm/aaaa);"
    "Nom de la commune;Code postal;Code Insee;Pays;E-mail de convocation;E-mail du destinataire des résultats;"
    "* Sexe (M ou F)\r\n"
    "Martin;Camille;E1;30;17/05/2009;;;69123;99100;camille@example.org;;F\r\n"
    "Dupont;Léo;E2;;02/01/2009;Lyon;69001;;FRANCE;;;M\r\n"
    ";;;;;;;;;;;\r\n"
    "García;Inès;E3;;03/03/2009;Madrid;;;99134;;;F\r\n"
)


def test_a_csv_as_excel_writes_it_replaces_the_list(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    service_candidates.enrol(centre.id, session.id, _pupil(last="Ancien"))
    imported, errors = service_candidates.import_file(centre.id, session.id, CSV_OK.encode("cp1252"))
    assert (imported, errors) == (3, [])
    listed = service_candidates.list_of(centre.id, session.id)
    assert sorted(c.last_name for c in listed) == ["Dupont", "García", "Martin"]
    assert {c.last_name: c.extra_time_percentage for c in listed}["Martin"] == 30
    assert service_sessions.session_of(centre.id, session.id).candidate_count == 3


def test_any_wrong_line_imports_nothing_and_every_error_names_its_line(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    bad = CSV_OK + ("Sans;Date;;;31/02/2009;;;69123;;;;F\r\nMartin;Camille;;;17/05/2009;;;69123;;;;F\r\n"
                    "X;Y;;;01/01/2009;;;;;;;Z\r\n")
    imported, errors = service_candidates.import_file(centre.id, session.id, ("\ufeff" + bad).encode("utf-8"))
    assert imported == 0
    assert [(e.line, e.code) for e in errors] == [
        (6, "IMPORT_LINE_INVALID"), (7, "CANDIDATE_ALREADY_ENROLLED"), (8, "CANDIDATE_SEX_INVALID")]
    assert errors[0].message == "Ligne 6 : la date de naissance n'existe pas."
    assert errors[2].message.startswith("Ligne 8 : le sexe est M ou F")
    assert service_candidates.list_of(centre.id, session.id) == []


def test_an_xlsx_is_read_with_its_dates_numbers_and_title_lines(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Liste des candidats — session"])
    sheet.append([])
    sheet.append([header for _, header, _, billing in candidate_file.COLUMNS if not billing])
    sheet.append(["Martin", "Camille", "E1", 0.3, date(2009, 5, 17), None, None, 1053, 99100, None, None, "F"])
    sheet.append(["Dupont", "Léo", None, None, "02/01/2009", "Lyon", 69001, None, None, None, None, "M"])
    raw = io.BytesIO()
    book.save(raw)
    imported, errors = service_candidates.import_file(centre.id, session.id, raw.getvalue())
    assert (imported, errors) == (2, [])
    martin = next(c for c in service_candidates.list_of(centre.id, session.id) if c.last_name == "Martin")
    assert (martin.extra_time_percentage, martin.birthplace.insee_code, martin.birth_date) == (30, "01053",
                                                                                               date(2009, 5, 17))


def test_a_file_too_long_for_the_room_or_unreadable_or_headless_is_refused(certif):
    centre = _centre()
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    many = candidate_file.template_csv(False).decode("utf-8") + "".join(
        f"Nom{n};Prénom;;;17/05/2009;;;69123;;;;F\r\n" for n in range(21))
    assert [e.code for e in service_candidates.import_file(centre.id, session.id, many.encode())[1]] == ["SESSION_FULL"]
    assert [e.code for e in service_candidates.import_file(centre.id, session.id, b"PK\x03\x04broken")[1]] == [
        "IMPORT_FILE_UNREADABLE"]
    assert [e.code for e in service_candidates.import_file(centre.id, session.id, b"a;b;c\r\n1;2;3\r\n")[1]] == [
        "IMPORT_HEADER_MISSING"]


def test_a_billed_centre_s_file_needs_the_billing_columns(certif):
    centre = _centre("SUP")
    session = service_sessions.create(centre.id, _details(certif["now"][0].date())).session
    errors = service_candidates.import_file(centre.id, session.id, CSV_OK.encode())[1]
    assert [(e.line, e.code) for e in errors] == [(1, "IMPORT_COLUMNS_MISSING")]
    line = "Martin;Camille;;;17/05/2009;;;69123;;;;F;Prépayée;PP-9\r\n"
    with_billing = candidate_file.template_csv(True) + line.encode()
    assert service_candidates.import_file(centre.id, session.id, with_billing) == (1, [])


def test_the_downloadable_templates_are_the_reader_s_columns():
    from pathlib import Path

    assets = Path(__file__).resolve().parents[2] / "static_site" / "assets" / "certif"
    assert (assets / "modele-import-candidats.csv").read_bytes() == candidate_file.template_csv(False)
    assert (assets / "modele-import-candidats-facturation.csv").read_bytes() == candidate_file.template_csv(True)
