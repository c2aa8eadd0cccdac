"""Campaigns, pure rules: codes, every field rule of the form, who may change, what is fixed."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from chalicelib.errors import Conflict, Forbidden, Invalid
from chalicelib.orga.campaigns import (
    CODE_PATTERN,
    CampaignFields,
    changed,
    checked,
    created,
    may_change,
    new_code,
    normalise_code,
)
from chalicelib.orga.store.campaigns import Filters
from chalicelib.orga.store.campaigns_memory import MemoryCampaigns

NOW = datetime(2026, 9, 1, tzinfo=UTC)
ASSESSMENT = CampaignFields(name="Rentrée 2026", type="ASSESSMENT", target_profile_id="tp1")


def test_codes_are_six_unambiguous_letters_then_three_digits():
    codes = {new_code() for _ in range(500)}
    assert len(codes) == 500
    assert all(CODE_PATTERN.match(c) for c in codes)
    assert not any(set(c[:6]) & set("ILO") for c in codes)
    assert normalise_code(" yqrnkk 177 ") == "YQRNKK177"


@pytest.mark.parametrize(("fields", "code"), [
    ({"name": "  "}, "CAMPAIGN_NAME_REQUIRED"),
    ({"target_profile_id": None}, "TARGET_PROFILE_REQUIRED"),
    ({"type": "PROFILES_COLLECTION"}, "TARGET_PROFILE_NOT_ALLOWED"),
    ({"type": "PROFILES_COLLECTION", "target_profile_id": None, "result_text": "Bravo"}, "RESULT_PAGE_NOT_ALLOWED"),
    ({"title": "x" * 51}, "CAMPAIGN_TITLE_TOO_LONG"),
    ({"landing_text": "x" * 5001}, "LANDING_TEXT_TOO_LONG"),
    ({"result_button_text": "Continuer"}, "RESULT_BUTTON_INCOMPLETE"),
    ({"result_button_url": "https://example.org"}, "RESULT_BUTTON_INCOMPLETE"),
    ({"result_button_text": "Suite", "result_button_url": "javascript:alert(1)"}, "INVALID_RESULT_BUTTON_URL"),
    ({"external_id_label": "ID"}, "EXTERNAL_ID_LABEL_LENGTH"),
])
def test_each_field_rule_names_its_field(fields, code):
    with pytest.raises(Invalid) as refused:
        checked(replace(ASSESSMENT, **fields))
    assert refused.value.code == code and refused.value.details


def test_fields_are_tidied():
    f = checked(replace(ASSESSMENT, title="  Bienvenue ", landing_text="", external_id_label="Matricule",
                        result_button_text="Suite", result_button_url="https://pix.example.org/suite"))
    assert (f.title, f.landing_text, f.external_id_type) == ("Bienvenue", None, "TEXT")
    assert checked(replace(ASSESSMENT, external_id_label=" ", external_id_type="EMAIL")).external_id_type is None
    assert checked(replace(ASSESSMENT, title="x" * 50)).title == "x" * 50


def test_owner_or_admin_change_and_participations_fix_what_they_fix():
    campaign = created("c1", "ABCDEF123", "o1", ASSESSMENT, "owner", NOW)
    may_change(campaign, "owner", "MEMBER")
    may_change(campaign, "someone", "ADMIN")
    with pytest.raises(Forbidden):
        may_change(campaign, "someone", "MEMBER")
    assert changed(campaign, replace(ASSESSMENT, multiple_sendings=True)).multiple_sendings
    with pytest.raises(Invalid):
        changed(campaign, replace(ASSESSMENT, type="PROFILES_COLLECTION", target_profile_id=None))
    used = replace(campaign, has_participations=True)
    with pytest.raises(Conflict) as refused:
        changed(used, replace(ASSESSMENT, multiple_sendings=True))
    assert refused.value.code == "MULTIPLE_SENDINGS_FIXED"
    with pytest.raises(Conflict):
        changed(used, replace(ASSESSMENT, target_profile_id="tp2"))
    assert changed(used, replace(ASSESSMENT, name="Rentrée")).name == "Rentrée"


def test_the_memory_store_keeps_codes_unique_filters_and_marks_participation_once():
    store = MemoryCampaigns()
    first = created("c1", "ABCDEF123", "o1", ASSESSMENT, "u1", NOW)
    assert store.create(first)
    assert not store.create(replace(first, id="c2"))  # the code is taken
    second = created("c2", "GHJKMN456", "o1", replace(ASSESSMENT, type="PROFILES_COLLECTION",
                                                      target_profile_id=None), "u2", NOW.replace(hour=1))
    assert store.create(second)
    assert [c.id for c in store.of_organization("o1", Filters(), 10, None)[0]] == ["c2", "c1"]
    assert [c.id for c in store.of_organization("o1", Filters(owner_id="u1"), 10, None)[0]] == ["c1"]
    assert [c.id for c in store.of_organization("o1", Filters(type="PROFILES_COLLECTION"), 10, None)[0]] == ["c2"]
    assert store.mark_participated("c1") and not store.mark_participated("c1")
    assert not store.save(first)  # a save that would forget the participation is refused
