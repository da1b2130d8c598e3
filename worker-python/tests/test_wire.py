"""ResetRequested validation and event times by the rules of docs/events.md."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from stalewatch import InvalidEvent, ResetRequest
from stalewatch.wire import format_instant, parse_instant

H = "9a4e1c55" * 8


def reset(**changes):
    event = {"type": "ResetRequested", "eventId": str(uuid.uuid4()), "schemaVersion": 1,
             "requestedAt": "2026-11-27T11:02:00Z", "jobId": "vic_ideas", "stage": "extract",
             "currentHash": H, "staleHashes": ["5b0d77aa"], "requestedBy": "alice", "futureField": {"x": 1}}
    event.update(changes)
    return {k: v for k, v in event.items() if v is not None}


def test_a_valid_reset_ignores_unknown_fields():
    r = ResetRequest.from_json(reset(), now=datetime(2026, 11, 27, tzinfo=timezone.utc))
    assert (r.job_id, r.stage, r.current_hash, r.stale_hashes, r.requested_by) == \
        ("vic_ideas", "extract", H, ("5b0d77aa",), "alice")
    assert r.requested_at == datetime(2026, 11, 27, 11, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize("changes, field", [
    ({"type": "VersionObserved"}, "type"),
    ({"schemaVersion": 2}, "schemaVersion"),
    ({"eventId": "not-a-uuid"}, "eventId"),
    ({"requestedAt": "1999-12-31T23:59:59Z"}, "requestedAt"),
    ({"requestedAt": "2026-11-27T11:02:00+00:00"}, "requestedAt"),
    ({"requestedAt": 1795000000}, "requestedAt"),
    ({"requestedAt": "2026-02-30T00:00:00Z"}, "requestedAt"),
    ({"jobId": "a/b"}, "jobId"),
    ({"stage": None}, "stage"),
    ({"currentHash": "short"}, "currentHash"),
    ({"staleHashes": ["ok_hash_1", "bad hash"]}, "staleHashes[1]"),
    ({"staleHashes": "5b0d77aa"}, "staleHashes"),
    ({"requestedBy": "al\x00ice"}, "requestedBy"),
    ({"requestedBy": "  "}, "requestedBy"),
])
def test_broken_resets_name_the_field(changes, field):
    with pytest.raises(InvalidEvent) as raised:
        ResetRequest.from_json(reset(**changes), now=datetime(2026, 11, 27, tzinfo=timezone.utc))
    assert raised.value.field == field


def test_times_more_than_a_day_ahead_are_refused():
    now = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
    assert parse_instant("t", "2026-11-28T11:59:59.999Z", now=now)
    with pytest.raises(InvalidEvent):
        parse_instant("t", "2026-11-28T12:00:01Z", now=now)
    assert parse_instant("t", "2000-01-01T00:00Z", now=now) == datetime(2000, 1, 1, tzinfo=timezone.utc)


def test_format_instant_is_utc_with_z():
    moment = datetime(2026, 11, 27, 11, 15, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert format_instant(moment) == "2026-11-27T10:15:00.123Z"
    with pytest.raises(ValueError):
        format_instant(datetime(2026, 1, 1))
