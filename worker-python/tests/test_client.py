"""Client over real HTTP against a local stub of snapshot-service."""
import logging
import re
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest

import sample_stages
import stalewatch.client
from stalewatch import (Capture, Client, Dep, StalewatchError, StalewatchRefused,
                        StalewatchUnavailable, capture)
from stub_server import problem, refused_url

CAP = capture(sample_stages.handler, "extract")
OLD = "5b0d77aa" * 8
OLDER = "1234abcd" * 8


def accepted(request):
    return 202, {"Content-Type": "application/json"}, {"eventId": request.json()["eventId"],
                                                        "topic": "stalewatch.version-observed.v1"}


def warnings(caplog):
    return [r for r in caplog.records if r.name == "stalewatch" and r.levelno >= logging.WARNING]


def test_report_posts_the_version_observed_json(stub):
    stub.routes["POST /api/observations"] = accepted
    result = Client(stub.url, "tok-1").report("vic_ideas", "extract", CAP, {OLD: 1200, CAP.version_hash: 14},
                                              worker_id="extract-1")
    assert result.delivered and result
    assert result.status == 202 and result.topic == "stalewatch.version-observed.v1"
    [req] = stub.requests
    assert req.headers["Authorization"] == "Bearer tok-1"
    assert req.headers["Content-Type"] == "application/json"
    body = req.json()
    assert body["eventId"] == result.event_id and str(uuid.UUID(body["eventId"])) == body["eventId"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["observedAt"])
    observed = datetime.strptime(body["observedAt"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert abs(datetime.now(timezone.utc) - observed) < timedelta(seconds=30)
    assert {k: body[k] for k in ("type", "schemaVersion", "jobId", "stage", "hashAlgorithm", "language", "workerId")} == {
        "type": "VersionObserved", "schemaVersion": 1, "jobId": "vic_ideas", "stage": "extract",
        "hashAlgorithm": "stalewatch-sha256-v1", "language": "python", "workerId": "extract-1"}
    assert body["versionHash"] == CAP.version_hash == result.version_hash
    assert body["source"] == CAP.source.as_dict()
    assert body["deps"] == [d.as_dict() for d in CAP.deps]
    assert body["resultVersions"] == {OLD: 1200, CAP.version_hash: 14}


def test_every_report_has_a_fresh_event_id(stub):
    stub.routes["POST /api/observations"] = accepted
    client = Client(stub.url, "t")
    ids = {client.report("j", "s", CAP, {}).event_id for _ in range(3)}
    assert len(ids) == 3


def test_a_400_problem_is_surfaced_and_logged(stub, caplog):
    stub.routes["POST /api/observations"] = lambda r: problem(400, "must match [A-Za-z0-9._:-]{8,128}", "versionHash")
    client = Client(stub.url, "t")
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        result = client.report("j", "s", CAP, {})
    assert not result.delivered and result.status == 400
    assert result.problem.field == "versionHash" and "must match" in result.problem.detail
    assert "versionHash" in result.error
    [w] = warnings(caplog)
    assert "refused" in w.getMessage() and "versionHash" in w.getMessage()
    with pytest.raises(StalewatchRefused) as raised:
        client.report("j", "s", CAP, {}, strict=True)
    assert raised.value.problem.field == "versionHash" and raised.value.problem.status == 400


def test_a_report_breaking_the_rules_is_not_sent(stub, caplog):
    stub.routes["POST /api/observations"] = accepted
    bad = Capture("python", CAP.source, CAP.deps + (Dep.of_text("NUL", "a\x00b"),))
    client = Client(stub.url, "t")
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        result = client.report("j", "s", bad, {})
        assert not client.report("bad/job", "s", CAP, {}).delivered
        assert not client.report("j", "s", CAP, {OLD: -1}).delivered
    assert not result.delivered and "deps[" in result.error and "U+0000" in result.error
    assert stub.requests == []
    assert len(warnings(caplog)) == 3
    with pytest.raises(StalewatchError, match="U\\+0000"):
        client.report("j", "s", bad, {}, strict=True)


def test_a_server_that_never_answers_costs_bounded_time(silent, caplog):
    client = Client(silent.url, "t", timeout=0.4)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        result = client.report("j", "s", CAP, {})
    assert time.monotonic() - started < 1.5
    assert not result.delivered and "no answer within" in result.error
    started = time.monotonic()
    with pytest.raises(StalewatchUnavailable):
        client.report("j", "s", CAP, {}, strict=True)
    assert time.monotonic() - started < 1.5


def test_connection_refused_logs_one_warning_per_outage(caplog):
    client = Client(refused_url(), "t", timeout=2)
    with caplog.at_level(logging.INFO, logger="stalewatch"):
        results = [client.report("j", "s", CAP, {}) for _ in range(3)]
    assert [r.delivered for r in results] == [False, False, False]
    assert all("Connection" in r.error or "refused" in r.error.lower() for r in results)
    [w] = warnings(caplog)
    assert "unreachable" in w.getMessage()


def test_warning_rearms_once_stalewatch_answered_again(stub, caplog):
    client = Client(stub.url, "t")
    stub.routes["POST /api/observations"] = lambda r: problem(503, "broker down")
    with caplog.at_level(logging.INFO, logger="stalewatch"):
        assert not client.report("j", "s", CAP, {}).delivered
        assert not client.report("j", "s", CAP, {}).delivered
        stub.routes["POST /api/observations"] = accepted
        assert client.report("j", "s", CAP, {}).delivered
        stub.routes["POST /api/observations"] = lambda r: problem(503, "broker down again")
        assert not client.report("j", "s", CAP, {}).delivered
    assert [r.levelname for r in caplog.records] == ["WARNING", "INFO", "WARNING"]


def validity_route(body, etag='"v1"'):
    def route(request):
        if request.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, None
        return 200, {"ETag": etag, "Content-Type": "application/json"}, body
    return route


def validity_body(current, valid, versions):
    return {"jobId": "j", "stage": "s", "currentHash": current, "validHashes": valid,
            "versions": [{"hash": h, "results": n, "state": st, "changeId": c} for h, n, st, c in versions]}


PATH = "GET /api/stages/j/s/validity"


def test_valid_versions_parses_and_caches_with_the_etag(stub):
    body = validity_body(CAP.version_hash, [CAP.version_hash, OLD],
                         [(CAP.version_hash, 14, "VALID", None), (OLD, 1200, "VALID", "c-000002"),
                          (OLDER, 7, "STALE", "c-000001")])
    stub.routes[PATH] = validity_route(body)
    client = Client(stub.url, "t")
    first = client.valid_versions("j", "s")
    assert first.current_hash == CAP.version_hash
    assert first.valid_hashes == frozenset([CAP.version_hash, OLD])
    assert first.state_of(OLDER) == "STALE" and first.versions[1].change_id == "c-000002"
    assert first.is_valid(OLD) and not first.is_valid(OLDER) and not first.is_valid(None)
    assert first.etag == '"v1"' and first.origin == "server"
    second = client.valid_versions("j", "s")
    assert second == first
    assert "If-None-Match" not in stub.requests[0].headers
    assert stub.requests[1].headers["If-None-Match"] == '"v1"'
    assert stub.requests[0].headers["Authorization"] == "Bearer t"


def test_a_changed_etag_replaces_the_cached_answer(stub):
    client = Client(stub.url, "t")
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD], [(OLD, 1, "VALID", None)]), '"a"')
    assert client.valid_versions("j", "s").current_hash == OLD
    stub.routes[PATH] = validity_route(validity_body(OLDER, [OLDER], [(OLDER, 1, "VALID", None)]), '"b"')
    assert client.valid_versions("j", "s").current_hash == OLDER


