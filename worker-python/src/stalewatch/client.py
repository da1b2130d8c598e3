"""The HTTP client of Stalewatch for stage workers (standard library only: urllib).

Every call is bounded in total time (``timeout`` seconds, DNS and connecting included). Outages are
logged once: the first failed call logs one warning on the ``stalewatch`` logger, later calls log
nothing more until Stalewatch answers again (which is logged at INFO, and re-arms the warning).
"""
from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, FrozenSet, List, Mapping, Optional, Tuple

from . import __version__
from .capture import Capture
from .errors import InvalidEvent, Problem, StalewatchError, StalewatchRefused, StalewatchUnavailable
from .hashing import ALGORITHM
from .wire import (HASH, HASH_ALGORITHM, LANGUAGE, NAME, ResetRequest,
                   new_event_id, require_match, require_text, utc_now)

log = logging.getLogger("stalewatch")

MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""Longest answer body read; Stalewatch's answers are far smaller."""
WAIT_POLL_SECONDS = 1.0
"""Pause between the questions of ``valid_versions(wait=...)``."""

VALID = "VALID"
STALE = "STALE"
TRIAGING = "TRIAGING"
PENDING_DECISION = "PENDING_DECISION"
RESET_REQUESTED = "RESET_REQUESTED"


@dataclass(frozen=True)
class ReportResult:
    """What became of one VersionObserved report. True in a boolean context when delivered.

    ``delivered`` is True once Stalewatch answered 2xx (it has the report on its topic). When it is
    False, ``error`` says why in words; ``status`` is the HTTP status if Stalewatch answered at all
    and ``problem`` its explanation for a 4xx (``problem.detail``, ``problem.field``).
    """

    delivered: bool
    event_id: str
    version_hash: str
    status: Optional[int] = None
    problem: Optional[Problem] = None
    error: Optional[str] = None
    topic: Optional[str] = None

    def __bool__(self) -> bool:
        return self.delivered


@dataclass(frozen=True)
class VersionState:
    """One version hash of a stage as Stalewatch sees it.

    ``state`` is ``VALID``; ``STALE`` (recompute); ``TRIAGING`` (a change from this hash is being
    triaged, usually for seconds: it may still be auto-blessed); ``PENDING_DECISION`` (a change from
    this hash waits for a person: stale unless blessed); ``RESET_REQUESTED`` (a person asked for a
    recompute); or a state a newer Stalewatch added. ``change_id`` is the change that decides it, if
    any.
    """

    hash: str
    results: int
    state: str
    change_id: Optional[str] = None


@dataclass(frozen=True)
class Validity:
    """Which version hashes of a stage have valid results.

    ``valid_hashes`` is what :meth:`is_valid` consults. ``origin`` says where the answer comes from:

    * ``"server"``: Stalewatch's answer (fresh, or confirmed unchanged by a 304);
    * ``"cache"``: Stalewatch was unreachable; its last answer to this client;
    * ``"fallback"``: Stalewatch was unreachable (or answered an error) and there was no cached
      answer: only the worker's current hash is valid (the safe side: everything else is recomputed);
    * ``"unknown-stage"``: Stalewatch does not know the stage (404): only the current hash is valid;
    * ``"not-current-yet"``: Stalewatch answered, but about another current version, and the worker's
      own hash is not in its valid set (reports are applied asynchronously, so right after a report
      of new code Stalewatch may still describe the old one): only the worker's hash is valid.
    """

    job_id: str
    stage: str
    current_hash: Optional[str]
    valid_hashes: FrozenSet[str]
    versions: Tuple[VersionState, ...] = ()
    etag: Optional[str] = None
    origin: str = "server"

    def is_valid(self, result_hash: Optional[str]) -> bool:
        """True when results stored with ``result_hash`` are still valid and need no recompute."""
        return result_hash is not None and result_hash in self.valid_hashes

    def state_of(self, version_hash: str) -> Optional[str]:
        """Stalewatch's state of that hash, or None when it did not list it."""
        for version in self.versions:
            if version.hash == version_hash:
                return version.state
        return None

    @property
    def states(self) -> Dict[str, str]:
        """``{hash: state}`` for every version Stalewatch listed."""
        return {v.hash: v.state for v in self.versions}

    @property
    def triaging(self) -> bool:
        """True while a change from some version is being triaged (``TRIAGING``): usually seconds,
        and it may still be auto-blessed, so waiting for it pays."""
        return any(v.state == TRIAGING for v in self.versions)

    @property
    def pending(self) -> bool:
        """True while a change from some version waits for a person (``PENDING_DECISION``): that can
        take days, so nothing waits for it; its results are stale unless it is blessed."""
        return any(v.state == PENDING_DECISION for v in self.versions)

    def awaiting_decision(self, result_hash: Optional[str]) -> bool:
        """True when results stored with ``result_hash`` are neither valid nor decided stale yet: a
        change from that hash is being triaged or waits for a person (``TRIAGING`` or
        ``PENDING_DECISION``). A runner that can wait skips such items until the decision; one
        that cannot recomputes them (they count as stale). Only an answer about the worker's own
        version says so (``origin`` ``server`` or ``cache``): otherwise False, i.e. recompute."""
        return (result_hash is not None and self.origin in ("server", "cache")
                and not self.is_valid(result_hash)
                and self.state_of(result_hash) in (TRIAGING, PENDING_DECISION))

    def as_dict(self) -> Dict[str, Any]:
        """A JSON-ready view (used by the CLI)."""
        return {"jobId": self.job_id, "stage": self.stage, "currentHash": self.current_hash,
                "validHashes": sorted(self.valid_hashes), "origin": self.origin,
                "versions": [{"hash": v.hash, "results": v.results, "state": v.state,
                              "changeId": v.change_id} for v in self.versions]}


@dataclass(frozen=True)
class ResetPage:
    """One page of ``GET /api/resets``: the resets in ``seq`` order and the cursor to ask after.

    ``next_after`` is None when there was nothing. ``invalid`` lists ``(seq, reason)`` of entries
    that broke the ResetRequested rules and were left out (they are logged as errors).
    """

    resets: Tuple[ResetRequest, ...]
    next_after: Optional[int]
    invalid: Tuple[Tuple[Optional[int], str], ...] = ()


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        """The body as JSON, or None when it is empty or not JSON."""
        if not self.body:
            return None
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None


@dataclass
class _CacheEntry:
    validity: Validity
    fetched_at: float


class Client:
    """Talks to snapshot-service over HTTP: reports versions, asks validity, lists resets.

    ``base_url`` is snapshot-service's address (e.g. ``http://localhost:8081``, where the one-machine stack serves it), ``token`` one of
    its API tokens (sent as ``Authorization: Bearer``; without one only unauthenticated calls
    work), ``timeout`` the bound in seconds on each call's total time.

    ``validity_max_age`` is how long :meth:`is_valid` reuses an answer without asking again, and
    ``outage_backoff`` how long after a failed call :meth:`valid_versions` answers from cache or
    fallback without trying (so that a per-item :meth:`is_valid` never waits on a dead server).
    Thread-safe.
    """

    def __init__(self, base_url: str, token: Optional[str] = None, *, timeout: float = 5.0,
                 validity_max_age: float = 30.0, outage_backoff: float = 10.0) -> None:
        parsed = urllib.parse.urlsplit(base_url or "")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"base_url must be an http:// or https:// URL, was {base_url!r}")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.base_url = base_url.rstrip("/")
        self.token = token or None
        self.timeout = float(timeout)
        self.validity_max_age = float(validity_max_age)
        self.outage_backoff = float(outage_backoff)
        self._lock = threading.Lock()
        self._unreachable = False
        self._failed_at: Optional[float] = None
        self._fallback_told: set = set()
        self._current: Dict[Tuple[str, str], str] = {}
        self._undelivered: set = set()
        self._cache: Dict[Tuple[str, str], _CacheEntry] = {}
        self._negative: Dict[Tuple[str, str], _CacheEntry] = {}  # error answers (404, 401...), by time
        self._refusal_told: set = set()
        self._opener = urllib.request.build_opener()

    @classmethod
    def from_env(cls, **kwargs: Any) -> "Client":
        """A client for ``$STALEWATCH_URL`` with ``$STALEWATCH_TOKEN`` (``kwargs`` as for the constructor)."""
        url = os.environ.get("STALEWATCH_URL")
        if not url:
            raise ValueError("STALEWATCH_URL is not set")
        return cls(url, os.environ.get("STALEWATCH_TOKEN"), **kwargs)

    def __repr__(self) -> str:
        return f"Client({self.base_url!r}, token={'***' if self.token else None}, timeout={self.timeout})"

    # --- reports ---------------------------------------------------------------------------

    def report(self, job: str, stage: str, capture: Capture, result_versions: Mapping[str, int], *,
               worker_id: Optional[str] = None, strict: bool = False) -> ReportResult:
        """Reports the stage's version: POST /api/observations with a VersionObserved.

        ``result_versions`` is the stage's histogram, stored results per version hash. The report
        gets a fresh ``eventId`` and ``observedAt`` = now (UTC); ``worker_id`` defaults to
        ``<stage>-<host>-<pid>`` (Stalewatch names it in its warnings). Never raises unless ``strict``:
        the result says whether Stalewatch accepted it (a 4xx is logged as a warning with its
        ``detail`` and ``field``; an outage once per outage). With ``strict=True`` anything but
        delivery raises :class:`StalewatchError` (:class:`StalewatchRefused` carries the problem).

        The client remembers ``capture.version_hash`` as the stage's current hash for
        :meth:`valid_versions`, delivered or not.
        """
        event_id = new_event_id()
        worker_id = default_worker_id(stage) if worker_id is None else worker_id
        version_hash = getattr(capture, "version_hash", None) or ""
        key = (job, stage)
        if isinstance(job, str) and isinstance(stage, str) and version_hash:
            with self._lock:
                self._current[key] = version_hash
        delivered = False
        try:
            if not isinstance(capture, Capture):
                raise InvalidEvent("source", f"capture must be a stalewatch.Capture, not {type(capture).__name__}")
            result = self._guarded(job, stage, event_id, version_hash, strict, lambda: version_observed(
                job, stage, capture, result_versions, worker_id=worker_id, event_id=event_id))
            delivered = result.delivered
            return result
        except InvalidEvent as e:  # raised above, before anything was built
            return self._report_failed(job, stage, event_id, version_hash, strict, f"not sent: {e}",
                                       error=StalewatchError(f"report of {job}/{stage} not sent: {e}"))
        finally:
            with self._lock:
                if delivered:
                    self._undelivered.discard(key)
                else:
                    self._undelivered.add(key)

    def report_histogram(self, job: str, stage: str, version_hash: str, result_versions: Mapping[str, int],
                         *, hash_algorithm: str = ALGORITHM, worker_id: Optional[str] = None,
                         strict: bool = False) -> ReportResult:
        """A histogram-only report (no source): refreshes the counts, e.g. after a recompute.

        ``version_hash`` must be one Stalewatch already knows from a report with source. Same
        delivery rules as :meth:`report`.
        """
        event_id = new_event_id()
        worker_id = default_worker_id(stage) if worker_id is None else worker_id
        return self._guarded(job, stage, event_id, str(version_hash), strict, lambda: histogram_only(
            job, stage, version_hash, result_versions, hash_algorithm=hash_algorithm, worker_id=worker_id,
            event_id=event_id))

    def _guarded(self, job: str, stage: str, event_id: str, version_hash: str, strict: bool,
                 build: Callable[[], Dict[str, Any]]) -> ReportResult:
        """Builds and posts a report; without ``strict`` nothing, not even a bug, escapes."""
        try:
            try:
                report = build()
            except InvalidEvent as e:
                return self._report_failed(job, stage, event_id, version_hash, strict, f"not sent: {e}",
                                           error=StalewatchError(f"report of {job}/{stage} not sent: {e}"))
            return self._post_report(job, stage, report, strict)
        except StalewatchError:
            raise  # only with strict: otherwise none is raised
        except Exception as e:
            if strict:
                raise StalewatchError(f"report of {job}/{stage} failed: {type(e).__name__}: {e}") from e
            log.warning("stalewatch: report of %s/%s failed: %s: %s", job, stage, type(e).__name__, e,
                        exc_info=True)
            return ReportResult(False, event_id, version_hash, error=f"{type(e).__name__}: {e}")

    def _post_report(self, job: str, stage: str, report: Dict[str, Any], strict: bool) -> ReportResult:
        event_id, version_hash = report["eventId"], report["versionHash"]
        body = json.dumps(report, ensure_ascii=False).encode("utf-8")
        try:
            answer = self._send("POST", "/api/observations", body=body)
        except StalewatchUnavailable as e:
            return self._report_failed(job, stage, event_id, version_hash, strict, str(e), error=e, logged=True)
        if 200 <= answer.status < 300:
            data = answer.json()
            topic = data.get("topic") if isinstance(data, dict) else None
            answered_id = data.get("eventId") if isinstance(data, dict) else None
            if answered_id is not None and answered_id != event_id:
                log.debug("stalewatch: report %s acknowledged as %s", event_id, answered_id)
            return ReportResult(True, event_id, version_hash, status=answer.status,
                                topic=topic if isinstance(topic, str) else None)
        problem = Problem.from_body(answer.status, answer.json())
        message = f"report of {job}/{stage} refused: {problem}"
        return self._report_failed(job, stage, event_id, version_hash, strict, message,
                                   error=StalewatchRefused(message, problem), status=answer.status,
                                   problem=problem)

    def _report_failed(self, job: str, stage: str, event_id: str, version_hash: str, strict: bool,
                       message: str, *, error: StalewatchError, status: Optional[int] = None,
                       problem: Optional[Problem] = None, logged: bool = False) -> ReportResult:
        if strict:
            raise error
        if not logged:
            log.warning("stalewatch: %s", message if message.startswith("report") else
                        f"report of {job}/{stage} {message}")
        return ReportResult(False, event_id, version_hash, status=status, problem=problem, error=message)

    # --- validity --------------------------------------------------------------------------

    def valid_versions(self, job: str, stage: str, *, current_hash: Optional[str] = None,
                       max_age: float = 0.0, wait: float = 0.0, strict: bool = False) -> Validity:
        """Which hashes of the stage have valid results: GET /api/stages/{job}/{stage}/validity.

        ``current_hash`` is the hash of the code this worker runs; by default the one it last
        reported for the stage through this client. Answers are cached per stage with their ETag
        and revalidated with ``If-None-Match``; an answer younger than ``max_age`` seconds is reused
        without asking.

        If the answer describes another current version and does not count the worker's own hash as
        valid, only the worker's hash is valid (``origin="not-current-yet"``). With ``wait`` > 0 it
        asks again (about once a second, for at most ``wait`` seconds) while Stalewatch's current
        hash is not yet the worker's (also while it answers 404 for a stage this client reported:
        reports are applied asynchronously) or some version is ``TRIAGING``, so that a cosmetic
        change can be auto-blessed before the worker decides what to recompute. It never waits for a
        ``PENDING_DECISION`` (a person decides that, maybe days later): that answer comes back at
        once. It does not wait when this client's last report of the stage was not delivered, nor
        while Stalewatch is unreachable.

        When Stalewatch is unreachable: its last answer to this client if there is one
        (``origin="cache"``), else only the current hash is valid (``origin="fallback"``; nothing at
        all when no current hash is known), and that is logged once. A 404 (unknown stage) counts
        only the current hash (``origin="unknown-stage"``). With ``strict=True`` an outage raises
        :class:`StalewatchUnavailable` and an error answer :class:`StalewatchRefused` instead.
        """
        require_match("jobId", job, NAME)
        require_match("stage", stage, NAME)
        key = (job, stage)
        with self._lock:
            current = current_hash or self._current.get(key)
            if current_hash is None and key in self._undelivered:
                wait = 0.0  # Stalewatch never got the report: it cannot become current
            # a stage this client just reported is unknown only until Stalewatch applied the report
            waits_for = ("server", "not-current-yet", "unknown-stage") if (
                key in self._current and key not in self._undelivered) else ("server", "not-current-yet")
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            validity = self._fetch_validity(key, current, max_age, strict)
            if (wait <= 0 or validity.origin not in waits_for
                    or (validity.current_hash == current and not validity.triaging)
                    or time.monotonic() + WAIT_POLL_SECONDS > deadline):
                return validity
            time.sleep(WAIT_POLL_SECONDS)
            max_age = 0.0

    def is_valid(self, job: str, stage: str, result_hash: Optional[str], *,
                 current_hash: Optional[str] = None) -> bool:
        """True when results stored with ``result_hash`` need no recompute.

        Reuses an answer for up to ``validity_max_age`` seconds, so it is cheap to call per item.
        """
        return self.valid_versions(job, stage, current_hash=current_hash,
                                   max_age=self.validity_max_age).is_valid(result_hash)

    def _fetch_validity(self, key: Tuple[str, str], current: Optional[str], max_age: float,
                        strict: bool) -> Validity:
        job, stage = key
        with self._lock:
            cached = self._cache.get(key)
            in_backoff = (self._failed_at is not None
                          and time.monotonic() - self._failed_at < self.outage_backoff)
            negative = self._negative.get(key)
        if cached is not None and max_age > 0 and time.monotonic() - cached.fetched_at < max_age:
            return self._relative_to(cached.validity, current)
        if negative is not None and max_age > 0 and time.monotonic() - negative.fetched_at < max_age and not strict:
            if negative.validity.origin == "unknown-stage":
                return Validity(job, stage, None, frozenset([current]) if current else frozenset(),
                                origin="unknown-stage")
            return self._offline_validity(key, current, cached, "", told=True)
        if in_backoff and not strict:
            return self._offline_validity(key, current, cached, "Stalewatch was unreachable moments ago")
        headers = {"If-None-Match": cached.validity.etag} if cached is not None and cached.validity.etag else {}
        path = f"/api/stages/{urllib.parse.quote(job, safe='')}/{urllib.parse.quote(stage, safe='')}/validity"
        try:
            answer = self._send("GET", path, headers=headers)
        except StalewatchUnavailable as e:
            if strict:
                raise
            return self._offline_validity(key, current, cached, str(e))
        if answer.status == 304 and cached is not None:
            with self._lock:
                cached.fetched_at = time.monotonic()
            return self._relative_to(cached.validity, current)
        if answer.status == 200:
            try:
                validity = _parse_validity(job, stage, answer.json(), answer.headers.get("ETag"))
            except ValueError as e:
                if strict:
                    raise StalewatchError(f"validity of {job}/{stage}: unexpected answer: {e}") from None
                log.warning("stalewatch: validity of %s/%s: unexpected answer (%s)", job, stage, e)
                return self._offline_validity(key, current, cached, f"unexpected answer: {e}", told=True)
            with self._lock:
                self._cache[key] = _CacheEntry(validity, time.monotonic())
                self._negative.pop(key, None)
                self._refusal_told.discard(key)
            return self._relative_to(validity, current)
        problem = Problem.from_body(answer.status, answer.json())
        if strict:
            raise StalewatchRefused(f"validity of {job}/{stage}: {problem}", problem)
        if answer.status == 404:
            log.debug("stalewatch: %s/%s unknown to Stalewatch: %s", job, stage, problem)
            result = Validity(job, stage, None, frozenset([current]) if current else frozenset(),
                              origin="unknown-stage")
        else:
            with self._lock:
                first = key not in self._refusal_told
                self._refusal_told.add(key)
            if first:  # e.g. a wrong token: once per stage, not once per item
                log.warning("stalewatch: validity of %s/%s refused: %s; treating only %s as valid", job, stage,
                            problem, f"the current hash {current}" if current else "nothing")
            result = self._offline_validity(key, current, cached, str(problem), told=True)
        with self._lock:
            self._negative[key] = _CacheEntry(result, time.monotonic())
        return result

    @staticmethod
    def _relative_to(validity: Validity, current: Optional[str]) -> Validity:
        if current is None or current == validity.current_hash or current in validity.valid_hashes:
            return validity
        return replace(validity, valid_hashes=frozenset([current]), origin="not-current-yet")

    def _offline_validity(self, key: Tuple[str, str], current: Optional[str], cached: Optional[_CacheEntry],
                          why: str, told: bool = False) -> Validity:
        job, stage = key
        if cached is not None:
            validity = self._relative_to(cached.validity, current)
            return replace(validity, origin="cache") if validity.origin == "server" else validity
        valid = frozenset([current]) if current else frozenset()
        with self._lock:
            first = key not in self._fallback_told
            self._fallback_told.add(key)
        if first and not told:
            log.warning("stalewatch: validity of %s/%s unknown (%s); treating only %s as valid until "
                        "Stalewatch answers", job, stage, why,
                        f"the current hash {current}" if current else "nothing (no current hash known)")
        return Validity(job, stage, current, valid, origin="fallback")

    # --- resets ----------------------------------------------------------------------------

    def resets(self, job: str, *, stage: Optional[str] = None, after: Optional[int] = None,
               limit: int = 100) -> ResetPage:
        """The job's resets after cursor ``after``: GET /api/resets?job=J[&stage=S][&after=SEQ][&limit=N].

        Raises :class:`StalewatchUnavailable` when Stalewatch cannot be reached (logged once per
        outage) and :class:`StalewatchRefused` for an error answer. Entries that break the
        ResetRequested rules are left out, logged as errors and listed in ``invalid``.
        """
        require_match("job", job, NAME)
        if stage is not None:
            require_match("stage", stage, NAME)
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"limit must be a positive integer, was {limit!r}")
        query: List[Tuple[str, str]] = [("job", job)]
        if stage is not None:
            query.append(("stage", stage))
        if after is not None:
            query.append(("after", str(int(after))))
        query.append(("limit", str(limit)))
        answer = self._send("GET", "/api/resets?" + urllib.parse.urlencode(query))
        if answer.status != 200:
            problem = Problem.from_body(answer.status, answer.json())
            raise StalewatchRefused(f"resets of {job}: {problem}", problem)
        return _parse_resets(answer.json())

    # --- transport -------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, body: Optional[bytes] = None,
              headers: Optional[Mapping[str, str]] = None) -> _Answer:
        """One request, bounded by ``timeout`` in total; 5xx and no answer raise StalewatchUnavailable."""
        url = self.base_url + path
        all_headers = {"Accept": "application/json, application/problem+json",
                       "User-Agent": f"stalewatch-python/{__version__}"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        all_headers.update(headers or {})
        request = urllib.request.Request(url, data=body, headers=all_headers, method=method)
        try:
            answer = _bounded(lambda: self._exchange(request), self.timeout)
        except StalewatchUnavailable as e:
            self._note_outage(f"{method} {url}: {e}")
            raise StalewatchUnavailable(f"Stalewatch unreachable ({method} {url}: {e})") from None
        if answer.status >= 500:
            problem = Problem.from_body(answer.status, answer.json())
            self._note_outage(f"{method} {url}: {problem}")
            raise StalewatchUnavailable(f"Stalewatch unavailable ({method} {url}: {problem})")
        self._note_answer()
        return answer

    def _exchange(self, request: urllib.request.Request) -> _Answer:
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return _Answer(response.status, dict(response.headers.items()), response.read(MAX_ANSWER_BYTES))
        except urllib.error.HTTPError as e:  # 304 and 4xx/5xx arrive here: they are answers
            try:
                data = e.read(MAX_ANSWER_BYTES)
            except Exception:
                data = b""
            finally:
                e.close()
            return _Answer(e.code, dict(e.headers.items()) if e.headers else {}, data)
        except (urllib.error.URLError, OSError, ValueError) as e:
            reason = getattr(e, "reason", None) or e
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise StalewatchUnavailable(f"no answer within {self.timeout:g} s") from None
            raise StalewatchUnavailable(f"{type(reason).__name__}: {reason}") from None

    def _note_outage(self, what: str) -> None:
        with self._lock:
            first = not self._unreachable
            self._unreachable = True
            self._failed_at = time.monotonic()
        if first:
            log.warning("stalewatch: Stalewatch unreachable (%s); reports are not delivered and validity "
                        "falls back to cached answers or the current hash only; logged once until it answers", what)

    def _note_answer(self) -> None:
        with self._lock:
            was = self._unreachable
            self._unreachable = False
            self._failed_at = None
            self._fallback_told.clear()
        if was:
            log.info("stalewatch: Stalewatch at %s answers again", self.base_url)


def default_worker_id(stage: Any) -> str:
    """``<stage>-<host>-<pid>``: the ``workerId`` reported when the caller names none."""
    return f"{stage}-{socket.gethostname()}-{os.getpid()}"


def _bounded(call: Any, timeout: float) -> Any:
    """Runs ``call`` in a daemon thread and gives up after ``timeout`` seconds (the thread then ends
    by its own socket timeout)."""
    outcome: Dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as e:  # handed to the caller
            outcome["error"] = e
        finally:
            done.set()

    threading.Thread(target=run, name="stalewatch-http", daemon=True).start()
    if not done.wait(timeout):
        raise StalewatchUnavailable(f"no answer within {timeout:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --- building and reading the wire format ---------------------------------------------------

def _histogram(result_versions: Mapping[str, int]) -> Dict[str, int]:
    if not isinstance(result_versions, Mapping):
        raise InvalidEvent("resultVersions", "must be a mapping of version hash to count")
    out: Dict[str, int] = {}
    for version_hash, count in result_versions.items():
        path = f"resultVersions.{version_hash}"
        require_match(path, version_hash, HASH)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidEvent(path, f"must be a count >= 0, was {count!r}")
        out[version_hash] = int(count)
    return out


def _common(job: str, stage: str, event_id: Optional[str], worker_id: Optional[str]) -> Dict[str, Any]:
    require_match("jobId", job, NAME)
    require_match("stage", stage, NAME)
    report: Dict[str, Any] = {"type": "VersionObserved", "eventId": event_id or new_event_id(),
                              "schemaVersion": 1, "observedAt": utc_now(), "jobId": job, "stage": stage}
    if worker_id is not None:
        require_text("workerId", worker_id)
    return report


def version_observed(job: str, stage: str, capture: Capture, result_versions: Mapping[str, int], *,
                     worker_id: Optional[str] = None, event_id: Optional[str] = None) -> Dict[str, Any]:
    """The VersionObserved JSON object for a capture, checked by the rules of docs/workers.md.

    Raises :class:`InvalidEvent` naming the field that breaks a rule (bad names, U+0000 in a text,
    a negative count...).
    """
    report = _common(job, stage, event_id, worker_id)
    require_match("language", capture.language, LANGUAGE)
    require_text("source.name", capture.source.name, non_blank=True)
    require_text("source.text", capture.source.text)
    for i, dep in enumerate(capture.deps):
        require_text(f"deps[{i}].name", dep.name, non_blank=True)
        if dep.language is not None:
            require_match(f"deps[{i}].language", dep.language, LANGUAGE)
        require_text(f"deps[{i}].text", dep.text)
    report.update({"versionHash": capture.version_hash, "hashAlgorithm": ALGORITHM,
                   "language": capture.language, "source": capture.source.as_dict(),
                   "deps": [d.as_dict() for d in capture.deps],
                   "resultVersions": _histogram(result_versions)})
    if worker_id is not None:
        report["workerId"] = worker_id
    return report


def histogram_only(job: str, stage: str, version_hash: str, result_versions: Mapping[str, int], *,
                   hash_algorithm: str = ALGORITHM, worker_id: Optional[str] = None,
                   event_id: Optional[str] = None) -> Dict[str, Any]:
    """A VersionObserved without source (counts only) for a hash Stalewatch already knows."""
    report = _common(job, stage, event_id, worker_id)
    report["versionHash"] = require_match("versionHash", version_hash, HASH)
    report["hashAlgorithm"] = require_match("hashAlgorithm", hash_algorithm, HASH_ALGORITHM)
    report["resultVersions"] = _histogram(result_versions)
    if worker_id is not None:
        report["workerId"] = worker_id
    return report


def _parse_validity(job: str, stage: str, data: Any, etag: Optional[str]) -> Validity:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    current = data.get("currentHash")
    if current is not None and not isinstance(current, str):
        raise ValueError("currentHash is not a string")
    valid = data.get("validHashes")
    if not isinstance(valid, list) or not all(isinstance(h, str) for h in valid):
        raise ValueError("validHashes is not a list of strings")
    versions: List[VersionState] = []
    for i, v in enumerate(data.get("versions") or []):
        if not isinstance(v, dict) or not isinstance(v.get("hash"), str) or not isinstance(v.get("state"), str):
            raise ValueError(f"versions[{i}] lacks hash or state")
        results = v.get("results")
        change_id = v.get("changeId")
        versions.append(VersionState(v["hash"], results if isinstance(results, int) else 0, v["state"],
                                     change_id if isinstance(change_id, str) else None))
    return Validity(job_id=str(data.get("jobId") or job), stage=str(data.get("stage") or stage),
                    current_hash=current, valid_hashes=frozenset(valid), versions=tuple(versions),
                    etag=etag, origin="server")


def _parse_resets(data: Any) -> ResetPage:
    if not isinstance(data, dict) or not isinstance(data.get("resets", []), list):
        raise StalewatchError("resets: unexpected answer (no list 'resets')")
    resets: List[ResetRequest] = []
    invalid: List[Tuple[Optional[int], str]] = []
    for entry in data.get("resets") or []:
        seq = entry.get("seq") if isinstance(entry, dict) else None
        seq = seq if isinstance(seq, int) and not isinstance(seq, bool) else None
        try:
            if seq is None:
                raise InvalidEvent("seq", "is required (an integer)")
            resets.append(ResetRequest.from_json(entry, seq=seq, require_type=False))
        except InvalidEvent as e:
            log.error("stalewatch: reset seq %s left out: %s", seq, e)
            invalid.append((seq, str(e)))
    resets.sort(key=lambda r: r.seq or 0)
    next_after = data.get("nextAfter")
    if not isinstance(next_after, int) or isinstance(next_after, bool):
        next_after = None
    return ResetPage(tuple(resets), next_after, tuple(invalid))
