"""The codes of Pix Certif: a session's access code, its invigilator password, a certificate's verification code.

All are drawn with `secrets` (a CSPRNG), from alphabets without look-alike characters (no 0/O, 1/I/L, 5/S, A/E/U
vowels that would spell words). Uniqueness (an access code among open sessions, a verification code among all
certificates) is the store's business: it writes the code under a condition and draws again on a collision.

Strength, per code:
- **access code** `BFKM24`: 17⁴ × 7² = 4,092,529 values (22 bits). It is not a secret on its own: it is shown in
  the exam room and only lets a candidate *already logged in and matched to an enrolled candidate* ask to enter;
  the invigilator still authorises every entry.
- **invigilator password** `K7QD-9MXH-4TBW`: 3 groups of 4 characters from the 24 of `ALPHABET`:
  24¹² ≈ 3.7 × 10¹⁶ values, log2 = 12 × 4.585 ≈ 55 bits. Pix's 5 characters give 24⁵ ≈ 8 × 10⁶ (23 bits). At
  a generous 100 guesses per second against one session without any rate limit, finding it takes on average
  ≈ 5.8 million years; the session is open for a day. The groups make it easy to read aloud and type on a
  tablet; it is compared case-insensitively, ignoring spaces and dashes.
- **verification code** `P-7BCH2KQX`: 24⁸ ≈ 1.1 × 10¹¹ values (36.7 bits); with ~10⁷ certificates a year, a
  random guess hits one with probability ≈ 10⁻⁴, hence the rate limit on the public page against enumeration.
"""

import re
import secrets

ACCESS_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_DIGITS = "2346789"
# Pix's alphabet for verification codes: digits and consonants that cannot be mistaken for one another.
ALPHABET = "2346789BCDFGHJKMPQRTVWXY"

PASSWORD_GROUPS = 3
PASSWORD_GROUP_LENGTH = 4
VERIFICATION_PREFIX = "P-"
VERIFICATION_LENGTH = 8

_ACCESS_CODE = re.compile(f"[{ACCESS_LETTERS}]{{4}}[{ACCESS_DIGITS}]{{2}}")
_PASSWORD = re.compile(
    "-".join([f"[{ALPHABET}]{{{PASSWORD_GROUP_LENGTH}}}"] * PASSWORD_GROUPS)
)
_VERIFICATION_CODE = re.compile(f"{VERIFICATION_PREFIX}[{ALPHABET}]{{{VERIFICATION_LENGTH}}}")
_SEPARATORS = re.compile(r"[\s\-_.]+")


def _draw(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def new_access_code() -> str:
    """4 letters from `BCDFGHJKMPQRTVWXY` then 2 digits from `2346789`, e.g. `BFKM24`."""
    return _draw(ACCESS_LETTERS, 4) + _draw(ACCESS_DIGITS, 2)


def new_invigilator_password() -> str:
    """Three dash-separated groups of 4 characters from `ALPHABET`, e.g. `K7QD-9MXH-4TBW` (≈ 55 bits)."""
    return "-".join(_draw(ALPHABET, PASSWORD_GROUP_LENGTH) for _ in range(PASSWORD_GROUPS))


def new_verification_code() -> str:
    """`P-` then 8 characters from `ALPHABET`, e.g. `P-7BCH2KQX`."""
    return VERIFICATION_PREFIX + _draw(ALPHABET, VERIFICATION_LENGTH)


def normalise_access_code(text: str) -> str | None:
    """The access code a person typed (any case, spaces), or None when it cannot be one."""
    code = _SEPARATORS.sub("", text).upper()
    return code if _ACCESS_CODE.fullmatch(code) else None


def normalise_invigilator_password(text: str) -> str | None:
    """The password a person typed (any case, with or without dashes or spaces), in its canonical grouped
    form, or None when it cannot be one. Compare the result with `secrets.compare_digest`."""
    raw = _SEPARATORS.sub("", text).upper()
    size = PASSWORD_GROUP_LENGTH
    grouped = "-".join(raw[i:i + size] for i in range(0, len(raw), size))
    return grouped if _PASSWORD.fullmatch(grouped) else None


def normalise_verification_code(text: str) -> str | None:
    """The verification code a person typed (any case, spaces, with or without the dash), or None."""
    raw = _SEPARATORS.sub("", text).upper()
    if raw.startswith("P") and len(raw) == 1 + VERIFICATION_LENGTH:
        raw = VERIFICATION_PREFIX + raw[1:]
    return raw if _VERIFICATION_CODE.fullmatch(raw) else None


def invigilator_password_matches(expected: str, typed: str) -> bool:
    """Whether what was typed is the session's password, in constant time."""
    given = normalise_invigilator_password(typed)
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())
