"""Reset listeners: at least once, idempotent by event id, acknowledged only after the hook."""
import json
import logging
import os
import threading
import time
import uuid

import pytest

from stalewatch import Client, HttpResetListener, KafkaResetListener, ListenerState, Outcome, StalewatchError
from stub_server import refused_url

CURRENT = "9a4e1c55" * 8
STALE = "5b0d77aa" * 8


def reset_event(seq=None, job="vic_ideas", stage="extract", event_id=None, **changes):
    event = {"type": "ResetRequested", "eventId": event_id or str(uuid.uuid4()), "schemaVersion": 1,
             "requestedAt": "2026-01-03T10:00:00Z", "jobId": job, "stage": stage, "currentHash": CURRENT,
             "staleHashes": [STALE], "requestedBy": "alice"}
    if seq is not None:
        event["seq"] = seq
    event.update(changes)
    return event


class Recorder:
    """A hook that records its calls and can be told to fail."""

    def __init__(self, fail_times=0, check=None):
        self.calls = []
        self.fail_times = fail_times
        self.check = check

    def __call__(self, job, stage, stale_hashes, event_id):
        if self.check:
            self.check(event_id)
        if self.fail_times > 0:
            self.fail_times -= 1
            raise RuntimeError("store is down")
        self.calls.append((job, stage, stale_hashes, event_id))


# --- state file ---------------------------------------------------------------------------------

def test_state_file_is_written_atomically_and_reread(tmp_path):
    path = tmp_path / "resets.json"
    state = ListenerState(path)
    state.record("e1", cursor_key="http:j", cursor=3)
    state.record("e2")
    again = ListenerState(path)
    assert again.handled("e1") and again.handled("e2") and not again.handled("e3")
    assert again.cursor("http:j") == 3
    assert os.listdir(tmp_path) == ["resets.json"]


def test_a_failed_write_keeps_the_old_state(tmp_path, monkeypatch):
    path = tmp_path / "resets.json"
    state = ListenerState(path)
    state.record("e1")
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        state.record("e2")
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["resets.json"]


def test_state_remembers_a_bounded_number_of_event_ids(tmp_path):
    state = ListenerState(tmp_path / "s.json", max_remembered=2)
    for e in ("e1", "e2", "e3"):
        state.record(e)
    assert not state.handled("e1") and state.handled("e2") and state.handled("e3")


def test_an_unreadable_state_file_stops_the_listener_with_a_clear_message(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json")
    with pytest.raises(StalewatchError, match="unreadable"):
        ListenerState(path)


# --- HTTP ---------------------------------------------------------------------------------------

class ResetFeed:
    """GET /api/resets on the stub: the resets after the cursor, in seq order."""

    def __init__(self, stub):
        self.resets = []
        stub.routes["GET /api/resets"] = self

    def __call__(self, request):
        after = int(request.query.get("after", 0))
        limit = int(request.query["limit"])
        page = [r for r in self.resets if r["seq"] > after and r["jobId"] == request.query["job"]][:limit]
        return 200, {}, {"resets": page, "nextAfter": page[-1]["seq"] if page else None}


def test_http_listener_hands_each_reset_to_the_hook_once(stub, tmp_path):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(1), reset_event(2, stage="score"), reset_event(3, job="other")]
    hook = Recorder()
    listener = HttpResetListener(Client(stub.url, "t"), "vic_ideas", hook, str(tmp_path / "s.json"))
    assert listener.poll_once() == 2
    assert [c[:3] for c in hook.calls] == [("vic_ideas", "extract", [STALE]), ("vic_ideas", "score", [STALE])]
    assert [c[3] for c in hook.calls] == [feed.resets[0]["eventId"], feed.resets[1]["eventId"]]
    assert listener.poll_once() == 0
    assert stub.requests[-1].query["after"] == "2"
    assert len(hook.calls) == 2


def test_http_listener_pages_through_many_resets(stub, tmp_path):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(i) for i in range(1, 8)]
    hook = Recorder()
    listener = HttpResetListener(Client(stub.url), "vic_ideas", hook, str(tmp_path / "s.json"), limit=3)
    assert listener.poll_once() == 7
    assert [r.query.get("after") for r in stub.requests] == [None, "3", "6"]  # the short page ends the poll


def test_http_listener_is_idempotent_by_event_id_across_a_restart(stub, tmp_path):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(1), reset_event(2)]
    state_file = str(tmp_path / "s.json")
    first = Recorder()
    HttpResetListener(Client(stub.url), "vic_ideas", first, state_file).poll_once()
    # Stalewatch delivers at least once: seq 3 repeats the event of seq 2.
    feed.resets += [reset_event(3, event_id=feed.resets[1]["eventId"]), reset_event(4)]
    second = Recorder()
    restarted = HttpResetListener(Client(stub.url), "vic_ideas", second, state_file)
    assert restarted.poll_once() == 1
    assert [c[3] for c in second.calls] == [feed.resets[3]["eventId"]]
    assert stub.requests[-1].query["after"] == "2"
    assert ListenerState(state_file).cursor("http:vic_ideas") == 4


