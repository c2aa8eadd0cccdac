"""Credits: the operator records purchases; the organisation's admins and the operator read the balance."""

from __future__ import annotations

from chalicelib import clock
from chalicelib.orga import schemas_credits as schemas
from chalicelib.orga import service_credits as service
from chalicelib.orga.credits import Purchase
from chalicelib.orga.routes.blueprint import bp
from chalicelib.web import Access, Call, endpoint

SUPPORT = Access.operator("SUPPORT")


def _purchase(p: Purchase) -> schemas.PurchaseOut:
    return schemas.PurchaseOut(id=p.id, amount=p.amount, purchased_at=p.purchased_at, expires_at=p.expires_at,
                               used=p.used, remaining=p.remaining, expired=clock.now() >= p.expires_at)


def _credits(organization_id: str) -> schemas.CreditsOut:
    found = service.statement(organization_id)
    return schemas.CreditsOut(balance=found.balance, consumed=sum(p.used for p in found.purchases),
                              without_credit=found.without_credit,
                              purchases=[_purchase(p) for p in reversed(found.purchases)])


@endpoint(bp, "/api/organizations/{organization_id}/credits", access=Access.organization_admin(),
          response=schemas.CreditsOut, errors=(404,),
          summary="Les crédits de l'organisation : solde, achats, consommation")
def organization_credits(call: Call[None], organization_id: str) -> schemas.CreditsOut:
    return _credits(organization_id)


@endpoint(bp, "/api/admin/organizations/{organization_id}/credits", access=SUPPORT, response=schemas.CreditsOut,
          errors=(404,), summary="Les crédits d'une organisation (back office)")
def organization_credits_as_operator(call: Call[None], organization_id: str) -> schemas.CreditsOut:
    return _credits(organization_id)


@endpoint(bp, "/api/admin/organizations/{organization_id}/credit-purchases", method="POST", access=SUPPORT,
          body=schemas.PurchaseIn, response=schemas.PurchaseOut, status=201, errors=(400, 404),
          summary="Enregistrer un achat de crédits (valables deux ans)")
def record_purchase(call: Call[schemas.PurchaseIn], organization_id: str) -> schemas.PurchaseOut:
    return _purchase(service.record_purchase(organization_id, call.body.amount, call.user_id))
