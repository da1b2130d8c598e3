"""The wire rules of docs/events.md that the Python side needs: names, hashes, texts and times.

These mirror ``dev.stalewatch.events.WirePatterns`` and ``EventValidator`` so that a report this
package builds is refused here, with the same field name, rather than by Stalewatch.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping, Optional, Tuple

from .errors import InvalidEvent

NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")
"""Job and stage names; they never contain ``/``, so ``jobId/stage`` is an unambiguous key."""
HASH = re.compile(r"[A-Za-z0-9._:-]{8,128}")
"""Version hashes (opaque)."""
HASH_ALGORITHM = re.compile(r"[A-Za-z0-9._:-]{1,64}")
LANGUAGE = re.compile(r"[A-Za-z0-9_.+#-]{1,64}")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_UTC_INSTANT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z")

EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""No event time is earlier (docs/events.md)."""
MAX_CLOCK_AHEAD = timedelta(days=1)
"""How far ahead of the reader's clock an event time may be."""
MAX_SOURCE_BYTES = 256 * 1024
"""Default limit on the UTF-8 bytes of source text plus all dep texts."""

VERSION_OBSERVED_TOPIC = "stalewatch.version-observed.v1"
RESET_REQUESTED_TOPIC = "stalewatch.reset-requested.v1"


def require_match(field: str, value: Any, pattern: "re.Pattern[str]") -> str:
    """``value`` if it is a string matching ``pattern`` entirely, else :class:`InvalidEvent`."""
    if value is None:
        raise InvalidEvent(field, "is required")
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise InvalidEvent(field, f"must match {pattern.pattern}, was {value!r}")
    return value


def require_text(field: str, value: Any, *, non_blank: bool = False) -> str:
    """``value`` if it is a string UTF-8 can encode without U+0000 (NUL), else :class:`InvalidEvent`."""
    if value is None:
        raise InvalidEvent(field, "is required")
    if not isinstance(value, str):
        raise InvalidEvent(field, f"must be a string, was {type(value).__name__}")
    check_well_formed(field, value)
    if non_blank and not value.strip():
        raise InvalidEvent(field, "must not be blank")
    return value


def check_well_formed(field: str, value: str) -> None:
    """Refuses U+0000 (PostgreSQL cannot store it) and unpaired surrogates (UTF-8 cannot encode them)."""
    nul = value.find("\x00")
    if nul >= 0:
        raise InvalidEvent(field, f"has U+0000 (NUL) at char index {nul}, which no text field may hold")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidEvent(field, f"has an unpaired surrogate at char index {e.start}, which UTF-8 cannot encode") from None


def format_instant(moment: datetime) -> str:
    """ISO-8601 in UTC with ``Z`` and milliseconds, e.g. ``2026-11-27T10:15:00.123Z``."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no time zone; pass an aware one")
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def utc_now() -> str:
    """Now, as :func:`format_instant` writes it."""
    return format_instant(datetime.now(timezone.utc))


def parse_instant(field: str, value: Any, *, now: Optional[datetime] = None) -> datetime:
    """An event time: ISO-8601 UTC with ``Z``, no earlier than 2000, at most a day after ``now``."""
    if not isinstance(value, str):
        raise InvalidEvent(field, "must be an ISO-8601 UTC instant such as 2026-11-27T10:15:00Z")
    m = _UTC_INSTANT.fullmatch(value)
    if not m:
        raise InvalidEvent(field, f"must be an ISO-8601 UTC instant such as 2026-11-27T10:15:00Z, was {value!r}")
    year, month, day, hour, minute = (int(g) for g in m.group(1, 2, 3, 4, 5))
    second = int(m.group(6) or 0)
    micro = int((m.group(7) or "0").ljust(9, "0")[:6])
    try:
        moment = datetime(year, month, day, hour, minute, second, micro, tzinfo=timezone.utc)
    except ValueError as e:
        raise InvalidEvent(field, f"is not a valid time: {value!r} ({e})") from None
    latest = (now or datetime.now(timezone.utc)) + MAX_CLOCK_AHEAD
    if moment < EARLIEST_TIME or moment > latest:
        raise InvalidEvent(field, f"must be no earlier than 2000 and no later than a day from now, was {value}")
    return moment


def stage_key(job: str, stage: str) -> str:
    """The record key ``jobId/stage``."""
    return f"{job}/{stage}"


@dataclass(frozen=True)
class ResetRequest:
    """One ResetRequested (docs/events.md): recompute the results made by ``stale_hashes``.

    ``seq`` is the position Stalewatch gave it in ``GET /api/resets`` (None when it came from Kafka).
    """

    event_id: str
    job_id: str
    stage: str
    current_hash: str
    stale_hashes: Tuple[str, ...]
    requested_by: str
    requested_at: datetime
    seq: Optional[int] = None

    @classmethod
    def from_json(cls, data: Any, *, seq: Optional[int] = None, require_type: bool = True,
                  now: Optional[datetime] = None) -> "ResetRequest":
        """Validates a decoded ResetRequested by the rules of docs/events.md; unknown fields are ignored.

        ``require_type`` demands ``type`` = ``ResetRequested`` and ``schemaVersion`` = 1 (the Kafka
        record); the HTTP list ``GET /api/resets`` may leave both out. Raises :class:`InvalidEvent`.
        """
        if not isinstance(data, Mapping):
            raise InvalidEvent("$", "must be a JSON object")
        if require_type or "type" in data:
            if data.get("type") != "ResetRequested":
                raise InvalidEvent("type", f"must be ResetRequested, was {data.get('type')!r}")
        if require_type or "schemaVersion" in data:
            if data.get("schemaVersion") != 1 or isinstance(data.get("schemaVersion"), bool):
                raise InvalidEvent("schemaVersion", f"must be 1, was {data.get('schemaVersion')!r}")
        event_id = require_match("eventId", data.get("eventId"), UUID)
        requested_at = parse_instant("requestedAt", data.get("requestedAt"), now=now)
        job_id = require_match("jobId", data.get("jobId"), NAME)
        stage = require_match("stage", data.get("stage"), NAME)
        current_hash = require_match("currentHash", data.get("currentHash"), HASH)
        stale = data.get("staleHashes")
        if not isinstance(stale, list):
            raise InvalidEvent("staleHashes", "is required (a list of hashes)")
        stale_hashes = tuple(require_match(f"staleHashes[{i}]", h, HASH) for i, h in enumerate(stale))
        requested_by = require_text("requestedBy", data.get("requestedBy"), non_blank=True)
        return cls(event_id=event_id, job_id=job_id, stage=stage, current_hash=current_hash,
                   stale_hashes=stale_hashes, requested_by=requested_by, requested_at=requested_at,
                   seq=seq)


def new_event_id() -> str:
    """A fresh UUID in canonical 8-4-4-4-12 form."""
    return str(uuid.uuid4())
