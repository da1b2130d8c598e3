"""Reporting over Kafka, for workers that reach the broker but not snapshot-service's HTTP API.

The same VersionObserved as :meth:`stalewatch.Client.report`, published on
``stalewatch.version-observed.v1`` with the key ``jobId/stage`` (one stage's reports stay in order on
one partition) by an idempotent producer with ``acks=all``. Needs ``confluent-kafka`` (the
``[kafka]`` extra), imported only when the first report is made.
"""
from __future__ import annotations

import json
import logging
import threading
from typing import Any, Callable, Dict, Mapping, Optional

from .capture import Capture
from .client import ReportResult, default_worker_id, histogram_only, version_observed
from .errors import InvalidEvent, StalewatchError, StalewatchUnavailable
from .hashing import ALGORITHM
from .wire import VERSION_OBSERVED_TOPIC, new_event_id, stage_key

log = logging.getLogger("stalewatch")

PRODUCER_DEFAULTS: Dict[str, Any] = {
    "enable.idempotence": True,
    "acks": "all",
    "linger.ms": 5,
    # a report is at most 2 MiB on the wire (docs/workers.md)
    "message.max.bytes": 2 * 1024 * 1024,
}


class KafkaReporter:
    """Publishes reports to Kafka; bounded in time, and never raises into the worker unless ``strict``.

    ``bootstrap_servers`` is the broker list (e.g. ``$KAFKA_BOOTSTRAP_SERVERS``), ``timeout`` how long
    one report waits for the broker's acknowledgement, ``config`` librdkafka settings laid over
    :data:`PRODUCER_DEFAULTS` (TLS, SASL). An unacknowledged report stays in the producer's queue
    and is still sent when the broker comes back (idempotently); the result says it was not
    confirmed. As with HTTP, an outage is logged once, and the first report after it at INFO.
    ``producer_factory(config)`` builds the producer (default ``confluent_kafka.Producer``).
    Thread-safe. Close it at shutdown: :meth:`close` waits up to ``timeout`` for reports in flight.
    """

    def __init__(self, bootstrap_servers: str, *, timeout: float = 5.0, config: Optional[Mapping[str, Any]] = None,
                 topic: str = VERSION_OBSERVED_TOPIC,
                 producer_factory: Optional[Callable[[Dict[str, Any]], Any]] = None) -> None:
        if not bootstrap_servers:
            raise ValueError("bootstrap_servers is required, e.g. localhost:9092")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.timeout = float(timeout)
        self.topic = topic
        self._config: Dict[str, Any] = {**PRODUCER_DEFAULTS, "bootstrap.servers": bootstrap_servers,
                                        **dict(config or {})}
        self._factory = producer_factory
        self._producer: Any = None
        self._lock = threading.Lock()
        self._unreachable = False

    def report(self, job: str, stage: str, capture: Capture, result_versions: Mapping[str, int], *,
               worker_id: Optional[str] = None, strict: bool = False) -> ReportResult:
        """Publishes the stage's version, as :meth:`stalewatch.Client.report` posts it."""
        event_id = new_event_id()
        version_hash = getattr(capture, "version_hash", None) or ""
        if not isinstance(capture, Capture):
            return self._failed(event_id, version_hash, strict, StalewatchError(
                f"report of {job}/{stage} not sent: capture must be a stalewatch.Capture"))
        worker = default_worker_id(stage) if worker_id is None else worker_id
        return self._publish(job, stage, event_id, version_hash, strict, lambda: version_observed(
            job, stage, capture, result_versions, worker_id=worker, event_id=event_id))

    def report_histogram(self, job: str, stage: str, version_hash: str, result_versions: Mapping[str, int], *,
                         hash_algorithm: str = ALGORITHM, worker_id: Optional[str] = None,
                         strict: bool = False) -> ReportResult:
        """A histogram-only report (no source) of a hash Stalewatch already knows."""
        event_id = new_event_id()
        worker = default_worker_id(stage) if worker_id is None else worker_id
        return self._publish(job, stage, event_id, str(version_hash), strict, lambda: histogram_only(
            job, stage, version_hash, result_versions, hash_algorithm=hash_algorithm, worker_id=worker,
            event_id=event_id))

    def close(self) -> None:
        with self._lock:
            producer, self._producer = self._producer, None
        if producer is not None:
            left = producer.flush(self.timeout)
            if left:
                log.warning("stalewatch: %d report(s) not acknowledged by Kafka at close", left)

    def __enter__(self) -> "KafkaReporter":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _publish(self, job: str, stage: str, event_id: str, version_hash: str, strict: bool,
                 build: Callable[[], Dict[str, Any]]) -> ReportResult:
        try:
            try:
                value = json.dumps(build(), ensure_ascii=False).encode("utf-8")
            except InvalidEvent as e:
                return self._failed(event_id, version_hash, strict,
                                    StalewatchError(f"report of {job}/{stage} not sent: {e}"))
            outcome: Dict[str, Any] = {}
            acknowledged = threading.Event()

            def delivered(error: Any, _message: Any) -> None:
                outcome["error"] = error
                acknowledged.set()

            producer = self._ensure_producer()
            producer.produce(self.topic, key=stage_key(job, stage).encode("utf-8"), value=value,
                             on_delivery=delivered)
            producer.flush(self.timeout)
            if not acknowledged.is_set():
                return self._outage(event_id, version_hash, strict, StalewatchUnavailable(
                    f"Kafka did not acknowledge the report of {job}/{stage} within {self.timeout:g} s"
                    " (it stays queued and is sent when the broker answers)"))
            if outcome.get("error") is not None:
                return self._outage(event_id, version_hash, strict, StalewatchUnavailable(
                    f"Kafka refused the report of {job}/{stage}: {outcome['error']}"))
            self._answered()
            return ReportResult(True, event_id, version_hash, topic=self.topic)
        except StalewatchError as e:
            if strict:
                raise
            return self._failed(event_id, version_hash, strict, e)  # e.g. confluent-kafka missing
        except Exception as e:  # a bad setting, a bug: never into the worker
            return self._failed(event_id, version_hash, strict,
                                StalewatchError(f"report of {job}/{stage} not sent: {e}"))

    def _ensure_producer(self) -> Any:
        with self._lock:
            if self._producer is None:
                factory = self._factory
                if factory is None:
                    try:
                        from confluent_kafka import Producer
                    except ImportError:
                        raise StalewatchError("reporting over Kafka needs confluent-kafka: install "
                                              "stalewatch[kafka] (Debian: apt-get install python3-confluent-kafka)"
                                              ) from None
                    factory = Producer
                self._producer = factory(dict(self._config))
            return self._producer

    def _outage(self, event_id: str, version_hash: str, strict: bool, error: StalewatchError) -> ReportResult:
        with self._lock:
            first, self._unreachable = not self._unreachable, True
        if first:
            log.warning("stalewatch: %s", error)
        if strict:
            raise error
        return ReportResult(False, event_id, version_hash, error=str(error), topic=self.topic)

    def _failed(self, event_id: str, version_hash: str, strict: bool, error: StalewatchError) -> ReportResult:
        log.warning("stalewatch: %s", error)
        if strict:
            raise error
        return ReportResult(False, event_id, version_hash, error=str(error), topic=self.topic)

    def _answered(self) -> None:
        with self._lock:
            was, self._unreachable = self._unreachable, False
        if was:
            log.info("stalewatch: Kafka acknowledges reports again")
