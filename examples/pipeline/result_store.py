"""A tiny SQLite result store for the example: one row per (job, stage, item) with the version hash
of the code that computed it (NULL: to compute)."""
import json
import sqlite3
from typing import Dict, Iterator, List, Tuple

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    job_id TEXT NOT NULL, stage TEXT NOT NULL, item_key TEXT NOT NULL,
    input TEXT NOT NULL, output TEXT, version_hash TEXT,
    PRIMARY KEY (job_id, stage, item_key));
CREATE TABLE IF NOT EXISTS handled_resets (event_id TEXT PRIMARY KEY);
"""


def open_store(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    return conn


def counts_by_version(conn: sqlite3.Connection, job: str, stage: str) -> Dict[str, int]:
    rows = conn.execute("SELECT version_hash, count(*) FROM results WHERE job_id = ? AND stage = ? "
                        "AND version_hash IS NOT NULL GROUP BY version_hash", (job, stage))
    return {h: n for h, n in rows}


def items(conn: sqlite3.Connection, job: str, stage: str) -> Iterator[Tuple[str, dict, str]]:
    rows = conn.execute("SELECT item_key, input, version_hash FROM results WHERE job_id = ? AND stage = ? "
                        "ORDER BY item_key", (job, stage)).fetchall()
    for key, data, version_hash in rows:
        yield key, json.loads(data), version_hash


def save(conn: sqlite3.Connection, job: str, stage: str, key: str, output: dict, version_hash: str) -> None:
    conn.execute("UPDATE results SET output = ?, version_hash = ? WHERE job_id = ? AND stage = ? AND item_key = ?",
                 (json.dumps(output), version_hash, job, stage, key))
    conn.commit()


def mark_for_recompute(conn: sqlite3.Connection, job: str, stage: str, stale_hashes: List[str], event_id: str) -> bool:
    """Clears the results of the stale hashes and remembers the reset, in one transaction; False when
    the reset was handled before."""
    with conn:
        if conn.execute("SELECT 1 FROM handled_resets WHERE event_id = ?", (event_id,)).fetchone():
            return False
        conn.executemany("UPDATE results SET version_hash = NULL WHERE job_id = ? AND stage = ? AND version_hash = ?",
                         [(job, stage, h) for h in stale_hashes])
        conn.execute("INSERT INTO handled_resets (event_id) VALUES (?)", (event_id,))
    return True
