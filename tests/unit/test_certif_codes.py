import re
from collections import Counter

import pytest

from chalicelib.certif import codes


def test_an_access_code_is_four_letters_then_two_digits_from_the_alphabets():
    for _ in range(200):
        code = codes.new_access_code()
        assert re.fullmatch("[BCDFGHJKMPQRTVWXY]{4}[2346789]{2}", code), code


def test_every_character_of_the_alphabets_is_drawn():
    drawn = Counter("".join(codes.new_access_code() for _ in range(2000)))
    assert set(drawn) == set(codes.ACCESS_LETTERS + codes.ACCESS_DIGITS)
    password_chars = Counter("".join(codes.new_invigilator_password().replace("-", "") for _ in range(500)))
    assert set(password_chars) == set(codes.ALPHABET)


def test_codes_are_not_repeated():
    assert len({codes.new_invigilator_password() for _ in range(1000)}) == 1000
    assert len({codes.new_verification_code() for _ in range(1000)}) == 1000
    assert len({codes.new_access_code() for _ in range(100)}) > 95


def test_the_invigilator_password_is_three_groups_of_four():
    for _ in range(200):
        password = codes.new_invigilator_password()
        assert re.fullmatch("([2346789BCDFGHJKMPQRTVWXY]{4}-){2}[2346789BCDFGHJKMPQRTVWXY]{4}", password), password


def test_the_verification_code_is_p_dash_and_eight_characters():
    for _ in range(200):
        code = codes.new_verification_code()
        assert re.fullmatch("P-[2346789BCDFGHJKMPQRTVWXY]{8}", code), code


@pytest.mark.parametrize(("typed", "expected"), [
    ("BFKM24", "BFKM24"), (" bfkm 24 ", "BFKM24"), ("bfkm-24", "BFKM24"),
    ("BFKM25", None), ("AFKM24", None), ("BFKM2", None), ("BFKM244", None), ("", None),
])
def test_a_typed_access_code_is_normalised_or_refused(typed, expected):
    assert codes.normalise_access_code(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("P-7BCH2KQX", "P-7BCH2KQX"), ("p-7bch2kqx", "P-7BCH2KQX"), ("P7BCH2KQX", "P-7BCH2KQX"),
    (" P 7BCH 2KQX", "P-7BCH2KQX"), ("P-7BCH2KQ", None), ("P-7BCH2KQ0", None), ("Q-7BCH2KQX", None),
    ("P-PBCH2KQX", "P-PBCH2KQX"),
])
def test_a_typed_verification_code_is_normalised_or_refused(typed, expected):
    assert codes.normalise_verification_code(typed) == expected


def test_the_invigilator_password_is_compared_ignoring_case_and_separators():
    password = codes.new_invigilator_password()
    assert codes.invigilator_password_matches(password, password)
    assert codes.invigilator_password_matches(password, password.lower().replace("-", " "))
    assert codes.invigilator_password_matches(password, password.replace("-", ""))
    other = password[:-1] + ("B" if password[-1] != "B" else "C")
    assert not codes.invigilator_password_matches(password, other)
    assert not codes.invigilator_password_matches(password, password[:-1])
    assert not codes.invigilator_password_matches(password, "")
