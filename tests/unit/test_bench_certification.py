"""bench.certification: synthetic candidates position, take the v2 course, are scored; same seed, same table."""

from bench import certification


def test_a_small_run_is_deterministic_and_uses_the_certif_rules():
    first = certification.run(profiles=3, seed=11)
    assert certification.run(profiles=3, seed=11) == first
    assert 0 < first["eligible"] <= 3
    mean, fewest, most = first["challenges"]
    assert 3 <= fewest <= mean <= most <= 48
    for errors in first["rows"].values():
        assert 0 <= errors["MAE_lvl"] <= 8 and 0 <= errors["±1%"] <= 100
    table = certification.table(first)
    assert "| v2 certified, every eligible candidate |" in table and "adaptive, 32 challenges" in table


def test_the_synthetic_catalogue_fits_the_course():
    bank = certification.synthetic.make_bank(3)
    catalogue = certification.SyntheticCatalogue(bank.view)
    skill = bank.view.skills[0]
    assert catalogue.skills[skill.name].level == skill.level
    assert {c.id for c in catalogue.challenges_of(skill.name)} == {
        i.challenge_id for i in bank.view.items if i.skill == skill.name}
    assert catalogue.challenges_of("@nothing1") == []
