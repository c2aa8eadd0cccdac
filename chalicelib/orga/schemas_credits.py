"""Request and response shapes of the credit routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from chalicelib.web import Body


class PurchaseIn(Body):
    amount: int = Field(ge=1, le=1_000_000, description="Le nombre de crédits achetés.")


class PurchaseOut(BaseModel):
    id: str
    amount: int
    purchased_at: datetime
    expires_at: datetime
    used: int
    remaining: int
    expired: bool


class CreditsOut(BaseModel):
    balance: int = Field(description="Les crédits encore utilisables (achats non expirés, moins leur consommation).")
    consumed: int = Field(description="Les crédits consommés, tous achats confondus.")
    without_credit: int = Field(description="Les premières participations qui n'ont trouvé aucun crédit.")
    purchases: list[PurchaseOut]
