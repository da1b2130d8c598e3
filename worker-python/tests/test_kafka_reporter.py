"""KafkaReporter with a fake producer (the real broker is exercised by the Java PythonWorkerExampleIT)."""
import json
import logging

import pytest

import stalewatch
from stalewatch import KafkaReporter, StalewatchError


def _stage_extract(item_key, data, stage, job):
    return data


class FakeProducer:
    """Acknowledges on flush like librdkafka, or never (an unreachable broker), or with an error."""

    def __init__(self, config, mode="ack"):
        self.config = config
        self.mode = mode
        self.sent = []
        self._waiting = []

    def produce(self, topic, key=None, value=None, on_delivery=None):
        self.sent.append((topic, key, value))
        self._waiting.append(on_delivery)

    def flush(self, timeout=None):
        if self.mode == "silent":
            return len(self._waiting)
        for callback in self._waiting:
            callback("KafkaError{code=MSG_SIZE_TOO_LARGE}" if self.mode == "error" else None, None)
        self._waiting = []
        return 0


def reporter(mode="ack", **kwargs):
    made = []

    def factory(config):
        made.append(FakeProducer(config, mode))
        return made[-1]

    return KafkaReporter("broker:9092", producer_factory=factory, **kwargs), made


def test_a_report_is_a_version_observed_keyed_by_stage_on_an_idempotent_producer():
    rep, made = reporter()
    cap = stalewatch.capture(_stage_extract, "extract")

    result = rep.report("vic_ideas", "extract", cap, {cap.version_hash: 3}, worker_id="w1")

    assert result.delivered and result.topic == "stalewatch.version-observed.v1"
    producer = made[0]
    assert producer.config["enable.idempotence"] is True and producer.config["acks"] == "all"
    topic, key, value = producer.sent[0]
    assert key == b"vic_ideas/extract"
    event = json.loads(value)
    assert event["type"] == "VersionObserved" and event["eventId"] == result.event_id
    assert event["versionHash"] == cap.version_hash == stalewatch.stalewatch_sha256_v1(
        "python", event["source"], event["deps"])
    assert event["resultVersions"] == {cap.version_hash: 3} and event["workerId"] == "w1"


def test_a_histogram_only_report_carries_no_source():
    rep, made = reporter()
    result = rep.report_histogram("vic_ideas", "extract", "5b0d77c3e2a1f009", {"5b0d77c3e2a1f009": 7})

    assert result.delivered
    event = json.loads(made[0].sent[0][2])
    assert "source" not in event and event["resultVersions"] == {"5b0d77c3e2a1f009": 7}


def test_an_unreachable_broker_costs_the_timeout_says_so_once_and_raises_only_when_strict(caplog):
    rep, _ = reporter("silent", timeout=0.2)
    cap = stalewatch.capture(_stage_extract, "extract")

    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        first = rep.report("vic_ideas", "extract", cap, {})
        second = rep.report("vic_ideas", "extract", cap, {})

    assert not first and not second
    assert "did not acknowledge" in first.error
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    with pytest.raises(stalewatch.StalewatchUnavailable):
        rep.report("vic_ideas", "extract", cap, {}, strict=True)


def test_a_refused_report_and_an_invalid_one_are_results_not_exceptions():
    rep, _ = reporter("error")
    cap = stalewatch.capture(_stage_extract, "extract")
    assert "MSG_SIZE_TOO_LARGE" in rep.report("vic_ideas", "extract", cap, {}).error

    rep, made = reporter()
    bad = rep.report("vic ideas", "extract", cap, {})
    assert not bad and "jobId" in bad.error and not made
    with pytest.raises(StalewatchError):
        rep.report("vic ideas", "extract", cap, {}, strict=True)


def test_without_confluent_kafka_the_report_says_how_to_install_it(monkeypatch):
    import builtins
    real_import = builtins.__import__

    def no_kafka(name, *args, **kwargs):
        if name == "confluent_kafka":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_kafka)
    result = KafkaReporter("broker:9092").report("j", "extract", stalewatch.capture(_stage_extract, "extract"), {})

    assert not result and "python3-confluent-kafka" in result.error
