#!/usr/bin/env python3
"""Runs one stage of the example pipeline over items 0..N-1, recomputing only what is not valid.

    runner.py --job J --stage S --stage-module PATH --items N --db FILE [--wait SECONDS]

At start it loads the deployed stage module, captures the stage (``_stage_<stage>`` and
``VERSION_DEPS``) and reports it to Stalewatch with the store's histogram, then asks which version
hashes are valid (waiting up to --wait seconds while the change is triaged). Then, per item:

* no result, or a result whose hash is STALE, RESET_REQUESTED or unknown to Stalewatch: computed;
* a result whose hash is VALID: kept;
* a result whose hash is TRIAGING or PENDING_DECISION: skipped (not recomputed) until decided.

If that changed the store, it reports the new histogram. Prints one JSON line on stdout:
``{"versionHash", "items", "computed", "keptValid", "waitingForDecision"}``; logs go to stderr.
Environment: STALEWATCH_URL, STALEWATCH_TOKEN. Exit 0 (also when Stalewatch is down: then only the
stage's own results count as valid); 2 with one line on stderr for bad arguments.
"""
from __future__ import annotations

import os
import sys
from typing import Any, Dict, Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pipeline_common import (EXIT_USAGE, Parser, ResultStore, UsageError, client_from_env,  # noqa: E402
                             count_arg, describe_histogram, emit, item_data, item_key, load_stage, log,
                             name_arg, seconds_arg, setup_logging, short)

PROG = "runner.py"


def parser() -> Parser:
    p = Parser(prog=PROG, description="Run one stage of the example pipeline over items 0..N-1.")
    p.add_argument("--job", required=True, type=name_arg)
    p.add_argument("--stage", required=True, type=name_arg)
    p.add_argument("--stage-module", required=True, metavar="PATH", help="the deployed stage module file")
    p.add_argument("--items", required=True, type=count_arg, metavar="N")
    p.add_argument("--db", required=True, metavar="FILE", help="the SQLite result store")
    p.add_argument("--wait", type=seconds_arg, default=30.0, metavar="SECONDS",
                   help="how long to wait for triage of a new version (default 30)")
    return p


def run(job: str, stage: str, stage_module: str, items: int, db: str, wait: float) -> Dict[str, Any]:
    code = load_stage(stage, stage_module)
    client = client_from_env()
    with ResultStore(db) as store:
        before = store.histogram(job, stage)
        log.info("%s/%s: version %s (%s), stored results: %s", job, stage, short(code.version_hash),
                 os.path.basename(code.path), describe_histogram(before))
        report = client.report(job, stage, code.capture, before, worker_id=f"runner-{stage}-{os.getpid()}")
        log.info("reported to Stalewatch: %s", "delivered" if report.delivered else f"NOT delivered ({report.error})")
        validity = client.valid_versions(job, stage, wait=wait)
        log.info("valid versions (%s): %s", validity.origin,
                 ", ".join(short(h) for h in sorted(validity.valid_hashes)) or "none")
        for version in validity.versions:
            if version.hash in before:
                log.info("  %s %s (%d results)", short(version.hash), version.state, before[version.hash])

        computed = kept = waiting = 0
        for i in range(items):
            key = item_key(i)
            stored = store.get(job, stage, key)
            if stored is not None and validity.is_valid(stored.version_hash):
                kept += 1
                continue
            if stored is not None and validity.awaiting_decision(stored.version_hash):
                waiting += 1  # TRIAGING or PENDING_DECISION: left as is until decided
                continue
            data = item_data(i)
            store.save(job, stage, key, data, code.handler(key, data, stage, job), code.version_hash)
            computed += 1

        after = store.histogram(job, stage)
        log.info("computed %d, kept %d valid, %d waiting for a decision; stored results: %s",
                 computed, kept, waiting, describe_histogram(after))
        if after != before:
            if report.delivered:  # Stalewatch knows the hash: counts only
                again = client.report_histogram(job, stage, code.version_hash, after)
            else:  # it may not: with source
                again = client.report(job, stage, code.capture, after)
            log.info("reported the new histogram: %s", "delivered" if again.delivered else "NOT delivered")
    return {"versionHash": code.version_hash, "items": items, "computed": computed, "keptValid": kept,
            "waitingForDecision": waiting}


def main(argv: Optional[Sequence[str]] = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    setup_logging(PROG)
    try:
        emit(run(args.job, args.stage, args.stage_module, args.items, args.db, args.wait))
    except UsageError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return EXIT_USAGE
    return 0


if __name__ == "__main__":
    sys.exit(main())
