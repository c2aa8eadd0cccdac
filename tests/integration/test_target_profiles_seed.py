"""The demo target profiles: valid against the release, each with stages and a badge, written once."""

from chalicelib.accounts import service as accounts
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.content.api import get_release
from chalicelib.orga.store.target_profiles import get_store
from local.seed_target_profiles import BENCH_PROFILE, seed_target_profiles


def test_the_demo_profiles_are_seeded_once_with_stages_and_badges(aws):
    operator = accounts.sign_up(SignUpRequest(first_name="Inès", last_name="Lefèvre", email="ops@example.org",
                                              password="Demo2026!-long-enough", cgu_accepted=True),
                                roles={"METIER"})
    made = seed_target_profiles(operator.user_id)
    assert len(made) == 6
    assert seed_target_profiles(operator.user_id) == made  # idempotent
    release = get_release()
    for profile_id, name in made:
        profile = get_store().get(profile_id)
        assert profile is not None and profile.version == 4  # created, stages, badges, made public
        assert profile.name == name and profile.public and profile.stages[0].threshold == 0
        assert profile.badges and all(b.criteria for b in profile.badges)
    bases = get_store().get("tp-culture-numerique-bases")
    assert len(bases.competences(release)) == 16
    assert max(t.level for t in bases.tubes) == 2
    assert len(get_store().get(BENCH_PROFILE).skill_names(release)) == 30
    assert get_store().get("tp-entree-lycee").stage_kind == "level"
