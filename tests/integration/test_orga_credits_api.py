"""Credits on moto: the operator records purchases, first starts consume, a year's cover, admins read it."""

from datetime import timedelta

from chalicelib import clock
from chalicelib.memberships import api as memberships
from chalicelib.orga import api as orga
from chalicelib.orga import service_credits
from tests.integration.test_orga_members_api import account


def test_purchases_first_starts_and_the_balance(api, monkeypatch):
    operator_id, operator = account(api, "support@example.org", {"SUPPORT"})
    org = api.call("POST", "/api/admin/organizations", {"name": "Durand", "type": "PRO"}, token=operator)[1]
    admin_id, admin = account(api, "rh@example.org")
    member_id, member = account(api, "formateur@example.org")
    memberships.add_member("organization", org["id"], admin_id, "ADMIN")
    memberships.add_member("organization", org["id"], member_id, "MEMBER")
    status, bought, _ = api.call("POST", f"/api/admin/organizations/{org['id']}/credit-purchases", {"amount": 2},
                                 token=operator)
    assert status == 201 and bought["remaining"] == 2
    assert api.call("POST", f"/api/admin/organizations/{org['id']}/credit-purchases", {"amount": 0},
                    token=operator)[0] == 400

    assert orga.consume_credit(org["id"], "learner-1") is True
    assert orga.consume_credit(org["id"], "learner-1") is False  # covered: same person, same year
    assert orga.consume_credit(org["id"], "learner-2") is True
    assert orga.consume_credit(org["id"], "learner-3") is True  # none left: counted, not refused
    started = clock.now() - timedelta(minutes=5)  # a start's credit retried (its first answer was lost)
    assert orga.consume_credit(org["id"], "learner-3", started) is False  # the start's cover: nothing more
    status, credits, _ = api.call("GET", f"/api/organizations/{org['id']}/credits", token=admin)
    assert status == 200 and (credits["balance"], credits["consumed"], credits["without_credit"]) == (0, 2, 1)
    assert api.call("GET", f"/api/organizations/{org['id']}/credits", token=member)[0] == 403

    later = clock.now() + timedelta(days=366)
    monkeypatch.setattr(clock, "now", lambda: later)  # tokens would be refused (issued in the future): use cases
    service_credits.record_purchase(org["id"], 5, operator_id)
    assert orga.consume_credit(org["id"], "learner-1") is True  # a year later: a new credit
    statement = service_credits.statement(org["id"])
    assert statement.balance == 4 and [p.remaining for p in statement.purchases] == [0, 4]
