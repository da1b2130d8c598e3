"""Reset listeners: hand each ResetRequested for the pipeline's job to a hook, at least once.

The hook is ``hook(job, stage, stale_hashes, event_id)``: mark or delete the results made by
``stale_hashes`` for recompute. It is called at least once per reset and, through the state file,
at most once per event id in normal operation (a crash between the hook's return and the state
file's write calls it again, so keep the hook idempotent too, e.g. by storing ``event_id`` in the
same transaction). A reset is acknowledged (HTTP: the cursor saved; Kafka: the offset committed)
only after the hook returned; a hook that raises is retried at the next poll.
"""
from __future__ import annotations

import enum
import json
import logging
import threading
import time
from typing import Any, Callable, Collection, Dict, FrozenSet, List, Mapping, Optional, Union

from .client import Client
from .errors import InvalidEvent, StalewatchError, StalewatchUnavailable
from .state import ListenerState
from .wire import RESET_REQUESTED_TOPIC, ResetRequest

log = logging.getLogger("stalewatch")

Hook = Callable[[str, str, List[str], str], Any]
"""``hook(job, stage, stale_hashes, event_id)``; its return value is ignored."""


class _Listener:
    def __init__(self, jobs: Union[str, Collection[str]], hook: Hook,
                 state: Union[str, "ListenerState", Any], stage: Optional[str]) -> None:
        if not callable(hook):
            raise TypeError("hook must be callable: hook(job, stage, stale_hashes, event_id)")
        self.jobs: FrozenSet[str] = frozenset([jobs] if isinstance(jobs, str) else jobs)
        if not self.jobs:
            raise ValueError("name at least one job")
        self.stage = stage
        self.hook = hook
        self.state = state if isinstance(state, ListenerState) else ListenerState(state)
        self._stop = threading.Event()

    def stop(self) -> None:
        """Asks :meth:`run` to return after the current poll (safe from other threads and signal handlers)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stop.is_set()

    def _wanted(self, job: str, stage: str) -> bool:
        return job in self.jobs and (self.stage is None or stage == self.stage)

    def _call_hook(self, reset: ResetRequest) -> bool:
        try:
            self.hook(reset.job_id, reset.stage, list(reset.stale_hashes), reset.event_id)
            return True
        except Exception as e:
            log.warning("stalewatch: reset hook failed for %s/%s (event %s), retried at the next poll: %s: %s",
                        reset.job_id, reset.stage, reset.event_id, type(e).__name__, e, exc_info=True)
            return False


class HttpResetListener(_Listener):
    """Polls ``GET /api/resets`` for a job and hands each reset to ``hook``.

    The cursor (last ``seq`` done) and the handled event ids live in ``state`` (a path or a
    :class:`ListenerState`), so a restart with the same file goes on where it stopped and never
    calls the hook twice for one event id. ``stage`` limits it to one stage; ``interval`` is the
    pause between polls of :meth:`run`.
    """

    def __init__(self, client: Client, job: str, hook: Hook, state: Union[str, ListenerState, Any], *,
                 stage: Optional[str] = None, interval: float = 30.0, limit: int = 100) -> None:
        if not isinstance(job, str):
            raise TypeError("job must be one job name")
        super().__init__(job, hook, state, stage)
        self.client = client
        self.job = job
        self.interval = float(interval)
        self.limit = limit
        self.cursor_key = f"http:{job}" + (f"/{stage}" if stage else "")

    def poll_once(self) -> int:
        """Fetches every reset after the cursor and hands the new ones to the hook, in ``seq`` order.

        Stops at the first reset whose hook raises (the cursor stays before it, so the next poll
        retries it) and when Stalewatch cannot be reached (logged once per outage by the client).
        Answers how many resets the hook handled.
        """
        handled = 0
        while not self.stopped:
            after = self.state.cursor(self.cursor_key)
            try:
                page = self.client.resets(self.job, stage=self.stage, after=after, limit=self.limit)
            except StalewatchUnavailable:
                return handled
            except StalewatchError as e:
                log.warning("stalewatch: listing resets of %s failed: %s", self.job, e)
                return handled
            for reset in page.resets:
                seq = reset.seq if reset.seq is not None else after
                if after is not None and reset.seq is not None and reset.seq <= after:
                    continue  # already behind the cursor
                if not self._wanted(reset.job_id, reset.stage) or self.state.handled(reset.event_id):
                    if seq is not None:
                        self.state.set_cursor(self.cursor_key, seq)
                    continue
                if not self._call_hook(reset):
                    return handled
                self.state.record(reset.event_id, cursor_key=self.cursor_key, cursor=seq)
                handled += 1
            current = self.state.cursor(self.cursor_key)
            if page.next_after is not None and (current is None or page.next_after > current):
                self.state.set_cursor(self.cursor_key, page.next_after)
            if (page.next_after is None or len(page.resets) + len(page.invalid) < self.limit
                    or self.state.cursor(self.cursor_key) == after):  # no progress: do not spin
                return handled
        return handled

    def run(self, *, max_idle: Optional[float] = None) -> None:
        """Polls every ``interval`` seconds until :meth:`stop` (or, with ``max_idle``, until that many
        seconds passed without a reset to handle)."""
        idle_since = time.monotonic()
        while not self.stopped:
            if self.poll_once():
                idle_since = time.monotonic()
            elif max_idle is not None and time.monotonic() - idle_since >= max_idle:
                return
            wait = self.interval if max_idle is None else min(self.interval, max(0.0, max_idle - (time.monotonic() - idle_since)))
            self._stop.wait(wait)


class Outcome(str, enum.Enum):
    """What :meth:`KafkaResetListener.poll_once` did with one poll."""

    IDLE = "idle"
    """No record (or only a partition-end notice)."""
    HANDLED = "handled"
    """The hook handled a reset; offset committed."""
    DUPLICATE = "duplicate"
    """A reset whose event id was handled before; offset committed, hook not called."""
    SKIPPED = "skipped"
    """A reset of another job or stage; offset committed."""
    INVALID = "invalid"
    """A record that is not a valid ResetRequested; logged as an error, offset committed."""
    FAILED = "failed"
    """The hook raised; offset not committed, the consumer rewound to the record for a retry."""
    ERROR = "error"
    """The consumer reported an error (logged)."""


class KafkaResetListener(_Listener):
    """Consumes ``stalewatch.reset-requested.v1`` and hands the resets of ``job`` to ``hook``.

    ``group_id`` is the pipeline's consumer group. Offsets are committed synchronously, one record
    at a time, only after the hook returned (``enable.auto.commit`` is always false). Records of
    other jobs (or stages, with ``stage``) are committed without calling the hook, so **every
    listener of one group must listen to the same jobs**: give each job set its own group, or list
    several jobs in ``job``.

    ``consumer_factory(config)`` builds the consumer; the default is ``confluent_kafka.Consumer``
    (the ``[kafka]`` extra, imported only then). Tests pass a fake with ``subscribe``, ``poll``,
    ``commit(message=, asynchronous=)``, ``seek`` and ``close``. ``config`` adds to or overrides the
    consumer configuration (except ``enable.auto.commit``).
    """

    def __init__(self, job: Union[str, Collection[str]], hook: Hook, state: Union[str, ListenerState, Any], *,
                 group_id: str, bootstrap_servers: Optional[str] = None, stage: Optional[str] = None,
                 topic: str = RESET_REQUESTED_TOPIC, config: Optional[Mapping[str, Any]] = None,
                 consumer_factory: Optional[Callable[[Dict[str, Any]], Any]] = None,
                 poll_timeout: float = 1.0, retry_backoff: float = 5.0) -> None:
        super().__init__(job, hook, state, stage)
        if not group_id:
            raise ValueError("group_id is required: the pipeline's consumer group")
        conf: Dict[str, Any] = {"group.id": group_id, "auto.offset.reset": "earliest"}
        if bootstrap_servers:
            conf["bootstrap.servers"] = bootstrap_servers
        conf.update(config or {})
        if str(conf.get("enable.auto.commit", "false")).lower() not in ("false", "0"):
            raise ValueError("enable.auto.commit must stay false: offsets are committed after the hook")
        conf["enable.auto.commit"] = False
        if "bootstrap.servers" not in conf:
            raise ValueError("bootstrap_servers (or config['bootstrap.servers']) is required")
        self.config = conf
        self.topic = topic
        self.poll_timeout = float(poll_timeout)
        self.retry_backoff = float(retry_backoff)
        self._factory = consumer_factory
        self._consumer: Any = None

    def _ensure_consumer(self) -> Any:
        if self._consumer is None:
            factory = self._factory
            if factory is None:
                try:
                    from confluent_kafka import Consumer
                except ImportError:
                    raise StalewatchError("the Kafka listener needs confluent-kafka: install stalewatch[kafka] "
                                          "(Debian: apt-get install python3-confluent-kafka)") from None
                factory = Consumer
            consumer = factory(dict(self.config))
            consumer.subscribe([self.topic])
            self._consumer = consumer
        return self._consumer

    def poll_once(self, timeout: Optional[float] = None) -> Outcome:
        """Polls one record (waiting up to ``timeout``, default ``poll_timeout`` seconds) and deals with it."""
        consumer = self._ensure_consumer()
        msg = consumer.poll(self.poll_timeout if timeout is None else timeout)
        if msg is None:
            return Outcome.IDLE
        error = msg.error()
        if error is not None:
            if _is_partition_eof(error):
                return Outcome.IDLE
            if getattr(error, "fatal", lambda: False)():
                raise StalewatchError(f"Kafka consumer failed: {error}")
            log.warning("stalewatch: Kafka consumer error: %s", error)
            return Outcome.ERROR
        where = f"{msg.topic()} [{msg.partition()}] @{msg.offset()}"
        key_job = _job_of_key(msg.key())
        if key_job is not None and key_job not in self.jobs:
            self._commit(msg)
            return Outcome.SKIPPED
        try:
            value = msg.value()
            if value is None:
                raise InvalidEvent("$", "the record has no value")
            reset = ResetRequest.from_json(json.loads(value))
        except (ValueError, InvalidEvent) as e:
            log.error("stalewatch: record %s (key %r) is not a valid ResetRequested, skipped: %s", where, msg.key(), e)
            self._commit(msg)
            return Outcome.INVALID
        if not self._wanted(reset.job_id, reset.stage):
            self._commit(msg)
            return Outcome.SKIPPED
        if self.state.handled(reset.event_id):
            self._commit(msg)
            return Outcome.DUPLICATE
        if not self._call_hook(reset):
            self._rewind(consumer, msg)
            return Outcome.FAILED
        self.state.record(reset.event_id)
        self._commit(msg)
        return Outcome.HANDLED

    def _commit(self, msg: Any) -> None:
        try:
            self._ensure_consumer().commit(message=msg, asynchronous=False)
        except Exception as e:  # e.g. a rebalance: the record comes again and is a duplicate then
            log.warning("stalewatch: commit of %s [%s] @%s failed (it will be seen again): %s",
                        msg.topic(), msg.partition(), msg.offset(), e)

    def _rewind(self, consumer: Any, msg: Any) -> None:
        try:
            consumer.seek(_topic_partition(msg.topic(), msg.partition(), msg.offset()))
        except Exception as e:  # not assigned any more: its next owner starts from the committed offset
            log.debug("stalewatch: seek back to %s [%s] @%s failed: %s", msg.topic(), msg.partition(), msg.offset(), e)

    def run(self, *, max_idle: Optional[float] = None) -> None:
        """Consumes until :meth:`stop` (or, with ``max_idle``, that many seconds without a record),
        then closes the consumer. After a failed hook it waits ``retry_backoff`` seconds."""
        idle_since = time.monotonic()
        try:
            while not self.stopped:
                outcome = self.poll_once()
                if outcome is Outcome.IDLE:
                    if max_idle is not None and time.monotonic() - idle_since >= max_idle:
                        return
                    continue
                idle_since = time.monotonic()
                if outcome in (Outcome.FAILED, Outcome.ERROR):
                    self._stop.wait(self.retry_backoff)
        finally:
            self.close()

    def close(self) -> None:
        """Closes the consumer (leaving the group); a later poll makes a new one."""
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            consumer.close()

    def __enter__(self) -> "KafkaResetListener":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _job_of_key(key: Any) -> Optional[str]:
    if isinstance(key, bytes):
        try:
            key = key.decode("utf-8")
        except UnicodeDecodeError:
            return None
    if isinstance(key, str) and "/" in key:
        return key.split("/", 1)[0]
    return None


def _is_partition_eof(error: Any) -> bool:
    try:
        from confluent_kafka import KafkaError
    except ImportError:
        return False
    try:
        return error.code() == KafkaError._PARTITION_EOF
    except Exception:
        return False


def _topic_partition(topic: str, partition: int, offset: int) -> Any:
    try:
        from confluent_kafka import TopicPartition
    except ImportError:
        from collections import namedtuple
        return namedtuple("TopicPartition", "topic partition offset")(topic, partition, offset)
    return TopicPartition(topic, partition, offset)
