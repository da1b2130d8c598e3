#!/usr/bin/env python3
"""The example pipeline's extract worker, using the stalewatch package (worker-python/).

At start it captures the stage, reports it, asks which stored results are still valid, recomputes
the others and reports the new histogram. Prints the version hash.

Environment: STALEWATCH_URL, STALEWATCH_TOKEN, RESULTS_DB (SQLite file, default results.db),
STALEWATCH_JOB (default vic_ideas), STALEWATCH_WAIT (seconds to wait for triage, default 30).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import stalewatch
except ImportError:  # not installed: use the repository's copy
    sys.path.insert(0, os.path.join(HERE, "..", "..", "worker-python", "src"))
    import stalewatch

import extract_stage
import result_store as results

STAGE = "extract"


def main() -> int:
    job = os.environ.get("STALEWATCH_JOB", "vic_ideas")
    conn = results.open_store(os.environ.get("RESULTS_DB", "results.db"))
    client = stalewatch.Client(os.environ["STALEWATCH_URL"], os.environ.get("STALEWATCH_TOKEN"))
    cap = stalewatch.capture(extract_stage.handler, STAGE)
    client.report(job, STAGE, cap, results.counts_by_version(conn, job, STAGE))
    validity = client.valid_versions(job, STAGE, wait=float(os.environ.get("STALEWATCH_WAIT", "30")))
    recomputed = 0
    for key, data, version_hash in results.items(conn, job, STAGE):
        if not validity.is_valid(version_hash):
            results.save(conn, job, STAGE, key, extract_stage.handler(key, data, STAGE, job), cap.version_hash)
            recomputed += 1
    if recomputed:
        client.report_histogram(job, STAGE, cap.version_hash, results.counts_by_version(conn, job, STAGE))
    print(cap.version_hash)
    return 0


if __name__ == "__main__":
    sys.exit(main())