def test_http_listener_acknowledges_only_after_the_hook_returned(stub, tmp_path):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(1), reset_event(2)]
    state_file = str(tmp_path / "s.json")
    seen = []

    def check(event_id):
        saved = ListenerState(state_file)
        seen.append((saved.handled(event_id), saved.cursor("http:vic_ideas")))

    HttpResetListener(Client(stub.url), "vic_ideas", Recorder(check=check), state_file).poll_once()
    assert seen == [(False, None), (False, 1)]


def test_a_hook_that_raises_is_retried_next_poll(stub, tmp_path, caplog):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(1), reset_event(2)]
    hook = Recorder(fail_times=1)
    state_file = str(tmp_path / "s.json")
    listener = HttpResetListener(Client(stub.url), "vic_ideas", hook, state_file)
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        assert listener.poll_once() == 0
    assert hook.calls == [] and ListenerState(state_file).cursor("http:vic_ideas") is None
    assert any("store is down" in r.getMessage() for r in caplog.records)
    assert listener.poll_once() == 2
    assert [c[3] for c in hook.calls] == [r["eventId"] for r in feed.resets]


def test_http_listener_filters_by_stage(stub, tmp_path):
    feed = ResetFeed(stub)
    feed.resets = [reset_event(1), reset_event(2, stage="score")]
    hook = Recorder()
    listener = HttpResetListener(Client(stub.url), "vic_ideas", hook, str(tmp_path / "s.json"), stage="score")
    assert listener.poll_once() == 1 and hook.calls[0][1] == "score"
    assert stub.requests[0].query["stage"] == "score"


def test_http_listener_survives_an_outage(tmp_path, caplog):
    listener = HttpResetListener(Client(refused_url()), "vic_ideas", Recorder(), str(tmp_path / "s.json"))
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        assert listener.poll_once() == 0
        assert listener.poll_once() == 0
    assert len([r for r in caplog.records if r.levelno >= logging.WARNING]) == 1


def test_http_run_is_stoppable(stub, tmp_path):
    ResetFeed(stub).resets = [reset_event(1)]
    hook = Recorder()
    listener = HttpResetListener(Client(stub.url), "vic_ideas", hook, str(tmp_path / "s.json"), interval=0.05)
    thread = threading.Thread(target=listener.run)
    thread.start()
    deadline = time.monotonic() + 5
    while not hook.calls and time.monotonic() < deadline:
        time.sleep(0.01)
    listener.stop()
    thread.join(2)
    assert not thread.is_alive() and len(hook.calls) == 1


def test_http_run_with_max_idle_returns(stub, tmp_path):
    ResetFeed(stub)
    listener = HttpResetListener(Client(stub.url), "vic_ideas", Recorder(), str(tmp_path / "s.json"), interval=0.05)
    started = time.monotonic()
    listener.run(max_idle=0.2)
    assert time.monotonic() - started < 2


# --- Kafka --------------------------------------------------------------------------------------

class FakeMessage:
    def __init__(self, offset, value, key=None, partition=0, topic="stalewatch.reset-requested.v1", error=None):
        self._offset, self._value, self._key = offset, value, key
        self._partition, self._topic, self._error = partition, topic, error

    def topic(self):
        return self._topic

    def partition(self):
        return self._partition

    def offset(self):
        return self._offset

    def key(self):
        return self._key

    def value(self):
        return self._value

    def error(self):
        return self._error


class FakeConsumer:
    """One partition: poll returns the record at the position; seek moves it; commits are recorded."""

    def __init__(self, config):
        self.config = config
        self.records = []
        self.position = 0
        self.commits = []
        self.subscribed = None
        self.closed = False

    def subscribe(self, topics):
        self.subscribed = topics

    def poll(self, timeout):
        if self.position >= len(self.records):
            return None
        msg = self.records[self.position]
        self.position += 1
        return msg

    def commit(self, message=None, asynchronous=True):
        assert asynchronous is False
        self.commits.append(message.offset())

    def seek(self, tp):
        self.position = tp.offset

    def close(self):
        self.closed = True

    def add(self, event, key=None):
        value = event if isinstance(event, bytes) or event is None else json.dumps(event).encode("utf-8")
        if key is None and isinstance(event, dict):
            key = f"{event['jobId']}/{event['stage']}".encode()
        self.records.append(FakeMessage(len(self.records), value, key))


def kafka_listener(tmp_path, hook, consumer=None, **kwargs):
    consumers = []

    def factory(config):
        made = consumer or FakeConsumer(config)
        made.config = config
        consumers.append(made)
        return made

    listener = KafkaResetListener("vic_ideas", hook, str(tmp_path / "k.json"), group_id="pipeline-resets",
                                  bootstrap_servers="broker:9092", consumer_factory=factory, **kwargs)
    listener._ensure_consumer()
    return listener, consumers[0]