def test_is_valid_reuses_a_recent_answer(stub):
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD, OLDER], []))
    client = Client(stub.url, "t", validity_max_age=60)
    assert client.is_valid("j", "s", OLD) and client.is_valid("j", "s", OLDER)
    assert not client.is_valid("j", "s", CAP.version_hash)
    assert len(stub.requests) == 1


def test_unknown_stage_counts_only_the_current_hash(stub):
    stub.routes[PATH] = lambda r: problem(404, "no stage j/s")
    client = Client(stub.url, "t")
    v = client.valid_versions("j", "s", current_hash=CAP.version_hash)
    assert v.origin == "unknown-stage" and v.valid_hashes == frozenset([CAP.version_hash])
    with pytest.raises(StalewatchRefused) as raised:
        client.valid_versions("j", "s", strict=True)
    assert raised.value.problem.status == 404


def test_an_answer_about_another_current_version_counts_only_the_workers_hash(stub):
    stub.routes["POST /api/observations"] = accepted
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD, OLDER], [(OLD, 1200, "VALID", None)]))
    client = Client(stub.url, "t")
    client.report("j", "s", CAP, {OLD: 1200})  # new code; Stalewatch has not applied the report yet
    v = client.valid_versions("j", "s")
    assert v.origin == "not-current-yet" and v.valid_hashes == frozenset([CAP.version_hash])
    assert v.states == {OLD: "VALID"}
    # an older worker whose hash is in the valid class keeps Stalewatch's answer
    assert client.valid_versions("j", "s", current_hash=OLDER).valid_hashes == frozenset([OLD, OLDER])


