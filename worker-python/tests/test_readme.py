"""The README's worker-start and reset-listener snippets, run as written against the local stub."""
import os
import re
import sys
import types
import uuid

import pytest

import sample_stages
from stalewatch import capture

README = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "README.md")
OLD = "5b0d77aa" * 8
CAP = capture(sample_stages.handler, "extract")


GUIDE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "docs",
                     "workers.md")


def snippet(title, path=README):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'```python title="' + re.escape(title) + r'"\n(.*?)```', text, re.S)
    assert m, f"{path} has no snippet {title}"
    return m.group(1)


class Item:
    def __init__(self, key, version_hash):
        self.key, self.data, self.version_hash = key, {"text": f"text of {key}"}, version_hash


class Store:
    def __init__(self):
        self.items_ = [Item("a", CAP.version_hash), Item("b", OLD), Item("c", None)]
        self.saved = []
        self.marked = []

    def counts_by_version(self, stage):
        counts = {}
        for item in self.items_:
            if item.version_hash:
                counts[item.version_hash] = counts.get(item.version_hash, 0) + 1
        return counts

    def items(self, stage):
        return list(self.items_)

    def save(self, item, result, version_hash):
        self.saved.append((item.key, version_hash))

    def mark_for_recompute(self, job, stage, stale_hashes):
        self.marked.append((job, stage, stale_hashes))


@pytest.fixture
def pipeline(monkeypatch):
    module = types.ModuleType("my_pipeline")
    module.handler = sample_stages.handler
    module.store = Store()
    monkeypatch.setitem(sys.modules, "my_pipeline", module)
    return module


def test_worker_start_snippet_is_ten_lines():
    assert len(snippet("worker_start.py").splitlines()) == 10


def test_worker_start_skips_the_valid_results(stub, pipeline, monkeypatch):
    monkeypatch.setenv("STALEWATCH_URL", stub.url)
    monkeypatch.setenv("STALEWATCH_TOKEN", "tok")
    stub.routes["POST /api/observations"] = lambda r: (202, {}, {"eventId": r.json()["eventId"]})
    stub.routes["GET /api/stages/vic_ideas/extract/validity"] = lambda r: (200, {"ETag": '"1"'}, {
        "jobId": "vic_ideas", "stage": "extract", "currentHash": CAP.version_hash,
        "validHashes": [CAP.version_hash],
        "versions": [{"hash": CAP.version_hash, "results": 1, "state": "VALID", "changeId": None},
                     {"hash": OLD, "results": 1, "state": "STALE", "changeId": "c-000001"}]})
    exec(compile(snippet("worker_start.py"), "worker_start.py", "exec"), {"__name__": "worker_start"})
    assert stub.requests[0].json()["resultVersions"] == {CAP.version_hash: 1, OLD: 1}
    assert pipeline.store.saved == [("b", CAP.version_hash), ("c", CAP.version_hash)]


def test_worker_start_recomputes_everything_but_its_own_when_stalewatch_is_down(pipeline, monkeypatch):
    from stub_server import refused_url
    monkeypatch.setenv("STALEWATCH_URL", refused_url())
    exec(compile(snippet("worker_start.py"), "worker_start.py", "exec"), {"__name__": "worker_start"})
    assert pipeline.store.saved == [("b", CAP.version_hash), ("c", CAP.version_hash)]


def test_reset_listener_snippet(stub, pipeline, monkeypatch, tmp_path):
    event_id = str(uuid.uuid4())
    monkeypatch.setenv("STALEWATCH_URL", stub.url)
    monkeypatch.setenv("RESET_STATE_FILE", str(tmp_path / "resets.json"))
    monkeypatch.setenv("EXIT_WHEN_IDLE", "0.2")
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": [] if r.query.get("after") else [{
        "seq": 1, "eventId": event_id, "jobId": "vic_ideas", "stage": "extract", "currentHash": CAP.version_hash,
        "staleHashes": [OLD], "requestedBy": "alice", "requestedAt": "2026-01-01T00:00:00Z"}], "nextAfter": 1})
    exec(compile(snippet("reset_listener.py"), "reset_listener.py", "exec"), {"__name__": "reset_listener"})
    assert pipeline.store.marked == [("vic_ideas", "extract", [OLD])]


@pytest.mark.skipif(not os.path.isfile(GUIDE), reason="not inside the Stalewatch repository")
def test_the_guide_shows_the_snippets_run_here():
    # docs/workers.md quotes them under other titles: its reset_listener.py is the plain consumer CI runs
    assert snippet("worker_start.py", GUIDE) == snippet("worker_start.py")
    assert snippet("listen_for_resets.py", GUIDE) == snippet("reset_listener.py")
