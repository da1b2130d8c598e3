#!/usr/bin/env python3
"""The example pipeline's reset listener: recomputes the stale items when a person runs
``jobctl reset JOB STAGE``.

    listen.py --job J --db FILE --state-file FILE --stage-module S=PATH [--stage-module S2=PATH2]
              [--via http|kafka] [--interval SECONDS] [--group GROUP] [--exit-when-idle SECONDS]
              [--slow-ms MS]

For each reset of a stage it has a module for, it loads the deployed module (at that moment) and
recomputes with it every item whose stored hash is one of the reset's staleHashes: one item per
SQLite transaction, each stored with the new hash, so a listener killed in the middle and started
again recomputes only the rest (every item exactly once). Then it reports the new histogram and
prints one JSON line ``{"eventId", "stage", "computed"}``. The state file remembers the handled
resets (and the HTTP cursor); the hook is idempotent anyway.

--via http (default) polls GET /api/resets every --interval seconds; --via kafka consumes
stalewatch.reset-requested.v1 in consumer group --group (KAFKA_BOOTSTRAP_SERVERS). Both need
STALEWATCH_URL (and STALEWATCH_TOKEN) to report. --exit-when-idle stops after that many seconds
without a reset; --slow-ms sleeps before each item (so a test can kill it half-way).
Exit 0 when stopped (idle, SIGTERM, SIGINT); 2 with one line on stderr for bad arguments.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from typing import Any, Callable, Dict, List, Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_common import (EXIT_FAILED, EXIT_USAGE, NAME, Parser, ResultStore, UsageError,  # noqa: E402
                             client_from_env, describe_histogram, emit, load_stage, log, name_arg,
                             seconds_arg, setup_logging, short, stalewatch)

PROG = "listen.py"


class NotReported(Exception):
    """The recompute is stored but Stalewatch did not get the new histogram: the reset is retried
    (recomputing nothing more) so that the report goes out."""


def stage_module_arg(value: str) -> tuple:
    stage, sep, path = value.partition("=")
    if not sep or not NAME.fullmatch(stage) or not path:
        raise argparse.ArgumentTypeError(f"must be STAGE=PATH, was {value!r}")
    return stage, path


def parser() -> Parser:
    p = Parser(prog=PROG, description="Recompute stale items when a person resets a stage.")
    p.add_argument("--job", required=True, type=name_arg)
    p.add_argument("--db", required=True, metavar="FILE", help="the SQLite result store")
    p.add_argument("--state-file", required=True, metavar="FILE", help="the listener's state (handled resets)")
    p.add_argument("--stage-module", required=True, action="append", type=stage_module_arg, metavar="STAGE=PATH",
                   help="the deployed module of a stage (repeat for more stages)")
    p.add_argument("--via", choices=("http", "kafka"), default="http")
    p.add_argument("--interval", type=seconds_arg, default=2.0, metavar="SECONDS",
                   help="HTTP: pause between polls (default 2)")
    p.add_argument("--group", metavar="GROUP", help="Kafka: the consumer group (default stalewatch-example-JOB)")
    p.add_argument("--exit-when-idle", type=seconds_arg, metavar="SECONDS",
                   help="stop after this many seconds without a reset (default: run until stopped)")
    p.add_argument("--slow-ms", type=seconds_arg, default=0.0, metavar="MS", help="sleep this long before each item")
    return p


class Recompute:
    """The reset hook: ``hook(job, stage, stale_hashes, event_id)``.

    ``after_item(n)`` is called after the n-th item of a reset was stored (tests make it raise to
    simulate a crash half-way).
    """

    def __init__(self, store: ResultStore, client: "stalewatch.Client", modules: Dict[str, str], *,
                 slow_ms: float = 0.0, after_item: Optional[Callable[[int], Any]] = None) -> None:
        self.store = store
        self.client = client
        self.modules = dict(modules)
        self.slow = slow_ms / 1000.0
        self.after_item = after_item

    def __call__(self, job: str, stage: str, stale_hashes: List[str], event_id: str) -> None:
        path = self.modules.get(stage)
        if path is None:  # only with several --stage-module: the listener then hears every stage
            log.warning("reset %s of %s/%s ignored: no --stage-module for stage %s", event_id, job, stage, stage)
            return
        code = load_stage(stage, path)
        stale = [h for h in stale_hashes if h != code.version_hash]
        keys = self.store.keys_with(job, stage, stale)
        log.info("reset %s of %s/%s: %d items under %s, recomputing with %s (%s)", event_id, job, stage, len(keys),
                 ", ".join(short(h) for h in stale_hashes) or "no hash", short(code.version_hash),
                 os.path.basename(code.path))
        computed = 0
        for key in keys:
            if self.slow:
                time.sleep(self.slow)
            stored = self.store.get(job, stage, key)
            if stored is None or stored.version_hash not in stale:
                continue  # recomputed meanwhile (e.g. by a runner)
            value = code.handler(key, stored.data, stage, job)
            if self.store.replace_if(job, stage, key, value, code.version_hash, stale):
                computed += 1
                if self.after_item is not None:
                    self.after_item(computed)
        histogram = self.store.histogram(job, stage)
        log.info("recomputed %d; stored results: %s", computed, describe_histogram(histogram))
        # with source: the deployed code may be newer than the reset's currentHash
        report = self.client.report(job, stage, code.capture, histogram, worker_id=f"listener-{stage}-{os.getpid()}")
        if not report.delivered:
            raise NotReported(f"the new histogram of {job}/{stage} was not delivered ({report.error})")
        emit({"eventId": event_id, "stage": stage, "computed": computed})


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    modules = dict(args.stage_module)
    if len(modules) != len(args.stage_module):
        p.error("--stage-module names a stage twice")
    setup_logging(PROG)
    try:
        for stage, path in modules.items():
            load_stage(stage, path)  # fail now, not at the first reset
        client = client_from_env()
        if args.via == "kafka" and not os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
            raise UsageError("--via kafka needs KAFKA_BOOTSTRAP_SERVERS")
        state = stalewatch.ListenerState(args.state_file)
        store = ResultStore(args.db)
    except (UsageError, stalewatch.StalewatchError) as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return EXIT_USAGE
    hook = Recompute(store, client, modules, slow_ms=args.slow_ms)
    only = next(iter(modules)) if len(modules) == 1 else None
    if args.via == "http":
        listener: Any = stalewatch.HttpResetListener(client, args.job, hook, state, stage=only, interval=args.interval)
    else:
        listener = stalewatch.KafkaResetListener(args.job, hook, state, stage=only,
                                                 group_id=args.group or f"stalewatch-example-{args.job}",
                                                 bootstrap_servers=os.environ["KAFKA_BOOTSTRAP_SERVERS"])
    signal.signal(signal.SIGTERM, lambda *_: listener.stop())
    log.info("listening for resets of %s (%s) via %s%s", args.job, ", ".join(sorted(modules)), args.via,
             f", stopping after {args.exit_when_idle:g} s idle" if args.exit_when_idle is not None else "")
    try:
        listener.run(max_idle=args.exit_when_idle)
    except KeyboardInterrupt:
        pass
    except stalewatch.StalewatchError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return EXIT_FAILED
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