def scripted(stub, answers):
    """Answers the validity questions in turn, the last one from then on."""
    def route(request):
        body = answers.pop(0) if len(answers) > 1 else answers[0]
        return 200, {"ETag": f'"{len(answers)}"'}, body
    stub.routes[PATH] = route


def test_wait_asks_again_while_the_change_is_triaged(stub, monkeypatch):
    monkeypatch.setattr(stalewatch.client, "WAIT_POLL_SECONDS", 0.05)
    scripted(stub, [validity_body(OLD, [OLD], [(OLD, 1200, "VALID", None)]),
                    validity_body(CAP.version_hash, [CAP.version_hash],
                                  [(CAP.version_hash, 0, "VALID", None), (OLD, 1200, "TRIAGING", "c-000003")]),
                    validity_body(CAP.version_hash, [CAP.version_hash, OLD],
                                  [(CAP.version_hash, 0, "VALID", None), (OLD, 1200, "VALID", "c-000003")])])
    v = Client(stub.url, "t").valid_versions("j", "s", current_hash=CAP.version_hash, wait=5)
    assert v.origin == "server" and v.is_valid(OLD) and not v.triaging and not v.pending
    assert len(stub.requests) == 3


def test_wait_never_waits_for_a_person(stub, monkeypatch):
    monkeypatch.setattr(stalewatch.client, "WAIT_POLL_SECONDS", 0.05)
    scripted(stub, [validity_body(OLD, [OLD], [(OLD, 1200, "VALID", None)]),
                    validity_body(CAP.version_hash, [CAP.version_hash],
                                  [(CAP.version_hash, 0, "VALID", None), (OLD, 1200, "TRIAGING", "c-000003")]),
                    validity_body(CAP.version_hash, [CAP.version_hash],
                                  [(CAP.version_hash, 0, "VALID", None),
                                   (OLD, 1200, "PENDING_DECISION", "c-000003")])])
    started = time.monotonic()
    v = Client(stub.url, "t").valid_versions("j", "s", current_hash=CAP.version_hash, wait=30)
    assert time.monotonic() - started < 5
    assert len(stub.requests) == 3  # the old answer, the triage, then the decision that waits for a person
    assert v.pending and not v.triaging and not v.is_valid(OLD)
    assert v.awaiting_decision(OLD) and not v.awaiting_decision(CAP.version_hash)


def test_wait_gives_up_on_a_long_triage(stub, monkeypatch):
    monkeypatch.setattr(stalewatch.client, "WAIT_POLL_SECONDS", 0.05)
    scripted(stub, [validity_body(CAP.version_hash, [CAP.version_hash],
                                  [(CAP.version_hash, 0, "VALID", None), (OLD, 1200, "TRIAGING", "c-000003")])])
    started = time.monotonic()
    v = Client(stub.url, "t").valid_versions("j", "s", current_hash=CAP.version_hash, wait=0.5)
    assert 0.3 < time.monotonic() - started < 3
    assert v.triaging and v.state_of(OLD) == "TRIAGING" and v.awaiting_decision(OLD) and not v.is_valid(OLD)


