"""Campaigns in DynamoDB (the only reader of their model); returns `Campaign`s.

`mark_participated(campaign_id)` is for the participation part: call it when a start finds
`has_participations` false; it writes once, then its condition stops every later write.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, cast

from pynamodb.exceptions import PynamoDBException

from chalicelib import db
from chalicelib.orga.campaigns import Campaign, CampaignType, ExternalIdType
from chalicelib.orga.models.campaigns import CampaignRecord, campaign_pk, code_pk

Page = tuple[list[Campaign], dict[str, Any] | None]


@dataclass(frozen=True, slots=True)
class Filters:
    owner_id: str | None = None  # "mine"
    archived: bool | None = False  # False: active only; True: archived only; None: both
    type: CampaignType | None = None


def created_key(campaign: Campaign) -> str:
    return f"{campaign.created_at.isoformat()}#{campaign.id}"


def _campaign(r: CampaignRecord) -> Campaign:
    assert r.organization_id and r.name and r.type and r.owner_id and r.creator_id and r.created_at
    return Campaign(
        id=r.campaign_id, code=r.code, organization_id=r.organization_id, name=r.name,
        type=cast(CampaignType, r.type), target_profile_id=r.target_profile_id, title=r.title,
        landing_text=r.landing_text, result_text=r.result_text, result_button_text=r.result_button_text,
        result_button_url=r.result_button_url, external_id_label=r.external_id_label,
        external_id_type=cast(ExternalIdType | None, r.external_id_type), multiple_sendings=bool(r.multiple_sendings),
        owner_id=r.owner_id, creator_id=r.creator_id, created_at=r.created_at, archived_at=r.archived_at,
        deleted_at=r.deleted_at, has_participations=bool(r.has_participations),
    )


def _record(c: Campaign) -> CampaignRecord:
    return CampaignRecord(
        campaign_pk(c.id), campaign_id=c.id, code=c.code, organization_id=c.organization_id,
        created_key=created_key(c), name=c.name, type=c.type, target_profile_id=c.target_profile_id, title=c.title,
        landing_text=c.landing_text, result_text=c.result_text, result_button_text=c.result_button_text,
        result_button_url=c.result_button_url, external_id_label=c.external_id_label,
        external_id_type=c.external_id_type, multiple_sendings=c.multiple_sendings, owner_id=c.owner_id,
        creator_id=c.creator_id, created_at=c.created_at, archived_at=c.archived_at, deleted_at=c.deleted_at,
        has_participations=c.has_participations,
    )


class CampaignStore(Protocol):
    def get(self, campaign_id: str) -> Campaign | None: ...
    def by_code(self, code: str) -> Campaign | None: ...
    def create(self, campaign: Campaign) -> bool: ...
    def save(self, campaign: Campaign) -> bool: ...
    def of_organization(self, organization_id: str, filters: Filters, limit: int,
                        start: dict[str, Any] | None) -> Page: ...
    def mark_participated(self, campaign_id: str) -> bool: ...

    def uses_profile(self, target_profile_id: str) -> bool:
        """Whether any campaign (deleted ones included) uses this target profile."""

    def change_code(self, campaign: Campaign, code: str) -> bool:
        """Give the campaign `code` (free) and free its own, together; False when the code is taken or the
        campaign's code changed meanwhile."""

    def swap_codes(self, first: Campaign, second: Campaign) -> bool:
        """Each campaign takes the other's code, together; False when either changed meanwhile."""


def matches(campaign: Campaign, filters: Filters) -> bool:
    if campaign.deleted_at is not None:
        return False
    if filters.owner_id is not None and campaign.owner_id != filters.owner_id:
        return False
    if filters.archived is not None and (campaign.archived_at is not None) != filters.archived:
        return False
    return filters.type is None or campaign.type == filters.type


def _condition(filters: Filters) -> Any:
    condition = CampaignRecord.deleted_at.does_not_exist()
    if filters.owner_id is not None:
        condition &= CampaignRecord.owner_id == filters.owner_id
    if filters.archived is True:
        condition &= CampaignRecord.archived_at.exists()
    elif filters.archived is False:
        condition &= CampaignRecord.archived_at.does_not_exist()
    if filters.type is not None:
        condition &= CampaignRecord.type == filters.type
    return condition


