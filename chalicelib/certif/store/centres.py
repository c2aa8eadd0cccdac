"""Centres on DynamoDB (`certif-centres`; keys and costs in models/centres.py)."""

from __future__ import annotations

from pynamodb.exceptions import PutError

from chalicelib import db
from chalicelib.certif.centres import Centre, search_key
from chalicelib.certif.models.centres import LISTING, CentreRecord
from chalicelib.certif.ports import PageKey, Taken


def _centre(record: CentreRecord) -> Centre:
    return Centre(id=record.centre_id, name=record.name, type=record.type, created_at=record.created_at,
                  external_id=record.external_id, room_capacity=int(record.room_capacity),
                  archived_at=record.archived_at, updated_at=record.updated_at)


def _record(centre: Centre) -> CentreRecord:
    return CentreRecord(centre.id, name=centre.name, type=centre.type, external_id=centre.external_id,
                        room_capacity=centre.room_capacity, created_at=centre.created_at,
                        updated_at=centre.updated_at, archived_at=centre.archived_at, listing=LISTING,
                        listing_key=f"{search_key(centre.name)}#{centre.id}")


class DynamoCentreStore:
    def add_centre(self, centre: Centre) -> None:
        try:
            _record(centre).save(condition=CentreRecord.centre_id.does_not_exist())
        except PutError as error:
            if db.condition_failed(error):
                raise Taken("id") from error
            raise

    def centre(self, centre_id: str) -> Centre | None:
        try:
            return _centre(CentreRecord.get(centre_id))
        except CentreRecord.DoesNotExist:
            return None

    def centres(self, centre_ids: list[str]) -> list[Centre]:
        found = {r.centre_id: _centre(r) for r in CentreRecord.batch_get(list(dict.fromkeys(centre_ids)))}
        return [found[i] for i in centre_ids if i in found]

    def save_centre(self, centre: Centre) -> None:
        _record(centre).save(condition=CentreRecord.centre_id.exists())

    def centre_page(self, name_prefix: str, start: PageKey, limit: int) -> tuple[list[Centre], PageKey]:
        condition = CentreRecord.listing_key.startswith(name_prefix) if name_prefix else None
        query = CentreRecord.by_name.query(LISTING, condition, limit=limit, last_evaluated_key=start)
        found = [_centre(r) for r in query]
        return found, query.last_evaluated_key