def test_wait_covers_a_first_report_not_applied_yet(stub, monkeypatch):
    monkeypatch.setattr(stalewatch.client, "WAIT_POLL_SECONDS", 0.05)
    stub.routes["POST /api/observations"] = accepted
    answers = [None, None, validity_body(CAP.version_hash, [CAP.version_hash], [(CAP.version_hash, 0, "VALID", None)])]

    def route(request):
        body = answers.pop(0) if len(answers) > 1 else answers[0]
        return (404, {}, {"status": 404, "detail": "unknown stage"}) if body is None else (200, {}, body)

    stub.routes[PATH] = route
    client = Client(stub.url, "t")
    client.report("j", "s", CAP, {})
    v = client.valid_versions("j", "s", wait=5)
    assert v.origin == "server" and v.current_hash == CAP.version_hash
    assert len([r for r in stub.requests if r.method == "GET"]) == 3


def test_wait_does_not_wait_on_a_stage_nobody_reported(stub):
    stub.routes[PATH] = lambda r: (404, {}, {"status": 404, "detail": "unknown stage"})
    started = time.monotonic()
    v = Client(stub.url, "t").valid_versions("j", "s", current_hash=CAP.version_hash, wait=10)
    assert v.origin == "unknown-stage" and time.monotonic() - started < 1


def test_states_of_another_version_do_not_count_as_awaiting_a_decision(stub):
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD], [(OLD, 1200, "VALID", None),
                                                                 (OLDER, 5, "PENDING_DECISION", "c-000001")]))
    v = Client(stub.url, "t").valid_versions("j", "s", current_hash=CAP.version_hash)
    assert v.origin == "not-current-yet" and v.pending
    assert not v.awaiting_decision(OLDER) and not v.awaiting_decision(OLD)  # the safe side: recompute


def test_unreachable_uses_the_cached_answer(stub, caplog):
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD, OLDER], []))
    client = Client(stub.url, "t", timeout=1)
    assert client.valid_versions("j", "s").origin == "server"
    stub.close()
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        v = client.valid_versions("j", "s")
        client.valid_versions("j", "s")
    assert v.origin == "cache" and v.valid_hashes == frozenset([OLD, OLDER])
    assert len(warnings(caplog)) == 1


def test_unreachable_without_cache_counts_only_the_current_capture_and_says_so_once(caplog):
    client = Client(refused_url(), "t", outage_backoff=0)
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        client.report("j", "s", CAP, {})
        vs = [client.valid_versions("j", "s") for _ in range(3)]
        other = client.valid_versions("j", "other")
    assert all(v.origin == "fallback" and v.valid_hashes == frozenset([CAP.version_hash]) for v in vs)
    assert other.valid_hashes == frozenset()
    messages = [w.getMessage() for w in warnings(caplog)]
    assert len(messages) == 3, messages  # the outage, then the fallback once per stage
    assert "only the current hash " + CAP.version_hash in messages[1]
    with pytest.raises(StalewatchUnavailable):
        client.valid_versions("j", "s", strict=True)


def test_during_backoff_validity_does_not_wait_on_a_dead_server(silent):
    client = Client(silent.url, "t", timeout=0.3, outage_backoff=60)
    started = time.monotonic()
    for _ in range(20):
        assert not client.is_valid("j", "s", OLD, current_hash=CAP.version_hash)
    assert time.monotonic() - started < 1.0


