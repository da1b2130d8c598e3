"""The example pipeline's reset hook, for ``python -m stalewatch listen --hook examples/pipeline/reset_hook.py:mark_stale``.

Environment: RESULTS_DB (SQLite file, default results.db).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import result_store as results  # noqa: E402


def mark_stale(job, stage, stale_hashes, event_id):
    """Clears the stale results (the next worker start recomputes them); a repeated event is a no-op."""
    conn = results.open_store(os.environ.get("RESULTS_DB", "results.db"))
    try:
        results.mark_for_recompute(conn, job, stage, stale_hashes, event_id)
    finally:
        conn.close()
