"""The accounts room's event handlers (EventBridge → Lambda; drained into the same functions locally)."""

from chalice.app import Blueprint, CloudWatchEvent

from chalicelib.accounts import bus, service

bp = Blueprint(__name__)


@bp.on_cw_event({"source": [bus.SOURCE], "detail-type": [bus.PASSWORD_RESET_REQUESTED]})
def send_password_reset_link(event: CloudWatchEvent) -> None:
    service.send_password_reset_link(event.detail["email"], event.detail.get("lang"))
