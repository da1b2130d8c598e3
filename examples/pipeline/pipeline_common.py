"""What the example pipeline's commands share: loading the deployed stage module, the SQLite result
store, the Stalewatch client from the environment, logging and one-line argument errors.

Standard library plus the ``stalewatch`` package (installed, or else ``worker-python/src`` of this
repository).
"""
from __future__ import annotations

import argparse
import json
import linecache
import logging
import os
import re
import sqlite3
import sys
import types
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, NoReturn, Optional, Sequence

HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import stalewatch
except ImportError:  # not installed: the repository's copy
    sys.path.insert(0, os.path.join(HERE, "..", "..", "worker-python", "src"))
    import stalewatch

from stalewatch.wire import NAME

EXIT_USAGE = 2
EXIT_FAILED = 1

log = logging.getLogger("pipeline")


# --- command lines ---------------------------------------------------------------------------

class UsageError(Exception):
    """A bad argument found after parsing (a module without the stage function, no STALEWATCH_URL...)."""


class Parser(argparse.ArgumentParser):
    """Errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def name_arg(value: str) -> str:
    if not NAME.fullmatch(value):
        raise argparse.ArgumentTypeError(f"must match {NAME.pattern}, was {value!r}")
    return value


def count_arg(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, was {value!r}")
    return int(value)


def seconds_arg(value: str) -> float:
    """A number >= 0 (seconds, or milliseconds for --slow-ms)."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, was {value!r}") from None
    if number < 0 or number != number:
        raise argparse.ArgumentTypeError(f"must be >= 0, was {value!r}")
    return number


def setup_logging(prog: str) -> None:
    """Logs (the pipeline's and the stalewatch package's) go to stderr, one line each."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(f"{prog}: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


CLIENT_TIMEOUT = 15.0
"""Bound on each call to Stalewatch, in seconds: snapshot-service answers a report once its broker
has it, which on a busy machine can take longer than the package's default 5 s."""


def client_from_env() -> "stalewatch.Client":
    """A client for $STALEWATCH_URL with $STALEWATCH_TOKEN (UsageError when the URL is missing or bad)."""
    url = os.environ.get("STALEWATCH_URL")
    if not url:
        raise UsageError("STALEWATCH_URL is not set (snapshot-service's address, e.g. http://localhost:8081)")
    try:
        return stalewatch.Client(url, os.environ.get("STALEWATCH_TOKEN") or None, timeout=CLIENT_TIMEOUT)
    except ValueError as e:
        raise UsageError(f"STALEWATCH_URL: {e}") from None


def short(version_hash: Optional[str]) -> str:
    return (version_hash or "-")[:12]


def describe_histogram(histogram: Dict[str, int]) -> str:
    if not histogram:
        return "no results"
    return ", ".join(f"{short(h)}={n}" for h, n in sorted(histogram.items(), key=lambda kv: (-kv[1], kv[0])))


# --- the deployed stage module ---------------------------------------------------------------

def module_name(stage: str) -> str:
    """The fixed module name a stage's code is loaded under (so the capture depends on the file only)."""
    return "pipeline_stage_" + re.sub(r"[^0-9A-Za-z_]", "_", stage)


@dataclass(frozen=True)
class StageCode:
    """A stage module as deployed: the module, its ``_stage_<stage>`` function and their capture."""

    stage: str
    path: str
    module: types.ModuleType
    handler: Callable[[str, Any, str, str], Any]
    capture: "stalewatch.Capture"

    @property
    def version_hash(self) -> str:
        return self.capture.version_hash


def load_stage(stage: str, path: str) -> StageCode:
    """Loads the stage module at ``path`` under :func:`module_name` and captures the stage.

    The file is read once: the code that runs and the source that is hashed and reported are the
    same text, even if a deployment replaces the file meanwhile (no bytecode cache is used).
    Raises UsageError when the file cannot be read or compiled or has no ``_stage_<stage>``.
    """
    path = os.path.abspath(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"cannot read stage module {path}: {e}") from None
    name = module_name(stage)
    module = types.ModuleType(name)
    module.__file__ = path
    # inspect.getsource reads this (an entry without mtime is never re-read from disk)
    linecache.cache[path] = (len(text), None, text.splitlines(True), path)
    try:
        code = compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        raise UsageError(f"stage module {path} does not compile: {e}") from None
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)
    except Exception as e:
        raise UsageError(f"stage module {path} failed to load: {type(e).__name__}: {e}") from None
    function = "_stage_" + re.sub(r"[^0-9A-Za-z_]", "_", stage)
    handler = getattr(module, function, None)
    if not callable(handler):
        raise UsageError(f"stage module {path} has no function {function}(item_key, data, stage, job)")
    cap = stalewatch.capture(handler, stage, module=module)
    if not cap.complete:
        log.warning("stage %s: no source for %s", stage, ", ".join(cap.unavailable))
    return StageCode(stage, path, module, handler, cap)


# --- the result store --------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    job_id          TEXT NOT NULL,
    stage           TEXT NOT NULL,
    item_key        TEXT NOT NULL,
    input           TEXT NOT NULL,               -- the item's data (JSON), to recompute it
    value           TEXT NOT NULL,               -- the stage's result (JSON)
    handler_version TEXT NOT NULL,               -- version hash of the code that computed it
    computations    INTEGER NOT NULL DEFAULT 1,  -- how many times this item was computed
    computed_at     TEXT NOT NULL,
    PRIMARY KEY (job_id, stage, item_key)
);
"""


@dataclass(frozen=True)
class Result:
    item_key: str
    data: Any
    value: Any
    version_hash: str
    computations: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ResultStore:
    """One row per (job, stage, item): its result, the version hash that computed it and how often
    it was computed. Every write is its own transaction, so a process killed half-way loses at most
    the item it was computing."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)  # autocommit; explicit BEGIN
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")  # durable against a killed process
            self.conn.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise UsageError(f"cannot open result store {path}: {e}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def histogram(self, job: str, stage: str) -> Dict[str, int]:
        """Stored results per version hash: the ``resultVersions`` of a report."""
        rows = self.conn.execute("SELECT handler_version, count(*) FROM results WHERE job_id = ? AND stage = ?"
                                 " GROUP BY handler_version", (job, stage))
        return {h: n for h, n in rows}

    def get(self, job: str, stage: str, item_key: str) -> Optional[Result]:
        row = self.conn.execute("SELECT item_key, input, value, handler_version, computations FROM results"
                                " WHERE job_id = ? AND stage = ? AND item_key = ?", (job, stage, item_key)).fetchone()
        return None if row is None else Result(row[0], json.loads(row[1]), json.loads(row[2]), row[3], row[4])

    def keys_with(self, job: str, stage: str, hashes: Sequence[str]) -> List[str]:
        """Item keys whose result was computed by one of ``hashes``, in key order."""
        if not hashes:
            return []
        marks = ",".join("?" * len(hashes))
        rows = self.conn.execute(f"SELECT item_key FROM results WHERE job_id = ? AND stage = ?"
                                 f" AND handler_version IN ({marks}) ORDER BY item_key", (job, stage, *hashes))
        return [r[0] for r in rows]

    def save(self, job: str, stage: str, item_key: str, data: Any, value: Any, version_hash: str) -> None:
        """Stores a computed result (one transaction), counting the computation."""
        self.conn.execute(
            "INSERT INTO results (job_id, stage, item_key, input, value, handler_version, computations, computed_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, ?)"
            " ON CONFLICT (job_id, stage, item_key) DO UPDATE SET input = excluded.input, value = excluded.value,"
            " handler_version = excluded.handler_version, computations = results.computations + 1,"
            " computed_at = excluded.computed_at",
            (job, stage, item_key, json.dumps(data, sort_keys=True), json.dumps(value, sort_keys=True),
             version_hash, _now()))

    def replace_if(self, job: str, stage: str, item_key: str, value: Any, version_hash: str,
                   stale_hashes: Sequence[str]) -> bool:
        """Stores a recomputed result only if the stored one is still from ``stale_hashes`` (one
        transaction); False when someone else recomputed it meanwhile."""
        marks = ",".join("?" * len(stale_hashes))
        cursor = self.conn.execute(
            f"UPDATE results SET value = ?, handler_version = ?, computations = computations + 1, computed_at = ?"
            f" WHERE job_id = ? AND stage = ? AND item_key = ? AND handler_version IN ({marks})",
            (json.dumps(value, sort_keys=True), version_hash, _now(), job, stage, item_key, *stale_hashes))
        return cursor.rowcount == 1

    def stats(self, job: str, stage: str) -> Dict[str, Any]:
        """``{"items", "computations", "byHash"}`` for stats.py."""
        items, computations = self.conn.execute(
            "SELECT count(*), coalesce(sum(computations), 0) FROM results WHERE job_id = ? AND stage = ?",
            (job, stage)).fetchone()
        return {"items": items, "computations": computations, "byHash": self.histogram(job, stage)}


def item_key(i: int) -> str:
    """The key of item number ``i`` (the runner's items are 0..N-1)."""
    return f"item-{i:04d}"


def item_data(i: int) -> Dict[str, int]:
    """The data of item number ``i``: the stages compute from the number only."""
    return {"n": i}


def emit(document: Dict[str, Any]) -> None:
    """One JSON line on stdout (the commands' machine-readable output), flushed at once."""
    sys.stdout.write(json.dumps(document, sort_keys=False) + "\n")
    sys.stdout.flush()
