"""Domain errors: what a use case says when it cannot do what was asked.

Services raise these, never HTTP responses: `web.py` maps each kind to a status in one table. A code is
stable (the front end translates it: every code has an `err_<CODE>` message in every catalog, a test
checks it), the message is French for logs and API readers, `meta` carries structured facts the page
needs (a date, a delay), `details` names the fields of an invalid request.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A failure the caller can understand. Subclasses say which kind; `code` says which one."""

    default_code = "ERROR"

    def __init__(
        self,
        code: str | None = None,
        message: str = "",
        *,
        meta: dict[str, Any] | None = None,
        details: list[dict[str, str]] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.message = message
        self.meta = meta or {}
        self.details = details or []
        super().__init__(f"{self.code}: {message}")


class NotFound(DomainError):
    default_code = "NOT_FOUND"


class Conflict(DomainError):
    """The resource is not in a state that allows the request (already done, changed meanwhile…)."""

    default_code = "CONFLICT"


class Forbidden(DomainError):
    default_code = "FORBIDDEN"


class Invalid(DomainError):
    """The request is well-formed but its content breaks a rule."""

    default_code = "INVALID_INPUT"


class Unauthenticated(DomainError):
    default_code = "UNAUTHENTICATED"


class Unavailable(DomainError):
    """A service the use case needs does not answer (the database timed out, throttled): try again soon."""

    default_code = "UNAVAILABLE"


class TooManyAttempts(DomainError):
    """Refused for now; `meta["retry_after_seconds"]` says when to come back."""

    default_code = "TOO_MANY_ATTEMPTS"

    def __init__(self, code: str | None = None, message: str = "", *, retry_after_seconds: int,
                 meta: dict[str, Any] | None = None) -> None:
        super().__init__(code, message, meta={**(meta or {}), "retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds
