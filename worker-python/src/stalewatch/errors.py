"""Errors raised by the stalewatch package and the problem+json body Stalewatch answers with."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional


@dataclass(frozen=True)
class Problem:
    """An ``application/problem+json`` answer (RFC 9457) of Stalewatch, e.g. a 400 to a bad report.

    ``detail`` says what is wrong and ``field`` (when Stalewatch names one) which field of the
    request broke a rule, e.g. ``deps[1].text``.
    """

    status: int
    title: Optional[str] = None
    detail: Optional[str] = None
    field: Optional[str] = None

    @classmethod
    def from_body(cls, status: int, body: Any) -> "Problem":
        """The problem in a decoded JSON body; any body that is not an object gives a bare problem."""
        if not isinstance(body, Mapping):
            return cls(status=status)

        def text(key: str) -> Optional[str]:
            value = body.get(key)
            return None if value is None else str(value)

        return cls(status=status, title=text("title"), detail=text("detail"), field=text("field"))

    def __str__(self) -> str:
        what = self.detail or self.title or "no detail given"
        where = f" (field {self.field})" if self.field else ""
        return f"HTTP {self.status}: {what}{where}"


class StalewatchError(Exception):
    """Base class of every error this package raises on purpose."""


class StalewatchUnavailable(StalewatchError):
    """Stalewatch could not be reached or did not answer in time (or answered 5xx)."""


class StalewatchRefused(StalewatchError):
    """Stalewatch answered, but refused the request (4xx); ``problem`` holds its explanation."""

    def __init__(self, message: str, problem: Problem) -> None:
        super().__init__(message)
        self.problem = problem


class InvalidEvent(StalewatchError, ValueError):
    """An event breaks a rule of docs/events.md; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message
