"""Credits, pure: validity two years, coverage one year, which purchase a consumption draws on, the balance."""

from datetime import UTC, datetime, timedelta

from chalicelib.orga.credits import Purchase, balance, covers, new_cover, pick, years_after

START = datetime(2024, 2, 29, 9, tzinfo=UTC)


def test_years_after_keeps_the_moment_and_survives_leap_days():
    assert years_after(START, 1) == datetime(2025, 2, 28, 9, tzinfo=UTC)
    assert years_after(START, 4) == datetime(2028, 2, 29, 9, tzinfo=UTC)


def test_a_consumption_draws_on_the_valid_purchase_that_expires_first_and_expired_credits_are_gone():
    old = Purchase("old", "o", 10, START, "op", used=4)
    new = Purchase("new", "o", 5, START + timedelta(days=300), "op")
    spent = Purchase("spent", "o", 2, START + timedelta(days=10), "op", used=2)
    at = START + timedelta(days=400)
    assert pick([new, old, spent], at) == old
    assert balance([old, new, spent], at) == 6 + 5
    later = years_after(START, 2)  # the first purchase expires
    assert not old.valid(later) and pick([old, new], later) == new
    assert balance([old, new], later) == 5
    assert pick([spent], at) is None and pick([], at) is None
    assert pick([new], START) is None  # not bought yet


def test_a_cover_lasts_one_year():
    cover = new_cover("u", START, None)
    assert covers(cover, START) and covers(cover, START + timedelta(days=364))
    assert not covers(cover, years_after(START, 1)) and not covers(None, START)
