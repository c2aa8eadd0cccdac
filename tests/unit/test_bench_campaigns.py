"""The campaign benchmark's quality part: a 30-skill profile from real tubes, the same figures from run to
run (all but the timing), and both methods settle every learner's profile within the budget."""

from bench import campaigns


def without_timing(result: dict) -> dict:
    for row in result["methods"].values():
        row.pop("ms_mean")
    return result


def test_the_profile_is_30_real_skills_capped_over_5_competences():
    twin = campaigns.release_twin(2024, 0.25)
    profile = campaigns.target_profile(twin.view)
    skills = {s.name: s for s in twin.view.skills}
    assert len(profile) == len(set(profile)) == 30
    assert {skills[name].competence for name in profile} == set(campaigns.PROFILE_COMPETENCES)
    assert max(skills[name].level for name in profile) <= campaigns.PROFILE_CAP


def test_two_runs_agree_and_both_methods_end_within_the_budget():
    config = campaigns.QualityConfig(learners=4)
    first = campaigns.quality(config)
    text = campaigns.quality_table(first)
    assert "| method, estimate | MAE@5 | MAE@10 | MAE@15 | MAE@20 | MAE end |" in text
    assert without_timing(first) == without_timing(campaigns.quality(config))
    assert set(first["methods"]) == {"smart random, validated share", "ours, validated share", "ours, expected share"}
    for row in first["methods"].values():
        assert all(0 < length < campaigns.BUDGET for length in row["length"])
        assert set(row["mae"]) == set(campaigns.CHECKPOINTS)
