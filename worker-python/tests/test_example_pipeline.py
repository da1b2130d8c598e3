"""examples/pipeline: the worker and the reset hook against the local stub."""
import json
import os
import runpy
import sqlite3
import subprocess
import sys
import uuid

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(REPO, "examples", "pipeline")
OLD = "5b0d77aa" * 8

pytestmark = pytest.mark.skipif(not os.path.isdir(EXAMPLE), reason="not inside the Stalewatch repository")


def seed(path, rows):
    conn = runpy.run_path(os.path.join(EXAMPLE, "result_store.py"))["open_store"](str(path))
    conn.executemany("INSERT INTO results (job_id, stage, item_key, input, version_hash) VALUES (?, ?, ?, ?, ?)",
                     [("vic_ideas", "extract", key, json.dumps({"text": f"  text of {key} "}), h) for key, h in rows])
    conn.commit()
    conn.close()


def version_of_example():
    from stalewatch import capture
    sys.path.insert(0, EXAMPLE)
    try:
        import extract_stage
        return capture(extract_stage.handler, "extract").version_hash
    finally:
        sys.path.remove(EXAMPLE)


def test_worker_recomputes_what_is_not_valid_and_reports_the_new_histogram(stub, tmp_path):
    current = version_of_example()
    db = tmp_path / "results.db"
    seed(db, [("a", current), ("b", OLD), ("c", None)])
    stub.routes["POST /api/observations"] = lambda r: (202, {}, {"eventId": r.json()["eventId"]})
    stub.routes["GET /api/stages/vic_ideas/extract/validity"] = lambda r: (200, {"ETag": '"1"'}, {
        "jobId": "vic_ideas", "stage": "extract", "currentHash": current, "validHashes": [current],
        "versions": [{"hash": current, "results": 1, "state": "VALID", "changeId": None},
                     {"hash": OLD, "results": 1, "state": "STALE", "changeId": "c-000001"}]})
    env = dict(os.environ, STALEWATCH_URL=stub.url, STALEWATCH_TOKEN="tok", RESULTS_DB=str(db), STALEWATCH_WAIT="0")
    out = subprocess.run([sys.executable, os.path.join(EXAMPLE, "worker.py")], env=env, capture_output=True,
                         text=True, timeout=60)
    assert (out.returncode, out.stdout, out.stderr) == (0, current + "\n", "")
    first, second = [r.json() for r in stub.requests if r.method == "POST"]
    assert first["resultVersions"] == {current: 1, OLD: 1} and first["source"]["name"] == "_stage_extract"
    assert second["resultVersions"] == {current: 3} and "source" not in second
    conn = sqlite3.connect(str(db))
    assert conn.execute("SELECT item_key, version_hash FROM results ORDER BY item_key").fetchall() == \
        [("a", current), ("b", current), ("c", current)]


def test_reset_hook_clears_the_stale_results_once(tmp_path, monkeypatch):
    db = tmp_path / "results.db"
    seed(db, [("a", OLD), ("b", "keepkeep")])
    monkeypatch.setenv("RESULTS_DB", str(db))
    mark_stale = runpy.run_path(os.path.join(EXAMPLE, "reset_hook.py"))["mark_stale"]
    event_id = str(uuid.uuid4())
    mark_stale("vic_ideas", "extract", [OLD], event_id)
    conn = sqlite3.connect(str(db))
    assert conn.execute("SELECT item_key, version_hash FROM results ORDER BY item_key").fetchall() == \
        [("a", None), ("b", "keepkeep")]
    conn.execute("UPDATE results SET version_hash = ? WHERE item_key = 'a'", (OLD,))
    conn.commit()
    mark_stale("vic_ideas", "extract", [OLD], event_id)  # the same event again: a no-op
    assert conn.execute("SELECT version_hash FROM results WHERE item_key = 'a'").fetchone() == (OLD,)
