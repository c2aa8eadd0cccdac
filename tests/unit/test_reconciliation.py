"""Reconciliation rules, table-driven: who matches, exactly one, and the two conflicts."""

from datetime import date

import pytest

from chalicelib.orga.reconciliation import (
    Claim,
    ListedLearner,
    Outcome,
    conflict_message,
    hidden_email,
    hidden_username,
    matches,
    reconcile,
)

BORN = date(2011, 3, 14)
CHLOE = ListedLearner("l1", "Chloé", "Lefèvre-Martin", BORN, second_first_name="Anne-Sophie",
                      usage_name="Martin", student_number="2026-001")


@pytest.mark.parametrize(("first", "last", "matched"), [
    ("Chloé", "Lefèvre-Martin", True),
    ("CHLOE", "lefevre martin", True),  # accents, case, punctuation
    ("Chloe", "Lefevre Martin", True),
    ("Anne Sophie", "Martin", True),  # second first name, usage name
    ("Chloë", "Martin", True),
    ("Cloé", "Lefèvre-Martin", True),  # 1 typo in 5 letters
    ("Clo", "Lefèvre-Martin", False),  # 2 in 5: more than 25 %
    ("Chloé", "Lefebvre-Martin", True),  # 1 in 13
    ("Chloé", "Dupont", False),
    ("Marie", "Martin", False),
    ("", "Martin", False),
])
def test_names_are_compared_loosely(first, last, matched):
    assert matches(Claim(BORN, first, last), CHLOE) is matched


@pytest.mark.parametrize(("claim", "matched"), [
    (Claim(date(2011, 3, 15), "Chloé", "Martin"), False),  # another birth date
    (Claim(BORN, student_number="2026-001"), True),
    (Claim(BORN, student_number=" 2026-001 "), True),
    (Claim(BORN, student_number="2026-002"), False),
    (Claim(date(2011, 3, 15), student_number="2026-001"), False),
])
def test_birth_date_and_student_number(claim, matched):
    assert matches(claim, CHLOE) is matched


def test_a_disabled_learner_never_matches():
    disabled = ListedLearner("l2", "Chloé", "Lefèvre-Martin", BORN, active=False)
    assert reconcile(Claim(BORN, "Chloé", "Martin"), "u1", [disabled]).outcome is Outcome.NOT_FOUND


TWIN = ListedLearner("l3", "Chloe", "Martin", BORN)
LINKED = ListedLearner("l4", "Hugo", "Roux", BORN, user_id="u-other")
MINE = ListedLearner("l5", "Hugo", "Roux", BORN, user_id="u1")
OTHER_OF_MINE = ListedLearner("l6", "Léa", "Petit", date(2010, 1, 1), user_id="u1")


@pytest.mark.parametrize(("claim", "candidates", "current", "outcome", "learner"), [
    (Claim(BORN, "Chloé", "Martin"), [CHLOE], None, Outcome.LINKED, CHLOE),
    (Claim(BORN, "Chloé", "Martin"), [CHLOE, TWIN], None, Outcome.NOT_FOUND, None),  # two match: refused
    (Claim(BORN, "Chloé", "Lefèvre"), [CHLOE, TWIN], None, Outcome.NOT_FOUND, None),  # "Lefèvre" ≠ "Lefèvre-Martin"
    (Claim(BORN, "Anne-Sophie", "Lefèvre-Martin"), [CHLOE, TWIN], None, Outcome.LINKED, CHLOE),
    (Claim(BORN, "Paul", "Martin"), [CHLOE], None, Outcome.NOT_FOUND, None),
    (Claim(BORN, "Hugo", "Roux"), [LINKED], None, Outcome.LEARNER_TAKEN, LINKED),
    (Claim(BORN, "Hugo", "Roux"), [MINE], MINE, Outcome.ALREADY_LINKED, MINE),
    (Claim(BORN, "Chloé", "Martin"), [CHLOE], OTHER_OF_MINE, Outcome.ACCOUNT_TAKEN, CHLOE),
])
def test_reconcile(claim, candidates, current, outcome, learner):
    result = reconcile(claim, "u1", candidates, current)
    assert (result.outcome, result.learner) == (outcome, learner)
    assert result.other_user_id == ("u-other" if outcome is Outcome.LEARNER_TAKEN else None)


@pytest.mark.parametrize(("email", "hidden"), [("camille.rousseau@exemple.fr", "c***@exemple.fr"),
                                               ("a@b.fr", "a***@b.fr")])
def test_hidden_email(email, hidden):
    assert hidden_email(email) == hidden


@pytest.mark.parametrize(("username", "hidden"), [("camille.rousseau1204", "c***.r***1204"),
                                                  ("camille.rousseau120437", "c***.r***120437"),
                                                  ("solo", "s***")])
def test_hidden_username(username, hidden):
    assert hidden_username(username) == hidden


def test_conflict_messages_name_the_kind_of_account_with_its_login_hidden():
    by_email = conflict_message(Outcome.LEARNER_TAKEN, email="hugo.roux@exemple.fr")
    assert "adresse e-mail h***@exemple.fr" in by_email and "hugo.roux" not in by_email
    by_username = conflict_message(Outcome.LEARNER_TAKEN, username="hugo.roux1403")
    assert "identifiant h***.r***1403" in by_username
    assert "e-mail" in conflict_message(Outcome.LEARNER_TAKEN, email="a@b.fr", username="a.b0101")
    assert "autre inscrit" in conflict_message(Outcome.ACCOUNT_TAKEN)
    assert "ne trouvons pas" in conflict_message(Outcome.NOT_FOUND)
