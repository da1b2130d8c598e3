"""Stalewatch for Python stage workers.

* :func:`capture` the stage's source and ``VERSION_DEPS`` and their stalewatch-sha256-v1 hash;
* :class:`Client` to report the version (``report``), ask which stored results are still valid
  (``valid_versions`` / ``is_valid``) and list resets (``resets``) over HTTP;
* :class:`KafkaReporter` to report over Kafka instead;
* :class:`HttpResetListener` and :class:`KafkaResetListener` to hand each ResetRequested to the
  pipeline's hook, at least once and idempotently by event id.

Standard library only, except the Kafka paths (the ``[kafka]`` extra, ``confluent-kafka``).
"""
__version__ = "0.1.0"

from .capture import Capture, Dep, Source, capture
from .client import (PENDING_DECISION, RESET_REQUESTED, STALE, TRIAGING, VALID, Client, ReportResult,
                     ResetPage, Validity, VersionState, histogram_only, version_observed)
from .errors import InvalidEvent, Problem, StalewatchError, StalewatchRefused, StalewatchUnavailable
from .hashing import ALGORITHM, stalewatch_sha256_v1
from .kafka_reporter import KafkaReporter
from .listeners import HttpResetListener, KafkaResetListener, Outcome
from .state import ListenerState
from .wire import RESET_REQUESTED_TOPIC, VERSION_OBSERVED_TOPIC, ResetRequest

__all__ = [
    "ALGORITHM", "Capture", "Client", "Dep", "HttpResetListener", "InvalidEvent", "KafkaReporter", "KafkaResetListener",
    "ListenerState", "Outcome", "PENDING_DECISION", "Problem", "RESET_REQUESTED", "RESET_REQUESTED_TOPIC",
    "ReportResult", "ResetPage", "ResetRequest", "STALE", "Source", "StalewatchError", "StalewatchRefused",
    "StalewatchUnavailable", "TRIAGING", "VALID", "VERSION_OBSERVED_TOPIC", "Validity", "VersionState",
    "__version__", "capture", "histogram_only", "stalewatch_sha256_v1", "version_observed",
]