class DynamoCampaigns:
    def get(self, campaign_id: str) -> Campaign | None:
        try:
            record = CampaignRecord.get(campaign_pk(campaign_id))
        except CampaignRecord.DoesNotExist:
            return None
        return _campaign(record)

    def by_code(self, code: str) -> Campaign | None:
        try:
            pointer = CampaignRecord.get(code_pk(code))
        except CampaignRecord.DoesNotExist:
            return None
        return self.get(pointer.campaign_id)

    def create(self, campaign: Campaign) -> bool:
        """Write the campaign and its code item; False when the code is taken (draw another)."""
        try:
            with db.transaction() as tx:
                tx.save(CampaignRecord(code_pk(campaign.code), campaign_id=campaign.id, code=campaign.code),
                        condition=CampaignRecord.pk.does_not_exist())
                tx.save(_record(campaign), condition=CampaignRecord.pk.does_not_exist())
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def save(self, campaign: Campaign) -> bool:
        """Replace the campaign's fields, unless a participation arrived meanwhile and the change touches what
        participations fix: the write is conditioned on `has_participations` as read (and on its code: an
        operator's code change is never undone by an edit read before it)."""
        condition = CampaignRecord.pk.exists() & (CampaignRecord.code == campaign.code)
        if not campaign.has_participations:
            condition &= CampaignRecord.has_participations.does_not_exist() | (
                CampaignRecord.has_participations == False)  # noqa: E712  # a DynamoDB condition, not a test
        try:
            _record(campaign).save(condition=condition)
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def of_organization(self, organization_id: str, filters: Filters, limit: int,
                        start: dict[str, Any] | None) -> Page:
        """A page of the organisation's campaigns, newest first, filtered; full pages even when the filter
        leaves out many (DynamoDB filters after reading: the query reads on until the page is full)."""
        query = CampaignRecord.by_organization.query(
            organization_id, scan_index_forward=False, filter_condition=_condition(filters),
            last_evaluated_key=start, page_size=max(limit, 25))
        found: list[Campaign] = []
        for record in query:
            if len(found) == limit:
                last = found[-1]
                return found, {"pk": {"S": campaign_pk(last.id)}, "organization_id": {"S": organization_id},
                               "created_key": {"S": created_key(last)}}  # DynamoDB's form of a key
            found.append(_campaign(record))
        return found, None

    def uses_profile(self, target_profile_id: str) -> bool:
        return any(True for _ in CampaignRecord.by_target_profile.query(target_profile_id, limit=1))

    def change_code(self, campaign: Campaign, code: str) -> bool:
        R = CampaignRecord
        try:
            with db.transaction() as tx:
                tx.save(R(code_pk(code), campaign_id=campaign.id, code=code), condition=R.pk.does_not_exist())
                tx.delete(R(code_pk(campaign.code)), condition=R.campaign_id == campaign.id)
                tx.update(R(campaign_pk(campaign.id)), actions=[R.code.set(code)], condition=R.code == campaign.code)
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def swap_codes(self, first: Campaign, second: Campaign) -> bool:
        R = CampaignRecord
        try:
            with db.transaction() as tx:
                for one, other in ((first, second), (second, first)):
                    tx.update(R(code_pk(one.code)), actions=[R.campaign_id.set(other.id)],
                              condition=R.campaign_id == one.id)
                    tx.update(R(campaign_pk(one.id)), actions=[R.code.set(other.code)], condition=R.code == one.code)
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True

    def mark_participated(self, campaign_id: str) -> bool:
        """Record that someone participated (multiple sendings and the target profile are fixed from now);
        True only for the call that set it."""
        try:
            CampaignRecord(campaign_pk(campaign_id)).update(
                actions=[CampaignRecord.has_participations.set(True)],
                condition=CampaignRecord.pk.exists() & (CampaignRecord.has_participations.does_not_exist() | (
                    CampaignRecord.has_participations == False)),  # noqa: E712
            )
        except PynamoDBException as error:
            if db.condition_failed(error):
                return False
            raise
        return True


_store: CampaignStore = DynamoCampaigns()


def current() -> CampaignStore:
    return _store


def use(store: CampaignStore) -> CampaignStore:
    """Put another store in place (the in-memory twin, in tests); returns the previous one."""
    global _store
    previous, _store = _store, store
    return previous


def get(campaign_id: str) -> Campaign | None:
    return _store.get(campaign_id)


def by_code(code: str) -> Campaign | None:
    return _store.by_code(code)


def of_organization(organization_id: str, filters: Filters, limit: int, start: dict[str, Any] | None) -> Page:
    return _store.of_organization(organization_id, filters, limit, start)


def mark_participated(campaign_id: str) -> bool:
    return _store.mark_participated(campaign_id)


def uses_profile(target_profile_id: str) -> bool:
    return _store.uses_profile(target_profile_id)


__all__ = ["Filters", "Page", "by_code", "current", "get", "mark_participated", "of_organization", "use",
           "uses_profile"]