def test_kafka_consumer_configuration(tmp_path):
    listener, consumer = kafka_listener(tmp_path, Recorder())
    assert consumer.config == {"group.id": "pipeline-resets", "auto.offset.reset": "earliest",
                               "bootstrap.servers": "broker:9092", "enable.auto.commit": False}
    assert consumer.subscribed == ["stalewatch.reset-requested.v1"]
    with pytest.raises(ValueError, match="enable.auto.commit"):
        KafkaResetListener("j", Recorder(), str(tmp_path / "x.json"), group_id="g", bootstrap_servers="b",
                           config={"enable.auto.commit": True})


def test_kafka_commits_only_after_the_hook_returned(tmp_path):
    holder = {}

    def check(event_id):
        assert holder["consumer"].commits == []
        assert not ListenerState(str(tmp_path / "k.json")).handled(event_id)

    hook = Recorder(check=check)
    listener, consumer = kafka_listener(tmp_path, hook)
    holder["consumer"] = consumer
    event = reset_event()
    consumer.add(event)
    assert listener.poll_once() is Outcome.HANDLED
    assert hook.calls == [("vic_ideas", "extract", [STALE], event["eventId"])]
    assert consumer.commits == [0]
    assert ListenerState(str(tmp_path / "k.json")).handled(event["eventId"])
    assert listener.poll_once() is Outcome.IDLE


def test_kafka_hook_that_raises_is_retried_and_not_committed(tmp_path):
    hook = Recorder(fail_times=1)
    listener, consumer = kafka_listener(tmp_path, hook)
    consumer.add(reset_event())
    assert listener.poll_once() is Outcome.FAILED
    assert consumer.commits == [] and hook.calls == []
    assert listener.poll_once() is Outcome.HANDLED
    assert consumer.commits == [0] and len(hook.calls) == 1


def test_kafka_is_idempotent_by_event_id_across_a_restart(tmp_path):
    event = reset_event()
    hook = Recorder()
    listener, consumer = kafka_listener(tmp_path, hook)
    consumer.add(event)
    consumer.add(event)  # delivered twice
    assert [listener.poll_once(), listener.poll_once()] == [Outcome.HANDLED, Outcome.DUPLICATE]
    assert consumer.commits == [0, 1] and len(hook.calls) == 1
    listener.close()
    # a new process with the same state file gets the record again (say the commit was lost)
    again = FakeConsumer({})
    again.add(event)
    second_hook = Recorder()
    restarted, _ = kafka_listener(tmp_path, second_hook, consumer=again)
    assert restarted.poll_once() is Outcome.DUPLICATE
    assert second_hook.calls == [] and again.commits == [0]


def test_kafka_filters_by_job_and_stage(tmp_path):
    hook = Recorder()
    listener, consumer = kafka_listener(tmp_path, hook, stage="score")
    consumer.add(reset_event(job="other"))
    consumer.add(reset_event(stage="extract"))
    consumer.add(reset_event(stage="score"))
    assert [listener.poll_once() for _ in range(3)] == [Outcome.SKIPPED, Outcome.SKIPPED, Outcome.HANDLED]
    assert consumer.commits == [0, 1, 2] and [c[1] for c in hook.calls] == ["score"]


def test_kafka_invalid_records_are_logged_and_committed(tmp_path, caplog):
    hook = Recorder()
    listener, consumer = kafka_listener(tmp_path, hook)
    consumer.add(b"{not json", key=b"vic_ideas/extract")
    consumer.add(reset_event(requestedBy="al\x00ice"))
    consumer.add(reset_event(requestedAt="2999-01-01T00:00:00Z"))
    consumer.add(None, key=b"vic_ideas/extract")
    with caplog.at_level(logging.ERROR, logger="stalewatch"):
        outcomes = [listener.poll_once() for _ in range(4)]
    assert outcomes == [Outcome.INVALID] * 4
    assert consumer.commits == [0, 1, 2, 3] and hook.calls == []
    assert len(caplog.records) == 4 and "requestedBy" in caplog.records[1].getMessage()


def test_kafka_run_stops_when_idle_and_closes_the_consumer(tmp_path):
    hook = Recorder()
    listener, consumer = kafka_listener(tmp_path, hook, poll_timeout=0.01)
    consumer.add(reset_event())
    listener.run(max_idle=0.1)
    assert consumer.closed and len(hook.calls) == 1


def test_kafka_run_is_stoppable(tmp_path):
    listener, consumer = kafka_listener(tmp_path, Recorder(), poll_timeout=0.01)
    thread = threading.Thread(target=listener.run)
    thread.start()
    time.sleep(0.05)
    listener.stop()
    thread.join(2)
    assert not thread.is_alive() and consumer.closed


def test_kafka_is_imported_lazily():
    import subprocess
    import sys
    code = "import stalewatch, sys; assert 'confluent_kafka' not in sys.modules, 'imported eagerly'"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)


def test_http_listener_does_not_spin_on_a_server_that_ignores_the_cursor(stub, tmp_path):
    page = [reset_event(1), reset_event(2)]
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": page, "nextAfter": 2})
    hook = Recorder()
    listener = HttpResetListener(Client(stub.url), "vic_ideas", hook, str(tmp_path / "s.json"), limit=2)
    assert listener.poll_once() == 2
    assert listener.poll_once() == 0
    assert len(stub.requests) == 3 and len(hook.calls) == 2
