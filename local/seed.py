"""Demo data for the local stack, written idempotently: a second run adds nothing."""

from datetime import date

from chalicelib.accounts import service, store
from chalicelib.accounts.schemas import SignUpRequest
from chalicelib.accounts.usernames import base_username

DEMO_PASSWORD = "Demo2026!"

DEMO_ACCOUNTS = [
    # (first name, last name, e-mail or None, birth date for a username account, roles, what for)
    ("Camille", "Martin", "camille.martin@example.org", None, set(), "apprenante"),
    ("Inès", "Lefèvre", "admin@example.org", None, {"SUPER_ADMIN"}, "opératrice Pix Admin"),
    ("Léo", "Dubois", None, date(2012, 3, 14), set(), "élève sans e-mail (identifiant)"),
]


def seed() -> list[tuple[str, str]]:
    """Create the demo accounts that do not exist yet; return (login, what for) for each."""
    logins = []
    for first, last, email, birth, roles, what in DEMO_ACCOUNTS:
        handle = email or base_username(first, last, birth)
        if store.current().account_by_login(handle) is None:
            account = service.sign_up(
                SignUpRequest(
                    first_name=first,
                    last_name=last,
                    email=email,
                    birth_date=birth,
                    password=DEMO_PASSWORD,
                    cgu_accepted=True,
                ),
                roles=roles,
            )
            handle = account.email or account.username
        logins.append((handle, what))
    return logins
