"""bench/load.py's last line: every acknowledged answer stored exactly once, counted by bench/ledger.py."""

from bench.ledger import answer_key, stored_once


def test_lost_doubled_and_unacknowledged_answers_are_told_apart():
    acknowledged = [("ana", "as1", "c1"), ("ana", "as1", "c2"), ("ben", "as2", "c1"), ("ben", "as2", "c2")]
    stored = [
        answer_key("ana", "ANSWER#1.1#as1#001", "c1"),
        answer_key("ana", "ANSWER#1.1#as1#002", "c2"),
        answer_key("ben", "ANSWER#2.3#as2#001", "c1"),  # c2 lost
        answer_key("ben", "ANSWER#2.3#as2#002", "c1"),  # c1 twice
        answer_key("ben", "ANSWER#2.3#as2#003", "c9"),  # stored, the client saw an error
        answer_key("zoe", "ANSWER#1.1#as9#001", "c1"),  # not a learner of this run
    ]
    assert answer_key("ana", "COMP#1.1", "c1") is None

    check = stored_once(acknowledged, [key for key in stored if key], learners=["ana", "ben"])

    assert (check.acknowledged, check.stored) == (4, 5)
    assert check.lost == [("ben", "as2", "c2")]
    assert check.doubled == [("ben", "as2", "c1")]
    assert check.unacknowledged == [("ben", "as2", "c9")]
    assert check.learners_differing == 1
    assert not check.holds
    assert stored_once(acknowledged[:2], stored[:2], learners=["ana"]).holds