def test_resets_query_and_answer(stub):
    reset = {"seq": 12, "eventId": str(uuid.uuid4()), "jobId": "j", "stage": "s", "currentHash": CAP.version_hash,
             "staleHashes": [OLD], "requestedBy": "alice", "requestedAt": "2026-01-03T10:00:00Z", "extra": 1}
    broken = dict(reset, seq=13, eventId=str(uuid.uuid4()), requestedBy="al\x00ice")
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": [reset, broken], "nextAfter": 13})
    page = Client(stub.url, "t").resets("j", stage="s", after=11, limit=5)
    assert stub.requests[0].query == {"job": "j", "stage": "s", "after": "11", "limit": "5"}
    [r] = page.resets
    assert (r.seq, r.event_id, r.stage, r.stale_hashes, r.requested_by) == (12, reset["eventId"], "s", (OLD,), "alice")
    assert page.next_after == 13
    assert page.invalid[0][0] == 13 and "requestedBy" in page.invalid[0][1]


def test_resets_when_there_is_nothing(stub):
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": []})
    page = Client(stub.url).resets("j")
    assert page.resets == () and page.next_after is None
    assert stub.requests[0].query == {"job": "j", "limit": "100"}
    assert "Authorization" not in stub.requests[0].headers


def test_resets_raise_when_stalewatch_is_unreachable():
    with pytest.raises(StalewatchUnavailable):
        Client(refused_url()).resets("j")


def test_constructor_refuses_a_bad_url():
    with pytest.raises(ValueError):
        Client("localhost:8080")


def test_histogram_only_report(stub):
    stub.routes["POST /api/observations"] = accepted
    assert Client(stub.url, "t").report_histogram("j", "s", OLD, {OLD: 3}).delivered
    body = stub.requests[0].json()
    assert "source" not in body and "deps" not in body and "language" not in body
    assert body["versionHash"] == OLD and body["resultVersions"] == {OLD: 3}


def test_wait_is_skipped_when_the_report_was_not_delivered(stub):
    stub.routes["POST /api/observations"] = lambda r: problem(400, "bad", "versionHash")
    stub.routes[PATH] = validity_route(validity_body(OLD, [OLD], [(OLD, 1200, "VALID", None)]))
    client = Client(stub.url, "t")
    client.report("j", "s", CAP, {OLD: 1200})
    started = time.monotonic()
    v = client.valid_versions("j", "s", wait=10)
    assert time.monotonic() - started < 1 and v.origin == "not-current-yet"


def test_worker_id_defaults_to_stage_host_and_pid(stub):
    import os
    import socket
    stub.routes["POST /api/observations"] = accepted
    Client(stub.url).report("j", "extract", CAP, {})
    assert stub.requests[0].json()["workerId"] == f"extract-{socket.gethostname()}-{os.getpid()}"


def test_report_never_raises_even_on_odd_input(stub, caplog):
    stub.routes["POST /api/observations"] = accepted
    client = Client(stub.url)
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        assert not client.report("j", "s", "not a capture", {}).delivered
        assert not client.report("j", "s", CAP, None).delivered
        assert not client.report("j", "s", CAP, {object(): 1}).delivered
        assert not client.report_histogram("j", "s", "short", {}).delivered
    assert stub.requests == []
    with pytest.raises(StalewatchError):
        client.report("j", "s", "not a capture", {}, strict=True)


def test_a_refused_validity_is_logged_once_and_not_asked_per_item(stub, caplog):
    stub.routes[PATH] = lambda r: problem(401, "no such token")
    client = Client(stub.url, "wrong", validity_max_age=60)
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        results = [client.is_valid("j", "s", OLD, current_hash=CAP.version_hash) for _ in range(5)]
        assert client.is_valid("j", "s", CAP.version_hash, current_hash=CAP.version_hash)
    assert results == [False] * 5
    assert len(stub.requests) == 1
    [w] = warnings(caplog)
    assert "401" in w.getMessage() and "no such token" in w.getMessage()


def test_an_unknown_stage_is_not_asked_per_item(stub):
    stub.routes[PATH] = lambda r: problem(404, "no stage j/s")
    client = Client(stub.url, "t", validity_max_age=60)
    assert [client.is_valid("j", "s", h, current_hash=CAP.version_hash) for h in (OLD, CAP.version_hash)] == [False, True]
    assert len(stub.requests) == 1
